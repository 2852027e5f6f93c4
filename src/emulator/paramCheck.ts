// Every request is checked against its operation's seed types before a handler runs
// (issue 23, item 4): each query parameter and body field of the wrong type, and each
// required one that is missing, is an input error (code 4) naming the parameter, and
// nothing changes. Models nested in a body are checked by the shared decoders of src/models
// (the seeds' types), so the emulator and the client read one definition.
//
// Fields the seed does not list pass unchecked (handlers read them, as the service does), and
// `null` means absent (PROTOCOL.md: the service writes null for empty optional values).
// One leniency of the hosted service is kept, because every client relies on it: wherever a
// ChannelMemberRequest is expected, a bare user id string is accepted (`members: ['bob']`).
import { decodeModelGeneric } from '../models/decode.ts';
import type { ModelName } from '../models/generated/types.ts';
import { modelSchema } from '../models/generated/schema.ts';
import { parseTime } from './clock.ts';
import { inputError } from './errors.ts';
import { operationKind, seedOperation } from './operations.ts';
import type { Body } from './input.ts';

function isModel(name: string): name is ModelName {
  return Object.hasOwn(modelSchema, name);
}

/** Member lists that may hold bare user ids, per model. */
const MEMBER_LISTS: Partial<Record<string, readonly string[]>> = {
  ChannelInput: ['members', 'invites'],
  ChannelInputRequest: ['members', 'invites'],
};

function memberLenient(value: unknown): unknown {
  return typeof value === 'string' ? { user_id: value } : value;
}

function lenient(model: string, value: unknown): unknown {
  if (model === 'ChannelMemberRequest') return memberLenient(value);
  const lists = MEMBER_LISTS[model];
  if (!lists || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of lists) if (Array.isArray(copy[key])) copy[key] = (copy[key] as unknown[]).map(memberLenient);
  return copy;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Why one value does not have the scalar or model type `code` (no '[]' or '!'), or undefined. */
function mismatch(code: string, value: unknown, where: string): string | undefined {
  switch (code) {
    case 's': return typeof value === 'string' ? undefined : `"${where}" must be a string, not ${describe(value)}`;
    case 'b': return typeof value === 'boolean' ? undefined : `"${where}" must be a boolean, not ${describe(value)}`;
    case 'i': return Number.isInteger(value) ? undefined : `"${where}" must be an integer, not ${describe(value)}`;
    case 'n': return typeof value === 'number' && Number.isFinite(value) ? undefined : `"${where}" must be a number, not ${describe(value)}`;
    case 't': return parseTime(value) !== undefined ? undefined : `"${where}" must be an RFC 3339 date-time or epoch milliseconds, not ${describe(value)}`;
    case 'o': return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : `"${where}" must be an object, not ${describe(value)}`;
    case 'a': return undefined;
    default: {
      if (!isModel(code)) return undefined;
      const r = decodeModelGeneric(code, lenient(code, value));
      if (r.ok) return undefined;
      const path = r.error.path.replace(/^\$/, where);
      return `"${path}" must be ${r.error.expected}, not ${r.error.received}`;
    }
  }
}

/** Check one parameter value against its seed code (with '[]' and '!'). */
function checkValue(code: string, value: unknown, name: string): void {
  const required = code.endsWith('!');
  const bare = required ? code.slice(0, -1) : code;
  if (value === undefined || value === null) {
    if (required) throw inputError(`"${name}" is required`);
    return;
  }
  if (bare.endsWith('[]')) {
    if (!Array.isArray(value)) throw inputError(`"${name}" must be an array, not ${describe(value)}`);
    const item = bare.slice(0, -2);
    value.forEach((v, i) => {
      const why = mismatch(item, v, `${name}[${i}]`);
      if (why) throw inputError(why);
    });
    return;
  }
  const why = mismatch(bare, value, name);
  if (why) throw inputError(why);
}

function fromJsonList(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A query parameter's text as the value its seed type reads (undefined when unreadable). */
function fromQuery(code: string, text: string): unknown {
  const bare = code.replace(/!$/, '');
  if (bare === 'b') return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
  if (bare === 'i' || bare === 'n') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  // Lists and models travel as JSON (GetReplies' `sort`); lists of scalars also as a
  // comma-separated list (GetManyMessages' `ids`).
  if (/^[A-Z]/.test(bare)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (bare.endsWith('[]')) return text === '' ? [] : text.startsWith('[') ? fromJsonList(text) : text.split(',');
  return text;
}

/**
 * Throw code 4 unless the request's query parameters and body fit the seed types of the
 * operation. `body` is the parsed JSON body, or the `payload` query parameter of GET queries.
 */
export function checkParams(operation: string, query: URLSearchParams, body: Body, raw: boolean): void {
  const op = seedOperation(operation);
  // An administration operation answers "not emulated" whatever it is sent.
  if (!op || operationKind(operation) === 'admin') return;
  for (const [name, code] of Object.entries(op.query ?? {})) {
    // `payload` is read as the body by the server; its JSON was checked there.
    if (name === 'payload') continue;
    const text = query.get(name);
    checkValue(code, text === null ? undefined : fromQuery(code, text), name);
  }
  // Multipart uploads carry their fields as form parts, read by the upload handlers.
  if (raw) return;
  for (const [name, code] of Object.entries(op.body ?? {})) checkValue(code, body[name], name);
}
