// Reading request input with the seeds' types. A field of the wrong type, or a required
// field that is missing, is an input error (code 4) before anything changes.
import { parseTime } from './clock.ts';
import { inputError } from './errors.ts';

export type Body = Record<string, unknown>;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function present(body: Body, key: string): boolean {
  return body[key] !== undefined && body[key] !== null;
}

export function optString(body: Body, key: string): string | undefined {
  if (!present(body, key)) return undefined;
  const v = body[key];
  if (typeof v !== 'string') throw inputError(`"${key}" must be a string`);
  return v;
}

export function reqString(body: Body, key: string): string {
  const v = optString(body, key);
  if (v === undefined || v === '') throw inputError(`"${key}" is required`);
  return v;
}

export function optBool(body: Body, key: string): boolean | undefined {
  if (!present(body, key)) return undefined;
  const v = body[key];
  if (typeof v !== 'boolean') throw inputError(`"${key}" must be a boolean`);
  return v;
}

export function optInt(body: Body, key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (!present(body, key)) return undefined;
  const v = body[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw inputError(`"${key}" must be an integer`);
  if (v < min || v > max) throw inputError(`"${key}" must be between ${min} and ${max}`);
  return v;
}

export function optObject(body: Body, key: string): Body | undefined {
  if (!present(body, key)) return undefined;
  const v = body[key];
  if (!isObject(v)) throw inputError(`"${key}" must be an object`);
  return v;
}

export function reqObject(body: Body, key: string): Body {
  const v = optObject(body, key);
  if (v === undefined) throw inputError(`"${key}" is required`);
  return v;
}

export function optArray(body: Body, key: string): unknown[] | undefined {
  if (!present(body, key)) return undefined;
  const v = body[key];
  if (!Array.isArray(v)) throw inputError(`"${key}" must be an array`);
  return v;
}

export function optStringArray(body: Body, key: string): string[] | undefined {
  const v = optArray(body, key);
  if (v === undefined) return undefined;
  if (!v.every((s) => typeof s === 'string')) throw inputError(`"${key}" must be an array of strings`);
  return v as string[];
}

/** A timestamp field (RFC 3339 string or epoch ms) as epoch microseconds. */
export function optTime(body: Body, key: string): number | undefined {
  if (!present(body, key)) return undefined;
  const us = parseTime(body[key]);
  if (us === undefined) throw inputError(`"${key}" must be an RFC 3339 date-time`);
  return us;
}

/** A query parameter as a boolean ("true"/"1"). */
export function queryBool(query: URLSearchParams, key: string): boolean {
  const v = query.get(key);
  return v === 'true' || v === '1';
}

/** A query parameter as a non-negative integer, or undefined. */
export function queryInt(query: URLSearchParams, key: string, max = 10_000): number | undefined {
  const v = query.get(key);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw inputError(`"${key}" must be an integer between 0 and ${max}`);
  return n;
}

/** Members given as ids or as { user_id } objects (ChannelMemberRequest). */
export function memberIds(list: unknown[], key: string): Array<{ user_id: string; channel_role?: string; custom?: Body }> {
  return list.map((item) => {
    if (typeof item === 'string' && item !== '') return { user_id: item };
    if (isObject(item) && typeof item['user_id'] === 'string' && item['user_id'] !== '') {
      const out: { user_id: string; channel_role?: string; custom?: Body } = { user_id: item['user_id'] };
      if (typeof item['channel_role'] === 'string') out.channel_role = item['channel_role'];
      if (isObject(item['custom'])) out.custom = item['custom'];
      return out;
    }
    throw inputError(`"${key}" must list user ids or { user_id } objects`);
  });
}
