// Message pagination over an ordered id list (oldest first), exactly as the seed's
// MessagePaginationParams describe: id_lt / id_lte / id_gt / id_gte, created_at_before(_or_equal)
// / created_at_after(_or_equal), id_around and created_at_around. A page is always returned
// oldest first. A cursor id that is not in the list is an input error (code 4).
import { inputError } from './errors.ts';
import { isObject, optInt, optString, optTime, type Body } from './input.ts';

export interface PageParams {
  limit: number;
  id_lt?: string;
  id_lte?: string;
  id_gt?: string;
  id_gte?: string;
  id_around?: string;
  created_at_before?: number;
  created_at_before_or_equal?: number;
  created_at_after?: number;
  created_at_after_or_equal?: number;
  created_at_around?: number;
}

const MAX_PAGE = 300;

/** Read pagination parameters from a body object or from query parameters. */
export function readPageParams(source: Body | URLSearchParams | undefined, defaultLimit: number): PageParams {
  let body: Body;
  if (source instanceof URLSearchParams) {
    body = {};
    for (const [k, v] of source) body[k] = k === 'limit' ? Number(v) : v;
  } else {
    body = source ?? {};
  }
  if (!isObject(body)) throw inputError('pagination parameters must be an object');
  const p: PageParams = { limit: optInt(body, 'limit', 0, MAX_PAGE) ?? defaultLimit };
  for (const key of ['id_lt', 'id_lte', 'id_gt', 'id_gte', 'id_around'] as const) {
    const v = optString(body, key);
    if (v !== undefined && v !== '') p[key] = v;
  }
  for (const key of ['created_at_before', 'created_at_before_or_equal', 'created_at_after', 'created_at_after_or_equal', 'created_at_around'] as const) {
    const v = optTime(body, key);
    if (v !== undefined) p[key] = v;
  }
  return p;
}

/** Select one page from `ids` (oldest first); `timeOf` gives each id's created_at. */
export function paginate(ids: readonly string[], p: PageParams, timeOf: (id: string) => number): string[] {
  const indexOf = (id: string): number => {
    const i = ids.indexOf(id);
    if (i < 0) throw inputError(`message "${id}" is not in this list`);
    return i;
  };
  // First index with time >= t (ids are ordered by time).
  const lowerBound = (t: number): number => {
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timeOf(ids[mid] ?? '') < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const limit = p.limit;
  if (limit === 0) return [];

  if (p.id_around !== undefined || p.created_at_around !== undefined) {
    const center = p.id_around !== undefined ? indexOf(p.id_around) : Math.min(lowerBound(p.created_at_around ?? 0), Math.max(ids.length - 1, 0));
    // Half before and half after the target; a short side is filled from the other.
    let start = center - Math.floor((limit - 1) / 2);
    start = Math.max(0, Math.min(start, ids.length - limit));
    return ids.slice(start, start + limit);
  }

  let from = 0;
  let to = ids.length; // exclusive
  if (p.id_gt !== undefined) from = Math.max(from, indexOf(p.id_gt) + 1);
  if (p.id_gte !== undefined) from = Math.max(from, indexOf(p.id_gte));
  if (p.created_at_after !== undefined) from = Math.max(from, lowerBound(p.created_at_after + 1));
  if (p.created_at_after_or_equal !== undefined) from = Math.max(from, lowerBound(p.created_at_after_or_equal));
  if (p.id_lt !== undefined) to = Math.min(to, indexOf(p.id_lt));
  if (p.id_lte !== undefined) to = Math.min(to, indexOf(p.id_lte) + 1);
  if (p.created_at_before !== undefined) to = Math.min(to, lowerBound(p.created_at_before));
  if (p.created_at_before_or_equal !== undefined) to = Math.min(to, lowerBound(p.created_at_before_or_equal + 1));
  if (to <= from) return [];
  const forward = p.id_gt !== undefined || p.id_gte !== undefined || p.created_at_after !== undefined || p.created_at_after_or_equal !== undefined;
  // Paging forward takes the oldest `limit` after the cursor; otherwise the newest before it.
  return forward ? ids.slice(from, Math.min(to, from + limit)) : ids.slice(Math.max(from, to - limit), to);
}
