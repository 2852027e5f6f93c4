// MongoDB-style filters and sorts as the query endpoints accept them: field conditions with
// $eq, $ne, $in, $nin, $gt, $gte, $lt, $lte, $exists, $autocomplete, $contains, and $and,
// $or, $nor. A field's value comes from a getter, so one matcher serves channels, members,
// threads, users, drafts and polls. Unknown operators are input errors (code 4).
import { parseTime } from './clock.ts';
import { inputError } from './errors.ts';
import { isObject } from './input.ts';

/** The value of a field for one item; arrays match when any element matches. */
export type FieldGetter<T> = (item: T, field: string) => unknown;

const COMPARISON = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists', '$autocomplete', '$contains', '$q']);

function comparable(v: unknown): number | string | boolean | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    // Timestamps compare as instants, whatever their precision or offset.
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return parseTime(v) ?? v;
    return v;
  }
  return undefined;
}

function equals(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((a) => equals(a, expected));
  const a = comparable(actual);
  const e = comparable(expected);
  return a !== undefined && a === e;
}

function order(actual: unknown, expected: unknown): number | undefined {
  const a = comparable(actual);
  const e = comparable(expected);
  if (a === undefined || e === undefined || typeof a !== typeof e) return undefined;
  return a < e ? -1 : a > e ? 1 : 0;
}

function applyOperator(actual: unknown, op: string, expected: unknown): boolean {
  switch (op) {
    case '$eq':
      if (Array.isArray(expected) && Array.isArray(actual)) {
        return actual.length === expected.length && expected.every((e) => actual.some((a) => equals(a, e)));
      }
      return equals(actual, expected);
    case '$ne':
      return !equals(actual, expected);
    case '$in':
      if (!Array.isArray(expected)) throw inputError('$in needs an array');
      return expected.some((e) => equals(actual, e));
    case '$nin':
      if (!Array.isArray(expected)) throw inputError('$nin needs an array');
      return !expected.some((e) => equals(actual, e));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((v) => {
        const c = order(v, expected);
        if (c === undefined) return false;
        return op === '$gt' ? c > 0 : op === '$gte' ? c >= 0 : op === '$lt' ? c < 0 : c <= 0;
      });
    }
    case '$exists':
      return (actual !== undefined && actual !== null) === Boolean(expected);
    case '$autocomplete':
    case '$q': {
      if (typeof expected !== 'string') throw inputError(`${op} needs a string`);
      const needle = expected.toLowerCase();
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((v) => typeof v === 'string' && (op === '$q' ? v.toLowerCase().includes(needle) : v.toLowerCase().split(/\s+/).some((w) => w.startsWith(needle)) || v.toLowerCase().startsWith(needle)));
    }
    case '$contains':
      return Array.isArray(actual) && actual.some((a) => equals(a, expected));
    default:
      throw inputError(`unsupported filter operator ${op}`);
  }
}

function matchCondition<T>(item: T, field: string, condition: unknown, get: FieldGetter<T>): boolean {
  const actual = get(item, field);
  if (isObject(condition)) {
    const ops = Object.keys(condition);
    if (ops.length > 0 && ops.every((k) => k.startsWith('$'))) {
      return ops.every((op) => {
        if (!COMPARISON.has(op)) throw inputError(`unsupported filter operator ${op} on "${field}"`);
        return applyOperator(actual, op, condition[op]);
      });
    }
  }
  return applyOperator(actual, '$eq', condition);
}

/** Whether `item` satisfies `filter` (an empty filter matches everything). */
export function matchFilter<T>(item: T, filter: Record<string, unknown>, get: FieldGetter<T>): boolean {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(condition) || !condition.every(isObject)) throw inputError(`${key} needs an array of filters`);
      const results = condition.map((c) => matchFilter(item, c, get));
      const ok = key === '$and' ? results.every(Boolean) : key === '$or' ? results.some(Boolean) : !results.some(Boolean);
      if (!ok) return false;
      continue;
    }
    if (key.startsWith('$')) throw inputError(`unsupported filter operator ${key}`);
    if (!matchCondition(item, key, condition, get)) return false;
  }
  return true;
}

/** Whether the filter mentions `field` anywhere (e.g. `hidden`, which changes defaults). */
export function filterMentions(filter: Record<string, unknown>, field: string): boolean {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === field) return true;
    if (Array.isArray(condition) && condition.some((c) => isObject(c) && filterMentions(c, field))) return true;
  }
  return false;
}

export interface SortSpec {
  field: string;
  direction: 1 | -1;
}

/**
 * Sort parameters as the seeds give them (`[{ field, direction }]`); the older object form
 * `{ field: direction }` is accepted too.
 */
export function parseSort(raw: unknown, allowed: readonly string[]): SortSpec[] {
  if (raw === undefined || raw === null) return [];
  const list: unknown[] = Array.isArray(raw) ? raw : isObject(raw) ? Object.entries(raw).map(([field, direction]) => ({ field, direction })) : [raw];
  return list.map((s) => {
    if (!isObject(s) || typeof s['field'] !== 'string') throw inputError('sort entries need a "field"');
    const field = s['field'];
    if (!allowed.includes(field)) throw inputError(`cannot sort by "${field}"; allowed: ${allowed.join(', ')}`);
    const d = s['direction'] ?? 1;
    if (d !== 1 && d !== -1) throw inputError('sort direction must be 1 or -1');
    return { field, direction: d };
  });
}

/** Compare two items by the sort specs; values missing sort last in either direction. */
export function compareBy<T>(specs: readonly SortSpec[], get: (item: T, field: string) => number | string | undefined): (a: T, b: T) => number {
  return (a, b) => {
    for (const { field, direction } of specs) {
      const x = get(a, field);
      const y = get(b, field);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * direction;
    }
    return 0;
  };
}
