// Users, presence, the own profile, blocks, bans and push preferences in the store: one test
// per event and per REST answer, each repeated to show a repeat changes nothing and keeps
// the same references.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeModel, type UserResponse } from 'chatstore';
import { selectBlockedUserIds, selectChannelPushPreferences } from '../../src/store/account.ts';
import { liveUser, mergeUserCopy } from '../../src/store/userCopies.ts';
import { selectUser } from '../../src/store/selectors.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';
import { BASE_MS, channelState, iso, msg, storeHarness, user } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const DM = 'messaging:dm';

function decodedUser(id: string, extra: Record<string, unknown> = {}): UserResponse {
  const r = decodeModel('UserResponse', { ...user(id), ...extra });
  if (!r.ok) throw r.error;
  return r.value;
}

describe('user.updated and user.presence.changed', () => {
  it('update the users table once; the held message and member copies are untouched (read live by id)', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'a1', BASE_MS + 1)], members: ['me', 'bob'] });
    const channelBefore = h.ch(A);
    h.send('user.updated', { user: { ...user('bob'), name: 'Robert', image: 'https://x/bob.png', updated_at: iso(BASE_MS + 5) } });
    const s = h.store.getState();
    expect(selectUser(s, 'bob')?.name).toBe('Robert');
    // No O(messages) rewrite: the channel entry is the same object.
    expect(h.ch(A)).toBe(channelBefore);
    const held = h.ch(A).members['bob']!.user!;
    expect(held.name).toBe('bob');
    expect(liveUser(s, held).name).toBe('Robert');
    expect(liveUser(s, h.ch(A).messages.buckets.flatMap((b) => Object.values(b))[0]!.user).image).toBe('https://x/bob.png');
    h.send('user.updated', { user: { ...user('bob'), name: 'Robert', image: 'https://x/bob.png', updated_at: iso(BASE_MS + 5) } });
    expect(h.store.getState()).toBe(s);
  });

  it('presence changes online and last_active without updated_at; a repeat keeps the reference', () => {
    const h = storeHarness();
    h.hydrate(A, { members: ['me', 'bob'] });
    h.send('user.presence.changed', { user: { ...user('bob'), online: true, last_active: iso(BASE_MS + 10) } });
    const s = h.store.getState();
    expect(selectUser(s, 'bob')).toMatchObject({ online: true, last_active: BASE_MS + 10 });
    h.send('user.presence.changed', { user: { ...user('bob'), online: true, last_active: iso(BASE_MS + 10) } });
    expect(h.store.getState()).toBe(s);
  });

  it('an own user.updated moves me too', () => {
    const h = storeHarness();
    h.send('user.updated', { user: { ...user('me'), name: 'Me Myself', updated_at: iso(BASE_MS + 5) } });
    expect(h.store.getState().me?.name).toBe('Me Myself');
  });
});

