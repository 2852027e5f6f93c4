// Thread reducers: a thread's metadata, its ordered reply ids and its reads. Replies and the
// parent message are held once, in their channel's message table (ChannelEntry.messages);
// a thread refers to them by id. The counters both the channel and the thread show
// (reply_count, thread_participants) live on the parent message, so the two views cannot
// drift apart the way the official client's two copies do.
import { decodeModel } from '../models/decode.ts';
import type { MessageResponse, ReadStateResponse, ThreadResponse, ThreadStateResponse, UserResponse } from '../models/generated/types.ts';
import type { ChannelEntry, ChatState, LocalMessage, MessageWindow, ReadState, ThreadData, ThreadEntry } from './state.ts';
import { newThreadEntry } from './state.ts';
import { ensureChannel, type ReducerContext } from './context.ts';
import { isHardDeleted, latestWindowIndex, showsInChannel, storeMessage, toLocal, updateHeldMessage, windowOf } from './messages.ts';
import { setChannelData, toChannelData } from './channels.ts';
import { advanceRead } from './reads.ts';
import { emptyIds, idsFirst, idsHas, idsInsert, idsLast, idsRemove, idsToArray, type SortedIds } from './sortedIds.ts';
import { draftTableSet, tableGet } from './table.ts';
import { deepEqual } from './deepEqual.ts';
import { emptyRecord } from './records.ts';

export function threadOf(state: ChatState, parentId: string): ThreadEntry | undefined {
  return tableGet(state.threads, parentId);
}

/** The drafted thread, created empty when not held yet. */
export function ensureThread(state: ChatState, parentId: string, cid: string): ThreadEntry {
  const held = tableGet(state.threads, parentId);
  if (held) return held;
  draftTableSet(state.threads, parentId, newThreadEntry(parentId, cid));
  return tableGet(state.threads, parentId) as ThreadEntry;
}

/** The parent message as its channel holds it. */
export function parentMessage(state: ChatState, thread: ThreadEntry): LocalMessage | undefined {
  const ch = tableGet(state.channels, thread.cid);
  return ch ? tableGet(ch.messages, thread.parentId) : undefined;
}

/**
 * Hold a message a thread result carries (parent or reply) in its channel's table. A copy
 * already held is replaced (unless older). A new one that shows in the channel is placed in
 * the latest window only inside that window's time span: outside it the window would claim
 * adjacency to messages nobody loaded.
 */
export function holdMessage(ch: ChannelEntry, m: MessageResponse): void {
  if (isHardDeleted(ch, m.id)) return;
  if (tableGet(ch.messages, m.id)) {
    updateHeldMessage(ch, m);
    return;
  }
  const local = toLocal(m, 'received', ch);
  storeMessage(ch, local);
  if (!showsInChannel(local)) return;
  const w = ch.windows[latestWindowIndex(ch)] as MessageWindow;
  const first = idsFirst(w.ids);
  const last = idsLast(w.ids);
  if (!first || !last || local.created_at > last.at) return;
  if (local.created_at < first.at && w.hasOlder) return;
  idsInsert(w.ids, local.id, local.created_at);
}

/**
 * message.new for a channel-visible reply that a thread result stored before the event
 * came: addNewMessage sees it held and leaves it out of the window, so place it here by the
 * rule addNewMessage uses for new messages.
 */
export function placeHeldReply(ch: ChannelEntry, m: MessageResponse): void {
  if (!m.parent_id || !showsInChannel(m)) return;
  const held = tableGet(ch.messages, m.id);
  if (!held || windowOf(ch, held.id, held.created_at) >= 0) return;
  const w = ch.windows[latestWindowIndex(ch)] as MessageWindow;
  const oldest = idsFirst(w.ids);
  if (oldest && w.hasOlder && held.created_at < oldest.at) return;
  idsInsert(w.ids, held.id, held.created_at);
}

function participantUser(p: unknown): UserResponse | undefined {
  if (typeof p !== 'object' || p === null) return undefined;
  // ThreadParticipant is not typed by the seeds: its `user` arrives as raw JSON.
  const r = decodeModel('UserResponse', (p as { user?: unknown }).user);
  return r.ok ? r.value : undefined;
}

