// Freezing what enters the store and what a burst made. A payload frozen up front in one
// tight walk is skipped by immer when it finishes a draft (immer treats a frozen object as
// finished instead of walking it for nested drafts), and by the store's own freeze of the
// finished state (freezeNew).

// The deep freeze is the decoders' (models/freeze.ts): one walk for both.
export { deepFreeze } from '../models/freeze.ts';

/**
 * Whether an object of the state is frozen, in constant time. `Object.isFrozen` checks the
 * attributes of every property (V8, Node 20: ~40 ns for one key, ~300 ns for a 24-field
 * message), and the store asks it of every element of every copy it seals. Everything the
 * store and the decoders freeze is frozen whole by `Object.freeze`, and nothing in the state
 * is sealed or made non-extensible any other way, so "not extensible" means "frozen" here
 * (~35 ns whatever the size). Drafts are extensible proxies: never frozen.
 */
export function isFrozenObject(o: object): boolean {
  return !Object.isExtensible(o);
}

/**
 * Freeze what a finished burst made: every object not frozen yet, found through objects not
 * frozen yet (`before`: the state the burst started from, to skip what it still shares).
 * Whatever is frozen was frozen whole (decoders, sealOwned and this walk freeze an object's
 * contents with it), so the walk stops there and its cost follows what the burst changed,
 * not what the state holds.
 *
 * Why not immer's autoFreeze: immer does the same walk but asks `Object.isFrozen` of every
 * child of every new object, which is linear in the child's keys, and for the records
 * without a prototype (records.ts, dictionary mode in V8) slower still. With 1,000 channels
 * one frame's finish asked it of every bucket of the channels table.
 */
export function freezeNew<T>(value: T, before?: unknown): T {
  // deepFreeze's walk with the constant-time check; kept apart so that each stays a
  // monomorphic loop (a shared walker taking the check measured no better).
  if (typeof value !== 'object' || value === null || isFrozenObject(value)) return value;
  // `before` is what stood at the same place in the previous (frozen) state: a child still
  // identical to its child there is frozen, and needs no call to ask. A frame changes one
  // bucket of the channels table; the other 63 were each asked before.
  const was = typeof before === 'object' && before !== null ? (before as Record<string, unknown>) : undefined;
  if (Array.isArray(value)) {
    // The frozen array read through a spread: V8 (Node 20) reads the elements of a frozen
    // array several times slower than a plain one's (~1 us against ~0.15 for 128 in an
    // optimized loop), and spreads one in a single fast copy (~0.08 us). For the same
    // reason `value` is frozen after its elements are read, not before.
    const old = Array.isArray(was) ? [...(was as unknown[])] : undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (old === undefined) freezeNew(v);
      else if (v !== old[i]) freezeNew(v, old[i]);
    }
  } else {
    const o = value as Record<string, unknown>;
    for (const key in o) {
      const v = o[key];
      if (was === undefined) freezeNew(v);
      else {
        const w = was[key];
        if (v !== w) freezeNew(v, w);
      }
    }
  }
  Object.freeze(value);
  return value;
}

function settledValue(v: unknown): boolean {
  return typeof v !== 'object' || v === null || isFrozenObject(v);
}

/** Whether every value of `o` is settled: a primitive or a frozen object (never a draft). */
export function isSettled(o: object): boolean {
  if (Array.isArray(o)) {
    // An index loop: for...in over an array enumerates string keys, several times slower.
    for (let i = 0; i < o.length; i++) if (!settledValue(o[i])) return false;
    return true;
  }
  const values = o as Record<string, unknown>;
  for (const key in values) if (!settledValue(values[key])) return false;
  return true;
}

/**
 * Freeze a new object whose values are all settled, so that finishing the burst skips it;
 * leave it as it is when one of its values is not (it may be a draft, which immer must still
 * find and finish). One level only: cheap on small objects.
 */
export function freezeSettled<T extends object>(value: T): T {
  return isSettled(value) ? Object.freeze(value) : value;
}