describe('copies merged from REST answers', () => {
  it('a copy with an older updated_at still brings newer presence; one with older presence keeps the held presence', () => {
    const held = decodedUser('bob', { name: 'New', updated_at: iso(BASE_MS + 10), online: false, last_active: iso(BASE_MS + 5) });
    const olderProfileNewerPresence = decodedUser('bob', { name: 'Old', updated_at: iso(BASE_MS), online: true, last_active: iso(BASE_MS + 20) });
    expect(mergeUserCopy(held, olderProfileNewerPresence)).toMatchObject({ name: 'New', online: true, last_active: BASE_MS + 20 });
    const newerProfileOlderPresence = decodedUser('bob', { name: 'Newer', updated_at: iso(BASE_MS + 30), online: true, last_active: iso(BASE_MS + 1) });
    expect(mergeUserCopy(held, newerProfileOlderPresence)).toMatchObject({ name: 'Newer', online: false, last_active: BASE_MS + 5 });
    const stale = decodedUser('bob', { name: 'Old', updated_at: iso(BASE_MS), online: true, last_active: iso(BASE_MS + 1) });
    expect(mergeUserCopy(held, stale)).toBe(held);
  });

  it('property: merging the same copies in any order ends in the same user', () => {
    const copy = fc.record({ profile: fc.integer({ min: 0, max: 5 }), presence: fc.integer({ min: 0, max: 5 }), online: fc.boolean() });
    fc.assert(
      fc.property(fc.array(copy, { minLength: 1, maxLength: 6 }), fc.func(fc.integer()), (copies, _f) => {
        // Distinct times, so "newest" is one copy whatever the order.
        const list = copies.map((c, i) =>
          decodedUser('bob', { name: `n${c.profile}-${i}`, updated_at: iso(BASE_MS + c.profile * 100 + i), online: c.online, last_active: iso(BASE_MS + c.presence * 100 + i) }),
        );
        const fold = (order: UserResponse[]) => order.reduce<UserResponse | undefined>((held, u) => mergeUserCopy(held, u), undefined);
        const forward = fold(list);
        const backward = fold([...list].reverse());
        expect(backward).toEqual(forward);
      }),
      propertyRuns({ seed: 2511, numRuns: 200 }),
    );
  });

  it('users/fetched (a QueryUsers answer) merges into the table; a repeat changes nothing', () => {
    const h = storeHarness();
    h.dispatch({ type: 'users/fetched', users: [decodedUser('carol', { online: true, last_active: iso(BASE_MS) })] });
    const s = h.store.getState();
    expect(selectUser(s, 'carol')?.online).toBe(true);
    h.dispatch({ type: 'users/fetched', users: [decodedUser('carol', { online: true, last_active: iso(BASE_MS) })] });
    expect(h.store.getState()).toBe(s);
  });
});

describe('own profile (optimistic)', () => {
  it('shows at once on me and the users table; the stored answer settles it; a repeat of the answer changes nothing', () => {
    const h = storeHarness();
    h.dispatch({ type: 'profile/updating', opId: 'p1', set: { name: 'Neo', color: 'green' }, unset: [] });
    let me = h.store.getState().me!;
    expect(me.name).toBe('Neo');
    expect(me.custom['color']).toBe('green');
    expect(selectUser(h.store.getState(), 'me')?.name).toBe('Neo');
    const stored = decodedUser('me', { name: 'Neo', color: 'green', custom: { color: 'green' }, updated_at: iso(BASE_MS + 50) });
    h.dispatch({ type: 'profile/updated', opId: 'p1', user: stored });
    me = h.store.getState().me!;
    expect(me).toMatchObject({ name: 'Neo', updated_at: BASE_MS + 50 });
    expect(h.store.getState().account.profileOps).toEqual({});
    const s = h.store.getState();
    h.dispatch({ type: 'profile/updated', opId: 'p1', user: stored });
    expect(h.store.getState()).toBe(s);
  });

  it('a failure puts back exactly what was there (a custom field that did not exist goes away)', () => {
    const h = storeHarness();
    const before = h.store.getState().me;
    const userBefore = selectUser(h.store.getState(), 'me');
    h.dispatch({ type: 'profile/updating', opId: 'p1', set: { name: 'Neo', color: 'green' }, unset: ['image'] });
    h.dispatch({ type: 'profile/failed', opId: 'p1' });
    expect(h.store.getState().me).toEqual(before);
    expect(selectUser(h.store.getState(), 'me')).toEqual(userBefore);
    const s = h.store.getState();
    h.dispatch({ type: 'profile/failed', opId: 'p1' });
    expect(h.store.getState()).toBe(s);
  });

  it('a failure keeps a change that came in meanwhile (user.updated from another device)', () => {
    const h = storeHarness();
    h.dispatch({ type: 'profile/updating', opId: 'p1', set: { name: 'Neo', color: 'green' }, unset: [] });
    h.send('user.updated', { user: { ...user('me'), name: 'Trinity', updated_at: iso(BASE_MS + 9) } });
    h.dispatch({ type: 'profile/failed', opId: 'p1' });
    const me = h.store.getState().me!;
    expect(me.name).toBe('Trinity');
    expect(me.custom['color']).toBeUndefined();
  });
});

