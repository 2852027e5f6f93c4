// Message reducers: one channel's messages held once by id, with the windows, pins and
// quoted copies that refer to them. Every function works on an immer draft of a channel.
import type { MessageResponse } from '../models/generated/types.ts';
import type { ChannelEntry, LocalMessage, MessageStatus, MessageWindow } from './state.ts';
import { emptyWindow } from './state.ts';
import { idsDropNewest, idsDropOldest, idsFirst, idsHas, idsInsert, idsLast, idsRemove } from './sortedIds.ts';
import { tableDelete, tableGet, tableGrow, tablePeek, tableSet } from './table.ts';
import { deepEqual } from './deepEqual.ts';
import { child, peek } from './peek.ts';
import { compactMessage } from './compact.ts';
import { isFrozenObject } from './freeze.ts';

/** Does this message show in the channel (not a thread-only reply)? */
export function showsInChannel(m: MessageResponse): boolean {
  return !m.parent_id || m.show_in_channel === true;
}

/**
 * The message as the store holds it, with a status (a new object only when needed). Given
 * the channel, a copy of a payload shares its empties and its author with the state
 * (compact.ts).
 */
export function toLocal(
  m: MessageResponse,
  status: MessageStatus = 'received',
  ch?: ChannelEntry,
  ownReactions?: MessageResponse['own_reactions'],
): LocalMessage {
  const local = m as LocalMessage;
  if (local.status === status && local.error === undefined && ownReactions === undefined) return local;
  // A spread with a trailing field is V8's fast object clone; rest-destructuring is not.
  const out: LocalMessage = { ...local, status };
  if (out.error !== undefined) delete out.error;
  // Kept from the held copy (reaction events), in the same copy: one copy per event.
  if (ownReactions !== undefined) out.own_reactions = ownReactions;
  // A copy of a frozen payload holds only frozen values: freeze it now, so that finishing
  // the burst skips it instead of walking it twice (immer looks for drafts in new objects,
  // then freezes them). A copy of anything else may hold a draft (a field kept from the
  // held copy), which immer must still find and finish.
  if (isFrozenObject(local) && (ownReactions === undefined || isFrozenObject(ownReactions))) {
    compactMessage(out as unknown as Record<string, unknown>, ch);
    Object.freeze(out);
  }
  return out;
}

/** The window holding a message, by its created_at; -1 when none does. */
export function windowOf(ch: ChannelEntry, id: string, at: number): number {
  for (let i = 0; i < ch.windows.length; i++) {
    if (idsHas((ch.windows[i] as MessageWindow).ids, id, at)) return i;
  }
  return -1;
}

export function latestWindowIndex(ch: ChannelEntry): number {
  const windows = peek(peek(ch).windows);
  for (let i = windows.length - 1; i >= 0; i--) if (peek(windows[i] as MessageWindow).isLatest) return i;
  // Invariant: a latest window always exists; recreate it if something removed it.
  (ch.windows as MessageWindow[]).push(emptyWindow(true));
  return ch.windows.length - 1;
}

function indexQuote(ch: ChannelEntry, m: LocalMessage): void {
  const q = m.quoted_message?.id ?? m.quoted_message_id;
  if (!q) return;
  const list = ch.quotedBy[q];
  if (!list) (ch.quotedBy as Record<string, string[]>)[q] = [m.id];
  else if (!list.includes(m.id)) (list as string[]).push(m.id);
}

/** Replace the copy of `m` inside every held message that quotes it. */
function refreshQuotes(ch: ChannelEntry, m: LocalMessage): void {
  const quoting = ch.quotedBy[m.id];
  if (!quoting) return;
  for (const qid of quoting) {
    const holder = tableGet(ch.messages, qid);
    if (holder && holder.quoted_message?.id === m.id && holder.quoted_message !== m) {
      tableSet(ch.messages, qid, { ...holder, quoted_message: m });
    }
  }
}

function syncPinned(ch: ChannelEntry, prev: LocalMessage | undefined, next: LocalMessage | undefined): void {
  if (prev?.pinned) idsRemove(ch.pinned, prev.id, prev.pinned_at ?? prev.created_at);
  if (next?.pinned && next.type !== 'deleted') idsInsert(ch.pinned, next.id, next.pinned_at ?? next.created_at);
}

/**
 * Put a message into the table (replacing the held copy), keeping pins and quoted copies in
 * step. It does not place it in a window: see insertIntoWindow.
 */
