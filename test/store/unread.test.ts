// Read states and unread counts: message.new counting rules, message.read,
// notification.mark_read / mark_unread, health.check, unread/fetched; server totals win.
import { describe, expect, it } from 'vitest';
import { selectUnreadSummary } from '../../src/store/selectors.ts';
import { BASE_MS, channelData, iso, msg, ownUser, storeHarness, user } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const B = 'messaging:b';
const t = (n: number) => BASE_MS + n * 1_000;

function twoChannels(meExtra: Record<string, unknown> = {}) {
  const h = storeHarness({ meExtra });
  h.hydrate(A, { messages: [msg(A, 'a1', t(1))] });
  h.hydrate(B, { messages: [msg(B, 'b1', t(1))] });
  return h;
}

const newMsg = (h: ReturnType<typeof storeHarness>, cid: string, id: string, at: number, extra: Record<string, unknown> = {}, ev: Record<string, unknown> = {}) =>
  h.send('message.new', { cid, message: msg(cid, id, at, extra), ...ev });

describe('unread counting on message.new', () => {
  it("counts other users' messages per channel and in the totals", () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    newMsg(h, A, 'a3', t(3));
    newMsg(h, B, 'b2', t(2));
    expect(h.ch(A).unread).toEqual({ messages: 2, mentions: 0 });
    expect(h.ch(B).unread).toEqual({ messages: 1, mentions: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 3, channels: 2, byChannel: { [A]: { messages: 2, mentions: 0 }, [B]: { messages: 1, mentions: 0 } } });
    expect(h.ch(A).reads['me']?.unread_messages).toBe(2);
    // The sender has read up to its own message.
    expect(h.ch(A).reads['bob']).toMatchObject({ last_read: t(3), last_read_message_id: 'a3', unread_messages: 0 });
  });

  it.each([
    ['own', { user: user('me') }],
    ['silent', { silent: true }],
    ['shadowed', { shadowed: true }],
    ['thread-only reply', { parent_id: 'a1' }],
    ['system', { type: 'system' }],
  ])('does not count a %s message', (_name, extra) => {
    const h = twoChannels();
    newMsg(h, A, 'x', t(2), extra);
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 0, channels: 0, byChannel: {} });
  });

  it('does not count a muted sender', () => {
    const h = twoChannels({ mutes: [{ user: user('me'), target: user('bob'), created_at: iso(BASE_MS), updated_at: iso(BASE_MS) }] });
    newMsg(h, A, 'x', t(2));
    newMsg(h, A, 'y', t(3), { user: user('carol') });
    expect(h.ch(A).unread.messages).toBe(1);
  });

  it('does not count a muted channel (own channel mute or member notifications_muted)', () => {
    const h = twoChannels({ channel_mutes: [{ channel: channelData(A), created_at: iso(BASE_MS), updated_at: iso(BASE_MS) }] });
    newMsg(h, A, 'x', t(2));
    expect(h.ch(A).unread.messages).toBe(0);
    h.hydrate(B, { messages: [msg(B, 'b1', t(1))] });
    h.send('member.updated', { cid: B, member: { user_id: 'me', user: user('me'), notifications_muted: true, created_at: iso(BASE_MS), updated_at: iso(BASE_MS) } });
    newMsg(h, B, 'y', t(2));
    expect(h.ch(B).unread.messages).toBe(0);
  });

  it("an own message resets the own read: the channel's count clears", () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2), { mentioned_users: [user('me')] });
    newMsg(h, A, 'a3', t(3), { user: user('me') });
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(3), last_read_message_id: 'a3', unread_messages: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 0, channels: 0, byChannel: {} });
  });

  it('an own message older than a message that arrived first leaves that one counted', () => {
    const h = twoChannels();
    // Bob's message (t3, mentions me) is delivered before the own one created at t2.
    newMsg(h, A, 'a3', t(3), { mentioned_users: [user('me')] });
    newMsg(h, A, 'a2', t(2), { user: user('me') });
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(2), last_read_message_id: 'a2', unread_messages: 1 });
    expect(h.ch(A).unread).toEqual({ messages: 1, mentions: 1 });
    newMsg(h, A, 'a4', t(4));
    expect(h.ch(A).unread).toEqual({ messages: 2, mentions: 1 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 2, channels: 1, byChannel: { [A]: { messages: 2, mentions: 1 } } });
  });

  it("a thread-only reply does not move its sender's channel read", () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    newMsg(h, A, 'r3', t(3), { user: user('me'), parent_id: 'a1' });
    newMsg(h, A, 'r4', t(4), { user: user('carol'), parent_id: 'a1' });
    expect(h.ch(A).unread.messages).toBe(1);
    expect(h.ch(A).reads['me']?.last_read).toBe(BASE_MS);
    expect(h.ch(A).reads['carol']).toBeUndefined();
  });

  it('counts mentions of the own user', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2), { mentioned_users: [user('me')] });
    newMsg(h, A, 'a3', t(3), { mentioned_users: [user('carol')] });
    expect(h.ch(A).unread).toEqual({ messages: 2, mentions: 1 });
    expect(selectUnreadSummary(h.store.getState()).byChannel[A]).toEqual({ messages: 2, mentions: 1 });
  });

  it('does not count a message older than the own last read', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'a1', t(1)), msg(A, 'a5', t(5))], lastReadMs: t(5) });
    newMsg(h, A, 'a3', t(3));
    expect(h.ch(A).unread.messages).toBe(0);
  });

  it('server totals on the event win over local counting', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2), {}, { total_unread_count: 12, unread_channels: 5, unread_threads: 2 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 12, channels: 5, threads: 2 });
    expect(h.ch(A).unread.messages).toBe(1);
    // unread_messages on the event sets the channel's own count.
    newMsg(h, A, 'a3', t(3), {}, { unread_messages: 7 });
    expect(h.ch(A).unread.messages).toBe(7);
    expect(h.ch(A).reads['me']?.unread_messages).toBe(7);
  });
});

