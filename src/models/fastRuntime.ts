// What the generated fast decoders (generated/fastDecoders.ts) share: their context, and
// the loops that are the same for every model.
//
// The contract of a fast decoder: it returns exactly the value the generic decoder in
// decode.ts returns, or `undefined` when it is in any doubt, and then the generic decoder
// decodes that object (and names the error, if there is one). So a fast decoder only has
// to be right when it succeeds; it never builds an error itself.
import type { ModelName } from './generated/types.ts';
import { deepFreeze, FROZEN_EMPTY_ARRAY } from './freeze.ts';
import { parseRfc3339 } from './timestamp.ts';

/** The options of one decode, and the generic decoder to fall back on. */
export interface FastContext {
  readonly maxString: number;
  readonly maxDepth: number;
  readonly freeze: boolean;
  /** Write the decoded values into the input object instead of a copy of it (DecodeOptions.inPlace). */
  readonly inPlace: boolean;
  /** The generic decoder for one object at `depth`; throws its failure. */
  readonly slow: (name: ModelName, value: unknown, depth: number) => Record<string, unknown>;
}

/** A fast decoder: the decoded object, or undefined to let the generic decoder do it. */
export type FastDecoder = (value: unknown, c: FastContext, depth: number) => Record<string, unknown> | undefined;

/**
 * The input as a fast decoder may read it: a plain object (prototype Object.prototype or
 * none) whose straight property reads see only its own fields. A null-prototype object
 * is fine; any other prototype could answer a read the generic decoder would not see.
 */
export function wireObject(v: unknown): Record<string, unknown> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const p: unknown = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null ? (v as Record<string, unknown>) : undefined;
}

/**
 * The copy a fast decoder writes its decoded values over (when not decoding in place).
 * Object.assign, not a spread: V8 gives a spread copy a map of its own once a field changes
 * type (a timestamp string becoming epoch ms) and the copy is frozen, so every decoded user
 * had a hidden class of its own: memory per object, and every inline cache in the store
 * that met users went megamorphic. Copies made by Object.assign share their maps (measured
 * on Node 20: 49 of 49 copies against 1 of 49), for about the same cost.
 */
export function copyOf(w: Record<string, unknown>): Record<string, unknown> {
  return Object.assign({}, w);
}

/**
 * Whether the output `o` (the copy of the input, or the input itself) has no key but the
 * `counted` known fields the straight reads found defined or filled with an empty. Counting
 * keys is the cheap common case; anything else goes through `settleExtras`.
 */
export function onlyKnownKeys(o: Record<string, unknown>, counted: number): boolean {
  let keys = 0;
  for (const _ in o) keys++;
  return keys === counted;
}

/**
 * The slower check when the key count of the output `o` differs from the known fields
 * counted: unknown keys are kept (deep-frozen when freezing, as the generic decoder does);
 * a `__proto__` key, a known key holding undefined, or a known field the reads saw that the
 * output's own keys lack (the input had it inherited or not enumerable) is a doubt (false).
 * The reads counted `counted` known fields as defined or filled; when exactly that many
 * own known keys of `o` hold a defined value, the two sets are the same.
 */
export function settleExtras(o: Record<string, unknown>, known: ReadonlySet<string>, counted: number, c: FastContext): boolean {
  let seen = 0;
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key) || key === '__proto__') return false;
    const value = o[key];
    if (known.has(key)) {
      if (value === undefined) return false;
      seen++;
    } else if (c.freeze) {
      deepFreeze(value);
    }
  }
  return seen === counted;
}

/** Whether Object.prototype has no enumerable property, so key counting sees own keys only. */
export function cleanObjectPrototype(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

function finish(out: unknown[], c: FastContext): unknown[] {
  return c.freeze ? (Object.freeze(out) as unknown[]) : out;
}

function emptyArray(c: FastContext): unknown[] {
  return c.freeze ? (FROZEN_EMPTY_ARRAY as unknown as unknown[]) : [];
}

/** A known `string[]` field: a copy, every element a string within the length bound. */
export function stringArray(x: unknown[], c: FastContext): unknown[] | undefined {
  const n = x.length;
  if (n === 0) return emptyArray(c);
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const e = x[i];
    if (typeof e !== 'string' || e.length > c.maxString) return undefined;
    out[i] = e;
  }
  return finish(out, c);
}

/** One element of a scalar array field other than strings; undefined when it is wrong. */
export type ElementCheck = (e: unknown, c: FastContext) => unknown;

export const numberElement: ElementCheck = (e) => (typeof e === 'number' && e - e === 0 ? e : undefined);
export const booleanElement: ElementCheck = (e) => (typeof e === 'boolean' ? e : undefined);
export const unionElement: ElementCheck = (e) => (typeof e === 'string' ? e : undefined);
export const timestampElement: ElementCheck = (e) =>
  typeof e === 'string' ? parseRfc3339(e) : typeof e === 'number' && e - e === 0 ? e : undefined;
export const mapElement: ElementCheck = (e, c) =>
  typeof e === 'object' && e !== null && !Array.isArray(e) ? (c.freeze ? deepFreeze(e) : e) : undefined;

/** A known array field of another scalar kind; `any[]` (anything goes) passes no check. */
export function scalarArray(x: unknown[], check: ElementCheck | undefined, c: FastContext): unknown[] | undefined {
  const n = x.length;
  if (n === 0) return emptyArray(c);
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const e = x[i];
    if (check === undefined) {
      out[i] = c.freeze ? deepFreeze(e) : e;
      continue;
    }
    const d = check(e, c);
    if (d === undefined) return undefined;
    out[i] = d;
  }
  return finish(out, c);
}

/** An array field of models: each element by its fast decoder, or by the generic one. */
export function modelArray(x: unknown[], name: ModelName, fast: FastDecoder | undefined, c: FastContext, depth: number): unknown[] {
  const n = x.length;
  if (n === 0) return emptyArray(c);
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const e = x[i];
    out[i] = (fast === undefined ? undefined : fast(e, c, depth)) ?? c.slow(name, e, depth);
  }
  return finish(out, c);
}

/** A timestamp field's value in epoch ms (RFC 3339 text or a finite number); undefined when wrong. */
export function epochMs(x: unknown): number | undefined {
  return typeof x === 'string' ? parseRfc3339(x) : typeof x === 'number' && x - x === 0 ? x : undefined;
}
