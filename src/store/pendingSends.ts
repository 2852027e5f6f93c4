// Pending sends in the message list. A send is confirmed when any server copy of its id is
// held (the answer, the message.new echo, a page, a recovery query: all say `received`).
// Until then it stays after every confirmed message, even one that arrives later with a
// later server time, so the user's unsent text is always at the end of the conversation.
//
// The invariant kept after every action: in a channel's latest window the messages still
// being sent (status `sending`, shown in the channel, with a send operation) are the newest
// entries, in the order the user sent them. Because it holds before an action, an action
// that concerns one message can only break it around that message, so the check looks at
// that message and its neighbour: O(log n) when nothing has to move. When a confirmed
// message lands among them (an echo whose server time passed sends still out), those sends
// move after it, to the time the server will likely give them (their send time plus the
// lead the last confirmed send showed, PendingTable.lead), and later sends follow only as
// far as their times collide. Never a walk over every pending send: with N sends in flight
// that made each echo O(N) and a burst O(N^2). Actions that may change many messages at
// once (pages, recoveries, truncation) check the channels they touched in full.
//
// Decision (neither the seeds nor PROTOCOL.md say what time a local copy shows): a send
// shows the time the server will likely give it, never earlier than the newest message
// held. The official client shows the local clock and re-sorts on the server's answer, so
// with a clock behind the server's its messages jump; here they land about where the
// server's copy will.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelEntry, ChatState, LocalMessage, MessageWindow } from './state.ts';
import { channelDraft, type ReducerContext } from './context.ts';
import type { SendOp } from './state.ts';
import { channelSendIds, opOf, pendingOf, pendingRemove, pendingReplace, setPendingLead } from './pendingTable.ts';
import type { IdChunk, SortedIds } from './sortedIds.ts';
import { latestWindowIndex, showsInChannel, storeMessage, windowOf } from './messages.ts';
import { idsAfter, idsFirst, idsHas, idsInsert, idsLast, idsNewestFirst, idsRemove, type IdPosition } from './sortedIds.ts';
import { tableGet, tablePeek } from './table.ts';
import { peek } from './peek.ts';
import { threadOf } from './threads.ts';

/** The id of the send operation of a message (one per message id, see channelWrites.ts). */
function sendIdOf(messageId: string): string {
  return `send:${messageId}`;
}

function sendOpOf(state: ChatState, messageId: string): SendOp | undefined {
  const op = opOf(state, sendIdOf(messageId));
  return op?.kind === 'send' ? op : undefined;
}

/** A held-back send took the time `at`: its operation remembers it (the thread index is keyed by it). */
function setSendAt(state: ChatState, messageId: string, at: number): void {
  const op = sendOpOf(state, messageId);
  if (op) pendingReplace(state, { ...op, at });
}

/** A pending reply's time changed: move it in its thread's reply index too. */
export function moveReply(state: ChatState, m: { id: string; parent_id?: string }, from: number, to: number): void {
  if (!m.parent_id || from === to) return;
  const thread = threadOf(state, m.parent_id);
  if (thread && idsRemove(thread.replies, m.id, from)) idsInsert(thread.replies, m.id, to);
}

/** Whether `m` is held back at the end of the list: being sent, shown in the channel, with its send operation. */
function isTailSend(state: ChatState, m: LocalMessage | undefined): boolean {
  return m !== undefined && m.status === 'sending' && showsInChannel(m) && sendOpOf(state, m.id) !== undefined;
}

/** Where (id, at) sits in a sorted list: chunk and index, or undefined when absent. Read-only. */
function positionOf(list: SortedIds, id: string, at: number): { ci: number; i: number } | undefined {
  const chunks = peek(peek(list).chunks);
  const before = (c: IdChunk, k: number): boolean => {
    const a = peek(c.at)[k] as number;
    return a < at || (a === at && (peek(c.ids)[k] as string) < id);
  };
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = peek(chunks[mid] as IdChunk);
    if (before(c, c.ids.length - 1)) lo = mid + 1;
    else hi = mid;
  }
  const c = peek(chunks[lo]);
  if (!c) return undefined;
  let l = 0;
  let h = c.ids.length;
  while (l < h) {
    const mid = (l + h) >> 1;
    if (before(c, mid)) l = mid + 1;
    else h = mid;
  }
  return peek(c.ids)[l] === id ? { ci: lo, i: l } : undefined;
}

