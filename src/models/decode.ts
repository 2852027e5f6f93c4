// Decoders at the boundary (ARCHITECTURE.md, "How data flows" step 1): a parsed JSON value
// becomes a typed model or a DecodeError naming the path. Nothing else in the library
// trusts wire data.
//
// The policy, decided here because the seeds and the service disagree on completeness:
// - Every known field that is present must have the seed's type; timestamps (RFC 3339
//   strings or epoch-ms numbers) become epoch milliseconds.
// - Fields the store relies on (ids, cid, type, created_at: requiredByStore) must be
//   present. Other fields the seeds mark required are not enforced, because the service
//   omits empty collections; a missing required array or map becomes [] or {}.
// - `null` means absent (the service writes null for empty optional values).
// - Unknown extra fields are kept as they are.
// - Any failure returns an error and no value: never a half-decoded object.
import { fastDecoders } from './generated/fastDecoders.ts';
import { extraFields, requiredByStore } from './generated/policy.ts';
import { modelSchema } from './generated/schema.ts';
import type { ModelName, ModelTypes } from './generated/types.ts';
import { deepFreeze, FROZEN_EMPTY_ARRAY, FROZEN_EMPTY_MAP } from './freeze.ts';
import { cleanObjectPrototype, type FastContext } from './fastRuntime.ts';
import { parseRfc3339 } from './timestamp.ts';

/** Why a value could not be decoded, and where. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  /** JSONPath-like location, e.g. `$.channels[2].messages[0].created_at`. */
  readonly path: string;
  readonly expected: string;
  readonly received: string;
  constructor(path: string, expected: string, received: string) {
    super(`${path}: expected ${expected}, received ${received}`);
    this.path = path;
    this.expected = expected;
    this.received = received;
  }
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

export interface DecodeOptions {
  /** Longest string accepted in a known string field (default 1,000,000 characters). */
  maxStringLength?: number;
  /** Deepest nesting of models accepted (default 32). */
  maxDepth?: number;
  /**
   * Return the value frozen, deeply (default false). Freezing each object as it is built
   * costs far less than a walk over the result afterwards, and a frozen value may share
   * empties: every empty array or map is then one shared frozen object.
   */
  freeze?: boolean;
  /**
   * The input is the decoder's to keep (default false): decoded values are written into
   * its objects, which become the value (frozen in place when freezing), instead of into
   * copies of them. Only for a value parsed for this decode that nothing else holds, such
   * as a frame or a response body just parsed. The value is the same as without it, but
   * skipping the copies is cheaper, and freezing an object JSON.parse built costs a tenth
   * of freezing a copy of it (V8 gives a spread copy a map of its own, so freezing it makes
   * one more map every time). Inputs the fast decoders do not cover are copied as usual,
   * and so are objects that cannot take writes (frozen, sealed, not extensible: an object
   * an earlier decode froze and the app put in a new event, or one shared by two fields).
   */
  inPlace?: boolean;
}

// The policy beyond the seeds (fields the store relies on, fields events carry beyond the
// seed's WSEvent) lives in scripts/decodePolicy.mjs, which also compiles it into the fast
// decoders.

// Field kinds, switched on inline rather than called through one closure per field.
const STRING = 0;
const NUMBER = 1;
const BOOLEAN = 2;
const TIMESTAMP = 3;
const MAP = 4;
const ANY = 5;
const UNION = 6;
const MODEL = 7;

interface Ctx {
  maxString: number;
  maxDepth: number;
  freeze: boolean;
  inPlace: boolean;
}

/**
 * A failed decode on its way out. The path is only built on failure: each object or array
 * level the failure unwinds through prepends its own segment, so a successful decode never
 * formats a path.
 */
