// What events do to threads (PROTOCOL.md section 6): new replies, edits and deletes of
// replies and parents, thread reads and unreads, thread.updated and
// notification.thread_message_new. Counters shown by both the channel and the thread
// (reply_count, thread_participants) are written on the parent message, once.
import type { ChatEvent } from '../models/events.ts';
import type { MessageResponse, UserResponse } from '../models/generated/types.ts';
import type { ChannelEntry, ChatState, LocalMessage, ThreadEntry } from './state.ts';
import type { ReducerContext } from './context.ts';
import { addNewMessage, removeMessage, replaceHeld } from './messages.ts';
import { applyServerTotals } from './reads.ts';
import { participantsOf, placeHeldReply, setThreadData, setThreadRead, setThreadUnread, threadOf } from './threads.ts';
import { markUnseen, placeThread, removeThreadFromLists } from './threadLists.ts';
import { idsInsert, idsNewestFirst, idsRemove, idsToArray } from './sortedIds.ts';
import { draftTableDelete, tableGet, tablePeek } from './table.ts';
import { peek } from './peek.ts';
import { deepEqual } from './deepEqual.ts';

function isDeleted(m: MessageResponse): boolean {
  return m.type === 'deleted' || m.deleted_at !== undefined;
}

function senderMuted(state: ChatState, userId: string | undefined): boolean {
  const mutes = (state.me?.mutes ?? []) as ReadonlyArray<{ target?: { id?: string } } | undefined>;
  return userId !== undefined && mutes.some((m) => m?.target?.id === userId);
}

/** Would this new reply count as unread in its thread for the own user? */
function countsInThread(state: ChatState, thread: ThreadEntry, m: MessageResponse): boolean {
  const me = state.me?.id;
  if (!me || m.user?.id === me) return false;
  if (m.silent || m.shadowed || m.type === 'system' || isDeleted(m) || senderMuted(state, m.user?.id)) return false;
  // The service counts thread unread only for participants, and they have a thread read.
  const own = thread.reads[me];
  return own !== undefined && m.created_at > own.last_read;
}

/**
 * Change reply_count (and add a participant) where the thread's counters live: on the
 * parent message when its channel holds it, and on the thread's stand-in copy.
 */
function adjustCounters(state: ChatState, ch: ChannelEntry, parentId: string, delta: number, participant: UserResponse | undefined): void {
  const thread = threadOf(state, parentId);
  const parent = tableGet(ch.messages, parentId);
  const known = parent?.thread_participants ?? (thread ? participantsOf(state, thread) : []);
  const joins = participant !== undefined && !known.some((u) => u.id === participant.id);
  if (parent && (delta !== 0 || joins)) {
    const next: LocalMessage = { ...parent, reply_count: Math.max(0, (parent.reply_count ?? 0) + delta) };
    if (joins) {
      // The parent's author takes part in their thread from its first reply on, as on the service.
      const first = known.length === 0 && parent.user.id !== participant.id ? [parent.user] : [];
      next.thread_participants = [...known, ...first, participant];
    }
    replaceHeld(ch, parent, next);
  }
  const data = thread?.data;
  if (!data) return;
  if (delta !== 0 && data.reply_count !== undefined) data.reply_count = Math.max(0, data.reply_count + delta);
  if (joins) {
    data.participant_count += 1;
    data.active_participant_count += 1;
    if (data.thread_participants) data.thread_participants.push(participant);
  }
}

/**
 * A reply the channel's table took in for the first time (message.new, a REST answer,
 * notification.thread_message_new): counters, the thread's run, reads, unread, lists.
 */
export function threadOnNewReply(state: ChatState, ch: ChannelEntry, m: MessageResponse, ev: ChatEvent | undefined): void {
  const parentId = m.parent_id;
  if (!parentId) return;
  // reply_count and thread_participants are the server's numbers: a local copy still being
  // sent shows in the thread but counts only once the server confirms it (and a send that
  // fails needs nothing taken back).
  if (isConfirmed(m)) threadOnReplyConfirmed(state, ch, m);
  const thread = threadOf(state, parentId);
  if (!thread) return;
  // New replies join the run only when it reaches the newest reply.
  if (!thread.hasNewer) idsInsert(thread.replies, m.id, m.created_at);
  if (thread.data && (thread.data.last_message_at ?? -Infinity) < m.created_at) thread.data.last_message_at = m.created_at;
  const server = ev?.unread_threads !== undefined;
  const me = state.me?.id;
  if (m.user) {
    const hadRead = me !== undefined && thread.reads[me] !== undefined;
    // The sender has read the thread up to their own reply: what counts is what came after.
    const moved = setThreadRead(thread, m.user, m.created_at, m.id);
    if (moved && m.user.id === me) setThreadUnread(state, thread, repliesAfterOwnRead(state, thread, m.created_at, hadRead), !server);
  }
  if (countsInThread(state, thread, m)) setThreadUnread(state, thread, thread.unread + 1, !server);
  placeThread(state, parentId, m.user?.id === me);
}

