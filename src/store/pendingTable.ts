// The pending operations as state holds them: a bucketed table by operation id plus small
// indexes, so that every action finds the operations it concerns directly.
//
// Why not one flat record: immer copies (and finalizes, and freezes) a record it writes to
// whole, once per burst, and with a thousand sends in flight every send, answer and echo
// wrote to it: O(sends in flight) per message, the limit of a client sending at 1,000 msg/s.
// Here a write copies one bucket of each table it touches (through `own`, no proxies), so
// it costs the same with one send in flight or thousands.
//
// "Oldest first" is a sequence number each operation gets when it starts (`seq`), not the
// insertion order of a record: the outbox sends queued messages in that order, and the
// operations on one message are applied in it (their index lists keep it).
import type { ChatState, DeleteOp, EditOp, PendingOp, PendingTable, ReactionOp, ReadOp, SendOp } from './state.ts';
import { createTable, tableDelete, tablePeek, tableSet, tableValues, tableKeys, type Table } from './table.ts';
import { isOwned, own } from './owned.ts';
import { peek } from './peek.ts';
import { freezeSettled } from './freeze.ts';

// The table's shape and its empty value are state (state.ts); named here too for their users.
export { emptyPending, type PendingTable } from './state.ts';

const CHANNEL_SEND_BUCKETS = 32;

/** An operation before it is numbered (pendingAdd gives it its `seq`). */
export type NewPendingOp = Omit<SendOp, 'seq'> | Omit<ReactionOp, 'seq'> | Omit<EditOp, 'seq'> | Omit<DeleteOp, 'seq'> | Omit<ReadOp, 'seq'>;

/** One operation by id. Read-only (drafts nothing): for a draft's or a finished state's table. */
export function pendingGet(pending: PendingTable, id: string): PendingOp | undefined {
  return tablePeek(peek(pending).ops, id);
}

/** The pending table of a drafted (or finished) state, read without drafting it. */
export function pendingOf(state: ChatState): PendingTable {
  return peek(peek(state).pending);
}

/** One operation of a drafted (or finished) state by id, read without drafting anything. */
export function opOf(state: ChatState, id: string): PendingOp | undefined {
  return pendingGet(pendingOf(state), id);
}

/** How many operations are pending. */
export function pendingSize(pending: PendingTable): number {
  return peek(peek(pending).ops).size;
}

/** Every pending operation, oldest first. O(n log n): for tests and tools, not per-event paths. */
export function pendingList(pending: PendingTable): PendingOp[] {
  return tableValues(peek(pending).ops).sort((a, b) => a.seq - b.seq);
}

/** Ids of the send operations of one channel, in no particular order. O(sends there). */
export function channelSendIds(pending: PendingTable, cid: string): string[] {
  const sends = tablePeek(peek(pending).sends, cid);
  return sends ? tableKeys(sends) : [];
}

/** Ids of the operations other than sends on one channel, oldest first. */
export function channelOtherIds(pending: PendingTable, cid: string): readonly string[] {
  return tablePeek(peek(pending).others, cid) ?? [];
}

/** Ids of the reaction, edit and delete operations on one message, oldest first. */
export function messageOpIds(pending: PendingTable, messageId: string): readonly string[] {
  return tablePeek(peek(pending).byMessage, messageId) ?? [];
}

/** The drafted state's pending table as a plain copy this burst owns (see owned.ts). */
function ownPending(state: ChatState): { -readonly [K in keyof PendingTable]: PendingTable[K] } {
  return own(state, 'pending');
}

/** Append `id` to the list at `key` of an index (the list is small: one message's or channel's operations). */
function indexAdd(index: Table<readonly string[]>, key: string, id: string): void {
  tableSet(index, key, [...(tablePeek(index, key) ?? []), id]);
}

function indexRemove(index: Table<readonly string[]>, key: string, id: string): void {
  const held = tablePeek(index, key);
  if (!held) return;
  const rest = held.filter((x) => x !== id);
  if (rest.length === 0) tableDelete(index, key);
  else if (rest.length !== held.length) tableSet(index, key, rest);
}

/** A channel's send index as a table this burst owns (its buckets are copied on write, one each). */
function ownChannelSends(p: { sends: Table<Table<number>> }, cid: string): Table<number> {
  const sends = own<Table<Table<number>>>(p, 'sends');
  const held = tablePeek(sends, cid);
  if (held && isOwned(held)) return held;
  const mine: Table<number> = held ? { size: held.size, buckets: held.buckets } : createTable(CHANNEL_SEND_BUCKETS);
  tableSet(sends, cid, mine);
  return mine;
}

/** Set the lead (PendingTable.lead); the same value leaves the table as it is. */
export function setPendingLead(state: ChatState, lead: number): void {
  if (Number.isFinite(lead) && pendingOf(state).lead !== lead) ownPending(state).lead = lead;
}

/** Add a new operation (numbered after every other); returns it as stored. */
export function pendingAdd(state: ChatState, start: NewPendingOp): PendingOp {
  const p = ownPending(state);
  // Frozen now when it can be (a send's fields are settled), so its bucket seals before the
  // burst ends instead of immer walking it (see owned.ts).
  const op = freezeSettled({ ...start, seq: p.next } as PendingOp);
  p.next += 1;
  tableSet(own<Table<PendingOp>>(p, 'ops'), op.id, op);
  if (op.kind === 'send') {
    tableSet(ownChannelSends(p, op.cid), op.id, op.seq);
  } else {
    indexAdd(own(p, 'others'), op.cid, op.id);
    if (op.kind !== 'read') indexAdd(own(p, 'byMessage'), op.messageId, op.id);
  }
  return op;
}

/**
 * Store a changed copy of a held operation (same id, kind, channel and message: the
 * indexes stay as they are). Operations are replaced whole, never changed in place.
 */
export function pendingReplace(state: ChatState, op: PendingOp): void {
  if (!opOf(state, op.id)) return;
  tableSet(own<Table<PendingOp>>(ownPending(state), 'ops'), op.id, freezeSettled(op));
}

/** Drop an operation; returns whether it was held. */
export function pendingRemove(state: ChatState, id: string): boolean {
  const op = opOf(state, id);
  if (!op) return false;
  const p = ownPending(state);
  tableDelete(own<Table<PendingOp>>(p, 'ops'), id);
  if (op.kind === 'send') {
    const mine = ownChannelSends(p, op.cid);
    tableDelete(mine, id);
    if (mine.size === 0) tableDelete(own<Table<Table<number>>>(p, 'sends'), op.cid);
  } else {
    indexRemove(own(p, 'others'), op.cid, id);
    if (op.kind !== 'read') indexRemove(own(p, 'byMessage'), op.messageId, id);
  }
  return true;
}