describe('message.read', () => {
  it('own read clears the channel unread and mentions and lowers the totals', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2), { mentioned_users: [user('me')] });
    newMsg(h, B, 'b2', t(2));
    h.send('message.read', { cid: A, user: user('me'), last_read_message_id: 'a2', created_at: iso(t(4)) });
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(4), last_read_message_id: 'a2', unread_messages: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 1, channels: 1, byChannel: { [B]: { messages: 1, mentions: 0 } } });
  });

  it('an own read made before a message that arrived first leaves that one counted', () => {
    const h = twoChannels();
    newMsg(h, A, 'a3', t(3), { mentioned_users: [user('me')] });
    newMsg(h, A, 'a4', t(4));
    // Read elsewhere at t(3.5), delivered after both messages: a4 is still unread.
    h.send('message.read', { cid: A, user: user('me'), last_read_message_id: 'a3', created_at: iso(t(3.5)) });
    expect(h.ch(A).unread).toEqual({ messages: 1, mentions: 0 });
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(3.5), unread_messages: 1 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 1, channels: 1 });
  });

  it("another user's read moves their read state only", () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2), { user: user('carol') });
    h.send('message.read', { cid: A, user: user('bob'), last_read_message_id: 'a2', created_at: iso(t(5)) });
    expect(h.ch(A).reads['bob']).toMatchObject({ last_read: t(5), last_read_message_id: 'a2', unread_messages: 0 });
    expect(h.ch(A).unread.messages).toBe(1);
  });

  it('never moves a read backwards; a late own read does not clear newer unread', () => {
    const h = twoChannels();
    h.send('message.read', { cid: A, user: user('bob'), created_at: iso(t(5)) });
    const bobRead = h.ch(A).reads['bob'];
    h.send('message.read', { cid: A, user: user('bob'), created_at: iso(t(3)) });
    expect(h.ch(A).reads['bob']).toBe(bobRead);
    h.send('message.read', { cid: A, user: user('me'), created_at: iso(t(4)) });
    newMsg(h, A, 'a6', t(6));
    const counted = h.store.getState();
    // The same read again, and an older one, arrive after the new message.
    h.send('message.read', { cid: A, user: user('me'), created_at: iso(t(4)) });
    h.send('message.read', { cid: A, user: user('me'), created_at: iso(t(2)) });
    expect(h.store.getState()).toBe(counted);
    expect(h.ch(A).unread.messages).toBe(1);
    expect(h.ch(A).reads['me']?.last_read).toBe(t(4));
  });

  it('a thread read does not clear the channel count', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    h.send('message.read', { cid: A, user: user('me'), thread: { parent_message_id: 'a1', channel_cid: A }, created_at: iso(t(3)) });
    expect(h.ch(A).unread.messages).toBe(1);
  });

  it('for a channel not held creates nothing', () => {
    const h = twoChannels();
    const before = h.store.getState();
    h.send('message.read', { cid: 'messaging:zz', user: user('me') });
    expect(h.has('messaging:zz')).toBe(false);
    expect(h.store.getState()).toBe(before);
  });
});

