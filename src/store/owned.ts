// Copy-on-write without proxies, for the collections every event writes to (message
// tables, sorted id chunks, unread by channel).
//
// Why: writing through immer's proxies costs a trap per read and per write, and immer 11
// registers a finalization callback on every assignment of an object. On the per-event path
// that was most of the cost of a message.new (profiled in bench/: ~40% of the reducer time in
// idsInsert and tableSet alone). `own` makes the copy immer would make, once per burst, and
// hands back a plain object the reducer mutates directly for the rest of the burst.
//
// Why it is safe: every object of a finished state is frozen (the store freezes what each
// burst made, freeze.ts, and payloads are frozen on entry), so an object that is neither
// frozen nor a draft was created during the burst still open, and only the state being built
// can reach it: mutating it in place is what immer itself allows for new objects. The store
// freezes it when the burst is finished, and immer finds any drafts left inside it (new
// objects may hold drafts).
import { DRAFT_STATE, peek } from './peek.ts';
import { isFrozenObject } from './freeze.ts';
import { shallowCopy } from './records.ts';

/** Whether `value` is an immer draft (a proxy over state being built). */
export function isDraft(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DRAFT_STATE] !== undefined;
}

/** Whether `value` may be mutated in place: made during this burst and not yet finished. */
export function isOwned(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !isFrozenObject(value) && !isDraft(value);
}

// Copies made since the last seal, by the store whose burst is being applied (set with
// `collectOwned` around its reducers), each followed by the frozen value it copies
// (undefined for new objects and for copies of something still open). Per store: a store
// that finished its burst must not freeze the open copies of another store's burst, which
// its reducers may still write to in place (a value read back through a draft is the plain
// copy, not a new draft). Outside a store (a bare immer draft) copies are not listed: immer
// finishes them as new objects.
let made: OwnedList | undefined;

/** Copies and new objects of one burst, each followed by its frozen original or undefined. */
export type OwnedList = Array<object | undefined>;

/** Route the copies `own` makes to `list` (the applying store's); returns the previous list. */
export function collectOwned(list: OwnedList | undefined): OwnedList | undefined {
  const previous = made;
  made = list;
  return previous;
}

/** List a new object the burst made outside `own` (a new channel entry) for sealOwned. */
export function track<T extends object>(value: T): T {
  made?.push(value, undefined);
  return value;
}

/**
 * Freeze `o` and the new objects under it, children first; an object that holds a draft,
 * directly or below, stays open (immer must still find and finish the draft). Returns
 * whether `o` is frozen now.
 */
function sealDeep(o: object, original?: object): boolean {
  if (isFrozenObject(o)) return true;
  if (isDraft(o)) return false;
  let settled = true;
  if (Array.isArray(o)) {
    // A copy of a frozen array: an element it still shares with the original is frozen (the
    // state is frozen whole), so only the elements written since are looked at. For a table's
    // bucket array that is one or two of 64-128, each otherwise a call to ask.
    // The original is frozen: read through a spread (freeze.ts's freezeNew says why).
    const same = original !== undefined ? [...(original as readonly unknown[])] : undefined;
    for (let i = 0; i < o.length; i++) {
      const v: unknown = o[i];
      if (same !== undefined && v === same[i]) continue;
      if (typeof v === 'object' && v !== null && !sealDeep(v)) settled = false;
    }
  } else {
    const values = o as Record<string, unknown>;
    for (const key in values) {
      const v = values[key];
      if (typeof v === 'object' && v !== null && !sealDeep(v)) settled = false;
    }
  }
  if (settled) Object.freeze(o);
  return settled;
}

/**
 * Freeze what `list` holds (one store's copies and new objects, made during its open burst)
 * with everything new under them, before the burst is finished, and empty the list. Immer
 * would otherwise walk each of them twice (looking for drafts, then freezing) through its
 * generic helpers, checking frozenness with Object.isFrozen (linear in the keys): for id
 * chunks of hundreds of strings, bucket arrays and new channels that cost more than the
 * events that made them. Whatever holds a draft is left to immer.
 */
export function sealOwned(list: OwnedList): void {
  // Newest first: a copy is made after the copy holding it (own(own(table, 'buckets'), i)),
  // so most children are frozen before their parents are looked at.
  for (let i = list.length - 2; i >= 0; i -= 2) sealDeep(list[i] as object, list[i + 1]);
  list.length = 0;
}

/**
 * The value at `parent[key]` as a plain object this burst owns: the value itself when the
 * burst made it, else a shallow copy of its current value put in its place. `parent` must be
 * a draft or itself owned. Never keep the result past the burst.
 */
export function own<T extends object>(parent: object, key: string | number): T {
  const holder = parent as Record<string | number, unknown>;
  const current = (peek(holder) as Record<string | number, unknown>)[key] as T;
  if (isOwned(current)) return current;
  const source = peek(current);
  const copy = shallowCopy(source);
  made?.push(copy, isFrozenObject(source) ? source : undefined);
  // Through the draft's set trap (one per burst), or directly into an owned parent.
  holder[key] = copy;
  return copy;
}