/** Entries before (id, at), newest first, while `keep` says so. Read-only; (id, at) must be held. */
function runBefore(list: SortedIds, id: string, at: number, keep: (id: string) => boolean): string[] {
  const pos = positionOf(list, id, at);
  const out: string[] = [];
  if (!pos) return out;
  const chunks = peek(peek(list).chunks);
  let i = pos.i - 1;
  for (let ci = pos.ci; ci >= 0; ci--) {
    const ids = peek(peek(chunks[ci] as IdChunk).ids);
    if (ci !== pos.ci) i = ids.length - 1;
    for (; i >= 0; i--) {
      const prev = ids[i] as string;
      if (!keep(prev)) return out;
      out.push(prev);
    }
  }
  return out;
}

/** The time the server will likely give a send that went out at `sentAt` (local clock): plus the lead. */
export function likelyServerTime(state: ChatState, sentAt: number): number {
  return sentAt + pendingOf(state).lead;
}

/** The time a held-back send will likely get from the server (its own time while queued). */
function likelyAt(state: ChatState, m: LocalMessage): number {
  const op = sendOpOf(state, m.id);
  return op?.sentAt === undefined ? m.created_at : likelyServerTime(state, op.sentAt);
}

/**
 * Put `moved` (held-back sends that were before `confirmed`) after it, followed by `after`
 * (the held-back sends after it). Each moved send takes the time the server will likely
 * give it (`likelyAt`), or the next millisecond after the send before it; later sends
 * follow only as far as their times collide, and the rest keep their places.
 *
 * Why the likely time: while the server's times run ahead of the local clock (latency, a
 * queue at the server, skew), every echo's time passes the sends that went out after it,
 * and each of them must move. Moved to one millisecond after the echo, they were passed
 * again by the next echo, and the next: O(sends in flight) per echo. At the time they will
 * likely get, the next echoes pass them only by their jitter. In a simulation of 80 sends
 * in flight (300-320 ms of server queue) the moves per echo went from ~60 to under 1.
 */
function rewriteTail(state: ChatState, ch: ChannelEntry, li: number, confirmed: LocalMessage, moved: readonly LocalMessage[], after: readonly LocalMessage[]): void {
  const latest = ch.windows[li] as MessageWindow;
  const changes: Array<{ m: LocalMessage; at: number }> = [];
  let cursor = confirmed.created_at;
  const place = (m: LocalMessage): void => {
    const likely = likelyAt(state, m);
    cursor = likely > cursor ? likely : Math.floor(cursor) + 1;
    changes.push({ m, at: cursor });
  };
  for (const m of moved) place(m);
  // `after` is in order: past the first one later than the cursor, every one keeps its time.
  for (const m of after) {
    if (m.created_at > cursor) break;
    place(m);
  }
  for (const { m } of changes) idsRemove(latest.ids, m.id, m.created_at);
  for (const { m, at } of changes) rekey(state, ch, latest, m, at);
}

/** Give a held-back send the time `at` and append it to the latest window. Returns `at`. */
function rekey(state: ChatState, ch: ChannelEntry, latest: MessageWindow, m: LocalMessage, at: number): number {
  if (at !== m.created_at) {
    storeMessage(ch, { ...m, created_at: at });
    moveReply(state, m, m.created_at, at);
    setSendAt(state, m.id, at);
  }
  idsInsert(latest.ids, m.id, at);
  return at;
}

/** The smallest created_at after every entry of the latest window other than `id` (-Infinity when empty). */
export function afterNewest(ch: ChannelEntry, id: string): number {
  const windows = peek(ch.windows);
  for (let i = windows.length - 1; i >= 0; i--) {
    const w = peek(windows[i] as MessageWindow);
    if (!w.isLatest) continue;
    const last = idsLast(w.ids);
    return last && last.id !== id ? Math.floor(last.at) + 1 : -Infinity;
  }
  return -Infinity;
}

/** Move a held-back send to the end of the latest window (a new or retried send goes last). */
function placeLast(state: ChatState, ch: ChannelEntry, m: LocalMessage): void {
  const li = latestWindowIndex(ch);
  const latest = ch.windows[li] as MessageWindow;
  const last = idsLast(peek(latest.ids));
  if (last?.id === m.id) return;
  const wi = idsHas(peek(latest.ids), m.id, m.created_at) ? li : windowOf(ch, m.id, m.created_at);
  // A recovery page that did not reach back to it may have left it in an older window.
  if (wi >= 0) idsRemove((ch.windows[wi] as MessageWindow).ids, m.id, m.created_at);
  const at = last && last.at >= m.created_at ? last.at + 1 : m.created_at;
  if (at !== m.created_at) {
    storeMessage(ch, { ...m, created_at: at });
    moveReply(state, m, m.created_at, at);
    setSendAt(state, m.id, at);
  }
  idsInsert(latest.ids, m.id, at);
}

