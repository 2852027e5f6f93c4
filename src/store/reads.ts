// Read states and unread counts. Server-sent numbers win (PROTOCOL.md section 6): when an
// event carries totals they replace ours; otherwise we count locally, by the rules the
// service uses, so the numbers stay right between server updates.
import type { ChatEvent } from '../models/events.ts';
import type { MessageResponse, UserResponse } from '../models/generated/types.ts';
import type { ChannelEntry, ChatState, LocalMessage, MessageWindow, ReadState } from './state.ts';
import { latestWindowIndex, showsInChannel } from './messages.ts';
import { idsLast, idsNewestFirst, type IdPosition } from './sortedIds.ts';
import { tableDelete, tablePeek, tableSet } from './table.ts';
import { child, peek } from './peek.ts';
import { deepEqual } from './deepEqual.ts';
import { freezeSettled } from './freeze.ts';
import { own } from './owned.ts';

/**
 * The channel's reads as a plain record this burst may write to (owned.ts): one copy per
 * channel per burst, and no draft of the record for immer to make and finish. Every write
 * to a channel's reads on the event path goes through here.
 */
function ownReads(ch: ChannelEntry): Record<string, ReadState> {
  return own<Record<string, ReadState>>(ch, 'reads');
}

function meId(state: ChatState): string | undefined {
  return peek(peek(state).me)?.id;
}

function senderMuted(state: ChatState, userId: string | undefined): boolean {
  const me = peek(peek(state).me);
  if (!userId || !me) return false;
  const mutes = peek(me.mutes) as ReadonlyArray<{ target?: { id?: string } } | undefined>;
  return mutes.some((m) => m?.target?.id === userId);
}

export function channelMuted(state: ChatState, ch: ChannelEntry): boolean {
  const muted = peek(peek(ch).data)?.muted;
  if (muted === true) return true;
  if (peek(peek(ch).membership)?.notifications_muted === true) return true;
  // The channel's own `muted` is the viewer's (the service sends it per user, and a mute
  // change sets it on every held channel: optimisticChannels.ts, syncChannelMutes), so it
  // wins over a `channel_mutes` list that may lag behind an unmute in flight.
  if (muted === false) return false;
  return peek(peek(peek(state).me)?.channel_mutes)?.some((m) => m.channel?.cid === ch.cid) ?? false;
}

/** Would this new message count as unread for the own user? */
export function countsAsUnread(state: ChatState, ch: ChannelEntry, m: MessageResponse): boolean {
  const me = meId(state);
  if (!me || m.user?.id === me) return false;
  if (m.silent || m.shadowed || !showsInChannel(m) || m.type === 'system' || m.type === 'deleted') return false;
  if (senderMuted(state, m.user?.id) || channelMuted(state, ch)) return false;
  const mine = peek(peek(peek(ch).reads)[me]);
  return !mine || m.created_at > mine.last_read;
}

export function mentionsMe(state: ChatState, m: MessageResponse): boolean {
  const me = meId(state);
  return !!me && m.mentioned_users.some((u) => u.id === me);
}

/**
 * Where counting starts: after a message (a time and an id: a local mark-unread, which
 * splits messages of one millisecond), or after a time (`id` left out: a read the server
 * made, which covers every message created at or before it, as the service counts).
 */
export interface ReadPosition {
  at: number;
  id?: string;
}

/** Whether `p` comes after `after` (by time, then by id when `after` names one); everything does after null. */
export function isAfter(p: IdPosition, after: ReadPosition | null): boolean {
  return after === null || p.at > after.at || (after.id !== undefined && p.at === after.at && p.id > after.id);
}

/**
 * Unread messages and mentions after `after` in the latest window. O(messages after it),
 * and it drafts nothing (on the event path the newest message is mostly not after it, and
 * the answer is found without walking anything).
 */
export function countAfter(state: ChatState, ch: ChannelEntry, after: ReadPosition | null): { messages: number; mentions: number } {
  const ids = peek(peek(peek(peek(ch).windows)[latestWindowIndex(ch)] as MessageWindow).ids);
  let messages = 0;
  let mentions = 0;
  const newest = idsLast(ids);
  if (!newest || !isAfter(newest, after)) return { messages, mentions };
  const held = peek(ch).messages;
  for (const p of idsNewestFirst(ids)) {
    if (!isAfter(p, after)) break;
    const m = tablePeek(held, p.id);
    if (!m || m.status !== 'received' || !countsAsUnread(state, ch, m)) continue;
    messages++;
    if (mentionsMe(state, m)) mentions++;
  }
  return { messages, mentions };
}

const NOTHING_AFTER = Object.freeze({ messages: 0, mentions: 0 });