export function storeMessage(ch: ChannelEntry, m: LocalMessage): LocalMessage | undefined {
  const prev = tablePeek(peek(ch).messages, m.id);
  // An equal copy (a repeated event, a page repeating what we hold) changes nothing.
  // updated_at first: two copies that differ there differ, and the walk is skipped.
  if (prev === m || (prev && prev.updated_at === m.updated_at && deepEqual(prev, m))) return prev;
  const table = child(ch, 'messages');
  tableSet(table, m.id, m);
  if (!prev) tableGrow(table, MESSAGES_PER_BUCKET);
  // A soft delete keeps pinned/pinned_at but must leave the pinned list: watch the type too.
  // A new pin_expires re-files the pin too, so the list changes and the expiry watcher
  // (src/handles/pinExpiry.ts), which looks only at changed pinned lists, sees it.
  if (prev?.pinned !== m.pinned || prev?.pinned_at !== m.pinned_at || prev?.type !== m.type || (m.pinned && prev?.pin_expires !== m.pin_expires)) syncPinned(ch, prev, m);
  indexQuote(ch, m);
  if (prev) refreshQuotes(ch, m);
  return prev;
}

/**
 * The average load past which a channel's message table doubles its buckets (table.ts's
 * tableGrow): a channel of up to 2,048 messages keeps its 128 buckets. 16, not 8: each
 * bucket is a record in dictionary mode, whose own table costs a few hundred bytes even
 * when nearly empty, so doubling at 1,024 grew bench W2's heap (1,025 messages in each of
 * 100 channels) by a tenth; a livestream's buckets stay near 16 instead of ~60.
 */
const MESSAGES_PER_BUCKET = 16;

/** Remove a message from the table, its window and the pins. */
export function removeMessage(ch: ChannelEntry, id: string): LocalMessage | undefined {
  const prev = tableGet(ch.messages, id);
  if (!prev) return undefined;
  const w = windowOf(ch, id, prev.created_at);
  if (w >= 0) idsRemove((ch.windows[w] as MessageWindow).ids, id, prev.created_at);
  syncPinned(ch, prev, undefined);
  tableDelete(ch.messages, id);
  return prev;
}

/** How many hard-deleted ids a channel remembers: more than pages in flight can hold back. */
const HARD_DELETED_KEPT = 64;

/**
 * Remove a message the server hard-deleted and remember its id: a page or thread result the
 * server answered before the delete may arrive after it, and must not put the message back
 * (found by the soak: a page answered just before a delete brought it back for good).
 */
export function removeHardDeleted(ch: ChannelEntry, id: string): LocalMessage | undefined {
  const prev = removeMessage(ch, id);
  if (!peek(ch).hardDeleted.includes(id)) ch.hardDeleted = [...peek(ch).hardDeleted.slice(-(HARD_DELETED_KEPT - 1)), id];
  return prev;
}

/** Whether the server hard-deleted this message since the channel was loaded. */
export function isHardDeleted(ch: ChannelEntry, id: string): boolean {
  const gone = peek(ch).hardDeleted;
  return gone.length > 0 && gone.includes(id);
}

/**
 * Trim a window to the cap, dropping from the side away from what the user views, and
 * forget dropped messages unless they are pinned.
 */
export function capWindow(ch: ChannelEntry, index: number, cap: number, dropOldest: boolean): void {
  if (cap <= 0 || peek(peek(peek(peek(ch).windows)[index] as MessageWindow).ids).size <= cap) return;
  const w = ch.windows[index] as MessageWindow;
  const excess = w.ids.size - cap;
  const dropped = dropOldest ? idsDropOldest(w.ids, excess) : idsDropNewest(w.ids, excess);
  if (dropOldest) w.hasOlder = true;
  else {
    w.hasNewer = true;
    if (w.isLatest) {
      // The newest messages were dropped, so this window no longer reaches the present;
      // new messages start an empty latest window after it.
      w.isLatest = false;
      (ch.windows as MessageWindow[]).splice(index + 1, 0, emptyWindow(true));
    }
  }
  for (const id of dropped) {
    const m = tableGet(ch.messages, id);
    // Pinned messages and thread parents stay held: the pinned list and thread views
    // refer to them by id (replies live in the same table and point at their parent).
    if (m && !m.pinned && !(m.reply_count > 0)) tableDelete(ch.messages, id);
  }
}