describe('blocks', () => {
  it('a pending block shows at once and goes with a failure; the confirmed one lands in me.blocked_user_ids', () => {
    const h = storeHarness();
    expect(selectBlockedUserIds(h.store.getState())).toEqual([]);
    h.dispatch({ type: 'block/changing', opId: 'b1', userId: 'bob', blocked: true });
    expect(selectBlockedUserIds(h.store.getState())).toEqual(['bob']);
    h.dispatch({ type: 'block/failed', opId: 'b1' });
    expect(selectBlockedUserIds(h.store.getState())).toEqual([]);
    h.dispatch({ type: 'block/changing', opId: 'b2', userId: 'bob', blocked: true });
    h.dispatch({ type: 'block/settled', opId: 'b2', userId: 'bob', blocked: true });
    expect(h.store.getState().me?.blocked_user_ids).toEqual(['bob']);
    const ids = selectBlockedUserIds(h.store.getState());
    const s = h.store.getState();
    h.dispatch({ type: 'block/settled', opId: 'b2', userId: 'bob', blocked: true });
    expect(h.store.getState()).toBe(s);
    expect(selectBlockedUserIds(h.store.getState())).toBe(ids);
  });

  it('a user copy of the own user (user.updated, an update answer) leaves the own blocked list alone', () => {
    const h = storeHarness();
    h.dispatch({ type: 'block/settled', opId: 'b1', userId: 'bob', blocked: true });
    h.send('user.updated', { user: { ...user('me'), name: 'Renamed', blocked_user_ids: [], updated_at: iso(BASE_MS + 5) } });
    h.dispatch({ type: 'profile/updating', opId: 'p1', set: { name: 'Again' }, unset: [] });
    h.dispatch({ type: 'profile/updated', opId: 'p1', user: decodedUser('me', { name: 'Again', blocked_user_ids: [], updated_at: iso(BASE_MS + 6) }) });
    expect(h.store.getState().me?.name).toBe('Again');
    expect(selectBlockedUserIds(h.store.getState())).toEqual(['bob']);
  });

  it('a health.check that lands while a block is out does not undo it', () => {
    const h = storeHarness();
    h.dispatch({ type: 'block/changing', opId: 'b1', userId: 'bob', blocked: true });
    h.send('health.check', { me: { ...user('me'), total_unread_count: 0, unread_channels: 0, unread_threads: 0, unread_count: 0, channel_mutes: [], mutes: [], blocked_user_ids: [] } });
    expect(selectBlockedUserIds(h.store.getState())).toEqual(['bob']);
  });

  it('a confirmed block hides the one-to-one channel with that user from lists (marked blocked); group channels stay', () => {
    const h = storeHarness();
    h.dispatch({ type: 'channelList/requested', key: 'l', filter: {}, sort: [], reset: true });
    h.dispatch({ type: 'channelList/loaded', key: 'l', channels: [channelState(DM, { members: ['me', 'bob'] }), channelState(A, { members: ['me', 'bob', 'carol'] })], offset: 0, limit: 10, messageLimit: 25 });
    expect(h.store.getState().lists['l']!.cids).toEqual(expect.arrayContaining([DM, A]));
    h.dispatch({ type: 'block/settled', opId: 'b1', userId: 'bob', blocked: true });
    expect(h.store.getState().lists['l']!.cids).toEqual([A]);
    expect(h.ch(DM).data?.blocked).toBe(true);
    expect(h.ch(A).data?.blocked).toBeUndefined();
  });

  it('property: blocks and unblocks confirmed or failed in any order end as the confirmed ones say', () => {
    const op = fc.record({ user: fc.constantFrom('bob', 'carol', 'dave'), blocked: fc.boolean(), ok: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }).chain((ops) => fc.tuple(fc.constant(ops), fc.shuffledSubarray(ops.map((_, i) => i), { minLength: ops.length, maxLength: ops.length }))), ([ops, settleOrder]) => {
        const h = storeHarness();
        ops.forEach((o, i) => h.dispatch({ type: 'block/changing', opId: `o${i}`, userId: o.user, blocked: o.blocked }));
        const expected = new Set<string>();
        for (const i of settleOrder) {
          const o = ops[i]!;
          if (o.ok) {
            h.dispatch({ type: 'block/settled', opId: `o${i}`, userId: o.user, blocked: o.blocked });
            if (o.blocked) expected.add(o.user);
            else expected.delete(o.user);
          } else h.dispatch({ type: 'block/failed', opId: `o${i}` });
        }
        expect(h.store.getState().account.blockOps).toEqual({});
        expect([...selectBlockedUserIds(h.store.getState())].sort()).toEqual([...expected].sort());
      }),
      propertyRuns({ seed: 2512, numRuns: 200 }),
    );
  });
});

