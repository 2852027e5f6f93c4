// Reducers of keyed personal records (drafts, reminders): server values, optimistic writes
// with exact rollback, and paged lists. See personalState.ts for the model.
import type { KeyedList, KeyedPending, KeyedState } from './personalState.ts';
import type { StoredError } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { peek } from './peek.ts';

type Mutable<V> = {
  byKey: Record<string, V>;
  pending: Record<string, KeyedPending<V>>;
  lists: Record<string, KeyedList>;
};

function show<V>(s: Mutable<V>, key: string, value: V | null): void {
  const held = s.byKey[key];
  if (value === null) {
    if (held !== undefined) delete s.byKey[key];
    return;
  }
  // An equal copy (a repeated event, an answer repeating the echo) keeps the held reference.
  if (held !== undefined && deepEqual(held, value)) return;
  s.byKey[key] = value;
}

/**
 * The server's value of a record (an event, an answer): shown at once unless local writes
 * are pending on the key, which then settle onto it. Returns whether it is shown.
 */
export function serverValue<V>(state: KeyedState<V>, key: string, value: V | null): boolean {
  const s = state as Mutable<V>;
  const p = s.pending[key];
  if (p) {
    if (!deepEqual(p.base, value)) p.base = value;
    return false;
  }
  show(s, key, value);
  return true;
}

/** A local write: shown at once, its key remembering the server's value under it. */
export function writeStarted<V>(state: KeyedState<V>, key: string, opId: string, value: V | null): void {
  const s = state as Mutable<V>;
  const p = s.pending[key];
  if (p) {
    if (p.writes.some((w) => w.opId === opId)) return;
    p.writes = [...p.writes, { opId, value, base: peek(p.base) }];
  } else {
    // The held value itself, not a draft of it: it is kept beside the state's own copy.
    const base = peek(peek(s.byKey)[key]) ?? null;
    s.pending[key] = { writes: [{ opId, value, base }], base };
  }
  show(s, key, value);
}

/** How a write settled. */
export type WriteOutcome<V> =
  /** Confirmed with the server's answer (`value`), or without one (the base stays as events left it). */
  | { ok: true; value?: V | null }
  /** Confirmed without an answer of the record, which the server changed to `value` unless events said otherwise since the write started. */
  | { ok: true; unlessMoved: V | null }
  | { ok: false };

/**
 * A write settled. When it was the last pending write the key shows the server's value
 * (after a failure: exactly what the server has); otherwise the newest write stays shown.
 */
export function writeSettled<V>(state: KeyedState<V>, key: string, opId: string, outcome: WriteOutcome<V>): void {
  const s = state as Mutable<V>;
  const p = s.pending[key];
  if (!p) return;
  const write = p.writes.find((w) => w.opId === opId);
  if (!write) return;
  if (outcome.ok) {
    let value: V | null | undefined;
    if ('unlessMoved' in outcome) value = deepEqual(p.base, write.base) ? outcome.unlessMoved : undefined;
    else value = outcome.value;
    if (value !== undefined && !deepEqual(p.base, value)) p.base = value;
  }
  const writes = p.writes.filter((w) => w.opId !== opId);
  if (writes.length === 0) {
    delete s.pending[key];
    show(s, key, p.base);
    return;
  }
  p.writes = writes;
  show(s, key, (writes[writes.length - 1] as { value: V | null }).value);
}

/** The value a key shows, or what the server has under pending writes. */
export function serverBase<V>(state: KeyedState<V>, key: string): V | null {
  const p = state.pending[key];
  return p ? p.base : (state.byKey[key] ?? null);
}

export function listRequested<V>(state: KeyedState<V>, key: string, filter: Readonly<Record<string, unknown>>, reset: boolean): void {
  const lists = (state as Mutable<V>).lists;
  const prev = lists[key];
  if (!prev) {
    lists[key] = { key, filter, keys: [], next: null, hasMore: true, loading: true, error: null };
    return;
  }
  if (!prev.loading) prev.loading = true;
  if (prev.error) prev.error = null;
  if (reset && prev.next !== null) prev.next = null;
}

/** A page of a list: its records as server values, their keys appended (replacing, on a first page). */
export function listLoaded<V>(state: KeyedState<V>, key: string, page: ReadonlyArray<{ key: string; value: V }>, reset: boolean, next: string | null): void {
  for (const item of page) serverValue(state, item.key, item.value);
  const list = (state as Mutable<V>).lists[key];
  if (!list) return;
  const keys = reset ? [] : [...list.keys];
  const seen = new Set(keys);
  for (const item of page) {
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    keys.push(item.key);
  }
  if (keys.length !== list.keys.length || keys.some((k, i) => list.keys[i] !== k)) list.keys = keys;
  if (list.next !== next) list.next = next;
  if (list.hasMore !== (next !== null)) list.hasMore = next !== null;
  if (list.loading) list.loading = false;
  if (list.error) list.error = null;
}

export function listFailed<V>(state: KeyedState<V>, key: string, error: StoredError): void {
  const list = (state as Mutable<V>).lists[key];
  if (!list) return;
  list.loading = false;
  list.error = error;
}

export function listDisposed<V>(state: KeyedState<V>, key: string): void {
  delete (state as Mutable<V>).lists[key];
}

/**
 * A record created live (an event, a local write): lists without a filter take its key,
 * since it belongs to them whatever the page; a list with a filter cannot tell, and waits
 * for its next refresh. Lists still holding a removed key skip it when shown.
 */
export function listsAdd<V>(state: KeyedState<V>, recordKey: string): void {
  for (const list of Object.values((state as Mutable<V>).lists)) {
    if (Object.keys(list.filter).length > 0 || list.keys.includes(recordKey)) continue;
    list.keys = [...list.keys, recordKey];
  }
}