class Failure {
  path = '';
  constructor(
    readonly expected: string,
    readonly received: string,
  ) {}
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return value.length > 40 ? `string of ${value.length} chars` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface FieldSpec {
  kind: number;
  isArray: boolean;
  /** What a wrong value of one element (or of the field, when not an array) is told it should be. */
  expected: string;
  /** What a field of array type is told it should be when it is not an array. */
  expectedArray: string;
  /** The referenced model of a MODEL field, compiled on first use (models may be recursive). */
  model: ModelName | undefined;
  decoder: ModelDecoder | undefined;
  /** The value a missing or null required collection becomes: a fresh [] or {} each time. */
  empty: 'array' | 'map' | undefined;
}

interface ModelDecoder {
  name: ModelName;
  fields: Map<string, FieldSpec>;
  /** requiredByStore fields of this model. */
  required: string[];
  /** Only the fields that have an empty value, so that filling them skips all the others. */
  withEmpty: Array<[string, FieldSpec]>;
  notObject: string;
  missing: string;
  /**
   * The key last seen at each position of an input and its spec. Inputs of one model mostly
   * come in one key order, so a key is usually found by identity at its position instead
   * of being hashed; a different key at a position just replaces the entry.
   */
  seenKeys: string[];
  seenSpecs: Array<FieldSpec | undefined>;
}

// Positions remembered per model: enough for the widest model with its usual extras,
// bounded so that an input with many unknown keys cannot grow the cache.
const SEEN_POSITIONS = 80;

function emptyOf(spec: FieldSpec): unknown {
  return spec.empty === 'array' ? [] : {};
}

/** Compiles the field codes of `generated/schema.ts` once per options object. */
class Compiler {
  readonly #ctx: Ctx;
  readonly #models = new Map<string, ModelDecoder>();
  /** What the generated fast decoders read: these options, and this decoder to fall back on. */
  readonly fast: FastContext;

  constructor(ctx: Ctx) {
    this.#ctx = ctx;
    this.fast = {
      maxString: ctx.maxString,
      maxDepth: ctx.maxDepth,
      freeze: ctx.freeze,
      inPlace: ctx.inPlace,
      slow: (name, value, depth) => this.decodeObject(this.model(name), value, depth),
    };
  }

  model(name: ModelName): ModelDecoder {
    let m = this.#models.get(name);
    if (m) return m;
    m = {
      name,
      fields: new Map(),
      required: [],
      withEmpty: [],
      notObject: `object (${name})`,
      missing: `required field (${name})`,
      seenKeys: Array.from({ length: SEEN_POSITIONS }, () => ''),
      seenSpecs: Array.from({ length: SEEN_POSITIONS }, () => undefined),
    };
    this.#models.set(name, m);
    const store = new Set(requiredByStore[name] ?? []);
    const codes = { ...modelSchema[name], ...extraFields[name] };
    for (const [field, raw] of Object.entries(codes)) {
      const required = raw.endsWith('!');
      const code = required ? raw.slice(0, -1) : raw;
      const isArray = code.endsWith('[]');
      const base = isArray ? code.slice(0, -2) : code;
      const empty = !required ? undefined : isArray ? 'array' : base === 'o' ? 'map' : undefined;
      const spec: FieldSpec = { ...this.#scalar(base), isArray, expectedArray: `array of ${base}`, decoder: undefined, empty };
      m.fields.set(field, spec);
      if (store.has(field)) m.required.push(field);
      if (empty) m.withEmpty.push([field, spec]);
    }
    return m;
  }

  #scalar(code: string): Pick<FieldSpec, 'kind' | 'expected' | 'model'> {
    switch (code) {
      case 's':
        return { kind: STRING, expected: 'string', model: undefined };
      case 'n':
        return { kind: NUMBER, expected: 'number', model: undefined };
      case 'b':
        return { kind: BOOLEAN, expected: 'boolean', model: undefined };
      case 't':
        return { kind: TIMESTAMP, expected: 'RFC 3339 date-time or epoch milliseconds', model: undefined };
      case 'o':
        return { kind: MAP, expected: 'object', model: undefined };
      case 'a':
        return { kind: ANY, expected: 'anything', model: undefined };
      default:
        // Unions may be cut short by the seed's table (see generated types), so any
        // string is accepted; the listed values are documentation, not a whitelist.
        if (code.startsWith('u:')) return { kind: UNION, expected: `one of ${code.slice(2)}`, model: undefined };
        return { kind: MODEL, expected: `object (${code})`, model: code as ModelName };
    }
  }

