// Message ids in order of (created_at, id), held in chunks of at most CHUNK_MAX.
//
// One flat array would be copied whole by immer on every insert; chunks bound the copy to
// one chunk plus the (short) array of chunks, so appending the 20,000th message costs about
// what appending the 20th did. Each chunk keeps the timestamps beside the ids so searches
// need no lookups into the message table.

export interface IdChunk {
  readonly ids: readonly string[];
  readonly at: readonly number[];
}

export interface SortedIds {
  readonly chunks: readonly IdChunk[];
  readonly size: number;
}

/** One entry of a sorted list: a message id and its created_at. */
export interface IdPosition {
  id: string;
  at: number;
}

interface DraftChunk {
  ids: string[];
  at: number[];
}
interface DraftIds {
  chunks: DraftChunk[];
  size: number;
}

import { peek } from './peek.ts';
import { own } from './owned.ts';

// 64, not 256: a live channel appends to its last chunk once per burst, and that chunk is
// copied, frozen and matched again by messages$ (messageView.ts) each time. With 256 the
// chunk held most of a channel's window; with 64 that work is a quarter as long, against a
// chunk array four times as long (one pointer per 64 messages). Measured (bench/abPair.mjs,
// message.new over 100 channels in bursts of 32): ~5% of the CPU per event.
const CHUNK_MAX = 64;

export function emptyIds(): SortedIds {
  return { chunks: [], size: 0 };
}

function before(at1: number, id1: string, at2: number, id2: string): boolean {
  return at1 < at2 || (at1 === at2 && id1 < id2);
}

