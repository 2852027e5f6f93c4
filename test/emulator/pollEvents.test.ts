// The poll events the emulator sends to the watchers of the channel holding the poll's
// message, as the service sends them: the whole poll with everyone's counts, serialized once
// for all recipients (own_votes empty: clients keep their own), and the vote stamped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTime, RawClient, watchingPair } from './helpers.ts';

let alice: RawClient;
let bob: RawClient;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ alice, bob, close } = await watchingPair(
    {
      users: [{ id: 'alice' }, { id: 'bob' }],
      channels: [{ type: 'messaging', id: 'pe', members: ['alice', 'bob'], messages: [] }],
    },
    'pe',
  ));
});
afterAll(() => close());

describe('poll events', () => {
  it('a vote reaches both watchers with the counts and a stamped vote, no own votes', async () => {
    const created = await alice.api('POST', '/api/v2/polls', { name: 'Q', enforce_unique_vote: true, options: [{ text: 'one' }, { text: 'two' }] });
    const poll = created.body['poll'];
    const [one, two] = poll.options.map((o: { id: string }) => o.id);
    const sent = await alice.api('POST', '/api/v2/chat/channels/messaging/pe/message', { message: { id: 'pm', text: 'vote', poll_id: poll.id } });
    expect(sent.status).toBeLessThan(300);
    alice.clear();
    bob.clear();

    const cast = await bob.api('POST', `/api/v2/chat/messages/pm/polls/${poll.id}/vote`, { vote: { option_id: one } });
    expect(cast.status).toBe(200);
    // The caller's answer carries the caller's own votes.
    expect(cast.body['poll']['own_votes'].map((v: { option_id: string }) => v.option_id)).toEqual([one]);
    expectTime(cast.body['vote']['created_at']);
    for (const who of [alice, bob]) {
      const ev = await who.waitForType('poll.vote_casted');
      expect(ev['poll']['vote_counts_by_option']).toEqual({ [one]: 1, [two]: 0 });
      expect(ev['poll']['vote_count']).toBe(1);
      expect(ev['poll']['own_votes']).toEqual([]);
      expect(ev['poll_vote']).toMatchObject({ option_id: one, user_id: 'bob', poll_id: poll.id });
      expectTime(ev['poll_vote']['created_at']);
      expect(ev['cid']).toBe('messaging:pe');
    }

    // enforce_unique_vote: a second vote moves it, announced as poll.vote_changed.
    await bob.api('POST', `/api/v2/chat/messages/pm/polls/${poll.id}/vote`, { vote: { option_id: two } });
    const changed = await alice.waitForType('poll.vote_changed');
    expect(changed['poll']['vote_counts_by_option']).toEqual({ [one]: 0, [two]: 1 });
    expect(changed['poll_vote']).toMatchObject({ option_id: two, user_id: 'bob' });

    const voteId = changed['poll_vote']['id'];
    await bob.api('DELETE', `/api/v2/chat/messages/pm/polls/${poll.id}/vote/${voteId}`);
    const removed = await alice.waitForType('poll.vote_removed');
    expect(removed['poll']['vote_count']).toBe(0);
    expect(removed['poll_vote']).toMatchObject({ id: voteId, option_id: two, user_id: 'bob' });

    // Closing and deleting go to the watchers too, with the message's poll in event form.
    await alice.api('PATCH', `/api/v2/polls/${poll.id}`, { set: { is_closed: true } });
    const closedEv = await bob.waitForType('poll.closed');
    expect(closedEv['poll']['is_closed']).toBe(true);
    expect(closedEv['poll']['own_votes']).toEqual([]);
    await alice.api('DELETE', `/api/v2/polls/${poll.id}`);
    const deleted = await bob.waitForType('poll.deleted');
    expect(deleted['poll']['id']).toBe(poll.id);
  });
});