describe('notification.mark_read / notification.mark_unread', () => {
  it('mark_read for a channel sets the own read; its totals win', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    newMsg(h, B, 'b2', t(2));
    h.send('notification.mark_read', { cid: A, last_read_message_id: 'a2', total_unread_count: 1, unread_channels: 1, created_at: iso(t(3)) });
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(3), last_read_message_id: 'a2' });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 1, channels: 1 });
    const once = h.store.getState();
    h.send('notification.mark_read', { cid: A, last_read_message_id: 'a2', total_unread_count: 1, unread_channels: 1, created_at: iso(t(3)) });
    expect(h.store.getState()).toBe(once);
  });

  it('mark_read without a cid marks every channel read', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    newMsg(h, B, 'b2', t(2), { mentioned_users: [user('me')] });
    h.send('notification.mark_read', { created_at: iso(t(3)) });
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(h.ch(B).unread).toEqual({ messages: 0, mentions: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 0, channels: 0, byChannel: {} });
  });

  it('mark_unread moves the own read back and takes the counts from the event', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'a1', t(1)), msg(A, 'a2', t(2)), msg(A, 'a3', t(3))], lastReadMs: t(3) });
    h.send('notification.mark_unread', {
      cid: A,
      last_read_at: iso(t(1)),
      last_read_message_id: 'a1',
      first_unread_message_id: 'a2',
      unread_messages: 2,
      total_unread_count: 2,
      unread_channels: 1,
    });
    expect(h.ch(A).unread.messages).toBe(2);
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(1), last_read_message_id: 'a1', first_unread_message_id: 'a2', unread_messages: 2 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 2, channels: 1, byChannel: { [A]: { messages: 2, mentions: 0 } } });
    const once = h.store.getState();
    h.send('notification.mark_unread', { cid: A, last_read_at: iso(t(1)), last_read_message_id: 'a1', first_unread_message_id: 'a2', unread_messages: 2, total_unread_count: 2, unread_channels: 1 });
    expect(h.store.getState()).toBe(once);
  });

  it('mark_unread for a channel not held only takes the totals', () => {
    const h = twoChannels();
    h.send('notification.mark_unread', { cid: 'messaging:zz', unread_messages: 3, total_unread_count: 3, unread_channels: 1 });
    expect(h.has('messaging:zz')).toBe(false);
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 3, channels: 1 });
  });
});

describe('own user and totals', () => {
  it('health.check with me sets the own user and totals; a repeat keeps the state', () => {
    const h = storeHarness({ me: null });
    const me = { id: 'me', name: 'Me', role: 'user', total_unread_count: 4, unread_channels: 2, unread_threads: 1, channel_mutes: [], mutes: [], total_unread_count_by_team: { red: 3 } };
    h.send('health.check', { connection_id: 'c1', me });
    const s = h.store.getState();
    expect(s.me).toMatchObject({ id: 'me', name: 'Me' });
    expect(s.unread).toMatchObject({ totalMessages: 4, channels: 2, threads: 1, byTeam: { red: 3 } });
    h.send('health.check', { connection_id: 'c1', me });
    h.send('health.check', { connection_id: 'c1' });
    expect(h.store.getState()).toBe(s);
  });

  it('unread/fetched replaces totals and per-channel counts', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    h.dispatch({
      type: 'unread/fetched',
      counts: {
        duration: '1ms',
        channel_type: [],
        threads: [],
        total_unread_count: 9,
        total_unread_threads_count: 2,
        channels: [
          { channel_id: A, unread_count: 4, last_read: t(1) },
          { channel_id: B, unread_count: 5, last_read: t(1) },
          { channel_id: 'messaging:zz', unread_count: 0, last_read: t(1) },
        ],
      },
    });
    expect(h.ch(A).unread.messages).toBe(4);
    expect(h.ch(B).unread.messages).toBe(5);
    expect(h.has('messaging:zz')).toBe(false);
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 9, channels: 2, threads: 2, byChannel: { [A]: { messages: 4, mentions: 0 }, [B]: { messages: 5, mentions: 0 } } });
  });
});

