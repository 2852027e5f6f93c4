// Client-side evaluation of a QueryChannels filter and sort, so that channel lists follow
// the server's rules for channels that appear after the query (a new message in an unseen
// channel, being added to one, a channel shown again). A filter we cannot evaluate answers
// "no": the channel then waits for the next refresh rather than showing where it may not
// belong.
import type { ChannelEntry } from './state.ts';

export type ChannelSort = ReadonlyArray<{ field: string; direction: 1 | -1 }>;

export const DEFAULT_SORT: ChannelSort = [{ field: 'last_message_at', direction: -1 }];

type Filter = Readonly<Record<string, unknown>>;

/** The value of a filterable or sortable field of a channel. */
export function channelField(ch: ChannelEntry, field: string, meId: string | undefined): unknown {
  const d = ch.data;
  switch (field) {
    case 'cid':
      return ch.cid;
    case 'type':
      return ch.type;
    case 'id':
      return ch.id;
    case 'members':
      return Object.keys(ch.members);
    case 'joined':
      return ch.membership !== null || (meId !== undefined && ch.members[meId] !== undefined);
    case 'hidden':
      return d?.hidden ?? false;
    case 'muted':
      return d?.muted ?? false;
    // The own membership's fields, as the service filters and sorts on them per user.
    case 'pinned':
      return ch.membership?.pinned_at != null;
    case 'pinned_at':
      return ch.membership?.pinned_at ?? undefined;
    case 'archived':
      return ch.membership?.archived_at != null;
    case 'last_message_at':
      return d?.last_message_at ?? d?.created_at;
    case 'last_updated':
      return Math.max(d?.last_message_at ?? 0, d?.updated_at ?? 0, d?.created_at ?? 0);
    case 'unread_count':
      return ch.unread.messages;
    case 'has_unread':
      return ch.unread.messages > 0;
    default: {
      if (!d) return undefined;
      const custom = (d as Record<string, unknown>)[field];
      if (custom !== undefined) return custom;
      return (d.custom as Record<string, unknown> | undefined)?.[field];
    }
  }
}

class Unsupported extends Error {}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new Unsupported();
}

function toComparable(v: unknown, field: string): unknown {
  // Filters carry dates as RFC 3339 strings; the store holds epoch ms.
  if (typeof v === 'string' && (field.endsWith('_at') || field === 'last_updated')) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? v : t;
  }
  return v;
}

function equals(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.includes(expected);
  return actual === expected;
}

function matchCondition(actual: unknown, cond: unknown, field: string): boolean {
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) {
    return equals(actual, toComparable(cond, field));
  }
  for (const [op, raw] of Object.entries(cond as Record<string, unknown>)) {
    const value = Array.isArray(raw) ? raw.map((v) => toComparable(v, field)) : toComparable(raw, field);
    let ok: boolean;
    switch (op) {
      case '$eq':
        ok = equals(actual, value);
        break;
      case '$ne':
        ok = !equals(actual, value);
        break;
      case '$in':
        if (!Array.isArray(value)) throw new Unsupported();
        ok = Array.isArray(actual) ? actual.some((a) => value.includes(a)) : value.includes(actual);
        break;
      case '$nin':
        if (!Array.isArray(value)) throw new Unsupported();
        ok = Array.isArray(actual) ? !actual.some((a) => value.includes(a)) : !value.includes(actual);
        break;
      case '$gt':
        ok = actual !== undefined && compareValues(actual, value) > 0;
        break;
      case '$gte':
        ok = actual !== undefined && compareValues(actual, value) >= 0;
        break;
      case '$lt':
        ok = actual !== undefined && compareValues(actual, value) < 0;
        break;
      case '$lte':
        ok = actual !== undefined && compareValues(actual, value) <= 0;
        break;
      case '$exists':
        ok = (actual !== undefined) === Boolean(value);
        break;
      default:
        throw new Unsupported();
    }
    if (!ok) return false;
  }
  return true;
}

function matches(ch: ChannelEntry, filter: Filter, meId: string | undefined): boolean {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(cond)) throw new Unsupported();
      const results = cond.map((f) => matches(ch, f as Filter, meId));
      if (key === '$and' && !results.every(Boolean)) return false;
      if (key === '$or' && !results.some(Boolean)) return false;
      if (key === '$nor' && results.some(Boolean)) return false;
      continue;
    }
    if (key.startsWith('$')) throw new Unsupported();
    if (!matchCondition(channelField(ch, key, meId), cond, key)) return false;
  }
  return true;
}

/**
 * Does the channel match the filter? Hidden channels match only a filter that asks for
 * them, as on the server. Unsupported operators answer false.
 */
export function channelMatches(ch: ChannelEntry, filter: Filter, meId: string | undefined): boolean {
  if (!ch.data) return false;
  if (ch.data.hidden === true && filter['hidden'] === undefined) return false;
  if (ch.data.deleted_at !== undefined) return false;
  try {
    return matches(ch, filter, meId);
  } catch (e) {
    if (e instanceof Unsupported) return false;
    throw e;
  }
}

/** Negative when `a` sorts before `b`; ties fall back to the cid so the order is total. */
export function compareChannels(a: ChannelEntry, b: ChannelEntry, sort: ChannelSort, meId: string | undefined): number {
  for (const { field, direction } of sort.length ? sort : DEFAULT_SORT) {
    const va = channelField(a, field, meId);
    const vb = channelField(b, field, meId);
    if (va === vb) continue;
    // Channels lacking the field sort last whatever the direction, as on the server.
    if (va === undefined || va === null) return 1;
    if (vb === undefined || vb === null) return -1;
    let c: number;
    try {
      c = compareValues(va, vb);
    } catch {
      continue;
    }
    if (c !== 0) return c * direction;
  }
  return a.cid < b.cid ? -1 : a.cid > b.cid ? 1 : 0;
}
