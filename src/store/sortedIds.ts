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

interface DraftChunk {
  ids: string[];
  at: number[];
}
interface DraftIds {
  chunks: DraftChunk[];
  size: number;
}

import { peek } from './peek.ts';

const CHUNK_MAX = 256;

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

/** Insert (at, id) into a drafted list; inserting an entry already there is a no-op. */
export function idsInsert(list: SortedIds, id: string, at: number): boolean {
  const l = list as DraftIds;
  if (l.chunks.length === 0) {
    l.chunks.push({ ids: [id], at: [at] });
    l.size = 1;
    return true;
  }
  let ci = findChunk(l, at, id);
  if (ci === l.chunks.length) {
    // After everything: append to the last chunk (the common case for new messages).
    ci -= 1;
    const last = l.chunks[ci] as DraftChunk;
    if (last.ids.length < CHUNK_MAX) {
      last.ids.push(id);
      last.at.push(at);
    } else {
      l.chunks.push({ ids: [id], at: [at] });
    }
    l.size += 1;
    return true;
  }
  const c = l.chunks[ci] as DraftChunk;
  const pos = findInChunk(c, at, id);
  if (c.ids[pos] === id) return false;
  c.ids.splice(pos, 0, id);
  c.at.splice(pos, 0, at);
  l.size += 1;
  if (c.ids.length > CHUNK_MAX) {
    const half = c.ids.length >> 1;
    const right: DraftChunk = { ids: c.ids.slice(half), at: c.at.slice(half) };
    c.ids.length = half;
    c.at.length = half;
    l.chunks.splice(ci + 1, 0, right);
  }
  return true;
}

/** Remove (at, id) from a drafted list; returns whether it was there. */
export function idsRemove(list: SortedIds, id: string, at: number): boolean {
  const l = list as DraftIds;
  const ci = findChunk(l, at, id);
  const c = l.chunks[ci];
  if (!c) return false;
  const pos = findInChunk(c, at, id);
  if (c.ids[pos] !== id) return false;
  c.ids.splice(pos, 1);
  c.at.splice(pos, 1);
  l.size -= 1;
  if (c.ids.length === 0) l.chunks.splice(ci, 1);
  return true;
}

/** Drop the `count` oldest entries of a drafted list and return their ids. */
export function idsDropOldest(list: SortedIds, count: number): string[] {
  const l = list as DraftIds;
  const dropped: string[] = [];
  while (count > 0 && l.chunks.length > 0) {
    const c = l.chunks[0] as DraftChunk;
    if (c.ids.length <= count) {
      dropped.push(...c.ids);
      count -= c.ids.length;
      l.size -= c.ids.length;
      l.chunks.shift();
    } else {
      dropped.push(...c.ids.splice(0, count));
      c.at.splice(0, count);
      l.size -= count;
      count = 0;
    }
  }
  return dropped;
}

/** Drop the `count` newest entries of a drafted list and return their ids. */
export function idsDropNewest(list: SortedIds, count: number): string[] {
  const l = list as DraftIds;
  const dropped: string[] = [];
  while (count > 0 && l.chunks.length > 0) {
    const c = l.chunks[l.chunks.length - 1] as DraftChunk;
    if (c.ids.length <= count) {
      dropped.push(...c.ids);
      count -= c.ids.length;
      l.size -= c.ids.length;
      l.chunks.pop();
    } else {
      dropped.push(...c.ids.splice(c.ids.length - count, count));
      c.at.splice(c.at.length - count, count);
      l.size -= count;
      count = 0;
    }
  }
  return dropped;
}

/** All ids, oldest first. O(n): for building views, not per event. */
export function idsToArray(list: SortedIds): string[] {
  const out: string[] = [];
  for (const c of list.chunks) for (const id of c.ids) out.push(id);
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
  let ci = findChunk(list, at, id);
  const first = list.chunks[ci];
  if (!first) return out;
  let pos = findInChunk(first, at, id);
  if (first.ids[pos] === id) pos += 1;
  for (; ci < list.chunks.length && out.length < limit; ci++, pos = 0) {
    const c = list.chunks[ci] as IdChunk;
    for (let i = pos; i < c.ids.length && out.length < limit; i++) out.push(c.ids[i] as string);
  }
  return out;
}
