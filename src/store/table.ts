// A keyed collection split into a fixed number of buckets by a hash of the key.
//
// Why not one plain object: immer copies (and freezes, and finalizes) every object it
// writes to, so one record of 20,000 messages would cost 20,000 property copies per event.
// Buckets bound that copy to size/buckets entries plus the bucket array itself, which keeps
// the cost of one event flat as a channel grows (ARCHITECTURE.md, performance rules).
// The table is plain data, so it freezes, serialises and diffs like the rest of the state.
import { peek, prepareFastCopy } from './peek.ts';
import { emptyRecord, FROZEN_EMPTY_RECORD } from './records.ts';
import { isDraft, own, track } from './owned.ts';

export interface Table<V> {
  /** Number of entries. */
  readonly size: number;
  readonly buckets: ReadonlyArray<Readonly<Record<string, V>>>;
}

/** Mutable view of a table inside an immer draft. */
interface DraftTable<V> {
  size: number;
  buckets: Array<Record<string, V>>;
}

/** FNV-1a over the UTF-16 code units: cheap, and spreads short ids well. */
export function bucketOf(key: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}

/**
 * An empty table with `bucketCount` buckets (fixed unless tableGrow doubles them). Buckets are records
 * without a prototype (records.ts). Every bucket is the one shared frozen empty record and
 * the bucket array is frozen: writers copy what they change (tableSet's `own`), and
 * finishing a burst that made a new table (a channel's messages, on hydration) does not walk
 * its empty buckets one by one. Measured before: 21,500 empty buckets walked by immer to
 * hydrate 200 channels, about a quarter of the time.
 */
export function createTable<V>(bucketCount = 64): Table<V> {
  const buckets = Object.freeze(new Array<Record<string, V>>(bucketCount).fill(FROZEN_EMPTY_RECORD));
  // The table itself stays open: tableSet writes its new bucket array into it in place.
  return { size: 0, buckets };
}

export function tableGet<V>(table: Table<V>, key: string): V | undefined {
  // A finished table (selectors) has nothing to draft, and an entry drafted earlier in the
  // burst is handed out without walking the proxies again.
  const held = tablePeek(table, key);
  if (held === undefined || isDraft(held) || !isDraft(table)) return held;
  // Through the drafts, so the entry comes back as a draft.
  const bucket = draftBucket(table as DraftTable<V>, key);
  return Object.prototype.hasOwnProperty.call(bucket, key) ? bucket[key] : undefined;
}

/**
 * The draft of the bucket of `key` in a drafted table. Immer copies the bucket array and
 * the bucket on the way even to read them; prepareFastCopy (peek.ts) has them copied the
 * fast way first: drafting one channel of 1,000 went from ~55 to ~38 us per frame.
 */
function draftBucket<V>(table: DraftTable<V>, key: string): Record<string, V> {
  const buckets = table.buckets;
  prepareFastCopy(buckets);
  const bucket = buckets[bucketOf(key, buckets.length)] as Record<string, V>;
  prepareFastCopy(bucket);
  return bucket;
}

/**
 * Read-only lookup that drafts nothing (see peek.ts): for checks and comparisons on the
 * per-event path. Use tableGet when the result will be changed.
 */
export function tablePeek<V>(table: Table<V>, key: string): V | undefined {
  const t = peek(table);
  const buckets = peek(t.buckets);
  const bucket = peek(buckets[bucketOf(key, buckets.length)]);
  return bucket && Object.prototype.hasOwnProperty.call(bucket, key) ? bucket[key] : undefined;
}

export function tableHas<V>(table: Table<V>, key: string): boolean {
  const buckets = peek(peek(table).buckets);
  const bucket = peek(buckets[bucketOf(key, buckets.length)]);
  return bucket !== undefined && Object.prototype.hasOwnProperty.call(bucket, key);
}

/**
 * Set `key` to `value` on a drafted table whose entries are replaced whole, never changed in
 * place (messages, users, unread counts; see draftTableSet for the others). Writing the
 * value already held is a no-op, so an unchanged entry keeps every reference (no bucket is
 * copied). The bucket array and the bucket are copied once per burst and then written
 * directly (owned.ts), not through proxies.
 */
