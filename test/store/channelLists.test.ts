// Channel lists follow the server's filter and sort for channels that appear or change
// after the query (PROTOCOL.md section 6); a cid appears once; removed, hidden and deleted
// channels drop out.
import { describe, expect, it } from 'vitest';
import { BASE_MS, channelData, channelState, iso, member, msg, storeHarness, user } from '../helpers/storeFixtures.ts';
import type { ChannelSort } from '../../src/store/channelFilter.ts';

const t = (n: number) => BASE_MS + n * 1_000;
const [A, B, C, D] = ['messaging:a', 'messaging:b', 'messaging:c', 'messaging:d'];
const BY_LAST_MESSAGE: ChannelSort = [{ field: 'last_message_at', direction: -1 }];
const MINE = { members: { $in: ['me'] } };

/** A list "k" holding A (last message t5) and B (t3), as a first page of `limit`. */
function listed(options: { limit?: number; filter?: Record<string, unknown>; sort?: ChannelSort } = {}) {
  const h = storeHarness();
  h.dispatch({ type: 'channelList/requested', key: 'k', filter: options.filter ?? MINE, sort: options.sort ?? BY_LAST_MESSAGE, reset: true });
  h.dispatch({
    type: 'channelList/loaded',
    key: 'k',
    channels: [channelState(A, { messages: [msg(A, 'a5', t(5))] }), channelState(B, { messages: [msg(B, 'b3', t(3))] })],
    offset: 0,
    limit: options.limit ?? 10,
    messageLimit: 25,
  });
  return h;
}

const cids = (h: ReturnType<typeof storeHarness>, key = 'k') => h.store.getState().lists[key]?.cids;

describe('loading', () => {
  it('a loaded page lists the channels in the server order, hasMore from the page size', () => {
    const h = listed({ limit: 2 });
    expect(h.store.getState().lists['k']).toMatchObject({ cids: [A, B], hasMore: true, loading: false, error: null, offset: 2 });
    expect(listed({ limit: 10 }).store.getState().lists['k']?.hasMore).toBe(false);
  });
});

describe('placement of channels that appear', () => {
  it('notification.message_new adds a new channel in sort order, once', () => {
    const h = listed();
    const ev = () => h.send('notification.message_new', { cid: C, channel: channelData(C, { last_message_at: iso(t(9)) }), message: msg(C, 'c9', t(9)) });
    ev();
    expect(cids(h)).toEqual([C, A, B]);
    expect(h.ch(C).membership?.user_id).toBe('me');
    const once = h.store.getState();
    ev();
    expect(h.store.getState()).toBe(once);
    expect(cids(h)).toEqual([C, A, B]);
  });

  it('notification.added_to_channel places the channel by its last message', () => {
    const h = listed();
    h.send('notification.added_to_channel', { cid: C, channel: channelData(C, { last_message_at: iso(t(4)) }), member: member('me') });
    expect(cids(h)).toEqual([A, C, B]);
    expect(h.ch(C).membership?.user_id).toBe('me');
    const once = h.store.getState();
    h.send('notification.added_to_channel', { cid: C, channel: channelData(C, { last_message_at: iso(t(4)) }), member: member('me') });
    expect(h.store.getState()).toBe(once);
  });

  it('does not add a channel that does not match the filter', () => {
    const h = listed({ filter: { type: 'team' } });
    expect(cids(h)).toEqual([A, B]);
    h.send('notification.message_new', { cid: C, channel: channelData(C, { last_message_at: iso(t(9)) }), message: msg(C, 'c9', t(9)) });
    expect(cids(h)).toEqual([A, B]);
    expect(h.ch(C).data?.last_message_at).toBe(t(9));
  });

  it('leaves a channel sorting after a page with more pages for that page to bring', () => {
    const h = listed({ limit: 2 });
    h.send('notification.added_to_channel', { cid: C, channel: channelData(C, { last_message_at: iso(t(1)) }), member: member('me') });
    expect(cids(h)).toEqual([A, B]);
    h.send('notification.added_to_channel', { cid: D, channel: channelData(D, { last_message_at: iso(t(4)) }), member: member('me') });
    expect(cids(h)).toEqual([A, D, B]);
  });

  it('channel.visible puts a hidden channel back in its place', () => {
    const h = listed();
    h.send('channel.hidden', { cid: B });
    expect(cids(h)).toEqual([A]);
    expect(h.ch(B).data?.hidden).toBe(true);
    h.send('channel.visible', { cid: B });
    expect(cids(h)).toEqual([A, B]);
    expect(h.ch(B).data?.hidden).toBe(false);
    const once = h.store.getState();
    h.send('channel.visible', { cid: B });
    expect(h.store.getState()).toBe(once);
  });

  it('hydrating a channel places it in lists it matches', () => {
    const h = listed();
    h.hydrate(C, { messages: [msg(C, 'c4', t(4))] });
    expect(cids(h)).toEqual([A, C, B]);
  });
});

