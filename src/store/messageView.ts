// The messages of a channel's current window as one array, rebuilt per notification at the
// cost of what changed. The stateless selectMessages (selectors.ts) looks every id of the
// window up in the message table, hashing each id again: on a live channel, whose window
// changes with every burst, that was the largest single cost of a notification (profiled
// in bench/ L1: ~10% of the CPU, linear in the channel's length). This selector keeps, for
// each chunk of the window's ids, the bucket of each id and the messages last read from it.
// A chunk is frozen, so an unchanged chunk needs no hashing; a message is looked up again
// only when its bucket changed (a bucket changes when one of its entries does); and the
// chunk an append copied is matched against the one it replaced by its common prefix.
import type { ChannelEntry, LocalMessage } from './state.ts';
import type { IdChunk } from './sortedIds.ts';
import { bucketOf, type Table } from './table.ts';

type Buckets = Table<LocalMessage>['buckets'];

interface ChunkView {
  readonly chunk: IdChunk;
  readonly buckets: Buckets;
  /** The bucket of each id of the chunk. */
  readonly slots: Uint16Array;
  /** The message of each id, as read from `buckets` (undefined: not in the table). */
  readonly found: ReadonlyArray<LocalMessage | undefined>;
}

const EMPTY: readonly LocalMessage[] = Object.freeze([]);

function lookup(buckets: Buckets, slot: number, id: string): LocalMessage | undefined {
  const bucket = buckets[slot] as Readonly<Record<string, LocalMessage>>;
  return Object.prototype.hasOwnProperty.call(bucket, id) ? bucket[id] : undefined;
}

/**
 * The view of `chunk` read from `buckets`, reusing what `hint` (the chunk held at the same
 * place before) still says. `moved` flags the buckets that differ from the hint's.
 */
function chunkView(chunk: IdChunk, buckets: Buckets, hint: ChunkView | undefined, moved: Uint8Array | undefined): ChunkView {
  if (hint && hint.chunk === chunk && hint.buckets === buckets) return hint;
  const ids = chunk.ids;
  const n = ids.length;
  // How far the hint's chunk is this one: the same object, or a copy that kept its start.
  let shared = 0;
  if (hint && moved) {
    const old = hint.chunk.ids;
    if (hint.chunk === chunk) shared = n;
    else {
      const max = Math.min(n, old.length);
      while (shared < max && ids[shared] === old[shared]) shared++;
    }
  }
  if (shared === 0) return fresh(chunk, buckets);
  const h = hint as ChunkView;
  const slots = new Uint16Array(n);
  slots.set(shared === h.slots.length ? h.slots : h.slots.subarray(0, shared));
  const found = h.found.slice(0, shared);
  let same = shared === n && n === h.found.length;
  // Only the ids whose bucket changed are looked up again: a tight loop over the slots.
  const flags = moved as Uint8Array;
  for (let i = 0; i < shared; i++) {
    if (flags[slots[i] as number] === 0) continue;
    const m = lookup(buckets, slots[i] as number, ids[i] as string);
    if (m !== found[i]) {
      found[i] = m;
      same = false;
    }
  }
  for (let i = shared; i < n; i++) {
    const slot = bucketOf(ids[i] as string, buckets.length);
    slots[i] = slot;
    found.push(lookup(buckets, slot, ids[i] as string));
  }
  // Unchanged messages keep the hint's list, which tells the caller nothing moved here.
  return { chunk, buckets, slots, found: same ? h.found : found };
}

function fresh(chunk: IdChunk, buckets: Buckets): ChunkView {
  const ids = chunk.ids;
  const slots = new Uint16Array(ids.length);
  const found = new Array<LocalMessage | undefined>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const slot = bucketOf(ids[i] as string, buckets.length);
    slots[i] = slot;
    found[i] = lookup(buckets, slot, ids[i] as string);
  }
  return { chunk, buckets, slots, found };
}

/** Which buckets differ between two bucket arrays of one table (undefined: not comparable). */
function movedBuckets(before: Buckets | undefined, after: Buckets): Uint8Array | undefined {
  if (!before || before.length !== after.length || after.length > 0xffff) return undefined;
  const flags = new Uint8Array(after.length);
  for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) flags[i] = 1;
  return flags;
}

/**
 * A selector of one channel's window messages (oldest first) that remembers its last answer:
 * the same array while neither the window nor the messages in it changed. One per consumer
 * that follows one channel (a channel handle); for one-off reads use selectMessages.
 */
export function createMessagesSelector(): (ch: ChannelEntry) => readonly LocalMessage[] {
  let views: ChunkView[] = [];
  /** Where each chunk's messages start in `out`, and its length at the end. */
  let starts: number[] = [];
  let out: readonly LocalMessage[] = EMPTY;
  let window: unknown;
  let table: unknown;
  return (ch) => {
    const w = ch.windows[ch.current];
    if (!w) return EMPTY;
    if (w === window && ch.messages === table) return out;
    window = w;
    table = ch.messages;
    const buckets = ch.messages.buckets;
    const chunks = w.ids.chunks;
    const next = new Array<ChunkView>(chunks.length);
    const moved = movedBuckets(views[0]?.buckets, buckets);
    // The first chunk whose messages differ from the last answer's: everything before it
    // is copied from that answer in one slice (an append changes the last chunk only).
    let firstChanged = chunks.length === views.length ? chunks.length : Math.min(chunks.length, views.length);
    for (let c = 0; c < chunks.length; c++) {
      const v = chunkView(chunks[c] as IdChunk, buckets, views[c], moved);
      next[c] = v;
      if (c < firstChanged && v.found !== views[c]?.found) firstChanged = c;
    }
    if (firstChanged === chunks.length && chunks.length === views.length) {
      views = next;
      return out;
    }
    const list = out.slice(0, starts[firstChanged] ?? 0) as LocalMessage[];
    const nextStarts = starts.slice(0, firstChanged);
    for (let c = firstChanged; c < next.length; c++) {
      nextStarts[c] = list.length;
      for (const m of (next[c] as ChunkView).found) if (m !== undefined) list.push(m);
    }
    nextStarts[next.length] = list.length;
    views = next;
    starts = nextStarts;
    out = list;
    return out;
  };
}
