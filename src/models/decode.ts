// Decoders at the boundary (ARCHITECTURE.md, "How data flows" step 1): a parsed JSON value
// becomes a typed model or a DecodeError naming the path. Nothing else in the library
// trusts wire data.
//
// The policy, decided here because the seeds and the service disagree on completeness:
// - Every known field that is present must have the seed's type; timestamps (RFC 3339
//   strings or epoch-ms numbers) become epoch milliseconds.
// - Fields the store relies on (ids, cid, type, created_at: REQUIRED_BY_STORE) must be
//   present. Other fields the seeds mark required are not enforced, because the service
//   omits empty collections; a missing required array or map becomes [] or {}.
// - `null` means absent (the service writes null for empty optional values).
// - Unknown extra fields are kept as they are.
// - Any failure returns an error and no value: never a half-decoded object.
import { modelSchema } from './generated/schema.ts';
import type { ModelName, ModelTypes } from './generated/types.ts';
import { toEpochMs } from './timestamp.ts';

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
}

// Fields the store relies on, checked even where the service may omit other required ones.
const REQUIRED_BY_STORE: Partial<Record<ModelName, readonly string[]>> = {
  MessageResponse: ['id', 'cid', 'type', 'created_at'],
  ChannelResponse: ['id', 'type', 'cid', 'created_at'],
  UserResponse: ['id'],
  OwnUserResponse: ['id'],
  ReactionResponse: ['type', 'message_id'],
  ReadStateResponse: ['user', 'last_read'],
  ThreadStateResponse: ['parent_message_id', 'channel_cid'],
  ThreadResponse: ['parent_message_id', 'channel_cid'],
  PollResponseData: ['id'],
  WSEvent: ['type', 'created_at'],
};

// Fields that events carry on the wire (PROTOCOL.md section 6) but the seed's WSEvent does
// not list; typed here so that a wrong type is caught like any other.
const EXTRA_FIELDS: Partial<Record<ModelName, Readonly<Record<string, string>>>> = {
  WSEvent: {
    total_unread_count: 'n',
    unread_channels: 'n',
    unread_threads: 'n',
    unread_count: 'n',
    unread_messages: 'n',
    hard_delete: 'b',
    last_read_message_id: 's',
    first_unread_message_id: 's',
    last_read_at: 't',
    truncated_at: 't',
    clear_history: 'b',
    member_count: 'n',
    client_id: 's',
    received_at: 't',
  },
  MessageResponse: { status: 's' },
};

type Decoder = (value: unknown, path: string, depth: number) => unknown;

interface Ctx {
  maxString: number;
  maxDepth: number;
}

class Failure {
  constructor(readonly error: DecodeError) {}
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return value.length > 40 ? `string of ${value.length} chars` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new Failure(new DecodeError(path, expected, describe(value)));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface FieldSpec {
  decode: Decoder;
  required: boolean;
  empty: (() => unknown) | undefined;
}

interface ModelDecoder {
  fields: Map<string, FieldSpec>;
  required: string[];
}

/** Compiles the field codes of `generated/schema.ts` once per options object. */
class Compiler {
  readonly #ctx: Ctx;
  readonly #models = new Map<string, ModelDecoder>();

  constructor(ctx: Ctx) {
    this.#ctx = ctx;
  }

  model(name: ModelName): ModelDecoder {
    let m = this.#models.get(name);
    if (m) return m;
    m = { fields: new Map(), required: [] };
    this.#models.set(name, m);
    const store = new Set(REQUIRED_BY_STORE[name] ?? []);
    const codes = { ...modelSchema[name], ...EXTRA_FIELDS[name] };
    for (const [field, raw] of Object.entries(codes)) {
      const required = raw.endsWith('!');
      const code = required ? raw.slice(0, -1) : raw;
      const isArray = code.endsWith('[]');
      const base = isArray ? code.slice(0, -2) : code;
      const one = this.#scalar(base);
      const decode = isArray ? this.#array(one, base) : one;
      const empty = !required ? undefined : isArray ? () => [] : base === 'o' ? () => ({}) : undefined;
      m.fields.set(field, { decode, required: store.has(field), empty });
      if (store.has(field)) m.required.push(field);
    }
    return m;
  }

  #scalar(code: string): Decoder {
    const ctx = this.#ctx;
    switch (code) {
      case 's':
        return (v, p) => {
          if (typeof v !== 'string') fail(p, 'string', v);
          if (v.length > ctx.maxString) fail(p, `string of at most ${ctx.maxString} chars`, v);
          return v;
        };
      case 'n':
        return (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'number', v));
      case 'b':
        return (v, p) => (typeof v === 'boolean' ? v : fail(p, 'boolean', v));
      case 't':
        return (v, p) => toEpochMs(v) ?? fail(p, 'RFC 3339 date-time or epoch milliseconds', v);
      case 'o':
        return (v, p) => (isPlainObject(v) ? v : fail(p, 'object', v));
      case 'a':
        return (v) => v;
      default:
        if (code.startsWith('u:')) {
          // Unions may be cut short by the seed's table (see generated types), so any
          // string is accepted; the listed values are documentation, not a whitelist.
          return (v, p) => (typeof v === 'string' ? v : fail(p, `one of ${code.slice(2)}`, v));
        }
        return (v, p, d) => this.decodeObject(code as ModelName, v, p, d + 1);
    }
  }

  #array(one: Decoder, base: string): Decoder {
    return (v, p, d) => {
      if (!Array.isArray(v)) fail(p, `array of ${base}`, v);
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = one(v[i], `${p}[${i}]`, d);
      return out;
    };
  }

  decodeObject(name: ModelName, v: unknown, path: string, depth: number): Record<string, unknown> {
    if (depth > this.#ctx.maxDepth) fail(path, `nesting of at most ${this.#ctx.maxDepth} levels`, v);
    if (!isPlainObject(v)) fail(path, `object (${name})`, v);
    const m = this.model(name);
    const out: Record<string, unknown> = {};
    for (const key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      const value = v[key];
      const spec = m.fields.get(key);
      if (!spec) {
        if (key !== '__proto__') out[key] = value;
        continue;
      }
      if (value === null || value === undefined) {
        if (spec.empty) out[key] = spec.empty();
        continue;
      }
      out[key] = spec.decode(value, `${path}.${key}`, depth);
    }
    for (const key of m.required) {
      if (out[key] === undefined) fail(`${path}.${key}`, `required field (${name})`, undefined);
    }
    for (const [key, spec] of m.fields) {
      if (spec.empty && out[key] === undefined) out[key] = spec.empty();
    }
    return out;
  }
}

const DEFAULT_MAX_STRING = 1_000_000;
const DEFAULT_MAX_DEPTH = 32;
const defaultCompiler = new Compiler({ maxString: DEFAULT_MAX_STRING, maxDepth: DEFAULT_MAX_DEPTH });

function compilerFor(options: DecodeOptions | undefined): Compiler {
  if (!options || (options.maxStringLength === undefined && options.maxDepth === undefined)) {
    return defaultCompiler;
  }
  return new Compiler({
    maxString: options.maxStringLength ?? DEFAULT_MAX_STRING,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
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
  try {
    const value = compilerFor(options).decodeObject(name, input, '$', 0);
    return { ok: true, value: value as unknown as ModelTypes[N] };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
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
