// Cursor pages for the query endpoints that page with `next`/`prev` (QueryReminders,
// QueryReactions, QueryPollVotes): a cursor is the offset of the page it leads to, encoded
// so that clients treat it as opaque. A cursor this server did not issue is an input error.
import { inputError } from './errors.ts';
import { optInt, optString, type Body } from './input.ts';

function decode(cursor: string, key: string): number {
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw inputError(`"${key}" is not a cursor this server issued`);
  return n;
}

const encode = (offset: number): string => Buffer.from(String(offset)).toString('base64url');

/** One page of `list` as `limit`, `next` and `prev` of the body ask, with the cursors around it. */
export function cursorPage<T>(list: readonly T[], body: Body, defaultLimit = 25, maxLimit = 100): { items: T[]; next?: string; prev?: string } {
  const limit = optInt(body, 'limit', 1, maxLimit) ?? defaultLimit;
  const next = optString(body, 'next');
  const prev = optString(body, 'prev');
  if (next && prev) throw inputError('"next" and "prev" cannot both be set');
  const offset = next ? decode(next, 'next') : prev ? Math.max(0, decode(prev, 'prev') - limit) : 0;
  const items = list.slice(offset, offset + limit);
  const out: { items: T[]; next?: string; prev?: string } = { items };
  if (offset + limit < list.length) out.next = encode(offset + limit);
  if (offset > 0) out.prev = encode(offset);
  return out;
}