function isConfirmed(m: MessageResponse): boolean {
  const status = (m as Partial<LocalMessage>).status;
  return status === undefined || status === 'received';
}

/** The server confirmed a reply: it counts on the parent (once, see threadOnNewReply). */
export function threadOnReplyConfirmed(state: ChatState, ch: ChannelEntry, m: MessageResponse): void {
  if (m.parent_id) adjustCounters(state, ch, m.parent_id, isDeleted(m) ? 0 : 1, m.user);
}

/**
 * Take in a message the server sent (message.new, notification.thread_message_new) and, for
 * a reply, apply its thread effects once: all of them when the channel's table takes it in
 * for the first time; only the counting when it held a local copy not yet confirmed (the
 * optimistic send showed it in the thread already). Returns whether the message was new.
 */
export function receiveMessage(state: ChatState, ch: ChannelEntry, m: MessageResponse, ev: ChatEvent | undefined, cap: number): boolean {
  const prev = tablePeek(peek(ch).messages, m.id);
  const isNew = addNewMessage(ch, m, cap);
  if (!m.parent_id) return isNew;
  if (isNew) {
    threadOnNewReply(state, ch, m, ev);
    return isNew;
  }
  placeHeldReply(ch, m);
  if (prev && !isConfirmed(prev)) threadOnReplyConfirmed(state, ch, m);
  return isNew;
}

/**
 * An edited, soft-deleted or undeleted copy replaced `prev`: keep reply_count right, and,
 * given the server's event, the own unread count (recountReply).
 */
export function threadOnMessageChanged(state: ChatState, ch: ChannelEntry, prev: LocalMessage | undefined, next: MessageResponse, ev?: ChatEvent): void {
  if (!prev || !next.parent_id) return;
  const was = isDeleted(prev);
  const is = isDeleted(next);
  if (was !== is) adjustCounters(state, ch, next.parent_id, is ? -1 : 1, undefined);
  if (ev) recountReply(state, prev, next, ev);
}

/**
 * A hard delete: of a reply (leaves its thread), or of a parent (the thread goes with it).
 * Given the server's event, the reply also leaves the own unread count (recountReply); the
 * local paths (a REST removal, an optimistic delete) leave counts to the server's events,
 * as for channels.
 */
export function threadOnHardDelete(state: ChatState, ch: ChannelEntry, prev: LocalMessage | undefined, id: string, ev?: ChatEvent): void {
  if (prev?.parent_id) {
    if (ev) recountReply(state, prev, undefined, ev);
    const thread = threadOf(state, prev.parent_id);
    if (thread) idsRemove(thread.replies, prev.id, prev.created_at);
    if (!isDeleted(prev)) adjustCounters(state, ch, prev.parent_id, -1, undefined);
  }
  dropThread(state, id);
}

/**
 * A reply that counted as unread and no longer does (deleted, soft or hard) leaves its
 * thread's own count, and an undeleted one comes back: the service never counts a deleted
 * reply, as for channels (reads.ts readsOnMessageChanged).
 */
function recountReply(state: ChatState, prev: LocalMessage, next: MessageResponse | undefined, ev: ChatEvent): void {
  const thread = prev.parent_id ? threadOf(state, prev.parent_id) : undefined;
  if (!thread) return;
  const was = isConfirmed(prev) && countsInThread(state, thread, prev);
  const is = next !== undefined && countsInThread(state, thread, next);
  if (was !== is) setThreadUnread(state, thread, thread.unread + (is ? 1 : -1), ev.unread_threads === undefined);
}

/** A thread that no longer exists: its replies (the service deletes them with it), counts, lists. */
export function dropThread(state: ChatState, parentId: string): void {
  const thread = threadOf(state, parentId);
  if (!thread) return;
  const ch = tableGet(state.channels, thread.cid);
  if (ch) for (const rid of idsToArray(thread.replies)) removeMessage(ch, rid);
  setThreadUnread(state, thread, 0, true);
  draftTableDelete(state.threads, parentId);
  removeThreadFromLists(state, parentId);
}

