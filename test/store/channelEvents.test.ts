// Channel-level events: truncation, members, watchers, bans, users and typing (with expiry
// on virtual time through the typing/expired action).
import { describe, expect, it } from 'vitest';
import { VirtualTimeScheduler } from 'rxjs';
import { selectMembers, selectTyping, selectUser } from '../../src/store/selectors.ts';
import { BASE_MS, channelData, iso, member, msg, storeHarness, user } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const Z = 'messaging:zz';
const t = (n: number) => BASE_MS + n * 1_000;

function fourMessages(unread = 4) {
  // Totals come from the server's own user, as at connect.
  const h = storeHarness({ meExtra: { total_unread_count: unread, unread_channels: 1 } });
  h.hydrate(A, { messages: [1, 2, 3, 4].map((i) => msg(A, `a${i}`, t(i), i === 4 ? { mentioned_users: [user('me')] } : {})), unread, members: ['me', 'bob', 'carol'] });
  return h;
}

describe.each(['channel.truncated', 'notification.channel_truncated'])('%s', (type) => {
  it('drops messages up to truncated_at, closes older history and recounts unread', () => {
    const h = fourMessages();
    expect(h.ch(A).unread).toEqual({ messages: 4, mentions: 1 });
    h.send(type, { cid: A, channel: channelData(A, { truncated_at: iso(t(2)) }) });
    expect(h.ids(A)).toEqual(['a3', 'a4']);
    expect(h.pagination(A).hasOlder).toBe(false);
    expect(h.ch(A).unread).toEqual({ messages: 2, mentions: 1 });
    expect(h.store.getState().unread).toMatchObject({ totalMessages: 2, channels: 1 });
    const once = h.store.getState();
    h.send(type, { cid: A, channel: channelData(A, { truncated_at: iso(t(2)) }) });
    expect(h.store.getState()).toBe(once);
  });

  it('never raises the count above what the server said', () => {
    const h = fourMessages(1);
    h.send(type, { cid: A, channel: channelData(A, { truncated_at: iso(t(1)) }) });
    expect(h.ids(A)).toEqual(['a2', 'a3', 'a4']);
    expect(h.ch(A).unread.messages).toBe(1);
  });

  it('for a channel not held creates nothing', () => {
    const h = fourMessages();
    const before = h.store.getState();
    h.send(type, { cid: Z, channel: channelData(Z, { truncated_at: iso(t(2)) }) });
    expect(h.has(Z)).toBe(false);
    expect(h.store.getState()).toBe(before);
  });
});

describe('members', () => {
  it('member.added adds once and counts once', () => {
    const h = fourMessages();
    expect(h.ch(A).data?.member_count).toBe(3);
    h.send('member.added', { cid: A, member: member('dave') });
    const once = h.store.getState();
    h.send('member.added', { cid: A, member: member('dave') });
    expect(h.store.getState()).toBe(once);
    expect(selectMembers(h.ch(A)).map((m) => m.user_id).sort()).toEqual(['bob', 'carol', 'dave', 'me']);
    expect(h.ch(A).data?.member_count).toBe(4);
  });

  it('member.updated of the own user updates membership', () => {
    const h = fourMessages();
    h.send('member.updated', { cid: A, member: member('me', { channel_role: 'channel_moderator' }) });
    expect(h.ch(A).membership?.channel_role).toBe('channel_moderator');
    expect(h.ch(A).members['me']?.channel_role).toBe('channel_moderator');
  });

  it('member.removed removes once; the own removal clears membership', () => {
    const h = fourMessages();
    h.send('member.removed', { cid: A, member: member('bob'), user: user('bob') });
    h.send('member.removed', { cid: A, member: member('bob'), user: user('bob') });
    expect(h.ch(A).members['bob']).toBeUndefined();
    expect(h.ch(A).data?.member_count).toBe(2);
    h.send('member.removed', { cid: A, member: member('me'), user: user('me') });
    expect(h.ch(A).membership).toBeNull();
  });

  it('member events for a channel not held create nothing', () => {
    const h = fourMessages();
    const before = h.store.getState();
    for (const type of ['member.added', 'member.updated', 'member.removed', 'user.banned', 'user.unbanned', 'user.watching.start', 'user.watching.stop', 'typing.start', 'typing.stop']) {
      h.send(type, { cid: Z, member: member('bob'), user: user('bob') });
    }
    expect(h.has(Z)).toBe(false);
    expect(h.store.getState()).toBe(before);
  });
});

describe('bans', () => {
  it('user.banned / user.unbanned set the member flags; shadow bans apart', () => {
    const h = fourMessages();
    h.send('user.banned', { cid: A, user: user('bob') });
    expect(h.ch(A).members['bob']).toMatchObject({ banned: true, shadow_banned: false });
    const once = h.store.getState();
    h.send('user.banned', { cid: A, user: user('bob') });
    expect(h.store.getState()).toBe(once);
    h.send('user.banned', { cid: A, user: user('carol'), shadow: true });
    expect(h.ch(A).members['carol']).toMatchObject({ banned: false, shadow_banned: true });
    h.send('user.unbanned', { cid: A, user: user('bob') });
    expect(h.ch(A).members['bob']).toMatchObject({ banned: false, shadow_banned: false });
  });

  it('a ban of someone who is not a member changes nothing', () => {
    const h = fourMessages();
    const before = h.store.getState();
    h.send('user.banned', { cid: A, user: user('stranger') });
    expect(h.store.getState()).toBe(before);
  });
});

