// Every event type of PROTOCOL.md section 6 that the store understands (KNOWN_EVENT_TYPES):
// it changes the state, applying it again keeps the state reference, and the same event
// for a channel the store does not hold leaves no phantom channel behind.
import { describe, expect, it } from 'vitest';
import { VirtualTimeScheduler } from 'rxjs';
import { decodeModel } from 'chatstore';
import { KNOWN_EVENT_TYPES } from '../../src/store/applyEvent.ts';
import { BASE_MS, channelData, iso, member, msg, ownUser, reaction, storeHarness, user } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const Z = 'messaging:zz';
const t = (n: number) => BASE_MS + n * 1_000;

/** Channel A's thread hangs off x1; other channels' threads are not held. */
const parentOf = (cid: string) => (cid === A ? 'x1' : `${cid}-parent`);
function thread(cid: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { parent_message_id: parentOf(cid), channel_cid: cid, created_at: iso(t(1)), updated_at: iso(t(1)), reply_count: 0, ...extra };
}

/** A realistic event of each type for channel `cid`, about message 'x1' where it needs one. */
const fixtures: Record<(typeof KNOWN_EVENT_TYPES)[number], (cid: string) => Record<string, unknown>> = {
  'health.check': () => ({ connection_id: 'c1', me: ownUser('me', { name: 'Me again', total_unread_count: 3 }) }),
  'message.new': (cid) => ({ cid, message: msg(cid, 'x2', t(5)) }),
  'message.updated': (cid) => ({ cid, message: msg(cid, 'x1', t(1), { text: 'edited', updated_at: t(6) }) }),
  'message.undeleted': (cid) => ({ cid, message: msg(cid, 'x1', t(1), { text: 'restored', updated_at: t(6) }) }),
  'message.deleted': (cid) => ({ cid, message: msg(cid, 'x1', t(1), { type: 'deleted', updated_at: t(6) }) }),
  'message.read': (cid) => ({ cid, user: user('bob'), created_at: iso(t(7)) }),
  'notification.mark_read': (cid) => ({ cid, created_at: iso(t(7)), total_unread_count: 0 }),
  'notification.mark_unread': (cid) => ({ cid, last_read_at: iso(t(0)), unread_messages: 1, total_unread_count: 1, unread_channels: 1 }),
  'notification.message_new': (cid) => ({ cid, channel: channelData(cid, { last_message_at: iso(t(5)) }), message: msg(cid, 'x2', t(5)) }),
  'notification.added_to_channel': (cid) => ({ cid, channel: channelData(cid), member: member('me', { channel_role: 'channel_moderator' }) }),
  'notification.removed_from_channel': (cid) => ({ cid, member: member('me') }),
  'notification.channel_deleted': (cid) => ({ cid, channel: channelData(cid), created_at: iso(t(8)) }),
  'notification.channel_truncated': (cid) => ({ cid, channel: channelData(cid, { truncated_at: iso(t(1)) }) }),
  'reaction.new': (cid) => ({ cid, reaction: reaction('x1', 'bob'), user: user('bob'), message: msg(cid, 'x1', t(1), { reaction_counts: { like: 1 }, updated_at: t(6) }) }),
  'reaction.updated': (cid) => ({ cid, reaction: reaction('x1', 'bob'), user: user('bob'), message: msg(cid, 'x1', t(1), { reaction_scores: { like: 2 }, updated_at: t(6) }) }),
  'reaction.deleted': (cid) => ({ cid, reaction: reaction('x1', 'bob'), user: user('bob'), message: msg(cid, 'x1', t(1), { reaction_counts: {}, updated_at: t(6) }) }),
  'typing.start': (cid) => ({ cid, user: user('bob') }),
  'typing.stop': (cid) => ({ cid, user: user('carol') }),
  'member.added': (cid) => ({ cid, member: member('dave') }),
  'member.updated': (cid) => ({ cid, member: member('bob', { channel_role: 'channel_moderator' }) }),
  'member.removed': (cid) => ({ cid, member: member('bob'), user: user('bob') }),
  'channel.updated': (cid) => ({ cid, channel: channelData(cid, { name: 'renamed' }) }),
  'channel.truncated': (cid) => ({ cid, channel: channelData(cid, { truncated_at: iso(t(1)) }) }),
  'channel.hidden': (cid) => ({ cid }),
  'channel.visible': (cid) => ({ cid, channel: channelData(cid, { name: 'shown' }) }),
  'channel.deleted': (cid) => ({ cid, channel: channelData(cid), created_at: iso(t(8)) }),
  'user.presence.changed': () => ({ user: { ...user('bob'), online: true } }),
  'user.updated': () => ({ user: { ...user('bob'), name: 'Robert' } }),
  'user.watching.start': (cid) => ({ cid, user: user('bob') }),
  'user.watching.stop': (cid) => ({ cid, user: user('carol') }),
  'thread.updated': (cid) => ({ cid, thread: thread(cid, { title: 'renamed', updated_at: iso(t(6)) }) }),
  'notification.thread_message_new': (cid) => ({ cid, message: msg(cid, 'r1', t(5), { parent_id: parentOf(cid) }), thread: thread(cid, { reply_count: 1, updated_at: iso(t(5)) }), unread_threads: 1 }),
  'user.banned': (cid) => ({ cid, user: user('bob') }),
  'user.unbanned': (cid) => ({ cid, user: user('carol') }),
  'notification.channel_mutes_updated': (cid) => ({ me: ownUser('me', { channel_mutes: [{ channel: channelData(cid), created_at: iso(t(2)), updated_at: iso(t(2)) }] }) }),
  'notification.mutes_updated': () => ({ me: ownUser('me', { mutes: [{ user: user('me'), target: user('bob'), created_at: iso(t(2)), updated_at: iso(t(2)) }] }) }),
  'message.delivered': (cid) => ({ cid, user: user('bob'), last_delivered_at: iso(t(8)), last_delivered_message_id: 'm-delivered' }),
  'draft.updated': (cid) => ({ cid, draft: draft(cid, 'changed', t(6)) }),
  'draft.deleted': (cid) => ({ cid, draft: draft(cid, 'held', t(2)) }),
  'reminder.created': (cid) => ({ cid, reminder: reminder(cid, 'x2', t(9)) }),
  'reminder.updated': (cid) => ({ cid, reminder: reminder(cid, 'x1', t(10), t(6)) }),
  'reminder.deleted': (cid) => ({ cid, reminder: reminder(cid, 'x1', t(9)) }),
  'notification.reminder_due': (cid) => ({ cid, reminder: reminder(cid, 'x1', t(9)) }),
};