  /** One value (a field, or one element of an array field) of a field's kind. */
  #one(spec: FieldSpec, v: unknown, depth: number): unknown {
    switch (spec.kind) {
      case STRING:
        if (typeof v !== 'string') throw new Failure(spec.expected, describe(v));
        if (v.length > this.#ctx.maxString) throw new Failure(`string of at most ${this.#ctx.maxString} chars`, describe(v));
        return v;
      case NUMBER:
        if (typeof v === 'number' && Number.isFinite(v)) return v;
        break;
      case BOOLEAN:
        if (typeof v === 'boolean') return v;
        break;
      case TIMESTAMP: {
        const ms = typeof v === 'string' ? parseRfc3339(v) : typeof v === 'number' && Number.isFinite(v) ? v : undefined;
        if (ms !== undefined) return ms;
        break;
      }
      case MAP:
        if (isPlainObject(v)) return this.#ctx.freeze ? deepFreeze(v) : v;
        break;
      case ANY:
        return this.#ctx.freeze ? deepFreeze(v) : v;
      case UNION:
        if (typeof v === 'string') return v;
        break;
      default:
        spec.decoder ??= this.model(spec.model as ModelName);
        return this.decodeObject(spec.decoder, v, depth + 1);
    }
    throw new Failure(spec.expected, describe(v));
  }

  #array(spec: FieldSpec, v: unknown, depth: number): unknown[] {
    if (!Array.isArray(v)) throw new Failure(spec.expectedArray, describe(v));
    if (v.length === 0 && this.#ctx.freeze) return FROZEN_EMPTY_ARRAY as unknown as unknown[];
    const out = new Array<unknown>(v.length);
    let i = 0;
    try {
      for (; i < v.length; i++) out[i] = this.#one(spec, v[i], depth);
    } catch (e) {
      if (e instanceof Failure) e.path = `[${i}]${e.path}`;
      throw e;
    }
    return this.#ctx.freeze ? (Object.freeze(out) as unknown[]) : out;
  }

  decodeObject(m: ModelDecoder, v: unknown, depth: number): Record<string, unknown> {
    if (depth > this.#ctx.maxDepth) throw new Failure(`nesting of at most ${this.#ctx.maxDepth} levels`, describe(v));
    if (!isPlainObject(v)) throw new Failure(m.notObject, describe(v));
    return this.#fields(m, v, depth, true) ?? (this.#fields(m, v, depth, false) as Record<string, unknown>);
  }

  /**
   * The decoded object, in the input's key order. `patch`: start from a spread copy of the
   * input and write the decoded values over it; undefined when the input has a key the
   * output must not have (a null known field, `__proto__`), for the caller to build it key
   * by key instead.
   *
   * Why the copy: V8 keeps an object built from `{}` by ~24 keyed stores (a message) in
   * dictionary mode, and every later read and copy of it pays for that: building it took
   * 4.4 us, each `{ ...m }` of it in the store 9 us. A spread copy keeps fast properties:
   * 0.06 us to make, 1.5 us with the freeze, 0.65 us to spread (Node 20, measured).
   */
  #fields(m: ModelDecoder, v: Record<string, unknown>, depth: number, patch: boolean): Record<string, unknown> | undefined {
    const out: Record<string, unknown> = patch ? { ...v } : {};
    const { fields, seenKeys, seenSpecs } = m;
    let position = 0;
    let failedAt = '';
    try {
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        const value = v[key];
        let spec: FieldSpec | undefined;
        if (seenKeys[position] === key) {
          spec = seenSpecs[position];
        } else {
          spec = fields.get(key);
          if (position < SEEN_POSITIONS) {
            seenKeys[position] = key;
            seenSpecs[position] = spec;
          }
        }
        position++;
        if (spec === undefined) {
          if (key === '__proto__') {
            if (patch) return undefined;
            continue;
          }
          const kept = this.#ctx.freeze ? deepFreeze(value) : value;
          if (!patch) out[key] = kept;
          continue;
        }
        if (value === null || value === undefined) {
          if (spec.empty) out[key] = this.#empty(spec);
          else if (patch) return undefined;
          continue;
        }
        failedAt = key;
        out[key] = spec.isArray ? this.#array(spec, value, depth) : this.#one(spec, value, depth);
      }
    } catch (e) {
      if (e instanceof Failure) e.path = `.${failedAt}${e.path}`;
      throw e;
    }
    for (const key of m.required) {
      if (out[key] === undefined) {
        const f = new Failure(m.missing, describe(undefined));
        f.path = `.${key}`;
        throw f;
      }
    }
    for (const [key, spec] of m.withEmpty) {
      if (out[key] === undefined) out[key] = this.#empty(spec);
    }
    return this.#ctx.freeze ? Object.freeze(out) : out;
  }

