// Thread lists: ordered parent ids per QueryThreads, most recent reply first (the server's
// default order), kept in order as replies arrive. Activity in a thread a list has not
// loaded marks it unseen; refresh() loads it. Work per event is bounded by the lists'
// lengths (the pages the app loaded), never by every thread held.
import type { ThreadStateResponse } from '../models/generated/types.ts';
import type { ChatState, StoredError, ThreadEntry, ThreadListState } from './state.ts';
import type { ReducerContext } from './context.ts';
import { hydrateThread } from './threads.ts';
import { tableGet } from './table.ts';

type Lists = Record<string, ThreadListState>;

/** Sort key: the last reply's time, else the thread's creation. */
function lastActivity(t: ThreadEntry | undefined): number {
  return t?.data?.last_message_at ?? t?.data?.created_at ?? 0;
}

/** Does thread `a` come before thread `b` (newest activity first, then by id, as the server sorts)? */
function before(state: ChatState, a: string, b: string): boolean {
  const ta = lastActivity(tableGet(state.threads, a));
  const tb = lastActivity(tableGet(state.threads, b));
  return ta > tb || (ta === tb && a < b);
}

function insertOrdered(state: ChatState, ids: string[], parentId: string): void {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(state, ids[mid] as string, parentId)) lo = mid + 1;
    else hi = mid;
  }
  ids.splice(lo, 0, parentId);
}

export function threadListRequested(state: ChatState, key: string, filter: Readonly<Record<string, unknown>>, reset: boolean): void {
  const lists = state.threadLists as Lists;
  const prev = lists[key];
  if (!prev) {
    lists[key] = { key, filter, parentIds: [], next: null, hasMore: true, loading: true, error: null, unseen: [] };
    return;
  }
  if (!prev.loading) prev.loading = true;
  if (prev.error) prev.error = null;
  if (reset && prev.next !== null) prev.next = null;
}

/** A page of QueryThreads: hydrate every thread, then append (or replace, on the first page). */
export function threadListLoaded(
  state: ChatState,
  ctx: ReducerContext,
  key: string,
  threads: readonly ThreadStateResponse[],
  page: { reset: boolean; next: string | null; replyLimit: number },
): void {
  for (const t of threads) hydrateThread(state, ctx, t, page.replyLimit);
  const list = (state.threadLists as Lists)[key];
  if (!list) return;
  const ids = page.reset ? [] : [...list.parentIds];
  const seen = new Set(ids);
  for (const t of threads) {
    if (seen.has(t.parent_message_id)) continue;
    ids.push(t.parent_message_id);
    seen.add(t.parent_message_id);
  }
  if (page.reset || ids.length !== list.parentIds.length) list.parentIds = ids;
  list.next = page.next;
  list.hasMore = page.next !== null;
  list.loading = false;
  list.error = null;
  // A refresh loads what was unseen; a later page may bring some of it.
  const unseen = page.reset ? [] : list.unseen.filter((id) => !seen.has(id));
  if (unseen.length !== list.unseen.length) list.unseen = unseen;
}

export function threadListFailed(state: ChatState, key: string, error: StoredError): void {
  const list = (state.threadLists as Lists)[key];
  if (!list) return;
  list.loading = false;
  list.error = error;
}

export function threadListDisposed(state: ChatState, key: string): void {
  delete (state.threadLists as Lists)[key];
}

/**
 * A thread had activity (a new reply moved its last_message_at): move it to its place in
 * every list holding it. A list that does not hold it takes it in when the list has no
 * filter and we take part in the thread (a thread we replied to, or whose reads name us);
 * otherwise the list cannot tell whether it matches, and marks it unseen.
 */
export function placeThread(state: ChatState, parentId: string, ownActivity: boolean): void {
  const thread = tableGet(state.threads, parentId);
  const me = state.me?.id;
  const participates = !!thread && !!me && (ownActivity || thread.reads[me] !== undefined);
  for (const list of Object.values(state.threadLists as Lists)) {
    const at = list.parentIds.indexOf(parentId);
    if (at >= 0) {
      const prevOk = at === 0 || before(state, list.parentIds[at - 1] as string, parentId);
      const nextOk = at === list.parentIds.length - 1 || before(state, parentId, list.parentIds[at + 1] as string);
      if (prevOk && nextOk) continue;
      const ids = [...list.parentIds];
      ids.splice(at, 1);
      insertOrdered(state, ids, parentId);
      list.parentIds = ids;
    } else if (participates && thread?.data && Object.keys(list.filter).length === 0) {
      const ids = [...list.parentIds];
      insertOrdered(state, ids, parentId);
      // Past the loaded pages it belongs to a page not loaded yet.
      const inLoaded = ids.indexOf(parentId) < ids.length - 1 || !list.hasMore;
      if (inLoaded) list.parentIds = ids;
      unseenIn(list, parentId, !inLoaded);
    } else if (participates || !thread) {
      unseenIn(list, parentId, true);
    }
  }
}

function unseenIn(list: ThreadListState, parentId: string, add: boolean): void {
  const has = list.unseen.includes(parentId);
  if (add && !has) list.unseen = [...list.unseen, parentId];
  if (!add && has) list.unseen = list.unseen.filter((id) => id !== parentId);
}

/** New activity in a thread no list has loaded (notification.thread_message_new). */
export function markUnseen(state: ChatState, parentId: string): void {
  for (const list of Object.values(state.threadLists as Lists)) {
    if (!list.parentIds.includes(parentId)) unseenIn(list, parentId, true);
  }
}

/** A thread that no longer exists (its parent was hard-deleted). */
export function removeThreadFromLists(state: ChatState, parentId: string): void {
  for (const list of Object.values(state.threadLists as Lists)) {
    if (list.parentIds.includes(parentId)) list.parentIds = list.parentIds.filter((id) => id !== parentId);
    unseenIn(list, parentId, false);
  }
}
