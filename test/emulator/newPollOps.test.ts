// Poll administration (update, partial update, delete, options, vote queries) and the
// giphy-style message actions (RunMessageAction, EphemeralMessageUpdate), over real HTTP at
// the seeds' paths, with the poll.* and message.new events the watchers hear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';
import { OpLedger } from './opCalls.ts';

const ops = new OpLedger();
const COVERS = [
  'UpdatePoll', 'UpdatePollPartial', 'DeletePoll', 'CreatePollOption', 'UpdatePollOption', 'GetPollOption', 'DeletePollOption',
  'QueryPollVotes', 'RunMessageAction', 'EphemeralMessageUpdate',
];

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice' }, { id: 'bob' }],
      polls: [{ id: 'lunch', name: 'Lunch?', created_by: 'alice', options: ['Pizza', 'Sushi'] }],
      channels: [{ type: 'messaging', id: 'room', members: ['alice', 'bob'], messages: [{ id: 'pm', user: 'alice', text: 'vote', poll_id: 'lunch' }] }],
    },
  });
  [alice, bob] = (await Promise.all(['alice', 'bob'].map((u) => RawClient.connect(emu, u)))) as [RawClient, RawClient];
  await bob.api('POST', chan('messaging', 'room', '/query'), { watch: true });
});
afterAll(async () => {
  for (const c of [alice, bob]) await c.close();
  await emu.close();
});

const optionId = async (text: string): Promise<string> => {
  const poll = (await ops.ok(alice, 'GetPoll', { poll_id: 'lunch' }))['poll'];
  return poll['options'].find((o: any) => o.text === text).id as string;
};

describe('poll options', () => {
  it('suggestions need the poll to allow them; the creator adds, edits, reads and deletes options', async () => {
    expect((await ops.call(bob, 'CreatePollOption', { poll_id: 'lunch' }, { text: 'Tacos' })).body['code']).toBe(17);
    const added = await ops.ok(alice, 'CreatePollOption', { poll_id: 'lunch' }, { text: 'Tacos' });
    expect(added['poll_option']).toMatchObject({ text: 'Tacos' });
    const updated = await bob.waitForType('poll.updated');
    expect(updated['poll']['options'].map((o: any) => o.text)).toEqual(['Pizza', 'Sushi', 'Tacos']);
    expect((await ops.call(alice, 'CreatePollOption', { poll_id: 'lunch' }, { text: 'Tacos' })).body['code']).toBe(4);
    expect((await ops.call(alice, 'CreatePollOption', { poll_id: 'lunch' }, {})).body['message']).toContain('"text" is required');

    const id = added['poll_option']['id'] as string;
    const renamed = await ops.ok(alice, 'UpdatePollOption', { poll_id: 'lunch' }, { id, text: 'Burritos' });
    expect(renamed['poll_option']).toMatchObject({ id, text: 'Burritos' });
    expect((await ops.call(bob, 'UpdatePollOption', { poll_id: 'lunch' }, { id, text: 'Mine' })).body['code']).toBe(17);
    expect((await ops.ok(bob, 'GetPollOption', { poll_id: 'lunch', option_id: id }))['poll_option']).toMatchObject({ text: 'Burritos' });
    expect((await ops.call(bob, 'GetPollOption', { poll_id: 'lunch', option_id: 'nope' })).body['code']).toBe(16);

    await ops.ok(bob, 'CastPollVote', { message_id: 'pm', poll_id: 'lunch' }, { vote: { option_id: id } });
    await ops.ok(alice, 'DeletePollOption', { poll_id: 'lunch', option_id: id });
    const poll = (await ops.ok(alice, 'GetPoll', { poll_id: 'lunch' }))['poll'];
    expect(poll['options'].map((o: any) => o.text)).toEqual(['Pizza', 'Sushi']);
    expect(poll['vote_count']).toBe(0);
    expect((await ops.call(alice, 'GetPollOption', { poll_id: 'lunch', option_id: id })).body['code']).toBe(16);
  });
});