/** ThreadResponse -> ThreadData: drop the copies held elsewhere, keep the rest. */
export function toThreadData(t: ThreadResponse | ThreadStateResponse): ThreadData {
  const {
    channel: _channel,
    parent_message: _parent,
    thread_participants: participants,
    ...rest
  } = t as ThreadResponse & Partial<Pick<ThreadStateResponse, 'latest_replies' | 'read' | 'draft'>>;
  const { latest_replies: _latest, read: _read, draft: _draft, ...data } = rest;
  const out: ThreadData = data;
  if (participants) {
    const users: UserResponse[] = [];
    for (const p of participants) {
      const u = participantUser(p);
      if (u) users.push(u);
    }
    out.thread_participants = users;
  }
  return out;
}

/** Apply thread metadata (a response or an event's `thread`); keeps references when equal. */
export function setThreadData(state: ChatState, ctx: ReducerContext, t: ThreadResponse | ThreadStateResponse): ThreadEntry | undefined {
  const ch = ensureChannel(state, ctx, t.channel_cid);
  if (!ch) return undefined;
  // A channel first seen through a thread: describe it, but leave its lists and reads to
  // channel queries (it may not even be watched).
  if (t.channel && !ch.data) setChannelData(ch, toChannelData(t.channel, null));
  if (t.parent_message) holdMessage(ch, t.parent_message);
  const thread = ensureThread(state, t.parent_message_id, t.channel_cid);
  const next = toThreadData(t);
  const prev = thread.data;
  // last_message_at only moves forward (a late copy must not re-sort thread lists).
  if (prev?.last_message_at !== undefined && (next.last_message_at === undefined || next.last_message_at < prev.last_message_at)) {
    next.last_message_at = prev.last_message_at;
  }
  if (!deepEqual(prev, next)) thread.data = next;
  return thread;
}

function toRead(r: ReadStateResponse): ReadState {
  const out: ReadState = { user: r.user, last_read: r.last_read, unread_messages: r.unread_messages };
  if (r.last_read_message_id !== undefined) out.last_read_message_id = r.last_read_message_id;
  return out;
}

/**
 * A parent message without a thread on the server yet (no reply): hold it and an empty
 * thread, so the first reply has somewhere to go.
 */
export function startThread(state: ChatState, ctx: ReducerContext, parent: MessageResponse): void {
  const ch = ensureChannel(state, ctx, parent.cid);
  if (!ch) return;
  holdMessage(ch, parent);
  const held = tableGet(state.threads, parent.id);
  if (held && held.data) return;
  const thread = ensureThread(state, parent.id, parent.cid);
  // The server said there is no reply: nothing older or newer to load.
  if (thread.hasOlder && thread.replies.size === 0) thread.hasOlder = false;
}

/** Set the own unread count of a thread; moves unread_threads when the server did not send it. */
export function setThreadUnread(state: ChatState, thread: ThreadEntry, unread: number, adjustTotals: boolean): void {
  const before = thread.unread;
  const after = Math.max(0, unread);
  if (adjustTotals) {
    if (before === 0 && after > 0) state.unread.threads += 1;
    if (before > 0 && after === 0) state.unread.threads = Math.max(0, state.unread.threads - 1);
  }
  if (before !== after) thread.unread = after;
  const me = state.me?.id;
  const own = me ? thread.reads[me] : undefined;
  if (own && own.unread_messages !== after) own.unread_messages = after;
}

/** Move a user's thread read (reads.ts advanceRead, as for channels); returns whether it moved in time. */
export function setThreadRead(thread: ThreadEntry, user: UserResponse, lastRead: number, lastReadId: string | undefined): boolean {
  const reads = thread.reads as Record<string, ReadState>;
  const read = advanceRead(reads[user.id], user, lastRead, lastReadId);
  if (read) reads[user.id] = read.next;
  return read?.moved ?? false;
}

/** A GetThread / QueryThreads answer: metadata, parent, latest replies and reads. */
export function hydrateThread(state: ChatState, ctx: ReducerContext, t: ThreadStateResponse, replyLimit: number): ThreadEntry | undefined {
  const thread = setThreadData(state, ctx, t);
  const ch = tableGet(state.channels, t.channel_cid);
  if (!thread || !ch) return undefined;
  if (replyLimit > 0) applyReplyPage(thread, ch, { cursor: 'latest', limit: replyLimit, messages: t.latest_replies });
  if (t.read) {
    const reads = emptyRecord<ReadState>();
    for (const r of t.read) reads[r.user.id] = toRead(r);
    if (!deepEqual(thread.reads, reads)) thread.reads = reads;
    const me = state.me?.id;
    const own = me ? reads[me] : undefined;
    // The server's count, and it is what unread_threads was computed from: no adjusting.
    setThreadUnread(state, thread, own?.unread_messages ?? 0, false);
  }
  return thread;
}

