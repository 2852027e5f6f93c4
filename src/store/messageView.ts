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
  readonly slots: readonly number[];
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
  if (!hint || !moved) return fresh(chunk, buckets);
  const ids = chunk.ids;
  const n = ids.length;
  // How far the hint's chunk is this one: the same object, or a copy that kept its start.
  let shared = 0;
  if (hint.chunk === chunk) shared = n;
  else {
    const old = hint.chunk.ids;
    const max = Math.min(n, old.length);
    while (shared < max && ids[shared] === old[shared]) shared++;
  }
  if (shared === 0) return fresh(chunk, buckets);
  // Only the ids whose bucket changed are looked up again: a tight loop over the slots. The
  // hint's arrays are kept until something differs (a notification mostly changes one
  // chunk of a long window; the others cost this loop and no allocation).
  const hintSlots = hint.slots;
  let found = hint.found;
  let copied = false;
  for (let i = 0; i < shared; i++) {
    const slot = hintSlots[i] as number;
    if (moved[slot] === 0) continue;
    const m = lookup(buckets, slot, ids[i] as string);
    if (m === found[i]) continue;
    if (!copied) {
      found = found.slice(0, shared);
      copied = true;
    }
    (found as Array<LocalMessage | undefined>)[i] = m;
  }
  if (shared === n && n === hintSlots.length) return { chunk, buckets, slots: hintSlots, found };
  const slots = hintSlots.slice(0, shared) as number[];
  const out = copied ? (found as Array<LocalMessage | undefined>) : found.slice(0, shared);
  for (let i = shared; i < n; i++) {
    const slot = bucketOf(ids[i] as string, buckets.length);
    slots.push(slot);
    out.push(lookup(buckets, slot, ids[i] as string));
  }
  return { chunk, buckets, slots, found: out };
}

function fresh(chunk: IdChunk, buckets: Buckets): ChunkView {
  const ids = chunk.ids;
  const slots = new Array<number>(ids.length);
  const found = new Array<LocalMessage | undefined>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const slot = bucketOf(ids[i] as string, buckets.length);
    slots[i] = slot;
    found[i] = lookup(buckets, slot, ids[i] as string);
  }
  return { chunk, buckets, slots, found };
}

/**
 * Flag in `flags` the buckets that differ between two bucket arrays of one table, and return
 * their indexes (undefined: not comparable). The caller clears the flags it was handed back.
 * The flags are the selector's own, kept from one call to the next: a fresh typed array of
 * 128 per notification lives outside V8's heap and cost more than the comparison.
 */
function markMoved(before: Buckets | undefined, after: Buckets, flags: Uint8Array): number[] | undefined {
  if (!before || before.length !== after.length || flags.length !== after.length) return undefined;
  // Both are frozen: compared through spreads (freeze.ts's freezeNew says why).
  const was = [...before];
  const is = [...after];
  const moved: number[] = [];
  for (let i = 0; i < is.length; i++) {
    if (was[i] !== is[i]) {
      flags[i] = 1;
      moved.push(i);
    }
  }
  return moved;
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
  let flags = new Uint8Array(0);
  return (ch) => {
    const w = ch.windows[ch.current];
    if (!w) return EMPTY;
    if (w === window && ch.messages === table) return out;
    window = w;
    table = ch.messages;
    const buckets = ch.messages.buckets;
    const chunks = w.ids.chunks;
    const next = new Array<ChunkView>(chunks.length);
    if (flags.length !== buckets.length) flags = new Uint8Array(buckets.length);
    const movedList = markMoved(views[0]?.buckets, buckets, flags);
    const moved = movedList ? flags : undefined;
    // The first chunk whose messages differ from the last answer's: everything before it
    // is copied from that answer in one slice (an append changes the last chunk only).
    let firstChanged = chunks.length === views.length ? chunks.length : Math.min(chunks.length, views.length);
    for (let c = 0; c < chunks.length; c++) {
      const v = chunkView(chunks[c] as IdChunk, buckets, views[c], moved);
      next[c] = v;
      if (c < firstChanged && v.found !== views[c]?.found) firstChanged = c;
    }
    if (movedList) for (const i of movedList) flags[i] = 0;
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
