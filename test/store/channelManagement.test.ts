// Channel management in the store: optimistic writes to channel data and the own membership
// (pin, archive, mute, hide, update) with exact rollback, channel lists that follow them, and
// the REST answers and events of members, truncation and deletion. Each event and answer
// applied twice changes nothing the second time and keeps the state's reference.
import { describe, expect, it } from 'vitest';
import { decodeModel, type ChannelMemberResponse, type ChannelResponse } from 'chatstore';
import { BASE_MS, channelData, channelState, iso, member, msg, ownUser, storeHarness } from '../helpers/storeFixtures.ts';
import type { ChannelSort } from '../../src/store/channelFilter.ts';
import type { ChannelOpStart } from '../../src/store/optimisticChannels.ts';
import { selectChannelView, selectMembers } from '../../src/store/selectors.ts';

const t = (n: number) => BASE_MS + n * 1_000;
const [A, B, C] = ['messaging:a', 'messaging:b', 'messaging:c'];
const PINNED_FIRST: ChannelSort = [
  { field: 'pinned_at', direction: -1 },
  { field: 'last_message_at', direction: -1 },
];

function decodedMember(userId: string, extra: Record<string, unknown> = {}): ChannelMemberResponse {
  const r = decodeModel('ChannelMemberResponse', member(userId, extra));
  if (!r.ok) throw r.error;
  return r.value;
}

function decodedChannel(cid: string, extra: Record<string, unknown> = {}): ChannelResponse {
  const r = decodeModel('ChannelResponse', { ...channelData(cid), custom: {}, frozen: false, disabled: false, ...extra });
  if (!r.ok) throw r.error;
  return r.value;
}

/** A list "k" of A (t5), B (t4), C (t3) under `filter` and `sort`. */
function listed(filter: Record<string, unknown> = { members: { $in: ['me'] } }, sort: ChannelSort = PINNED_FIRST) {
  const h = storeHarness();
  h.dispatch({ type: 'channelList/requested', key: 'k', filter, sort, reset: true });
  h.dispatch({
    type: 'channelList/loaded',
    key: 'k',
    channels: [
      channelState(A, { messages: [msg(A, 'a5', t(5))], extra: { muted: false } }),
      channelState(B, { messages: [msg(B, 'b4', t(4))], extra: { muted: false } }),
      channelState(C, { messages: [msg(C, 'c3', t(3))], extra: { muted: false, name: 'Old', custom: { name: 'Old', topic: 'x' } } }),
    ],
    offset: 0,
    limit: 10,
    messageLimit: 25,
  });
  return h;
}

const cids = (h: ReturnType<typeof storeHarness>) => h.store.getState().lists['k']?.cids;
const start = (h: ReturnType<typeof storeHarness>, op: ChannelOpStart) => h.dispatch({ type: 'channelOp/started', op });