/**
 * A new message in the channel (message.new, or the own optimistic copy): store it and
 * place it in the latest window. A copy already held is replaced in place (its created_at
 * may have moved: an optimistic copy gets the server's time). Returns whether it was new.
 */
export function addNewMessage(ch: ChannelEntry, incoming: MessageResponse, cap: number, status?: MessageStatus): boolean {
  const prev = tablePeek(peek(ch).messages, incoming.id);
  if (prev) {
    // The same server copy again (a repeated or echoed event), or an older one arriving
    // after an edit (events reorder): keep the held copy and its reference.
    const sameCopy = prev.updated_at === incoming.updated_at && prev.created_at === incoming.created_at;
    if (prev.status === 'received' && (status ?? 'received') === 'received' && (sameCopy || incoming.updated_at < prev.updated_at)) {
      return false;
    }
    // Its own_reactions stay as held: an event's list means nothing (PROTOCOL.md section 6).
    replaceHeld(ch, prev, toLocal(incoming, status, ch, prev.own_reactions));
    return false;
  }
  // A new message with an id deleted before is a new message (ids may be sent again).
  if (isHardDeleted(ch, incoming.id)) ch.hardDeleted = peek(ch).hardDeleted.filter((x) => x !== incoming.id);
  const m = toLocal(incoming, status, ch);
  if (!showsInChannel(m)) {
    storeMessage(ch, m);
    return true;
  }
  const li = latestWindowIndex(ch);
  const latest = peek(peek(peek(ch).windows)[li] as MessageWindow);
  const oldest = idsFirst(latest.ids);
  // A message older than everything in a latest window that has older pages belongs to a
  // gap we have not loaded: keep it out of the window rather than invent adjacency.
  if (oldest && latest.hasOlder && m.created_at < oldest.at) {
    return true;
  }
  storeMessage(ch, m);
  idsInsert(child(child(child(ch, 'windows'), li) as MessageWindow, 'ids'), m.id, m.created_at);
  // New messages arrive at the newest end, so the oldest side is the one to give up.
  capWindow(ch, li, cap, true);
  return true;
}

/** Replace a held message; move it within its window when its created_at changed. */
export function replaceHeld(ch: ChannelEntry, prev: LocalMessage, m: LocalMessage): void {
  if (prev === m) return;
  if (prev.created_at !== m.created_at) {
    const w = windowOf(ch, prev.id, prev.created_at);
    if (w >= 0) {
      const ids = (ch.windows[w] as MessageWindow).ids;
      idsRemove(ids, prev.id, prev.created_at);
      idsInsert(ids, m.id, m.created_at);
    }
  }
  storeMessage(ch, m);
}

/**
 * A changed copy of a message from the server (message.updated, undeleted, soft delete,
 * reactions): replace it where it is held; ignore messages we do not hold. `own` says where
 * its own_reactions come from: the copy (a REST answer, which carries the caller's list),
 * the held copy (an event: its list means nothing, PROTOCOL.md section 6), or a function of
 * the held list (a reaction event, ownReactions.ts).
 */
export function updateHeldMessage(
  ch: ChannelEntry,
  incoming: MessageResponse,
  own: 'incoming' | 'held' | ((held: MessageResponse['own_reactions']) => MessageResponse['own_reactions']) = 'incoming',
): LocalMessage | undefined {
  // Read without drafting: the held copy is only read here, and its frozen own_reactions
  // keep the new copy frozen (a drafted one made immer walk the whole message at the end).
  const prev = tablePeek(peek(ch).messages, incoming.id);
  if (!prev) return undefined;
  // A stale copy (older updated_at) must not overwrite a newer one: events can reorder.
  if (incoming.updated_at < prev.updated_at && prev.status === 'received') return prev;
  // The server holds it, so whatever its local status was, it is received now.
  const ownReactions = own === 'incoming' ? undefined : own === 'held' ? prev.own_reactions : own(prev.own_reactions);
  const m = toLocal(incoming, 'received', ch, ownReactions);
  replaceHeld(ch, prev, m);
  return m;
}

/** The latest created_at of a message held in the latest window, or undefined. */
export function newestInChannel(ch: ChannelEntry): number | undefined {
  const w = ch.windows[latestWindowIndex(ch)] as MessageWindow;
  return idsLast(w.ids)?.at;
}
