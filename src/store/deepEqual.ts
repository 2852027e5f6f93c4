// Structural equality for the plain data the store holds (JSON-like values after decoding).
//
// Why: every event is decoded into fresh objects, so a repeated event (a duplicate frame,
// or a REST result that repeats what events already said) carries copies equal to what is
// held but never the same references. Writing such a copy into a draft would give the
// state, the channel and the message new references and wake every subscriber for nothing.
// Reducers compare with this before they assign an object, so a no-op keeps references
// (ARCHITECTURE.md, "a no-op update returns the same reference").
//
// A missing key and a key holding `undefined` count as equal: both mean "absent" to the
// decoders and to consumers. Cost is bounded by the size of the two values, never by how
// much the store holds.
import { current, isDraft } from 'immer';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Whether `a` and `b` hold the same plain data (works on immer drafts too). */
export function deepEqual(a: unknown, b: unknown): boolean {
  // Reading through a draft creates a proxy (and a parent copy) per nested object it
  // touches; an unmodified draft's current value is its base, so compare plain data.
  return equalPlain(isDraft(a) ? current(a) : a, isDraft(b) ? current(b) : b);
}

function equalPlain(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isObject(a) || !isObject(b)) return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const x = a as unknown as unknown[];
    const y = b as unknown as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!equalPlain(x[i], y[i])) return false;
    return true;
  }
  // Records of the service (messages, users, channels, members) carry updated_at last in
  // their field order, and a changed copy mostly differs there: a reaction's copy of its
  // message differs from the held one in updated_at and its counts, after ~25 equal fields.
  // So look at it first. Only two scalars that differ decide; anything else is left to the
  // walk below.
  const ua = a['updated_at'];
  const ub = b['updated_at'];
  if (ua !== ub && !isObject(ua) && !isObject(ub) && !Object.is(ua, ub)) return false;
  const keys = Object.keys(a);
  // Scalars first: copies that differ mostly differ in a timestamp or a count, found here
  // without walking nested users and reactions. Nested values that are the same object
  // (shared empties, shared users) need no second look.
  let nested = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (isObject(x) && isObject(y)) nested = true;
    else if (!Object.is(x, y)) return false;
  }
  if (nested) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const x = a[key];
      const y = b[key];
      if (x !== y && isObject(x) && isObject(y) && !equalPlain(x, y)) return false;
    }
  }
  // Keys only `b` has must hold undefined. Two copies of one server shape list the same keys
  // in the same order, which settles it without a lookup per key.
  const other = Object.keys(b);
  if (other.length === keys.length) {
    let same = true;
    for (let i = 0; i < keys.length && same; i++) same = keys[i] === other[i];
    if (same) return true;
  }
  for (let i = 0; i < other.length; i++) {
    const key = other[i] as string;
    if (!(key in a) && b[key] !== undefined) return false;
  }
  return true;
}