describe('pin and unpin (own membership)', () => {
  it('a pin shows at once, moves the channel first in a list sorted by pinned_at, and a failure puts everything back exactly', () => {
    const h = listed();
    const before = h.ch(C).membership;
    start(h, { id: 'p1', cid: C, echo: 'member.updated', set: { 'membership.pinned_at': { v: t(10) } } });
    expect(h.ch(C).membership?.pinned_at).toBe(t(10));
    expect(h.ch(C).members['me']?.pinned_at).toBe(t(10));
    expect(selectChannelView(h.ch(C))?.membership?.pinned_at).toBe(t(10));
    expect(cids(h)).toEqual([C, A, B]);
    h.dispatch({ type: 'channelOp/failed', opId: 'p1' });
    expect(cids(h)).toEqual([A, B, C]);
    expect(h.ch(C).membership).toEqual(before);
    expect(h.ch(C).members['me']).toEqual(before);
    expect(h.store.getState().channelOps).toEqual({});
  });

  it('a confirmed pin keeps the server copy that follows it (member.updated)', () => {
    const h = listed();
    start(h, { id: 'p1', cid: C, echo: 'member.updated', set: { 'membership.pinned_at': { v: t(10) } } });
    h.dispatch({ type: 'channelOp/succeeded', opId: 'p1' });
    h.send('member.updated', { cid: C, member: member('me', { pinned_at: iso(t(11)) }) });
    expect(h.ch(C).membership?.pinned_at).toBe(t(11));
    expect(cids(h)).toEqual([C, A, B]);
    const once = h.store.getState();
    h.send('member.updated', { cid: C, member: member('me', { pinned_at: iso(t(11)) }) });
    expect(h.store.getState()).toBe(once);
  });

  it('a stale server copy that arrives while the pin is out does not undo it', () => {
    const h = listed();
    start(h, { id: 'p1', cid: C, echo: 'member.updated', set: { 'membership.pinned_at': { v: t(10) } } });
    h.hydrate(C, { messages: [msg(C, 'c3', t(3))] });
    expect(h.ch(C).membership?.pinned_at).toBe(t(10));
    expect(cids(h)).toEqual([C, A, B]);
  });

  it("a rollback shows the server's latest value, not the one held before the write", () => {
    const h = listed();
    h.send('member.updated', { cid: A, member: member('me', { pinned_at: iso(t(1)) }) });
    start(h, { id: 'u1', cid: A, echo: 'member.updated', set: { 'membership.pinned_at': null } });
    expect(h.ch(A).membership?.pinned_at).toBeUndefined();
    // A query answer read before the unpin reached the server (pinned again meanwhile,
    // at t20, on another device): ours still shows while it is out...
    h.dispatch({ type: 'channels/hydrated', channels: [{ ...channelState(A, { messages: [msg(A, 'a5', t(5))] }), membership: decodedMember('me', { pinned_at: iso(t(20)) }) }], messageLimit: 25 });
    expect(h.ch(A).membership?.pinned_at).toBeUndefined();
    // ...and a refusal shows the server's latest word, not the t1 held before.
    h.dispatch({ type: 'channelOp/failed', opId: 'u1' });
    expect(h.ch(A).membership?.pinned_at).toBe(t(20));
    expect(cids(h)).toEqual([A, B, C]);
  });

  it('the echo settles a write: what the server sends after it applies, and a late failure takes nothing back', () => {
    const h = listed();
    start(h, { id: 'p1', cid: B, echo: 'member.updated', set: { 'membership.pinned_at': { v: t(10) } } });
    h.send('member.updated', { cid: B, member: member('me', { pinned_at: iso(t(11)) }) });
    expect(h.store.getState().channelOps).toEqual({});
    h.send('member.updated', { cid: B, member: member('me') }); // unpinned elsewhere
    expect(h.ch(B).membership?.pinned_at).toBeUndefined();
    h.dispatch({ type: 'channelOp/failed', opId: 'p1' });
    expect(h.ch(B).membership?.pinned_at).toBeUndefined();
    expect(cids(h)).toEqual([A, B, C]);
  });
});

describe('archive', () => {
  it('an archived channel leaves a list filtered on archived: false and comes back on rollback', () => {
    const h = listed({ archived: false }, [{ field: 'last_message_at', direction: -1 }]);
    expect(cids(h)).toEqual([A, B, C]);
    start(h, { id: 'a1', cid: B, echo: 'member.updated', set: { 'membership.archived_at': { v: t(10) } } });
    expect(cids(h)).toEqual([A, C]);
    h.dispatch({ type: 'channelOp/failed', opId: 'a1' });
    expect(cids(h)).toEqual([A, B, C]);
    expect(h.ch(B).membership?.archived_at).toBeUndefined();
  });
});

describe('hide and show', () => {
  it('a hidden channel leaves lists; channel.visible (a new message) brings it back, once', () => {
    const h = listed();
    start(h, { id: 'h1', cid: B, echo: 'channel.hidden', set: { 'data.hidden': { v: true } } });
    expect(cids(h)).toEqual([A, C]);
    h.dispatch({ type: 'channelOp/succeeded', opId: 'h1' });
    h.send('channel.hidden', { cid: B, channel: channelData(B, { hidden: true }) });
    expect(cids(h)).toEqual([A, C]);
    const hidden = h.store.getState();
    h.send('channel.hidden', { cid: B, channel: channelData(B, { hidden: true }) });
    expect(h.store.getState()).toBe(hidden);
    h.send('channel.visible', { cid: B, channel: channelData(B, { hidden: false, last_message_at: iso(t(9)) }) });
    expect(cids(h)).toEqual([B, A, C]);
    const visible = h.store.getState();
    h.send('channel.visible', { cid: B, channel: channelData(B, { hidden: false, last_message_at: iso(t(9)) }) });
    expect(h.store.getState()).toBe(visible);
  });

  it('a new message after the hide reached the server shows the channel even while the hide request is out', () => {
    const h = listed();
    start(h, { id: 'h1', cid: B, echo: 'channel.hidden', set: { 'data.hidden': { v: true } } });
    h.send('channel.hidden', { cid: B, channel: channelData(B, { hidden: true }) });
    h.send('channel.visible', { cid: B, channel: channelData(B, { hidden: false, last_message_at: iso(t(9)) }) });
    h.dispatch({ type: 'channelOp/succeeded', opId: 'h1' });
    expect(cids(h)).toEqual([B, A, C]);
    expect(h.ch(B).data?.hidden).toBe(false);
  });

  it('a refused hide puts the channel back where it was', () => {
    const h = listed();
    start(h, { id: 'h1', cid: A, echo: 'channel.hidden', set: { 'data.hidden': { v: true } } });
    h.dispatch({ type: 'channelOp/failed', opId: 'h1' });
    expect(cids(h)).toEqual([A, B, C]);
    expect(h.ch(A).data?.hidden).toBeUndefined();
  });
});