/**
 * The own count once the own read has moved forward to `at`: the messages created after it
 * (by time only, as the service and countsAsUnread count: a message of the same millisecond
 * is read, whatever its id). A read moving forward only ever lowers the count, so with
 * nothing counted there is nothing to look for (the common case: reads follow the messages
 * they read).
 */
function countAfterOwnRead(state: ChatState, ch: ChannelEntry, at: number): { messages: number; mentions: number } {
  const held = peek(peek(ch).unread);
  return held.messages === 0 && held.mentions === 0 ? NOTHING_AFTER : countAfter(state, ch, { at });
}

/** Replace our totals with the ones an event carries; returns whether it carried any. */
export function applyServerTotals(state: ChatState, ev: ChatEvent): boolean {
  let any = false;
  const total = ev.total_unread_count ?? ev.unread_count;
  if (total !== undefined) {
    child(state, 'unread').totalMessages = Math.max(0, total);
    any = true;
  }
  if (ev.unread_channels !== undefined) {
    child(state, 'unread').channels = Math.max(0, ev.unread_channels);
    any = true;
  }
  if (ev.unread_threads !== undefined) child(state, 'unread').threads = Math.max(0, ev.unread_threads);
  return any;
}

/** Set the own unread count of a channel, moving the totals by the difference. */
export function setChannelUnread(state: ChatState, ch: ChannelEntry, messages: number, mentions: number, adjustTotals: boolean): void {
  // Reads go through peek and each object changes by one replacement (a frozen copy), so an
  // event costs a handful of proxy traps, not one per field read.
  const unread = peek(peek(ch).unread);
  const before = unread.messages;
  const after = Math.max(0, messages);
  if (adjustTotals) {
    const totals = peek(peek(state).unread);
    const total = Math.max(0, totals.totalMessages + after - before);
    const draft = child(state, 'unread');
    if (total !== totals.totalMessages) draft.totalMessages = total;
    if (before === 0 && after > 0) draft.channels = totals.channels + 1;
    if (before > 0 && after === 0) draft.channels = Math.max(0, totals.channels - 1);
  }
  const m = Math.max(0, Math.min(mentions, after));
  if (unread.messages !== after || unread.mentions !== m) ch.unread = Object.freeze({ messages: after, mentions: m });
  const me = meId(state);
  const mine = me ? peek(peek(peek(ch).reads)[me]) : undefined;
  if (me && mine && mine.unread_messages !== after) {
    ownReads(ch)[me] = freezeSettled({ ...mine, unread_messages: after });
  }
  // A bucketed table, not one record: with a thousand unread channels, one record would be
  // copied and frozen whole on every change (measured: 2 ms per event at 1,000 channels).
  const byChannel = child(child(state, 'unread'), 'byChannel');
  const held = tablePeek(byChannel, ch.cid);
  if (after === 0 && m === 0) {
    if (held) tableDelete(byChannel, ch.cid);
  } else if (!held || held.messages !== after || held.mentions !== m) {
    tableSet(byChannel, ch.cid, Object.freeze({ messages: after, mentions: m }));
  }
}

/**
 * A user's read moved to `at`, naming message `id` or none, from the held read `prev`: the
 * read to hold and whether it moved in time, or undefined when nothing changes. A late event
 * (older than the held read) changes nothing, and one at the held time does not move it,
 * so it must not clear what was counted since. Channel and thread reads both go through here.
 *
 * A read names the newest message it covers, or none. Its position is its time, then that
 * id (the order of the windows), so the same reads in any order end at the same place
 * (ARCHITECTURE.md: reorders converge; found by the reorder property):
 * - a read that moved in time keeps no id or first unread of the older position (the
 *   official client also replaces the whole read state);
 * - at the held time, only an id later than the held one (or the first id) changes it.
 */
export function advanceRead(prev: ReadState | undefined, user: UserResponse, at: number, id: string | undefined): { next: ReadState; moved: boolean } | undefined {
  if (prev && prev.last_read > at) return undefined;
  if (prev && prev.last_read === at) {
    const held = prev.last_read_message_id;
    if (id === undefined || (held !== undefined && id <= held)) return undefined;
    return { next: { ...prev, last_read_message_id: id }, moved: false };
  }
  const next: ReadState = { ...prev, user: prev?.user ?? user, last_read: at, unread_messages: 0 };
  if (id !== undefined) next.last_read_message_id = id;
  // Only when there is something to drop: a delete turns the object into a slow dictionary.
  else if (next.last_read_message_id !== undefined) delete next.last_read_message_id;
  if (next.first_unread_message_id !== undefined) delete next.first_unread_message_id;
  return { next, moved: true };
}

/** Move a user's channel read (advanceRead); returns whether it moved in time. */
function setRead(ch: ChannelEntry, user: UserResponse, at: number, id: string | undefined): boolean {
  // Read through peek: drafting the held read only to compare it would cost more than the write.
  const read = advanceRead(peek(peek(peek(ch).reads)[user.id]), user, at, id);
  if (!read) return false;
  ownReads(ch)[user.id] = freezeSettled(read.next);
  return read.moved;
}