describe('poll updates and votes', () => {
  it('partial updates change only what they name; closing sends poll.closed; only the creator', async () => {
    bob.clear();
    const res = await ops.ok(alice, 'UpdatePollPartial', { poll_id: 'lunch' }, { set: { description: 'Friday', allow_user_suggested_options: true, mood: 'hungry' } });
    expect(res['poll']).toMatchObject({ name: 'Lunch?', description: 'Friday', allow_user_suggested_options: true, custom: { mood: 'hungry' } });
    expect((await ops.ok(bob, 'CreatePollOption', { poll_id: 'lunch' }, { text: 'Salad' }))['poll_option']['text']).toBe('Salad');
    expect((await ops.call(bob, 'UpdatePollPartial', { poll_id: 'lunch' }, { set: { name: 'Mine' } })).body['code']).toBe(17);
    expect((await ops.call(alice, 'UpdatePollPartial', { poll_id: 'lunch' }, { set: { max_votes_allowed: 'many' } })).body['code']).toBe(4);
    const unset = await ops.ok(alice, 'UpdatePollPartial', { poll_id: 'lunch' }, { unset: ['description', 'mood'] });
    expect(unset['poll']['description']).toBe('');
    expect(unset['poll']['custom']).toEqual({});
    await ops.ok(alice, 'UpdatePollPartial', { poll_id: 'lunch' }, { set: { is_closed: true } });
    expect(await bob.waitForType('poll.closed')).toMatchObject({ cid: 'messaging:room', poll: { id: 'lunch', is_closed: true } });
    expect((await ops.call(bob, 'CastPollVote', { message_id: 'pm', poll_id: 'lunch' }, { vote: { option_id: await optionId('Pizza') } })).body['code']).toBe(4);
  });

  it('a full update replaces the poll and drops votes of removed options', async () => {
    const pizza = await optionId('Pizza');
    const sushi = await optionId('Sushi');
    await ops.ok(alice, 'UpdatePoll', {}, { id: 'lunch', name: 'Lunch today?', options: [{ id: pizza, text: 'Pizza' }, { id: sushi, text: 'Sushi' }] });
    await ops.ok(bob, 'CastPollVote', { message_id: 'pm', poll_id: 'lunch' }, { vote: { option_id: pizza } });
    await ops.ok(alice, 'CastPollVote', { message_id: 'pm', poll_id: 'lunch' }, { vote: { option_id: sushi } });
    const full = await ops.ok(alice, 'UpdatePoll', {}, { id: 'lunch', name: 'Lunch today?', allow_answers: true, options: [{ id: pizza, text: 'Pizza!' }] });
    expect(full['poll']).toMatchObject({ name: 'Lunch today?', allow_answers: true, allow_user_suggested_options: false, vote_count: 1 });
    expect(full['poll']['options']).toEqual([{ id: pizza, text: 'Pizza!', custom: {} }]);
    expect((await ops.call(alice, 'UpdatePoll', {}, { id: 'lunch' })).body['message']).toContain('"name" is required');
    expect((await ops.call(bob, 'UpdatePoll', {}, { id: 'lunch', name: 'x' })).body['code']).toBe(17);
  });

  it('QueryPollVotes filters and pages the votes', async () => {
    await ops.ok(bob, 'CastPollVote', { message_id: 'pm', poll_id: 'lunch' }, { vote: { answer_text: 'anything' } });
    const all = await ops.ok(alice, 'QueryPollVotes', { poll_id: 'lunch' }, {});
    expect(all['votes']).toHaveLength(2);
    const answers = await ops.ok(alice, 'QueryPollVotes', { poll_id: 'lunch' }, { filter: { is_answer: true } });
    expect(answers['votes']).toMatchObject([{ answer_text: 'anything', user_id: 'bob' }]);
    const page = await ops.ok(alice, 'QueryPollVotes', { poll_id: 'lunch' }, { limit: 1 });
    const next = await ops.ok(alice, 'QueryPollVotes', { poll_id: 'lunch' }, { limit: 1, next: page['next'] });
    expect(next['votes'][0]['id']).not.toBe(page['votes'][0]['id']);
    expect((await ops.call(alice, 'QueryPollVotes', { poll_id: 'lunch' }, { next: 'forged!' })).body['code']).toBe(4);
    expect((await ops.call(alice, 'QueryPollVotes', { poll_id: 'none' }, {})).body['code']).toBe(16);
  });

  it('DeletePoll is the creator\'s, sends poll.deleted and leaves the message without it', async () => {
    expect((await ops.call(bob, 'DeletePoll', { poll_id: 'lunch' })).body['code']).toBe(17);
    await ops.ok(alice, 'DeletePoll', { poll_id: 'lunch' });
    expect(await bob.waitForType('poll.deleted')).toMatchObject({ poll: { id: 'lunch' } });
    expect((await ops.call(alice, 'GetPoll', { poll_id: 'lunch' })).body['code']).toBe(16);
    expect((await ops.ok(alice, 'GetMessage', { id: 'pm' }))['message']['poll_id']).toBeUndefined();
  });
});