describe('mute and unmute', () => {
  function unreadIn(h: ReturnType<typeof storeHarness>) {
    h.send('message.new', { cid: A, message: msg(A, 'a6', t(6)), total_unread_count: 3, unread_channels: 2 });
    return h;
  }

  it('a mute takes the channel out of the unread totals at once; a failure gives them back', () => {
    const h = unreadIn(listed());
    expect(h.ch(A).unread.messages).toBe(1);
    const totals = h.store.getState().unread;
    start(h, { id: 'm1', cid: A, echo: 'notification.channel_mutes_updated', set: { 'data.muted': { v: true } }, mute: true });
    expect(h.ch(A).data?.muted).toBe(true);
    expect(h.store.getState().unread.totalMessages).toBe(totals.totalMessages - 1);
    expect(h.store.getState().unread.channels).toBe(totals.channels - 1);
    h.dispatch({ type: 'channelOp/failed', opId: 'm1' });
    expect(h.ch(A).data?.muted).toBe(false);
    expect(h.store.getState().unread.totalMessages).toBe(totals.totalMessages);
    expect(h.store.getState().unread.channels).toBe(totals.channels);
  });

  it('a muted channel counts no new messages; notification.channel_mutes_updated sets muted on held channels, once', () => {
    const h = listed({ muted: false }, [{ field: 'last_message_at', direction: -1 }]);
    const mutes = { channel_mutes: [{ channel: channelData(B), user: { id: 'me' }, created_at: iso(t(1)), updated_at: iso(t(1)) }], total_unread_count: 0, unread_channels: 0 };
    h.send('notification.channel_mutes_updated', { me: { ...ownUser('me'), ...mutes, created_at: iso(BASE_MS), updated_at: iso(BASE_MS) } });
    expect(h.ch(B).data?.muted).toBe(true);
    expect(h.ch(A).data?.muted).toBe(false);
    expect(cids(h)).toEqual([A, C]);
    const once = h.store.getState();
    h.send('notification.channel_mutes_updated', { me: { ...ownUser('me'), ...mutes, created_at: iso(BASE_MS), updated_at: iso(BASE_MS) } });
    expect(h.store.getState()).toBe(once);
    h.send('message.new', { cid: B, message: msg(B, 'b9', t(9)) });
    expect(h.ch(B).unread.messages).toBe(0);
  });
});

describe('update (channel data)', () => {
  it('a rename shows at once (flat and in custom) and a refusal restores the data exactly', () => {
    const h = listed();
    const before = h.ch(C).data;
    start(h, { id: 'r1', cid: C, echo: 'channel.updated', set: { 'data.name': { v: 'New' }, 'data.custom.name': { v: 'New' }, 'data.topic': null, 'data.custom.topic': null } });
    expect(h.ch(C).data?.['name']).toBe('New');
    expect(h.ch(C).data?.custom['name']).toBe('New');
    expect(h.ch(C).data?.custom['topic']).toBeUndefined();
    h.dispatch({ type: 'channelOp/failed', opId: 'r1' });
    expect(h.ch(C).data).toEqual(before);
  });
});

