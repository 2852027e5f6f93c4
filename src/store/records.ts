// Records keyed by ids (table buckets, members, reads, watchers, typing, quotes) are made
// without a prototype.
//
// Why, twice over:
// - Any string is a valid id, `__proto__` and `constructor` included. A plain `{}` takes the
//   first as a prototype change, and answers the second (when absent) with Object's own.
// - V8 gives a plain object built key by key a hidden class per key sequence, all hung off
//   the one root class of `{}`. Records keyed by message and user ids made thousands of such
//   chains and filled the root's transition list; past that, every new object shape (a
//   copied channel entry, a copied id list) got a class of its own, never shared. Copying a
//   frozen channel entry then cost 30-45 us instead of about 1, and reads of its fields went
//   megamorphic. A record without a prototype starts in dictionary mode and makes no hidden
//   classes. Measured with 1,000 channels: 945 entry classes after 3,000 frames before, 2
//   after; one frame 432 -> 295 us (bench/RESULTS.md).
//
// Copies keep the null prototype: `own` copies records key by key (owned.ts) and immer copies
// an object that is not a plain `{}` with Object.create of its prototype. They are still plain
// data: JSON, Object.keys, for-in, spread and `in` work as on any object; read membership
// with `Object.hasOwn(record, id)` or `id in record`, not `record.hasOwnProperty(id)`.

/** A new, empty record without a prototype. */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** The shared frozen empty record (for buckets and records nothing has been written to). */
export const FROZEN_EMPTY_RECORD: Readonly<Record<string, never>> = Object.freeze(emptyRecord<never>());

/** Whether `value` is a record made by emptyRecord (or a copy of one). */
export function isBareRecord(value: object): boolean {
  return Object.getPrototypeOf(value) === null;
}

/** A shallow copy of a record that keeps its null prototype. */
export function copyRecord<T extends object>(value: T): T {
  const copy = emptyRecord<unknown>();
  for (const key in value) copy[key] = (value as Record<string, unknown>)[key];
  return copy as T;
}

/**
 * The shallow copy immer would make of a plain array or record, made the fast way: spread,
 * not slice (V8 has no fast path for slicing a frozen array, measured 30x slower), and a
 * record without a prototype stays one (a spread would hand back a plain object and undo
 * what the null prototype is for).
 */
export function shallowCopy<T extends object>(value: T): T {
  if (Array.isArray(value)) return [...value] as T;
  return isBareRecord(value) ? copyRecord(value) : ({ ...value } as T);
}