/** Index of the first chunk whose last entry is not before (at, id); chunks.length when none. */
function findChunk(list: SortedIds, at: number, id: string): number {
  const chunks = peek(peek(list).chunks);
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = peek(chunks[mid] as IdChunk);
    const ids = peek(c.ids);
    const last = ids.length - 1;
    if (before(peek(c.at)[last] as number, ids[last] as string, at, id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index in the chunk of the first entry not before (at, id). */
function findInChunk(chunk: IdChunk, at: number, id: string): number {
  const c = { ids: peek(peek(chunk).ids), at: peek(peek(chunk).at) };
  let lo = 0;
  let hi = c.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(c.at[mid] as number, c.ids[mid] as string, at, id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether (at, id) is in the list. O(log n). */
export function idsHas(list: SortedIds, id: string, at: number): boolean {
  const ci = findChunk(list, at, id);
  const c = peek(peek(peek(list).chunks)[ci]);
  if (!c) return false;
  return c.ids[findInChunk(c, at, id)] === id;
}

// Writers below copy what they change once per burst and then write plain arrays
// (owned.ts): the list itself stays a draft (or a list made in this burst), its chunk array
// and the chunks it touches become owned copies.

function ownChunks(list: SortedIds): DraftChunk[] {
  return own<DraftChunk[]>(list, 'chunks');
}

function ownChunk(chunks: DraftChunk[], index: number): DraftChunk {
  const c = own<DraftChunk>(chunks, index);
  own<string[]>(c, 'ids');
  own<number[]>(c, 'at');
  return c;
}

function setSize(list: SortedIds, size: number): void {
  (list as DraftIds).size = size;
}

/** Insert (at, id) into a drafted list; inserting an entry already there is a no-op. */
export function idsInsert(list: SortedIds, id: string, at: number): boolean {
  const current = peek(list);
  const size = current.size;
  if (peek(current.chunks).length === 0) {
    ownChunks(list).push({ ids: [id], at: [at] });
    setSize(list, 1);
    return true;
  }
  let ci = findChunk(list, at, id);
  const count = peek(current.chunks).length;
  if (ci === count) {
    // After everything: append to the last chunk (the common case for new messages).
    ci -= 1;
    const chunks = ownChunks(list);
    if (peek(peek(chunks[ci] as IdChunk).ids).length < CHUNK_MAX) {
      const last = ownChunk(chunks, ci);
      last.ids.push(id);
      last.at.push(at);
    } else {
      chunks.push({ ids: [id], at: [at] });
    }
    setSize(list, size + 1);
    return true;
  }
  const pos = findInChunk(peek(current.chunks)[ci] as IdChunk, at, id);
  if (peek(peek(peek(current.chunks)[ci] as IdChunk).ids)[pos] === id) return false;
  const chunks = ownChunks(list);
  const c = ownChunk(chunks, ci);
  c.ids.splice(pos, 0, id);
  c.at.splice(pos, 0, at);
  setSize(list, size + 1);
  if (c.ids.length > CHUNK_MAX) {
    const half = c.ids.length >> 1;
    const right: DraftChunk = { ids: c.ids.slice(half), at: c.at.slice(half) };
    c.ids.length = half;
    c.at.length = half;
    chunks.splice(ci + 1, 0, right);
  }
  return true;
}

/** Remove (at, id) from a drafted list; returns whether it was there. */
export function idsRemove(list: SortedIds, id: string, at: number): boolean {
  const current = peek(list);
  const ci = findChunk(list, at, id);
  const held = peek(peek(current.chunks)[ci]);
  if (!held) return false;
  const pos = findInChunk(held, at, id);
  if (peek(held.ids)[pos] !== id) return false;
  const chunks = ownChunks(list);
  const c = ownChunk(chunks, ci);
  c.ids.splice(pos, 1);
  c.at.splice(pos, 1);
  setSize(list, current.size - 1);
  if (c.ids.length === 0) chunks.splice(ci, 1);
  return true;
}

/** Drop the `count` oldest entries of a drafted list and return their ids. */
export function idsDropOldest(list: SortedIds, count: number): string[] {
  const dropped: string[] = [];
  if (count <= 0 || peek(peek(list).chunks).length === 0) return dropped;
  let size = peek(list).size;
  const chunks = ownChunks(list);
  while (count > 0 && chunks.length > 0) {
    const first = peek(chunks[0] as DraftChunk);
    if (first.ids.length <= count) {
      dropped.push(...peek(first.ids));
      count -= first.ids.length;
      size -= first.ids.length;
      chunks.shift();
    } else {
      const c = ownChunk(chunks, 0);
      dropped.push(...c.ids.splice(0, count));
      c.at.splice(0, count);
      size -= count;
      count = 0;
    }
  }
  setSize(list, size);
  return dropped;
}

/** Drop the `count` newest entries of a drafted list and return their ids. */
export function idsDropNewest(list: SortedIds, count: number): string[] {
  const dropped: string[] = [];
  if (count <= 0 || peek(peek(list).chunks).length === 0) return dropped;
  let size = peek(list).size;
  const chunks = ownChunks(list);
  while (count > 0 && chunks.length > 0) {
    const lastIndex = chunks.length - 1;
    const tail = peek(chunks[lastIndex] as DraftChunk);
    if (tail.ids.length <= count) {
      dropped.push(...peek(tail.ids));
      count -= tail.ids.length;
      size -= tail.ids.length;
      chunks.pop();
    } else {
      const c = ownChunk(chunks, lastIndex);
      dropped.push(...c.ids.splice(c.ids.length - count, count));
      c.at.splice(c.at.length - count, count);
      size -= count;
      count = 0;
    }
  }
  setSize(list, size);
  return dropped;
}

/** All ids, oldest first. O(n): for building views, not per event. */
export function idsToArray(list: SortedIds): string[] {
  const out: string[] = [];
  for (const c of peek(peek(list).chunks)) for (const id of peek(peek(c).ids)) out.push(id);
  return out;
}

/** The oldest entry, or undefined. */
export function idsFirst(list: SortedIds): { id: string; at: number } | undefined {
  const c = peek(peek(peek(list).chunks)[0]);
  return c ? { id: c.ids[0] as string, at: c.at[0] as number } : undefined;
}

/** The newest entry, or undefined. */
export function idsLast(list: SortedIds): { id: string; at: number } | undefined {
  const chunks = peek(peek(list).chunks);
  const c = peek(chunks[chunks.length - 1]);
  if (!c) return undefined;
  const i = c.ids.length - 1;
  return { id: c.ids[i] as string, at: c.at[i] as number };
}

/** Entries strictly after (at, id), oldest first, at most `limit`. */
export function idsAfter(list: SortedIds, id: string, at: number, limit = Infinity): string[] {
  const out: string[] = [];
  const chunks = peek(peek(list).chunks);
  let ci = findChunk(list, at, id);
  const first = peek(chunks[ci]);
  if (!first) return out;
  let pos = findInChunk(first, at, id);
  if (peek(first.ids)[pos] === id) pos += 1;
  for (; ci < chunks.length && out.length < limit; ci++, pos = 0) {
    const ids = peek(peek(chunks[ci] as IdChunk).ids);
    for (let i = pos; i < ids.length && out.length < limit; i++) out.push(ids[i] as string);
  }
  return out;
}

/** Entries from the newest, lazily: O(entries visited), for scans that stop early. */
export function* idsNewestFirst(list: SortedIds): Generator<IdPosition> {
  for (let c = list.chunks.length - 1; c >= 0; c--) {
    const chunk = list.chunks[c] as IdChunk;
    for (let i = chunk.ids.length - 1; i >= 0; i--) yield { id: chunk.ids[i] as string, at: chunk.at[i] as number };
  }
}