/** message.read / notification.mark_read with `thread` or `thread_id`. */
export function threadOnRead(state: ChatState, ctx: ReducerContext, ev: ChatEvent): void {
  const parentId = ev.thread?.parent_message_id ?? ev.thread_id;
  applyServerTotals(state, ev);
  const server = ev.unread_threads !== undefined;
  if (!parentId) return;
  const thread = threadOf(state, parentId);
  if (!thread) return;
  if (ev.thread) setThreadData(state, ctx, ev.thread);
  const user = ev.user ?? (ev.type === 'notification.mark_read' ? (state.me as unknown as UserResponse | null) : null);
  if (!user) return;
  const me = state.me?.id;
  const hadRead = me !== undefined && thread.reads[me] !== undefined;
  const at = ev.last_read_at ?? ev.created_at;
  const moved = setThreadRead(thread, user, at, ev.last_read_message_id);
  if (moved && user.id === me) setThreadUnread(state, thread, repliesAfterOwnRead(state, thread, at, hadRead), !server);
}

/**
 * The own thread count once the own read moved forward to `at`: the replies written after
 * it, as the service counts. Mostly none (the read is at the newest reply, and the walk
 * stops at once). But another user's later reply may have come first, and before the own
 * first reply there was no own read, so nothing was counted (only participants count):
 * zeroing then drifted from the server and depended on the order of arrival (found by the
 * reorder property). A read that moved only lowers a count it already kept.
 */
function repliesAfterOwnRead(state: ChatState, thread: ThreadEntry, at: number, hadRead: boolean): number {
  if (hadRead && thread.unread === 0) return 0;
  const ch = tableGet(state.channels, thread.cid);
  if (!ch) return 0;
  const held = peek(ch).messages;
  let unread = 0;
  for (const p of idsNewestFirst(peek(thread.replies))) {
    if (p.at <= at) break;
    const m = tablePeek(held, p.id);
    if (m && m.status === 'received' && countsInThread(state, thread, m)) unread++;
  }
  return unread;
}

/** notification.mark_unread with `thread_id`: the own thread read moves back. */
export function threadOnMarkUnread(state: ChatState, ev: ChatEvent): void {
  const server = ev.unread_threads !== undefined;
  applyServerTotals(state, ev);
  const me = state.me;
  const thread = ev.thread_id ? threadOf(state, ev.thread_id) : undefined;
  if (!thread || !me) return;
  const reads = thread.reads as Record<string, ThreadEntry['reads'][string]>;
  const prev = reads[me.id];
  const unread = ev.unread_messages ?? ev.unread_count ?? prev?.unread_messages ?? 0;
  const next = { ...prev, user: prev?.user ?? (me as unknown as UserResponse), last_read: ev.last_read_at ?? prev?.last_read ?? 0, unread_messages: unread };
  if (ev.last_read_message_id) next.last_read_message_id = ev.last_read_message_id;
  else delete next.last_read_message_id;
  // A repeated event carries an equal read: keep the held reference.
  if (!prev || !deepEqual(prev, next)) reads[me.id] = next;
  setThreadUnread(state, thread, unread, !server);
}

/** thread.updated: the thread's own data (title, custom fields, dates). */
export function threadOnUpdated(state: ChatState, ctx: ReducerContext, ev: ChatEvent): void {
  const t = ev.thread;
  if (!t || !threadOf(state, t.parent_message_id)) return;
  setThreadData(state, ctx, t);
}

/**
 * notification.thread_message_new: a reply in a thread we take part in. A channel we hold
 * takes the reply as message.new would (once: watchers get both events); a thread we do not
 * hold is marked unseen in the thread lists, to be loaded on refresh.
 */
export function threadOnNotification(state: ChatState, ctx: ReducerContext, ch: ChannelEntry | undefined, ev: ChatEvent): void {
  applyServerTotals(state, ev);
  const m = ev.message;
  const parentId = m?.parent_id ?? ev.thread_id ?? ev.thread?.parent_message_id;
  if (!parentId) return;
  if (ch && m) receiveMessage(state, ch, m, ev, ctx.windowCap);
  // After the reply: the event's thread already counts it, and the server's numbers win.
  if (threadOf(state, parentId)) {
    if (ev.thread) setThreadData(state, ctx, ev.thread);
  } else {
    markUnseen(state, parentId);
  }
}

