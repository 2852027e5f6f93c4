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
  const keys = Object.keys(a);
  // Scalars first: copies that differ mostly differ in a timestamp or a count, found here
  // without walking nested users and reactions.
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if ((!isObject(x) || !isObject(y)) && !Object.is(x, y)) return false;
  }
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (isObject(x) && isObject(y) && !equalPlain(x, y)) return false;
  }
  for (const key of Object.keys(b)) {
    if (!(key in a) && b[key] !== undefined) return false;
  }
  return true;
}