describe('watchers', () => {
  it('start/stop track watchers and count each user once', () => {
    const h = fourMessages();
    h.send('user.watching.start', { cid: A, user: user('bob') });
    h.send('user.watching.start', { cid: A, user: user('bob') });
    expect(Object.keys(h.ch(A).watchers)).toEqual(['bob']);
    expect(h.ch(A).watcherCount).toBe(1);
    h.send('user.watching.start', { cid: A, user: user('carol'), watcher_count: 5 });
    expect(h.ch(A).watcherCount).toBe(5);
    h.send('user.watching.stop', { cid: A, user: user('bob') });
    h.send('user.watching.stop', { cid: A, user: user('bob') });
    expect(Object.keys(h.ch(A).watchers)).toEqual(['carol']);
    expect(h.ch(A).watcherCount).toBe(4);
  });
});

describe('users', () => {
  it.each(['user.updated', 'user.presence.changed'])('%s merges into the users table (and me)', (type) => {
    const h = fourMessages();
    h.send(type, { user: { ...user('bob'), online: true, name: 'Robert' } });
    expect(selectUser(h.store.getState(), 'bob')).toMatchObject({ id: 'bob', online: true, name: 'Robert' });
    const once = h.store.getState();
    h.send(type, { user: { ...user('bob'), online: true, name: 'Robert' } });
    expect(h.store.getState()).toBe(once);
    h.send(type, { user: { ...user('me'), name: 'Myself' } });
    expect(h.store.getState().me?.name).toBe('Myself');
  });
});

describe('typing', () => {
  function onVirtualTime() {
    const scheduler = new VirtualTimeScheduler();
    const h = storeHarness({ scheduler });
    h.hydrate(A);
    const advanceTo = (ms: number) => {
      scheduler.schedule(() => undefined, ms - scheduler.now());
      scheduler.flush();
    };
    return { h, scheduler, advanceTo };
  }

  it('typing.start adds an entry that expires 7 s after the last start', () => {
    const { h, scheduler, advanceTo } = onVirtualTime();
    h.send('typing.start', { cid: A, user: user('bob') });
    expect(selectTyping(h.ch(A))).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: 'bob' }), expiresAt: 7_000 })]);
    advanceTo(5_000);
    h.send('typing.start', { cid: A, user: user('bob') });
    expect(selectTyping(h.ch(A))[0]?.expiresAt).toBe(12_000);
    // The client's timer for the first start fires: the entry was renewed, so it stays.
    h.dispatch({ type: 'typing/expired', cid: A, key: 'bob', at: 7_000 });
    expect(selectTyping(h.ch(A))).toHaveLength(1);
    h.dispatch({ type: 'typing/expired', cid: A, key: 'bob', at: 11_999 });
    expect(selectTyping(h.ch(A))).toHaveLength(1);
    h.dispatch({ type: 'typing/expired', cid: A, key: 'bob', at: scheduler.now() + 7_000 });
    expect(selectTyping(h.ch(A))).toEqual([]);
  });

  it('the same start at the same time keeps the state reference', () => {
    const { h } = onVirtualTime();
    h.send('typing.start', { cid: A, user: user('bob') });
    const once = h.store.getState();
    h.send('typing.start', { cid: A, user: user('bob') });
    expect(h.store.getState()).toBe(once);
  });

  it('keeps thread typing apart by parent_id; typing.stop removes one entry', () => {
    const { h } = onVirtualTime();
    h.send('typing.start', { cid: A, user: user('bob') });
    h.send('typing.start', { cid: A, user: user('bob'), parent_id: 'p1' });
    expect(selectTyping(h.ch(A)).map((e) => e.parentId ?? null).sort()).toEqual([null, 'p1'].sort());
    h.send('typing.stop', { cid: A, user: user('bob'), parent_id: 'p1' });
    expect(selectTyping(h.ch(A)).map((e) => e.parentId)).toEqual([undefined]);
    h.send('typing.stop', { cid: A, user: user('bob') });
    expect(selectTyping(h.ch(A))).toEqual([]);
    const stopped = h.store.getState();
    h.send('typing.stop', { cid: A, user: user('bob') });
    h.dispatch({ type: 'typing/expired', cid: A, key: 'bob', at: 60_000 });
    expect(h.store.getState()).toBe(stopped);
  });

  it('message.new ends its sender\'s typing where it was sent (channel, or thread by parent_id)', () => {
    const { h } = onVirtualTime();
    h.send('typing.start', { cid: A, user: user('bob') });
    h.send('typing.start', { cid: A, user: user('bob'), parent_id: 'p1' });
    h.send('typing.start', { cid: A, user: user('carol') });
    h.send('message.new', { cid: A, user: user('bob'), message: msg(A, 'r1', t(5), { parent_id: 'p1' }) });
    expect(selectTyping(h.ch(A)).map((e) => `${e.user.id}:${e.parentId ?? '-'}`).sort()).toEqual(['bob:-', 'carol:-']);
    h.send('message.new', { cid: A, user: user('bob'), message: msg(A, 'c1', t(6)) });
    expect(selectTyping(h.ch(A)).map((e) => `${e.user.id}:${e.parentId ?? '-'}`)).toEqual(['carol:-']);
  });

  it('ignores the own user typing', () => {
    const { h } = onVirtualTime();
    const before = h.store.getState();
    h.send('typing.start', { cid: A, user: user('me') });
    expect(h.store.getState()).toBe(before);
  });
});