describe('giphy message actions', () => {
  it('/giphy gives the author an ephemeral message; shuffle moves through the set, send posts it', async () => {
    bob.clear();
    const sent = await ops.ok(alice, 'SendMessage', { type: 'messaging', id: 'room' }, { message: { id: 'gif1', text: '/giphy cats' } });
    expect(sent['message']).toMatchObject({ id: 'gif1', type: 'ephemeral', command: 'giphy', attachments: [{ type: 'giphy', title: 'cats' }] });
    expect(sent['message']['attachments'][0]['actions'].map((a: any) => a.value)).toEqual(['send', 'shuffle', 'cancel']);
    const first = sent['message']['attachments'][0]['image_url'];
    const shuffled = await ops.ok(alice, 'RunMessageAction', { id: 'gif1' }, { form_data: { image_action: 'shuffle' } });
    expect(shuffled['message']['attachments'][0]['image_url']).not.toBe(first);
    expect((await ops.call(bob, 'RunMessageAction', { id: 'gif1' }, { form_data: { image_action: 'send' } })).body['code']).toBe(16);
    expect((await ops.call(alice, 'RunMessageAction', { id: 'gif1' }, { form_data: { image_action: 'dance' } })).body['code']).toBe(4);
    expect((await ops.call(alice, 'RunMessageAction', { id: 'gif1' }, {})).body['message']).toContain('"form_data" is required');

    const edited = await ops.ok(alice, 'EphemeralMessageUpdate', { id: 'gif1' }, { set: { note: 'for bob' } });
    expect(edited['message']).toMatchObject({ type: 'ephemeral', note: 'for bob' });
    expect((await ops.call(alice, 'EphemeralMessageUpdate', { id: 'gif1' }, { set: { type: 'regular' } })).body['code']).toBe(4);
    expect((await ops.call(alice, 'EphemeralMessageUpdate', { id: 'pm' }, { set: { note: 'x' } })).body['code']).toBe(4);
    await bob.sync();
    expect(bob.ofType('message.new')).toEqual([]);

    const posted = await ops.ok(alice, 'RunMessageAction', { id: 'gif1' }, { form_data: { image_action: 'send' } });
    expect(posted['message']).toMatchObject({ id: 'gif1', type: 'regular', attachments: [{ type: 'giphy', image_url: shuffled['message']['attachments'][0]['image_url'] }] });
    expect(posted['message']['attachments'][0]['actions']).toBeUndefined();
    expect(await bob.waitForType('message.new', (e) => e['message']['id'] === 'gif1')).toMatchObject({ message: { type: 'regular' } });
    expect((await ops.call(alice, 'RunMessageAction', { id: 'gif1' }, { form_data: { image_action: 'send' } })).body['code']).toBe(4);
  });

  it('cancel drops the ephemeral message', async () => {
    await ops.ok(alice, 'SendMessage', { type: 'messaging', id: 'room' }, { message: { id: 'gif2', text: '/giphy dogs' } });
    await ops.ok(alice, 'RunMessageAction', { id: 'gif2' }, { form_data: { image_action: 'cancel' } });
    expect((await ops.call(alice, 'RunMessageAction', { id: 'gif2' }, { form_data: { image_action: 'send' } })).body['code']).toBe(16);
    expect((await ops.call(alice, 'GetMessage', { id: 'gif2' })).body['code']).toBe(16);
    expect((await ops.call(alice, 'SendMessage', { type: 'messaging', id: 'room' }, { message: { text: '/giphy' } })).body['code']).toBe(4);
  });

  it('called every operation this file covers', () => {
    expect(COVERS.filter((name) => !ops.called.has(name))).toEqual([]);
  });
});