describe('moves on message.new', () => {
  it('moves the channel up in lists sorted by last_message_at', () => {
    const h = listed();
    h.send('message.new', { cid: B, message: msg(B, 'b6', t(6)) });
    expect(cids(h)).toEqual([B, A]);
    expect(h.ch(B).data?.last_message_at).toBe(t(6));
  });

  it('a thread-only reply does not move it', () => {
    const h = listed();
    h.send('message.new', { cid: B, message: msg(B, 'r6', t(6), { parent_id: 'b3' }) });
    expect(cids(h)).toEqual([A, B]);
    expect(h.ch(B).data?.last_message_at).toBe(t(3));
  });

  it('a shadowed message moves neither last_message_at nor the channel', () => {
    // A shadow-banned sender's message is shown to no one else: it does not count as unread,
    // and it is no channel's last message (the official client skips it before it moves
    // last_message_at, channel_state.ts addMessagesSorted).
    const h = listed();
    h.send('message.new', { cid: B, message: msg(B, 's6', t(6), { shadowed: true }) });
    expect(h.ch(B).data?.last_message_at).toBe(t(3));
    expect(cids(h)).toEqual([A, B]);
    // The next message that everyone sees still moves it.
    h.send('message.new', { cid: B, message: msg(B, 'b7', t(7)) });
    expect(h.ch(B).data?.last_message_at).toBe(t(7));
    expect(cids(h)).toEqual([B, A]);
  });

  it('lists sorted by another field keep their order', () => {
    const h = listed({ sort: [{ field: 'cid', direction: 1 }] });
    expect(cids(h)).toEqual([A, B]);
    h.send('message.new', { cid: B, message: msg(B, 'b6', t(6)) });
    expect(cids(h)).toEqual([A, B]);
  });
});

describe('channels that leave', () => {
  it.each([
    ['channel.hidden', (cid: string) => ({ cid })],
    ['channel.deleted', (cid: string) => ({ cid, channel: channelData(cid) })],
    ['notification.channel_deleted', (cid: string) => ({ cid, channel: channelData(cid) })],
    ['notification.removed_from_channel', (cid: string) => ({ cid, member: member('me') })],
    ['member.removed', (cid: string) => ({ cid, member: member('me'), user: user('me') })],
  ])('%s drops the channel from every list', (type, fields) => {
    const h = listed();
    h.dispatch({ type: 'channelList/requested', key: 'k2', filter: {}, sort: [], reset: true });
    h.dispatch({ type: 'channelList/loaded', key: 'k2', channels: [channelState(A), channelState(B)], offset: 0, limit: 10, messageLimit: 25 });
    h.send(type, fields(A));
    expect(cids(h)).toEqual([B]);
    expect(cids(h, 'k2')).toEqual([B]);
    // A later message in that channel does not bring it back while it no longer matches.
    h.send('message.new', { cid: A, message: msg(A, 'a9', t(9)) });
    if (type !== 'channel.hidden') expect(cids(h)).toEqual([B]);
  });

  it('channel.deleted marks the channel deleted and empties it; a repeat keeps the state', () => {
    const h = listed();
    h.send('message.new', { cid: A, message: msg(A, 'a6', t(6)) });
    h.send('channel.deleted', { cid: A, channel: channelData(A), created_at: iso(t(7)) });
    expect(h.ch(A).data?.deleted_at).toBe(t(7));
    expect(h.ids(A)).toEqual([]);
    expect(h.ch(A).unread.messages).toBe(0);
    expect(h.store.getState().unread.totalMessages).toBe(0);
    const once = h.store.getState();
    h.send('channel.deleted', { cid: A, channel: channelData(A), created_at: iso(t(7)) });
    expect(h.store.getState()).toBe(once);
  });

  it('notification.removed_from_channel drops the own membership and unread', () => {
    const h = listed();
    h.send('message.new', { cid: A, message: msg(A, 'a6', t(6)) });
    h.send('notification.removed_from_channel', { cid: A, member: member('me') });
    expect(h.ch(A).membership).toBeNull();
    expect(h.ch(A).members['me']).toBeUndefined();
    expect(h.ch(A).unread.messages).toBe(0);
    expect(h.store.getState().unread).toMatchObject({ totalMessages: 0, channels: 0 });
  });

  it('events for channels not held leave no phantom channel', () => {
    const h = listed();
    const before = h.store.getState();
    // channel.visible is not here: it goes only to the user who hid the channel, and one
    // that carries the channel makes it known (a hidden channel is not in query results).
    for (const type of ['channel.hidden', 'channel.deleted', 'notification.channel_deleted', 'notification.removed_from_channel', 'channel.updated', 'member.removed']) {
      h.send(type, { cid: D, channel: channelData(D), member: member('me') });
    }
    expect(h.has(D)).toBe(false);
    expect(h.store.getState()).toBe(before);
  });
});

