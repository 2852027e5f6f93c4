// Deep freeze for what enters the store. Immer freezes new values when it finishes a draft,
// but it gets there by walking each one twice (once looking for nested drafts, once
// freezing) through generic iteration helpers; a payload frozen up front in one tight walk
// is skipped by both, since immer treats a frozen object as finished.

/** Freeze `value` and everything reachable from it; stops at objects already frozen. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    const o = value as Record<string, unknown>;
    for (const key in o) deepFreeze(o[key]);
  }
  return value;
}

/**
 * Freeze a new object whose values are all settled (primitives or frozen objects), so that
 * finishing the burst skips it; leave it as it is when one of its values is not (it may be
 * a draft, which immer must still find and finish). One level only: cheap on small objects.
 */
export function freezeSettled<T extends object>(value: T): T {
  const o = value as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) return value;
  }
  return Object.freeze(value);
}