describe('bans', () => {
  it('user.banned / user.unbanned set the member flag, the own membership too; repeats keep references', () => {
    const h = storeHarness();
    h.hydrate(A, { members: ['me', 'bob'] });
    h.send('user.banned', { cid: A, channel_type: 'messaging', channel_id: 'a', user: user('bob') });
    expect(h.ch(A).members['bob']).toMatchObject({ banned: true });
    const s = h.store.getState();
    h.send('user.banned', { cid: A, channel_type: 'messaging', channel_id: 'a', user: user('bob') });
    expect(h.store.getState()).toBe(s);
    h.send('user.banned', { cid: A, channel_type: 'messaging', channel_id: 'a', user: user('me') });
    expect(h.ch(A).membership).toMatchObject({ banned: true });
    h.send('user.unbanned', { cid: A, channel_type: 'messaging', channel_id: 'a', user: user('bob') });
    expect(h.ch(A).members['bob']).toMatchObject({ banned: false });
  });

  it('an app-wide ban (no channel) sets the user\'s own flag', () => {
    const h = storeHarness();
    h.send('user.banned', { user: user('bob') });
    expect(selectUser(h.store.getState(), 'bob')?.banned).toBe(true);
    h.send('user.unbanned', { user: user('bob') });
    expect(selectUser(h.store.getState(), 'bob')?.banned).toBe(false);
  });
});

describe('push preferences', () => {
  it('come with channel query answers and with preference answers; a repeat changes nothing', () => {
    const h = storeHarness();
    h.dispatch({ type: 'channels/hydrated', channels: [{ ...channelState(A), push_preferences: { chat_level: 'mentions' } }], messageLimit: 25 });
    expect(selectChannelPushPreferences(h.store.getState(), A)).toEqual({ chat_level: 'mentions' });
    const s = h.store.getState();
    h.dispatch({ type: 'channels/hydrated', channels: [{ ...channelState(A), push_preferences: { chat_level: 'mentions' } }], messageLimit: 25 });
    expect(h.store.getState().account).toBe(s.account);
    h.dispatch({ type: 'push/fetched', user: { chat_level: 'all' }, channels: { [A]: { chat_level: 'none' } } });
    expect(selectChannelPushPreferences(h.store.getState(), A)).toEqual({ chat_level: 'none' });
    expect(h.store.getState().me?.push_preferences).toEqual({ chat_level: 'all' });
    const s2 = h.store.getState();
    h.dispatch({ type: 'push/fetched', user: { chat_level: 'all' }, channels: { [A]: { chat_level: 'none' } } });
    expect(h.store.getState()).toBe(s2);
  });
});

describe('paged lists', () => {
  it('a user page goes to the table, ids to the list; a repeated page changes nothing', () => {
    const h = storeHarness();
    h.dispatch({ type: 'paged/requested', key: 'u', reset: true });
    const page = [decodedUser('ann'), decodedUser('ben')];
    h.dispatch({ type: 'paged/loaded', key: 'u', reset: true, limit: 2, users: page });
    const l = h.store.getState().pagedLists['u']!;
    expect(l).toMatchObject({ ids: ['ann', 'ben'], hasMore: true, loading: false, offset: 2 });
    const s = h.store.getState();
    h.dispatch({ type: 'paged/loaded', key: 'u', reset: true, limit: 2, users: page });
    expect(h.store.getState().pagedLists['u']!.ids).toBe(s.pagedLists['u']!.ids);
    expect(h.store.getState().users).toBe(s.users);
  });
});
