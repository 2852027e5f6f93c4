import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;

beforeAll(async () => {
  emu = await startEmulator({
    seed: { users: [{ id: 'alice' }, { id: 'bob' }, { id: 'carol' }], channels: [{ type: 'messaging', id: 'r', members: ['alice', 'bob'], messages: [{ id: 'msg', user: 'alice', text: 'react to me' }] }] },
  });
  alice = await RawClient.connect(emu, 'alice');
  bob = await RawClient.connect(emu, 'bob');
  await alice.api('POST', chan('messaging', 'r', '/query'), { watch: true });
});
afterAll(async () => {
  await alice.close();
  await bob.close();
  await emu.close();
});

const react = (c: RawClient, type: string, { reaction = {}, ...rest }: { reaction?: Record<string, unknown>; enforce_unique?: boolean } = {}) =>
  c.api('POST', '/api/v2/chat/messages/msg/reaction', { reaction: { type, ...reaction }, ...rest });

describe('reactions', () => {
  it('adds reactions with counts, scores, groups, latest and own reactions', async () => {
    const first = await react(bob, 'like');
    expect(first.body['reaction']).toMatchObject({ type: 'like', user_id: 'bob', score: 1, message_id: 'msg' });
    expect(await alice.waitForType('reaction.new')).toMatchObject({ reaction: { type: 'like' }, user: { id: 'bob' } });
    await react(alice, 'like');
    const res = await react(bob, 'love', { reaction: { score: 3 } });
    const m = res.body['message'];
    expect(m['reaction_counts']).toEqual({ like: 2, love: 1 });
    expect(m['reaction_scores']).toEqual({ like: 2, love: 3 });
    expect(m['reaction_groups']['like']).toMatchObject({ count: 2, sum_scores: 2 });
    expect(m['reaction_groups']['love']).toMatchObject({ count: 1, sum_scores: 3 });
    expect(m['reaction_groups']['like']['first_reaction_at'] < m['reaction_groups']['like']['last_reaction_at']).toBe(true);
    expect(m['latest_reactions'].map((r: any) => `${r.user_id}:${r.type}`)).toEqual(['bob:love', 'alice:like', 'bob:like']);
    expect(m['own_reactions'].map((r: any) => r.type).sort()).toEqual(['like', 'love']);
  });

  it('enforce_unique replaces the user\'s other reactions (reaction.updated)', async () => {
    const res = await react(bob, 'wow', { enforce_unique: true });
    expect(res.body['message']['own_reactions'].map((r: any) => r.type)).toEqual(['wow']);
    expect(res.body['message']['reaction_counts']).toEqual({ like: 1, wow: 1 });
    expect(await alice.waitForType('reaction.updated')).toMatchObject({ reaction: { type: 'wow', user_id: 'bob' } });
  });

  it('deletes a reaction (reaction.deleted); deleting a missing one is code 16', async () => {
    const res = await bob.api('DELETE', '/api/v2/chat/messages/msg/reaction/wow');
    expect(res.body['message']['reaction_counts']).toEqual({ like: 1 });
    expect(await alice.waitForType('reaction.deleted')).toMatchObject({ reaction: { type: 'wow' } });
    expect((await bob.api('DELETE', '/api/v2/chat/messages/msg/reaction/wow')).body['code']).toBe(16);
  });

  it('lists reactions newest first with limit and offset', async () => {
    await react(bob, 'haha');
    const all = await alice.api('GET', '/api/v2/chat/messages/msg/reactions');
    expect(all.body['reactions'].map((r: any) => r.type)).toEqual(['haha', 'like']);
    const second = await alice.api('GET', '/api/v2/chat/messages/msg/reactions', undefined, { query: { limit: '1', offset: '1' } });
    expect(second.body['reactions'].map((r: any) => r.type)).toEqual(['like']);
  });

  it('rejects bad reactions and non-members', async () => {
    expect((await bob.api('POST', '/api/v2/chat/messages/msg/reaction', {})).body['code']).toBe(4);
    expect((await bob.api('POST', '/api/v2/chat/messages/msg/reaction', { reaction: { type: 7 } })).body['code']).toBe(4);
    expect((await bob.api('POST', '/api/v2/chat/messages/nope/reaction', { reaction: { type: 'x' } })).body['code']).toBe(16);
    const carol = await RawClient.connect(emu, 'carol');
    expect((await react(carol, 'like')).body['code']).toBe(17);
    await carol.close();
  });
});