/**
 * Settle one message an action concerned: confirm its send, and keep held-back sends after
 * it when it is (now) a confirmed one. `last`: it was just sent or retried, so it goes to
 * the end. Cost: O(log n) when nothing moves, else O(entries from the first moved one to
 * the end of the window).
 */
export function settleSend(state: ChatState, ctx: ReducerContext, cid: string, messageId: string, last: boolean): void {
  const peeked = tablePeek(state.channels, cid);
  if (!peeked) return;
  const held = tablePeek(peeked.messages, messageId);
  const op = sendOpOf(state, messageId);
  if (op && (!held || held.status === 'received')) {
    // The server's copy has the server's time: the thread index follows it.
    if (held) moveReply(state, held, op.at, held.created_at);
    if (held && op.sentAt !== undefined) setPendingLead(state, held.created_at - op.sentAt);
    pendingRemove(state, op.id);
  }
  if (held && showsInChannel(held)) {
    if (isTailSend(state, held)) {
      if (last) placeLast(state, channelDraft(state, ctx, cid) as ChannelEntry, held);
    } else {
      const windows = peek(peeked.windows);
      let li = windows.length - 1;
      while (li >= 0 && !peek(windows[li] as MessageWindow).isLatest) li -= 1;
      const ids = li >= 0 ? peek((windows[li] as MessageWindow).ids) : undefined;
      const run = ids ? runBefore(ids, held.id, held.created_at, (id) => isTailSend(state, tablePeek(peeked.messages, id))) : [];
      if (ids && run.length > 0) {
        // Sends still out sat before this confirmed (or failed) message: they go after it,
        // in their order, and the ones after it follow as far as their times collide.
        const after = idsAfter(ids, held.id, held.created_at).map((id) => tablePeek(peeked.messages, id) as LocalMessage);
        const moved = run.reverse().map((id) => tablePeek(peeked.messages, id) as LocalMessage);
        // By the invariant only sends follow; if not, the full check sorts it out.
        if (after.every((m) => isTailSend(state, m))) rewriteTail(state, channelDraft(state, ctx, cid) as ChannelEntry, li, held, moved, after);
        else reconcileChannelSends(state, ctx, [cid]);
      }
    }
  }
  checkCap(state, ctx, cid);
}

/**
 * The window cap drops the oldest entries of the latest window; when the held-back sends
 * fill all of it some of them may have gone, so look at the channel in full.
 */
function checkCap(state: ChatState, ctx: ReducerContext, cid: string): void {
  const ch = tablePeek(state.channels, cid);
  if (ctx.windowCap <= 0 || !ch) return;
  const latest = peek(peek(ch.windows).find((w) => peek(w).isLatest));
  if (!latest || peek(latest.ids).size < ctx.windowCap) return;
  const first = idsFirst(latest.ids);
  if (first && isTailSend(state, tablePeek(ch.messages, first.id))) reconcileChannelSends(state, ctx, [cid]);
}

/**
 * Check every pending send of the given channels: drop the confirmed ones, and move the
 * others after every confirmed message if they are not there. O(sends of those channels):
 * for actions that may change many messages at once (pages, recovery,
 * truncation), not for the per-event path.
 */
export function reconcileChannelSends(state: ChatState, ctx: ReducerContext, cids: Iterable<string>): void {
  const wanted = new Set(cids);
  if (wanted.size === 0) return;
  const byChannel = new Map<string, LocalMessage[]>();
  // Each channel's own sends, through the per-channel index: other channels' are never read.
  for (const cid of wanted) {
    for (const id of channelSendIds(pendingOf(state), cid)) {
      const op = opOf(state, id);
      if (op?.kind !== 'send') continue;
      const peeked = tablePeek(state.channels, op.cid);
      const heldPeek = peeked ? tablePeek(peeked.messages, op.messageId) : undefined;
      if (!heldPeek || heldPeek.status === 'received') {
        if (heldPeek) moveReply(state, heldPeek, op.at, heldPeek.created_at);
        pendingRemove(state, op.id);
        continue;
      }
      if (heldPeek.status !== 'sending' || !showsInChannel(heldPeek)) continue;
      const list = byChannel.get(op.cid) ?? [];
      list.push(heldPeek);
      byChannel.set(op.cid, list);
    }
  }
  for (const [cid, sending] of byChannel) {
    const ch = tableGet(state.channels, cid);
    if (ch) keepLast(state, ch, sending);
  }
}

