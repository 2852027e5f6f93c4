// The boundary of every generated API call (issue 23, item 4): each parameter is checked
// against its seed type before anything is sent, then encoded for the wire.
//
// Checks use the field codes of src/models/generated (operations.ts for an operation's own
// parameters, schema.ts for the models inside them): a wrong type rejects with ChatError
// code 4 (InputError) naming the parameter, e.g. `message.attachments[0].type`. Inside a
// model only the fields the seeds define are checked (extra, custom fields pass) and only
// for their type: the seeds mark fields of request models required that the service fills
// in (a message's `id`). An optional field may be null (sent as JSON null).
//
// Encoding: timestamps are epoch ms in the library and RFC 3339 on the wire (PROTOCOL.md
// section 4). Query values: scalars as text, arrays of scalars comma-joined (GetManyMessages
// `ids`), objects and arrays of objects as JSON (`payload`, `sort`): the official client's
// query serializer does the same.
import { modelSchema } from '../models/generated/schema.ts';
import type { ModelName } from '../models/generated/types.ts';
import { toRfc3339 } from '../models/timestamp.ts';
import { ChatError, ChatErrorCode } from './chatError.ts';

type Fields = Readonly<Record<string, string>>;

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function modelFields(code: string): Fields | undefined {
  return Object.prototype.hasOwnProperty.call(modelSchema, code) ? modelSchema[code as ModelName] : undefined;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return `a ${typeof v}`;
}

/** What `code` expects, for messages. */
function expected(code: string): string {
  if (code.endsWith('[]')) return `an array of ${expected(code.slice(0, -2)).replace(/^an? /, '')}`;
  if (code.startsWith('u:')) return `one of ${code.slice(2).split('|').map((s) => `'${s}'`).join(', ')}`;
  switch (code) {
    case 's':
      return 'a string';
    case 'n':
      return 'a number';
    case 't':
      return 'a timestamp (epoch ms, or an RFC 3339 string)';
    case 'b':
      return 'a boolean';
    case 'o':
      return 'an object';
    case 'f':
      return 'a Blob or File';
    default:
      return `an object (${code})`;
  }
}

/** The first wrong value under `value` as `[path, code]`, or undefined when it fits. */
function mismatch(code: string, value: unknown, path: string, depth: number): [string, string, unknown] | undefined {
  if (depth > 64) return undefined;
  if (code.endsWith('[]')) {
    if (!Array.isArray(value)) return [path, code, value];
    const one = code.slice(0, -2);
    for (let i = 0; i < value.length; i++) {
      const bad = mismatch(one, value[i], `${path}[${i}]`, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  if (code.startsWith('u:')) return typeof value === 'string' && code.slice(2).split('|').includes(value) ? undefined : [path, code, value];
  switch (code) {
    case 'a':
      return undefined;
    case 's':
      return typeof value === 'string' ? undefined : [path, code, value];
    case 'n':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : [path, code, value];
    case 't':
      return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string' ? undefined : [path, code, value];
    case 'b':
      return typeof value === 'boolean' ? undefined : [path, code, value];
    case 'o':
      return isRecord(value) ? undefined : [path, code, value];
    case 'f':
      return typeof Blob !== 'undefined' && value instanceof Blob ? undefined : [path, code, value];
  }
  if (!isRecord(value)) return [path, code, value];
  const fields = modelFields(code);
  if (!fields) return undefined;
  for (const key in fields) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    const bad = mismatch(fields[key]!.replace(/!$/, ''), v, `${path}.${key}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

export function inputError(endpoint: string, message: string): ChatError {
  return new ChatError({ message: `${endpoint}: ${message}`, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

/**
 * Check the values of `request` named by `fields` (their codes end in `!` when required).
 * Throws the ChatError of the first wrong parameter.
 */
export function checkParams(endpoint: string, fields: Fields | undefined, request: Readonly<Record<string, unknown>>): void {
  if (!fields) return;
  for (const name in fields) {
    const code = fields[name]!;
    const required = code.endsWith('!');
    const bare = required ? code.slice(0, -1) : code;
    const value = request[name];
    if (value === undefined || (value === null && !required)) {
      if (required) throw inputError(endpoint, `${name} is required (${expected(bare)})`);
      continue;
    }
    const bad = mismatch(bare, value, name, 0);
    if (bad) throw inputError(endpoint, `${bad[0]} must be ${expected(bad[1])}, got ${kindOf(bad[2])}`);
  }
}

/** A value with its epoch-ms timestamps (code `t`, at any depth of the models) as RFC 3339. */
export function encodeValue(code: string, value: unknown): unknown {
  const bare = code.endsWith('!') ? code.slice(0, -1) : code;
  if (bare.endsWith('[]')) {
    const one = bare.slice(0, -2);
    return Array.isArray(value) ? value.map((v) => encodeValue(one, v)) : value;
  }
  if (bare === 't') return typeof value === 'number' && Number.isFinite(value) ? toRfc3339(value) : value;
  const fields = modelFields(bare);
  if (!fields || !isRecord(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const key in fields) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    const encoded = encodeValue(fields[key]!, v);
    if (encoded !== v) {
      // Copy on the first change only: the caller's object is never written.
      out ??= { ...value };
      out[key] = encoded;
    }
  }
  return out ?? value;
}

/** One query parameter as the service reads it (see the header). */
export function queryValue(code: string, value: unknown): string | number | boolean {
  const encoded = encodeValue(code, value);
  if (typeof encoded === 'string' || typeof encoded === 'number' || typeof encoded === 'boolean') return encoded;
  if (Array.isArray(encoded) && encoded.every((v) => typeof v === 'string' || typeof v === 'number')) return encoded.join(',');
  return JSON.stringify(encoded);
}