describe('members (events and answers)', () => {
  function withList() {
    const h = storeHarness();
    h.hydrate(A, { members: ['me', 'bob'] });
    h.dispatch({ type: 'memberList/requested', key: 'm', cid: A, filter: {}, reset: true });
    h.dispatch({ type: 'memberList/loaded', key: 'm', members: [decodedMember('me'), decodedMember('bob')], offset: 0, limit: 25 });
    return h;
  }
  const listIds = (h: ReturnType<typeof storeHarness>) => h.store.getState().memberLists['m']?.ids;

  it('a member page loads in the server order; the same page again keeps the reference', () => {
    const h = withList();
    expect(listIds(h)).toEqual(['me', 'bob']);
    const once = h.store.getState().memberLists['m'];
    h.dispatch({ type: 'memberList/loaded', key: 'm', members: [decodedMember('me'), decodedMember('bob')], offset: 0, limit: 25 });
    expect(h.store.getState().memberLists['m']?.members).toBe(once?.members);
    expect(h.store.getState().memberLists['m']?.ids).toBe(once?.ids);
  });

  it('member.added, member.updated, member.removed keep members$ and member lists exact, each once', () => {
    const h = withList();
    const twice = (type: string, fields: Record<string, unknown>) => {
      h.send(type, fields);
      const once = h.store.getState();
      h.send(type, fields);
      expect(h.store.getState()).toBe(once);
    };
    twice('member.added', { cid: A, member: member('carol') });
    expect(selectMembers(h.ch(A)).map((m) => m.user_id)).toEqual(['me', 'bob', 'carol']);
    expect(listIds(h)).toEqual(['me', 'bob', 'carol']);
    expect(h.ch(A).data?.member_count).toBe(3);
    twice('member.updated', { cid: A, member: member('carol', { channel_role: 'channel_moderator' }) });
    expect(h.ch(A).members['carol']?.channel_role).toBe('channel_moderator');
    expect(h.store.getState().memberLists['m']?.members['carol']?.channel_role).toBe('channel_moderator');
    twice('member.removed', { cid: A, member: member('bob'), user: { id: 'bob' } });
    expect(selectMembers(h.ch(A)).map((m) => m.user_id)).toEqual(['me', 'carol']);
    expect(listIds(h)).toEqual(['me', 'carol']);
    expect(h.ch(A).data?.member_count).toBe(2);
  });

  it('user.banned and user.unbanned set the member ban flags in members and lists, each once', () => {
    const h = withList();
    h.send('user.banned', { cid: A, user: { id: 'bob' } });
    expect(h.ch(A).members['bob']?.banned).toBe(true);
    expect(h.store.getState().memberLists['m']?.members['bob']?.banned).toBe(true);
    const once = h.store.getState();
    h.send('user.banned', { cid: A, user: { id: 'bob' } });
    expect(h.store.getState()).toBe(once);
    h.send('user.unbanned', { cid: A, user: { id: 'bob' } });
    expect(h.ch(A).members['bob']?.banned).toBe(false);
    expect(h.store.getState().memberLists['m']?.members['bob']?.banned).toBe(false);
  });

  it('an UpdateChannel answer (members/changed) adds and removes members, once; a member event after it changes nothing', () => {
    const h = withList();
    const add = { type: 'members/changed' as const, cid: A, members: [decodedMember('carol')], removed: [] };
    h.dispatch(add);
    expect(selectMembers(h.ch(A)).map((m) => m.user_id)).toEqual(['me', 'bob', 'carol']);
    const once = h.store.getState();
    h.dispatch(add);
    expect(h.store.getState()).toBe(once);
    const members = h.ch(A).members;
    h.send('member.added', { cid: A, member: member('carol') });
    expect(h.ch(A).members).toBe(members);
    expect(h.ch(A).data?.member_count).toBe(3);
    const remove = { type: 'members/changed' as const, cid: A, members: [], removed: ['bob'] };
    h.dispatch(remove);
    const removed = h.store.getState();
    h.dispatch(remove);
    expect(h.store.getState()).toBe(removed);
    expect(listIds(h)).toEqual(['me', 'carol']);
  });

  it('removing the own user takes the channel out of lists', () => {
    const h = listed();
    h.dispatch({ type: 'members/changed', cid: B, members: [], removed: ['me'] });
    expect(cids(h)).toEqual([A, C]);
    expect(h.ch(B).membership).toBeNull();
  });
});

describe('truncate and delete answers', () => {
  it('a TruncateChannel answer drops the messages up to truncated_at as channel.truncated does, once', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'x1', t(1)), msg(A, 'x2', t(2)), msg(A, 'x3', t(3))] });
    const action = { type: 'channel/truncated' as const, channel: decodedChannel(A, { truncated_at: iso(t(2)) }), at: t(4) };
    h.dispatch(action);
    expect(h.ids(A)).toEqual(['x3']);
    const once = h.store.getState();
    h.dispatch(action);
    expect(h.store.getState()).toBe(once);
    // The event that follows it changes nothing more.
    h.send('channel.truncated', { cid: A, channel: { ...channelData(A, { truncated_at: iso(t(2)) }), custom: {}, frozen: false, disabled: false } });
    expect(h.ids(A)).toEqual(['x3']);
  });

  it('a DeleteChannel answer marks the channel deleted and takes it out of lists, once', () => {
    const h = listed();
    const action = { type: 'channel/deleted' as const, channel: decodedChannel(B, { deleted_at: iso(t(7)) }), at: t(7) };
    h.dispatch(action);
    expect(cids(h)).toEqual([A, C]);
    expect(h.ch(B).data?.deleted_at).toBe(t(7));
    const once = h.store.getState();
    h.dispatch(action);
    expect(h.store.getState()).toBe(once);
  });
});