  /** The empty value of a missing collection: a shared frozen one when freezing. */
  #empty(spec: FieldSpec): unknown {
    if (!this.#ctx.freeze) return emptyOf(spec);
    return spec.empty === 'array' ? FROZEN_EMPTY_ARRAY : FROZEN_EMPTY_MAP;
  }
}

const DEFAULT_MAX_STRING = 1_000_000;
const DEFAULT_MAX_DEPTH = 32;
// The compilers of the default limits, one per freeze x inPlace (index freeze + 2 * inPlace).
const defaultCompilers = [false, true].flatMap((inPlace) =>
  [false, true].map((freeze) => new Compiler({ maxString: DEFAULT_MAX_STRING, maxDepth: DEFAULT_MAX_DEPTH, freeze, inPlace })),
);

function compilerFor(options: DecodeOptions | undefined): Compiler {
  const freeze = options?.freeze === true;
  const inPlace = options?.inPlace === true;
  if (!options || (options.maxStringLength === undefined && options.maxDepth === undefined)) {
    return defaultCompilers[(freeze ? 1 : 0) + (inPlace ? 2 : 0)] as Compiler;
  }
  return new Compiler({
    maxString: options.maxStringLength ?? DEFAULT_MAX_STRING,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    freeze,
    inPlace,
  });
}

/**
 * Decode a parsed JSON value as the model `name`.
 * @example
 * const r = decodeModel('MessageResponse', JSON.parse(body));
 * if (r.ok) use(r.value); else report(r.error.path);
 */
export function decodeModel<N extends ModelName>(
  name: N,
  input: unknown,
  options?: DecodeOptions,
): DecodeResult<ModelTypes[N]> {
  const compiler = compilerFor(options);
  const fast = fastDecoders[name];
  // The fast decoder gives the generic decoder's value or gives up; on any failure, even
  // one it met deep down through the generic decoder, the generic decoder runs again
  // from the top so that the error is exactly its own.
  if (fast !== undefined && cleanObjectPrototype()) {
    try {
      const value = fast(input, compiler.fast, 0);
      if (value !== undefined) return { ok: true, value: value as unknown as ModelTypes[N] };
    } catch {
      // Decoded again below.
    }
  }
  return generic(compiler, name, input);
}

/**
 * `decodeModel` without the fast decoders: the reference they must match, value for
 * value and error for error (the equivalence tests run both). Never writes into the input.
 */
export function decodeModelGeneric<N extends ModelName>(
  name: N,
  input: unknown,
  options?: DecodeOptions,
): DecodeResult<ModelTypes[N]> {
  return generic(compilerFor(options), name, input);
}

function generic<N extends ModelName>(compiler: Compiler, name: N, input: unknown): DecodeResult<ModelTypes[N]> {
  try {
    const value = compiler.decodeObject(compiler.model(name), input, 0);
    return { ok: true, value: value as unknown as ModelTypes[N] };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: new DecodeError(`$${e.path}`, e.expected, e.received) };
    // A RangeError from a pathological input (e.g. a cyclic object) is still a decode error.
    return { ok: false, error: new DecodeError('$', `a decodable ${name}`, String(e)) };
  }
}

/** Decode JSON text as the model `name`; text that is not JSON is a decode error at `$`. */
export function decodeJson<N extends ModelName>(
  name: N,
  text: string,
  options?: DecodeOptions,
): DecodeResult<ModelTypes[N]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: new DecodeError('$', 'JSON text', describe(text)) };
  }
  return decodeModel(name, parsed, options);
}
