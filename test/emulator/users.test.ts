// The emulator's users and moderation behaviour over raw HTTP and WebSocket (no chatstore
// client): blocks hide one-to-one channels and their events from the blocker, bans and flags
// from the test controls, push preferences in channel answers, the user data limit, guests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from 'chatstore/emulator';
import { call, chan, watchingPair, type RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ emu, alice, bob, close } = await watchingPair(
    {
      users: [{ id: 'alice' }, { id: 'bob' }, { id: 'carol' }],
      channels: [
        { type: 'messaging', id: 'dm', members: ['alice', 'bob'] },
        { type: 'messaging', id: 'grp', members: ['alice', 'bob', 'carol'] },
      ],
    },
    'dm',
  ));
  await alice.api('POST', chan('messaging', 'grp', '/query'), { watch: true });
});
afterEach(() => close());

const cids = (body: Record<string, any>): string[] => body['channels'].map((c: any) => c.channel.cid).sort();

describe('blocks', () => {
  it('hide the one-to-one channel from the blocker (queries, events); hidden queries return it marked blocked; groups unaffected', async () => {
    expect((await alice.api('POST', '/api/v2/users/block', { blocked_user_id: 'bob' })).status).toBeLessThan(300);
    const q = await alice.api('POST', '/api/v2/chat/channels', { filter_conditions: { members: { $in: ['alice'] } } });
    expect(cids(q.body)).toEqual(['messaging:grp']);
    const hidden = await alice.api('POST', '/api/v2/chat/channels', { filter_conditions: { members: { $in: ['alice'] }, hidden: true } });
    expect(hidden.body['channels'].map((c: any) => [c.channel.cid, c.channel.blocked])).toEqual([['messaging:dm', true]]);
    // Bob still sees the channel as before (the block is alice's).
    expect(cids((await bob.api('POST', '/api/v2/chat/channels', { filter_conditions: { members: { $in: ['bob'] } } })).body)).toEqual(['messaging:dm', 'messaging:grp']);

    alice.clear();
    await bob.api('POST', chan('messaging', 'dm', '/message'), { message: { id: 'blocked-1', text: 'psst' } });
    await bob.api('POST', chan('messaging', 'grp', '/query'), { watch: true });
    await bob.api('POST', chan('messaging', 'grp', '/message'), { message: { id: 'group-1', text: 'all' } });
    await alice.waitForType('message.new', (e) => e['message']?.id === 'group-1');
    await alice.sync();
    expect(alice.ofType('message.new').map((e) => e['message'].id)).toEqual(['group-1']);

    await alice.api('POST', '/api/v2/users/unblock', { blocked_user_id: 'bob' });
    expect(cids((await alice.api('POST', '/api/v2/chat/channels', { filter_conditions: { members: { $in: ['alice'] } } })).body)).toEqual(['messaging:dm', 'messaging:grp']);
  });
});

describe('bans and flags from the test controls', () => {
  it('a channel ban sends user.banned to the watchers and shows on the member; unban sends user.unbanned', async () => {
    emu.controls.banUser('bob', { channel: 'messaging:dm', reason: 'spam', bannedBy: 'alice' });
    const ev = await alice.waitForType('user.banned');
    expect(ev).toMatchObject({ cid: 'messaging:dm', user: { id: 'bob' }, reason: 'spam', shadow: false, created_by: { id: 'alice' } });
    await bob.waitForType('user.banned');
    const state = await alice.api('POST', chan('messaging', 'dm', '/query'), {});
    expect(state.body['members'].find((m: any) => m.user_id === 'bob').banned).toBe(true);
    const bans = await alice.api('GET', '/api/v2/chat/query_banned_users', undefined, { query: { payload: JSON.stringify({ filter_conditions: { channel_cid: 'messaging:dm' } }) } });
    expect(bans.body['bans'].map((b: any) => b.user.id)).toEqual(['bob']);
    emu.controls.unbanUser('bob', { channel: 'messaging:dm' });
    await alice.waitForType('user.unbanned');
  });

  it('a flag lists for the user who made it, not for another regular user', async () => {
    await bob.api('POST', chan('messaging', 'dm', '/message'), { message: { id: 'f-1', text: 'flag me' } });
    emu.controls.flagMessage('alice', 'f-1', 'rude');
    const q = (who: RawClient) => who.api('GET', '/api/v2/chat/moderation/flags/message', undefined, { query: { payload: JSON.stringify({ filter_conditions: {} }) } });
    expect((await q(alice)).body['flags'].map((f: any) => [f.message.id, f.reason, f.user.id])).toEqual([['f-1', 'rude', 'alice']]);
    expect((await q(bob)).body['flags']).toEqual([]);
  });
});

describe('push preferences, user data, guests', () => {
  it('a channel\'s own push preferences ride on its channel query answer', async () => {
    const set = await alice.api('POST', '/api/v2/push_preferences', { preferences: [{ channel_cid: 'messaging:dm', chat_level: 'none' }] });
    expect(set.status).toBeLessThan(300);
    const state = await alice.api('POST', chan('messaging', 'dm', '/query'), {});
    expect(state.body['push_preferences']).toMatchObject({ chat_level: 'none' });
    const other = await bob.api('POST', chan('messaging', 'dm', '/query'), {});
    expect(other.body['push_preferences']).toBeUndefined();
  });

  it('a user over 5 KB of data is refused with code 4 and nothing is stored', async () => {
    const res = await alice.api('PATCH', '/api/v2/users', { users: [{ id: 'alice', set: { name: 'x'.repeat(6_000) } }] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 4 });
    const users = await alice.api('GET', '/api/v2/users', undefined, { query: { payload: JSON.stringify({ filter_conditions: { id: 'alice' } }) } });
    expect(users.body['users'][0].name ?? '').not.toHaveLength(6_000);
  });

  it('CreateGuest needs no token and makes a guest', async () => {
    const res = await call(emu, '', 'POST', '/api/v2/guest', { user: { id: 'guest-1', name: 'G' } }, { token: null, headers: { 'stream-auth-type': 'anonymous' } });
    expect(res.status).toBeLessThan(300);
    expect(res.body['user']).toMatchObject({ id: 'guest-1', role: 'guest' });
    expect(typeof res.body['access_token']).toBe('string');
  });
});