/** Every pagination form GetReplies takes (Chat API seed), plus the newest page. */
export type ReplyCursor = 'latest' | 'id_lt' | 'id_lte' | 'id_gt' | 'id_gte' | 'id_around';

export interface ReplyPage {
  cursor: ReplyCursor;
  /** The cursor's message id (absent for 'latest'). */
  id?: string;
  limit: number;
  messages: readonly MessageResponse[];
}

function keepPending(ch: ChannelEntry, ids: SortedIds): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const id of idsToArray(ids)) {
    const m = tableGet(ch.messages, id);
    if (m && m.status !== 'received') out.push([id, m.created_at]);
  }
  return out;
}

/**
 * One page of replies into the thread's run. A page that connects to the run (its cursor
 * is in the run, or a newest page overlapping it) extends it; one that does not replaces it
 * (keeping local replies still pending). Flags come from page sizes: a page shorter than
 * asked for ends the thread on that side; an id_around page that is full cannot tell, so
 * both sides stay open and the next page settles it.
 */
export function applyReplyPage(thread: ThreadEntry, ch: ChannelEntry, page: ReplyPage): void {
  const messages = [...page.messages].sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const m of messages) holdMessage(ch, m);
  const full = messages.length >= page.limit;
  const cursorAt = page.id ? tableGet(ch.messages, page.id)?.created_at : undefined;
  const inRun = page.id !== undefined && cursorAt !== undefined && idsHas(thread.replies, page.id, cursorAt);
  const runNewest = idsLast(thread.replies);
  const pageOldest = messages[0];
  let connected: boolean;
  switch (page.cursor) {
    case 'latest':
      connected = !thread.hasNewer && runNewest !== undefined && (!pageOldest || pageOldest.created_at <= runNewest.at || !full);
      break;
    case 'id_around':
      connected = messages.some((m) => idsHas(thread.replies, m.id, m.created_at));
      break;
    default:
      connected = inRun;
  }
  if (!connected) {
    const pending = keepPending(ch, thread.replies);
    thread.replies = emptyIds();
    for (const [id, at] of pending) idsInsert(thread.replies, id, at);
  }
  if (page.cursor === 'latest' && connected && pageOldest) {
    // Inside the span of the newest page, a held reply the page lacks was hard-deleted.
    const inPage = new Set(messages.map((m) => m.id));
    for (const id of idsToArray(thread.replies)) {
      const m = tableGet(ch.messages, id);
      if (m && m.status === 'received' && m.created_at >= pageOldest.created_at && !inPage.has(id)) idsRemove(thread.replies, id, m.created_at);
    }
  }
  for (const m of messages) idsInsert(thread.replies, m.id, m.created_at);
  switch (page.cursor) {
    case 'latest':
      thread.hasNewer = false;
      if (!full) thread.hasOlder = false;
      else if (!connected) thread.hasOlder = true;
      break;
    case 'id_lt':
    case 'id_lte':
      thread.hasOlder = full;
      if (!connected) thread.hasNewer = true;
      break;
    case 'id_gt':
    case 'id_gte':
      thread.hasNewer = full;
      if (!connected) thread.hasOlder = true;
      break;
    case 'id_around':
      if (!full) {
        thread.hasOlder = false;
        thread.hasNewer = false;
      } else if (!connected) {
        thread.hasOlder = true;
        thread.hasNewer = true;
      }
      break;
  }
  if (page.cursor === 'id_lt' || page.cursor === 'id_lte') thread.loadingOlder = false;
  if (page.cursor === 'id_gt' || page.cursor === 'id_gte') thread.loadingNewer = false;
}

/** The participants as the thread shows them: the parent's list when it is held. */
export function participantsOf(state: ChatState, thread: ThreadEntry): readonly UserResponse[] {
  return parentMessage(state, thread)?.thread_participants ?? thread.data?.thread_participants ?? [];
}
