// Polls with two real clients over the emulator: a poll created and sent by Alice, voted on
// by Bob, shown live to both with the right counts and each one's own votes; the rules that
// refuse a vote before any request; optimistic votes rolled back exactly on a refusal.
import { describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { isChatError, selectPoll, type ChatClient, type ChatError, type PollView } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

async function pair(pollInput: Partial<Parameters<ChatClient['createPoll']>[0]> = {}, bobOptions: Record<string, unknown> = {}) {
  const alice = await suite.client('alice');
  const bob = await suite.client('bob', bobOptions);
  const ca = alice.channel('messaging', 'polls', { members: ['alice', 'bob'] });
  await ca.watch();
  const cb = bob.channel('messaging', 'polls');
  await cb.watch();
  const poll = await alice.createPoll({ name: 'Lunch?', options: [{ text: 'Tacos' }, { text: 'Noodles' }, { text: 'Salad' }], ...pollInput });
  const message = await ca.sendMessage({ text: 'Vote!', poll_id: poll.id });
  const [tacos, noodles, salad] = poll.options.map((o) => o.id) as [string, string, string];
  // Bob sees the message arrive with its poll, and the poll in his table.
  await until(bob.poll(poll.id).poll$, (p) => p !== null);
  return { alice, bob, poll, message, tacos, noodles, salad };
}

const counts = (p: PollView | null) => p?.vote_counts_by_option;

describe('polls over the emulator', () => {
  it('a vote by Bob shows live to Alice; own votes stay each one own', async () => {
    const { alice, bob, poll, message, tacos, noodles } = await pair();
    const bobVote = await bob.poll(poll.id).vote(message.id, tacos);
    expect(bobVote.option_id).toBe(tacos);
    const seen = await until(alice.poll(poll.id).poll$, (p) => counts(p)?.[tacos] === 1);
    expect(seen?.vote_count).toBe(1);
    expect(seen?.own_votes).toEqual([]);
    expect(seen?.latest_votes_by_option[tacos]?.[0]?.user_id).toBe('bob');

    await alice.poll(poll.id).vote(message.id, noodles);
    await until(bob.poll(poll.id).poll$, (p) => counts(p)?.[noodles] === 1);
    await drained(suite.emu, alice, 'alice');
    await drained(suite.emu, bob, 'bob');
    const a = alice.getState();
    const b = bob.getState();
    const pa = await firstValueFrom(alice.poll(poll.id).poll$);
    const pb = await firstValueFrom(bob.poll(poll.id).poll$);
    expect(counts(pa)).toEqual({ [tacos]: 1, [noodles]: 1, [poll.options[2]!.id]: 0 });
    expect(counts(pb)).toEqual(counts(pa));
    expect(pa?.own_votes.map((v) => v.option_id)).toEqual([noodles]);
    expect(pb?.own_votes.map((v) => v.option_id)).toEqual([tacos]);
    expect(a.polls.size).toBe(1);
    expect(b.polls.size).toBe(1);

    // Bob takes his vote back.
    await bob.poll(poll.id).removeVote(message.id, bobVote.id);
    const after = await until(alice.poll(poll.id).poll$, (p) => counts(p)?.[tacos] === 0);
    expect(after?.vote_count).toBe(1);
    expect((await firstValueFrom(bob.poll(poll.id).poll$))?.own_votes).toEqual([]);
  });

  it('enforce_unique_vote: a new vote replaces the own previous one, for both users', async () => {
    const { alice, bob, poll, message, tacos, salad } = await pair({ enforce_unique_vote: true });
    await bob.poll(poll.id).vote(message.id, tacos);
    const p = bob.poll(poll.id).vote(message.id, salad);
    // Optimistic: moved at once, before the server answers.
    const shown = selectPoll(bob.getState(), poll.id);
    expect(counts(shown)?.[salad]).toBe(1);
    expect(counts(shown)?.[tacos]).toBe(0);
    await p;
    const seen = await until(alice.poll(poll.id).poll$, (x) => counts(x)?.[salad] === 1 && counts(x)?.[tacos] === 0);
    expect(seen?.vote_count).toBe(1);
    await drained(suite.emu, bob, 'bob');
    expect((await firstValueFrom(bob.poll(poll.id).poll$))?.own_votes.map((v) => v.option_id)).toEqual([salad]);
  });

  it('refuses an unknown option, a vote beyond max_votes_allowed and a vote on a closed poll, before any request', async () => {
    const { alice, bob, poll, message, tacos, noodles, salad } = await pair({ max_votes_allowed: 2 });
    const handle = bob.poll(poll.id);
    await handle.vote(message.id, tacos);
    await handle.vote(message.id, noodles);
    await drained(suite.emu, bob, 'bob');
    const before = bob.getState();
    const errors: ChatError[] = [];
    const sub = bob.errors$.subscribe((e) => errors.push(e));
    const beyond = await handle.vote(message.id, salad).catch((e: unknown) => e);
    expect(isChatError(beyond) && beyond.code).toBe(4);
    expect((beyond as ChatError).message).toMatch(/at most 2/);
    const unknown = await handle.vote(message.id, 'no-such-option').catch((e: unknown) => e);
    expect(isChatError(unknown) && unknown.code).toBe(4);
    expect(bob.getState()).toBe(before);
    expect(errors).toHaveLength(2);

    await alice.poll(poll.id).close();
    await until(handle.poll$, (p) => p?.is_closed === true);
    await handle.removeVote(message.id, (await firstValueFrom(handle.poll$))!.own_votes[0]!.id).catch(() => undefined);
    const closedState = bob.getState();
    const closed = await handle.vote(message.id, tacos).catch((e: unknown) => e);
    expect(isChatError(closed) && closed.message).toMatch(/closed/);
    expect(bob.getState()).toBe(closedState);
    sub.unsubscribe();
  });

  it('a vote the server refuses is rolled back exactly, keeping what others did meanwhile', async () => {
    // Bob's votes are refused by the server (a 403 for the vote path), everything else passes.
    let refuse = false;
    const fetchFor: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (refuse && /\/polls\/[^/]+\/vote/.test(url)) {
        return new Response(JSON.stringify({ code: 17, message: 'not allowed to vote', StatusCode: 403, duration: '0ms' }), { status: 403, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const { alice, bob, poll, message, tacos, noodles } = await pair({}, { fetch: fetchFor });
    await drained(suite.emu, bob, 'bob');
    const before = await firstValueFrom(bob.poll(poll.id).poll$);
    refuse = true;
    const pending = bob.poll(poll.id).vote(message.id, tacos).catch((e: unknown) => e);
    // At once, before the answer.
    expect(counts(selectPoll(bob.getState(), poll.id))?.[tacos]).toBe(1);
    const err = await pending;
    expect(isChatError(err) && err.code).toBe(17);
    // Alice's vote, after Bob's was refused, is kept.
    await alice.poll(poll.id).vote(message.id, noodles);
    const after = await until(bob.poll(poll.id).poll$, (p) => counts(p)?.[noodles] === 1);
    expect(counts(after)?.[tacos]).toBe(0);
    expect(after?.own_votes).toEqual([]);
    expect(after?.pendingVotes).toBe(0);
    expect(counts(before)?.[tacos]).toBe(0);
  });

  it('addOption, queryVotes and delete', async () => {
    const { alice, bob, poll, message, tacos, noodles } = await pair({ allow_user_suggested_options: true });
    const option = await bob.poll(poll.id).addOption({ text: 'Pizza' });
    await until(alice.poll(poll.id).poll$, (p) => p?.options.some((o) => o.id === option.id) === true);
    await bob.poll(poll.id).vote(message.id, tacos);
    await alice.poll(poll.id).vote(message.id, tacos);
    const votes = alice.poll(poll.id).queryVotes({ option_id: tacos });
    const list = await until(votes.votes$, (v) => v.length === 2);
    expect(list.map((v) => v.user_id).sort()).toEqual(['alice', 'bob']);
    // Live: a new vote for the option joins the list at the top.
    await bob.poll(poll.id).vote(message.id, noodles);
    await alice.poll(poll.id).vote(message.id, noodles);
    await drained(suite.emu, alice, 'alice');
    expect((await firstValueFrom(votes.votes$)).length).toBe(2);
    votes.dispose();

    const bad = await bob.poll(poll.id).addOption({ text: '' }).catch((e: unknown) => e);
    expect(isChatError(bad) && bad.code).toBe(4);

    await alice.poll(poll.id).delete();
    expect(await until(bob.poll(poll.id).poll$, (p) => p === null)).toBeNull();
  });
});