/** message.new: the sender has read up to it; the own count goes up if it counts. */
export function readsOnNewMessage(state: ChatState, ch: ChannelEntry, m: MessageResponse, ev: ChatEvent | undefined): void {
  const server = ev ? applyServerTotals(state, ev) : false;
  // The sender has read the channel up to its message. A thread-only reply is no channel
  // read. For the own user that clears the channel's count, so the own read state and the
  // count never disagree.
  if (m.user && showsInChannel(m)) {
    const moved = setRead(ch, m.user, m.created_at, m.id);
    // The own read is now at this message: what counts is what came after it. Mostly
    // nothing (the own message is the newest, and the scan stops at once), but a message
    // created after it may have arrived first (the answer to a send racing another user's
    // message.new); clearing the count then drifted from the server, which counts it.
    if (moved && m.user.id === meId(state)) {
      const after = countAfterOwnRead(state, ch, m.created_at);
      setChannelUnread(state, ch, after.messages, after.mentions, !server);
    }
  }
  if (countsAsUnread(state, ch, m)) {
    const mention = mentionsMe(state, m) ? 1 : 0;
    const held = peek(peek(ch).unread);
    setChannelUnread(state, ch, held.messages + 1, held.mentions + mention, !server);
  }
  if (ev?.unread_messages !== undefined) setChannelUnread(state, ch, ev.unread_messages, peek(peek(ch).unread).mentions, false);
}

/**
 * message.updated / undeleted / deleted (`next` undefined for a hard delete): a held message
 * that counted as unread and no longer does (deleted) leaves the own count, and one that
 * counts again (undeleted) or now mentions us comes back, as the service counts (never a
 * deleted message). Before, a delete changed no count while an own read recounted without
 * the deleted message, so the count depended on which came first (the reorder property).
 */
export function readsOnMessageChanged(state: ChatState, ch: ChannelEntry, prev: LocalMessage | undefined, next: LocalMessage | undefined, ev: ChatEvent): void {
  const server = applyServerTotals(state, ev);
  const was = prev !== undefined && prev.status === 'received' && countsAsUnread(state, ch, prev);
  const is = next !== undefined && next.status === 'received' && countsAsUnread(state, ch, next);
  const messages = (is ? 1 : 0) - (was ? 1 : 0);
  const mentions = (is && next && mentionsMe(state, next) ? 1 : 0) - (was && prev && mentionsMe(state, prev) ? 1 : 0);
  if (messages === 0 && mentions === 0) return;
  const held = peek(peek(ch).unread);
  setChannelUnread(state, ch, held.messages + messages, held.mentions + mentions, !server);
}

/** message.read / notification.mark_read (for a channel). */
export function readsOnRead(state: ChatState, ch: ChannelEntry, ev: ChatEvent): void {
  const user = ev.user ?? (ev.type === 'notification.mark_read' ? state.me : undefined);
  if (!user) return;
  const at = ev.last_read_at ?? ev.created_at;
  const moved = setRead(ch, user as UserResponse, at, ev.last_read_message_id || undefined);
  if (moved && user.id === meId(state) && !ev.thread && !ev.thread_id) {
    const server = applyServerTotals(state, ev);
    // Messages after the new read still count (a read made elsewhere before they came,
    // delivered after them), as the server counts them; usually there are none.
    const after = countAfterOwnRead(state, ch, at);
    setChannelUnread(state, ch, after.messages, after.mentions, !server);
  } else {
    applyServerTotals(state, ev);
  }
}

/** notification.mark_unread: the own read moves back; the count comes from the event. */
export function readsOnMarkUnread(state: ChatState, ch: ChannelEntry, ev: ChatEvent): void {
  const me = state.me;
  if (!me || ev.thread_id) {
    applyServerTotals(state, ev);
    return;
  }
  const prev = peek(peek(peek(ch).reads)[me.id]);
  const next: ReadState = {
    ...prev,
    user: prev?.user ?? (me as unknown as UserResponse),
    last_read: ev.last_read_at ?? prev?.last_read ?? 0,
    unread_messages: ev.unread_messages ?? prev?.unread_messages ?? 0,
  };
  if (ev.last_read_message_id) next.last_read_message_id = ev.last_read_message_id;
  else delete next.last_read_message_id;
  if (ev.first_unread_message_id) next.first_unread_message_id = ev.first_unread_message_id;
  if (!prev || !deepEqual(prev, next)) ownReads(ch)[me.id] = freezeSettled(next);
  const server = applyServerTotals(state, ev);
  setChannelUnread(state, ch, next.unread_messages, peek(peek(ch).unread).mentions, !server);
}
