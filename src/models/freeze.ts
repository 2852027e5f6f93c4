// Frozen values shared by the decoders and the store: a deep freeze, and the one frozen
// empty array and map that every empty collection can be (frozen values may be shared).

/** One frozen empty array, for every empty collection that is frozen anyway. */
export const FROZEN_EMPTY_ARRAY: readonly never[] = Object.freeze([]);
/** One frozen empty map, for every empty map that is frozen anyway. */
export const FROZEN_EMPTY_MAP: Readonly<Record<string, never>> = Object.freeze({});

/**
 * Freeze `value` and everything reachable from it, in place (nothing is replaced); stops at
 * objects already frozen.
 */
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