/** Put `sending` (this channel's held-back sends) after every other entry of the latest window. */
function keepLast(state: ChatState, ch: ChannelEntry, sending: LocalMessage[]): void {
  sending.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  const li = latestWindowIndex(ch);
  const latest = ch.windows[li] as MessageWindow;
  // Already in place (the common case): they are the newest entries, in their order.
  let k = sending.length - 1;
  for (const p of idsNewestFirst(peek(latest.ids))) {
    if (k < 0 || (sending[k] as LocalMessage).id !== p.id) break;
    k -= 1;
  }
  if (k < 0) return;
  const mine = new Set(sending.map((m) => m.id));
  let cursor: IdPosition | undefined;
  for (const p of idsNewestFirst(peek(latest.ids))) {
    if (!mine.has(p.id)) {
      cursor = p;
      break;
    }
  }
  // Take them out newest first (nothing after them to shift), then append in order.
  for (let i = sending.length - 1; i >= 0; i--) {
    const m = sending[i] as LocalMessage;
    const wi = idsHas(peek(latest.ids), m.id, m.created_at) ? li : windowOf(ch, m.id, m.created_at);
    if (wi >= 0) idsRemove((ch.windows[wi] as MessageWindow).ids, m.id, m.created_at);
  }
  let at = cursor?.at ?? -Infinity;
  for (const m of sending) {
    const next = m.created_at > at ? m.created_at : at + 1;
    if (next !== m.created_at) {
      storeMessage(ch, { ...m, created_at: next });
      moveReply(state, m, m.created_at, next);
      setSendAt(state, m.id, next);
    }
    idsInsert(latest.ids, m.id, next);
    at = next;
  }
}

/** Events that change no message and no window: nothing about pending sends to check. */
const MESSAGE_FREE_EVENTS = new Set([
  'health.check',
  'typing.start',
  'typing.stop',
  'message.read',
  'notification.mark_read',
  'notification.mark_unread',
  'member.added',
  'member.updated',
  'member.removed',
  'user.watching.start',
  'user.watching.stop',
  'user.presence.changed',
  'user.updated',
  'user.banned',
  'user.unbanned',
  'channel.updated',
  'channel.visible',
  'thread.updated',
  'notification.added_to_channel',
]);

/** Actions (other than optimistic ones) that change no message and no window. */
const MESSAGE_FREE_ACTIONS = new Set([
  'channelList/requested',
  'channelList/failed',
  'channelList/disposed',
  'threadList/requested',
  'threadList/failed',
  'threadList/disposed',
  'messages/loading',
  'thread/loading',
  'read/marked',
  'me/set',
  'unread/fetched',
  'typing/expired',
  // Upload progress changes the files shown on a local copy, never its place.
  'upload/progress',
  'upload/settled',
  'thread/patched',
  'thread/unpatched',
]);

/**
 * After an action that is not an optimistic operation (those settle their message in
 * reduceOptimistic): settle the one message it concerns, or check the channels it touched
 * in full when it may have changed many.
 */
export function reconcileSends(
  state: ChatState,
  ctx: ReducerContext,
  action: { type: string; event?: ChatEvent; cid?: string; message?: { id: string }; messageId?: string },
): void {
  if (MESSAGE_FREE_ACTIONS.has(action.type)) return;
  if (action.type === 'event' && action.event) {
    const ev = action.event;
    if (MESSAGE_FREE_EVENTS.has(ev.type)) return;
    const cid = ev.cid ?? ev.channel?.cid ?? ev.message?.cid;
    if (ev.message && cid) {
      settleSend(state, ctx, cid, ev.message.id, false);
      return;
    }
  } else if (action.type === 'message/stored' && action.cid && action.message) {
    settleSend(state, ctx, action.cid, action.message.id, false);
    return;
  } else if (action.type === 'message/removed' && action.cid && action.messageId) {
    settleSend(state, ctx, action.cid, action.messageId, false);
    return;
  }
  reconcileChannelSends(state, ctx, ctx.touched);
}