describe('the echo of an own message (issue 21, cause 4)', () => {
  it('resets the own read even when the own copy is already held', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2), { mentioned_users: [user('me')] });
    newMsg(h, A, 'a3', t(3));
    expect(h.ch(A).unread).toEqual({ messages: 2, mentions: 1 });
    // The answer to the own send arrives first (a REST result), then its echo.
    const own = msg(A, 'a4', t(4), { user: user('me') });
    h.dispatch({ type: 'message/stored', cid: A, message: own });
    h.send('message.new', { cid: A, message: msg(A, 'a4', t(4), { user: user('me') }), total_unread_count: 0, unread_channels: 0 });
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(4), last_read_message_id: 'a4', unread_messages: 0 });
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 0, channels: 0, byChannel: {} });
    // The same echo again changes nothing.
    const s = h.store.getState();
    h.send('message.new', { cid: A, message: msg(A, 'a4', t(4), { user: user('me') }), total_unread_count: 0, unread_channels: 0 });
    expect(h.store.getState().channels).toBe(s.channels);
  });

  it("does not count another user's message twice when it is delivered again", () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    newMsg(h, A, 'a2', t(2));
    expect(h.ch(A).unread.messages).toBe(1);
  });
});

describe('mutes and the server totals (issue 21, cause 5)', () => {
  const mute = (cid: string) => ({ channel: channelData(cid), created_at: iso(BASE_MS), updated_at: iso(BASE_MS) });

  it('notification.channel_mutes_updated replaces the own channel mutes and totals; the muted channel stops counting', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    newMsg(h, B, 'b2', t(2));
    h.send('notification.channel_mutes_updated', { me: ownUser('me', { channel_mutes: [mute(A)], total_unread_count: 1, unread_channels: 1 }) });
    expect(h.store.getState().me?.channel_mutes.map((m) => m.channel?.cid)).toEqual([A]);
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 1, channels: 1 });
    newMsg(h, A, 'a3', t(3));
    newMsg(h, B, 'b3', t(3));
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 2, channels: 1 });
  });

  it('notification.mutes_updated replaces the own user mutes: the muted sender stops counting', () => {
    const h = twoChannels();
    h.send('notification.mutes_updated', { me: ownUser('me', { mutes: [{ user: user('me'), target: user('bob'), created_at: iso(BASE_MS), updated_at: iso(BASE_MS) }] }) });
    newMsg(h, A, 'a2', t(2));
    expect(h.ch(A).unread.messages).toBe(0);
  });

  it('unread/fetched leaves muted channels out of the channel count, keeps mentions and the counts by team', () => {
    const h = twoChannels({ channel_mutes: [mute(B)] });
    h.dispatch({
      type: 'unread/fetched',
      counts: {
        duration: '1ms',
        channel_type: [],
        threads: [],
        total_unread_count: 4,
        total_unread_threads_count: 0,
        total_unread_count_by_team: { red: 4 },
        channels: [
          { channel_id: A, unread_count: 4, last_read: t(1), unread_mentions: 2 } as never,
          { channel_id: B, unread_count: 5, last_read: t(1), muted: true } as never,
        ],
      },
    });
    expect(h.ch(A).unread).toEqual({ messages: 4, mentions: 2 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 4, channels: 1, byTeam: { red: 4 } });
  });

  it('unread/fetched clears a held count the complete answer leaves out', () => {
    const h = twoChannels();
    newMsg(h, A, 'a2', t(2));
    newMsg(h, B, 'b2', t(2));
    h.dispatch({
      type: 'unread/fetched',
      counts: { duration: '1ms', channel_type: [], threads: [], total_unread_count: 1, total_unread_threads_count: 0, channels: [{ channel_id: B, unread_count: 1, last_read: t(1) }] },
    });
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 1, channels: 1, byChannel: { [B]: { messages: 1, mentions: 0 } } });
  });
});
