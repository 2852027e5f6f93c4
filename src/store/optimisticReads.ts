// The local side of markRead and markUnread: the own read position moves at once and the
// channel's unread count follows from it. While the request is out, counts the server sends
// on other events were computed before it saw the new position, so the count is taken from
// the position instead (recount); a rollback moves the count back by what the operation
// changed, so messages that arrived meanwhile still count.
import type { UserResponse } from '../models/generated/types.ts';
import type { ChannelEntry, ChatState, MessageWindow, ReadOp, ReadState } from './state.ts';

export type { ReadOp } from './state.ts';
import { idsNewestFirst, type IdPosition } from './sortedIds.ts';
import { latestWindowIndex, windowOf } from './messages.ts';
import { countAfter, isAfter, setChannelUnread } from './reads.ts';
import { tableGet } from './table.ts';
import { deepEqual } from './deepEqual.ts';

/** A read operation before the pending table numbers it. */
export type NewReadOp = Omit<ReadOp, 'seq'>;

/** The newest message the server holds in the latest window (pending own sends do not count). */
function newestReceived(ch: ChannelEntry): IdPosition | null {
  const w = ch.windows[latestWindowIndex(ch)] as MessageWindow;
  for (const p of idsNewestFirst(w.ids)) if (tableGet(ch.messages, p.id)?.status === 'received') return p;
  return null;
}

function setOwnRead(ch: ChannelEntry, me: UserResponse, read: ReadState): void {
  const reads = ch.reads as Record<string, ReadState>;
  if (!deepEqual(reads[me.id], read)) reads[me.id] = read;
}

/** markRead: the own read moves to the newest message held; unread becomes zero. */
export function applyMarkRead(state: ChatState, ch: ChannelEntry, me: UserResponse, opId: string, now: number): NewReadOp {
  const prev = ch.reads[me.id] ?? null;
  const newest = newestReceived(ch);
  // The newest message's server time, not the local clock: the server's own read event
  // then moves it forward, never back.
  const readAt = Math.max(prev?.last_read ?? -Infinity, newest?.at ?? now);
  const read: ReadState = { ...prev, user: prev?.user ?? me, last_read: readAt, unread_messages: 0 };
  if (newest) read.last_read_message_id = newest.id;
  delete read.first_unread_message_id;
  const delta = { messages: -ch.unread.messages, mentions: -ch.unread.mentions };
  setOwnRead(ch, me, read);
  setChannelUnread(state, ch, 0, 0, true);
  return { kind: 'read', id: opId, cid: ch.cid, mode: 'read', after: newest, readAt, exact: true, prevRead: prev, delta };
}

/** markUnread: the own read moves to just before `fromId`; unread counts from there. */
export function applyMarkUnread(state: ChatState, ch: ChannelEntry, me: UserResponse, opId: string, fromId: string): NewReadOp {
  const prev = ch.reads[me.id] ?? null;
  const from = tableGet(ch.messages, fromId);
  const base: NewReadOp = { kind: 'read', id: opId, cid: ch.cid, mode: 'unread', after: null, readAt: prev?.last_read ?? 0, exact: false, prevRead: prev, delta: { messages: 0, mentions: 0 } };
  if (!from) return base;
  const wi = windowOf(ch, from.id, from.created_at);
  const latest = wi >= 0 && wi === latestWindowIndex(ch);
  // The message before `from` in its window: the new last read message.
  let after: IdPosition | null = null;
  if (wi >= 0) {
    for (const p of idsNewestFirst((ch.windows[wi] as MessageWindow).ids)) {
      if (isAfter(p, { id: from.id, at: from.created_at }) || p.id === from.id) continue;
      after = p;
      break;
    }
  }
  const readAt = from.created_at - 1;
  const read: ReadState = { ...prev, user: prev?.user ?? me, last_read: readAt, unread_messages: 0, first_unread_message_id: from.id };
  if (after) read.last_read_message_id = after.id;
  else delete read.last_read_message_id;
  setOwnRead(ch, me, read);
  // Only the latest window reaches the present; from elsewhere the count is the server's to tell.
  const counted = latest ? countAfter(state, ch, after ?? { id: '', at: readAt }) : { messages: Math.max(ch.unread.messages, 1), mentions: ch.unread.mentions };
  const delta = { messages: counted.messages - ch.unread.messages, mentions: counted.mentions - ch.unread.mentions };
  setChannelUnread(state, ch, counted.messages, counted.mentions, true);
  return { ...base, after: after ?? { id: '', at: readAt }, readAt, exact: latest, delta };
}

/**
 * While the operation is out, keep the channel at its position: counts the server sent on
 * events were computed without it. A read that moved forward (the server's) is kept.
 */
export function holdReadPosition(state: ChatState, ch: ChannelEntry, me: UserResponse, op: ReadOp): void {
  const own = ch.reads[me.id];
  if (op.mode === 'unread' && own && own.last_read !== op.readAt) {
    const read: ReadState = { ...own, last_read: op.readAt };
    if (op.after && op.after.id) read.last_read_message_id = op.after.id;
    setOwnRead(ch, me, read);
  } else if (own && own.last_read > op.readAt) {
    return;
  }
  if (!op.exact) return;
  const counted = countAfter(state, ch, op.after);
  if (counted.messages !== ch.unread.messages || counted.mentions !== ch.unread.mentions) {
    setChannelUnread(state, ch, counted.messages, counted.mentions, true);
  }
}

/** Take the operation back: counts move back by its delta; the read returns unless someone moved it. */
export function rollbackRead(state: ChatState, ch: ChannelEntry, me: UserResponse, op: ReadOp): void {
  const own = ch.reads[me.id];
  const messages = Math.max(0, ch.unread.messages - op.delta.messages);
  const mentions = Math.max(0, ch.unread.mentions - op.delta.mentions);
  if (own && own.last_read === op.readAt) {
    const reads = ch.reads as Record<string, ReadState>;
    if (op.prevRead) reads[me.id] = { ...op.prevRead, unread_messages: messages };
    else delete reads[me.id];
  }
  setChannelUnread(state, ch, messages, mentions, true);
}