describe('channel.updated', () => {
  it('replaces channel data but keeps hidden, own_capabilities and muted unless sent', () => {
    const h = storeHarness();
    h.hydrate(A, { extra: { own_capabilities: ['send-message'], muted: false, name: 'old' } });
    h.send('channel.hidden', { cid: A });
    h.send('channel.updated', { cid: A, channel: channelData(A, { name: 'new', frozen: true }) });
    expect(h.ch(A).data).toMatchObject({ name: 'new', frozen: true, hidden: true, own_capabilities: ['send-message'], muted: false });
    const once = h.store.getState();
    h.send('channel.updated', { cid: A, channel: channelData(A, { name: 'new', frozen: true }) });
    expect(h.store.getState()).toBe(once);
  });

  it('re-sorts the channel in lists sorted by the changed field', () => {
    const h = listed({ sort: [{ field: 'rank', direction: 1 }] });
    h.send('channel.updated', { cid: A, channel: channelData(A, { rank: 2 }) });
    h.send('channel.updated', { cid: B, channel: channelData(B, { rank: 1 }) });
    expect(cids(h)).toEqual([B, A]);
  });
});

describe('added to a channel, or a hidden channel shown again (PROTOCOL.md section 6)', () => {
  it('notification.added_to_channel makes an unknown channel known with us as a member, counted once', () => {
    const h = listed();
    // The channel as it is after the add: two members, us included; no member list on it.
    h.send('notification.added_to_channel', {
      cid: C,
      channel: channelData(C, { last_message_at: iso(t(4)), member_count: 2 }),
      member: member('me'),
      total_unread_count: 3,
      unread_channels: 2,
    });
    expect(cids(h)).toEqual([A, C, B]);
    expect(h.ch(C).membership?.user_id).toBe('me');
    expect(h.ch(C).data?.member_count).toBe(2);
    expect(h.store.getState().unread).toMatchObject({ totalMessages: 3, channels: 2 });
  });

  it('notification.added_to_channel without a member still makes us a member (it only goes to members)', () => {
    const h = listed();
    h.send('notification.added_to_channel', { cid: C, channel: channelData(C, { last_message_at: iso(t(4)) }) });
    expect(h.ch(C).membership?.user_id).toBe('me');
    expect(cids(h)).toEqual([A, C, B]);
  });

  it('channel.visible with the channel makes a hidden channel the store does not hold known and listed', () => {
    const h = listed();
    expect(h.has(C)).toBe(false);
    h.send('channel.visible', { cid: C, user: user('me'), channel: channelData(C, { last_message_at: iso(t(4)), hidden: true, members: [member('me'), member('bob')] }) });
    expect(h.ch(C).data?.hidden).toBe(false);
    expect(cids(h)).toEqual([A, C, B]);
    const once = h.store.getState();
    h.send('channel.visible', { cid: C, user: user('me'), channel: channelData(C, { last_message_at: iso(t(4)), hidden: true, members: [member('me'), member('bob')] }) });
    expect(h.store.getState()).toBe(once);
  });

  it('channel.visible without channel data for an unknown channel changes nothing', () => {
    const h = listed();
    const before = h.store.getState();
    h.send('channel.visible', { cid: C, user: user('me') });
    expect(h.store.getState()).toBe(before);
  });
});