function draft(cid: string, text: string, at: number): Record<string, unknown> {
  return { channel_cid: cid, created_at: iso(at), message: { id: 'd1', text } };
}

function reminder(cid: string, messageId: string, remindAt: number, updatedAt = t(2)): Record<string, unknown> {
  return { channel_cid: cid, message_id: messageId, user_id: 'me', remind_at: iso(remindAt), created_at: iso(t(2)), updated_at: iso(updatedAt) };
}

/** Channel A with message x1 (bob), its thread, members me, bob, carol; carol typing, watching, banned. */
function held() {
  const scheduler = new VirtualTimeScheduler();
  const h = storeHarness({ scheduler });
  h.hydrate(A, { messages: [msg(A, 'x1', t(1))], members: ['me', 'bob', 'carol'] });
  h.send('typing.start', { cid: A, user: user('carol') });
  h.send('user.watching.start', { cid: A, user: user('carol') });
  h.send('user.banned', { cid: A, user: user('carol') });
  h.send('draft.updated', { cid: A, draft: draft(A, 'held', t(2)) });
  h.send('reminder.created', { cid: A, reminder: reminder(A, 'x1', t(9)) });
  const threadState = decodeModel('ThreadStateResponse', thread(A));
  if (!threadState.ok) throw threadState.error;
  h.dispatch({ type: 'threads/hydrated', threads: [threadState.value], replyLimit: 25 });
  h.dispatch({ type: 'channelList/requested', key: 'k', filter: {}, sort: [], reset: true });
  h.dispatch({ type: 'channelList/loaded', key: 'k', channels: [], offset: 0, limit: 10, messageLimit: 25 });
  scheduler.flush();
  return h;
}

// Events that make a channel known (PROTOCOL.md: "channel becomes known"), with its data.
// channel.visible goes only to the member who hid the channel, which queries leave out.
const MAKES_KNOWN = new Set(['notification.message_new', 'notification.added_to_channel', 'channel.visible']);

describe('every known event type', () => {
  it('has a fixture here', () => {
    expect(Object.keys(fixtures).sort()).toEqual([...KNOWN_EVENT_TYPES].sort());
  });

  it.each([...KNOWN_EVENT_TYPES])('%s changes the state once; a repeat keeps the reference', (type) => {
    const h = held();
    const before = h.store.getState();
    h.send(type, fixtures[type](A));
    const once = h.store.getState();
    expect(once).not.toBe(before);
    h.send(type, fixtures[type](A));
    expect(h.store.getState()).toBe(once);
  });

  it.each([...KNOWN_EVENT_TYPES])('%s for a channel not held leaves no phantom channel', (type) => {
    const h = held();
    const channelA = h.ch(A);
    h.send(type, fixtures[type](Z));
    if (MAKES_KNOWN.has(type)) {
      // Known now, with the data the event carried, the own membership, and listed.
      expect(h.ch(Z).data?.cid).toBe(Z);
      expect(h.ch(Z).membership?.user_id).toBe('me');
      expect(h.store.getState().lists['k']?.cids).toEqual([Z]);
    } else {
      expect(h.has(Z)).toBe(false);
    }
    // Channel A is untouched by an event about another channel.
    expect(h.ch(A)).toBe(channelA);
  });
});