export function tableSet<V>(table: Table<V>, key: string, value: V): void {
  const t = peek(table);
  const i = bucketOf(key, t.buckets.length);
  const held = peek(peek(t.buckets)[i]) as Record<string, V>;
  const had = Object.prototype.hasOwnProperty.call(held, key);
  if (had && held[key] === value) return;
  const bucket = own<Record<string, V>>(own<Array<Record<string, V>>>(table, 'buckets'), i);
  bucket[key] = value;
  if (!had) (table as DraftTable<V>).size = t.size + 1;
}

/**
 * Double the buckets of a drafted table that holds more than `load` entries per bucket on
 * average (up to `max` buckets), moving every entry to its new bucket. For tables that grow
 * without bound in one place: a livestream channel's messages, whose buckets of 128 held
 * ~60 messages each by 8,000, and every burst copied, sealed and compared a few of those
 * whole. Amortized, each entry is moved about once more; readers find entries by
 * `bucketOf(key, buckets.length)`, so nothing else changes. A table holding a draft (an
 * entry changed in place this burst) grows on a later insert instead: moving a draft into
 * new records would hide it from immer's finish.
 */
export function tableGrow<V>(table: Table<V>, load: number, max = 1 << 14): void {
  const t = peek(table);
  const old = peek(t.buckets);
  const count = old.length * 2;
  if (t.size <= load * old.length || count > max) return;
  const buckets: Array<Record<string, V>> = [];
  for (let i = 0; i < count; i++) buckets.push(emptyRecord<V>());
  for (const b of old) {
    const bucket = peek(b) as Record<string, V>;
    for (const key in bucket) {
      const v = bucket[key] as V;
      if (isDraft(v)) return;
      (buckets[bucketOf(key, count)] as Record<string, V>)[key] = v;
    }
  }
  // New objects of this burst, frozen with it (owned.ts's sealOwned).
  for (const b of buckets) track(b);
  (table as DraftTable<V>).buckets = track(buckets);
}

/** Remove `key` from a drafted table; returns whether it was there. */
export function tableDelete<V>(table: Table<V>, key: string): boolean {
  const t = peek(table);
  const i = bucketOf(key, t.buckets.length);
  if (!Object.prototype.hasOwnProperty.call(peek(peek(t.buckets)[i]), key)) return false;
  const bucket = own<Record<string, V>>(own<Array<Record<string, V>>>(table, 'buckets'), i);
  delete bucket[key];
  (table as DraftTable<V>).size = t.size - 1;
  return true;
}

/**
 * tableSet for tables whose entries reducers change in place (channels, threads): it writes
 * through immer's drafts, so that tableGet keeps handing out drafts of the other entries.
 * (tableSet's owned buckets would hand out the frozen entries themselves.)
 */
export function draftTableSet<V>(table: Table<V>, key: string, value: V): void {
  // A table made in this burst (a reset) is no draft: its entries are new objects anyway.
  if (!isDraft(table)) return tableSet(table, key, value);
  const t = table as DraftTable<V>;
  const bucket = draftBucket(t, key);
  const had = Object.prototype.hasOwnProperty.call(bucket, key);
  if (had && bucket[key] === value) return;
  bucket[key] = value;
  if (!had) t.size += 1;
}

/** tableDelete for tables whose entries reducers change in place; see draftTableSet. */
export function draftTableDelete<V>(table: Table<V>, key: string): boolean {
  if (!isDraft(table)) return tableDelete(table, key);
  const t = table as DraftTable<V>;
  const bucket = draftBucket(t, key);
  if (!Object.prototype.hasOwnProperty.call(bucket, key)) return false;
  delete bucket[key];
  t.size -= 1;
  return true;
}

/** Every value, in no particular order. O(size): not for per-event paths. */
export function tableValues<V>(table: Table<V>): V[] {
  const out: V[] = [];
  for (const bucket of table.buckets) for (const key in bucket) out.push(bucket[key] as V);
  return out;
}

/** Every key, in no particular order. O(size): not for per-event paths. */
export function tableKeys<V>(table: Table<V>): string[] {
  const out: string[] = [];
  for (const bucket of table.buckets) for (const key in bucket) out.push(key);
  return out;
}
