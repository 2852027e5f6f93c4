// A thread list: one QueryThreads, paged with the server's `next` cursor, kept in order
// (most recent reply first) by the store as replies arrive. Threads with activity the list
// has not loaded show on unseen$ until refresh() loads them.
import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { ChatState, ThreadListState } from '../store/state.ts';
import { createThreadSelector, type ThreadView } from '../store/threadSelectors.ts';
import { shallowArrayEqual, shallowEqual } from '../store/selectors.ts';
import type { ChatError } from '../transport/chatError.ts';
import { toStoredError, type ClientContext } from './clientContext.ts';
import { createLatestRun } from './latestRun.ts';

export interface ThreadListOptions {
  /** Threads per page (default 10). */
  limit?: number;
  /** QueryThreads filter (e.g. `{ channel_cid: { $eq: 'messaging:general' } }`). */
  filter?: Record<string, unknown>;
  /** Newest replies loaded with each thread (default 3). */
  replyLimit?: number;
  participantLimit?: number;
  memberLimit?: number;
}

export interface ThreadListStatus {
  loading: boolean;
  hasMore: boolean;
  /** Threads with new activity this list has not loaded (refresh() loads them). */
  unseen: number;
  error?: ChatError;
}

export interface ThreadList {
  readonly threads$: Observable<readonly ThreadView[]>;
  readonly status$: Observable<ThreadListStatus>;
  /** Parent ids of threads with new activity not loaded yet. */
  readonly unseen$: Observable<readonly string[]>;
  loadMore(): Promise<void>;
  /** Load the first page again: new order, unseen threads included. */
  refresh(): Promise<void>;
  dispose(): void;
}

const NO_THREADS: readonly ThreadView[] = Object.freeze([]);
const NO_IDS: readonly string[] = Object.freeze([]);

let listSeq = 0;

export function createThreadList(ctx: ClientContext, options: ThreadListOptions, onDispose: (list: ThreadList) => void): ThreadList {
  listSeq += 1;
  const key = `threads-${listSeq}`;
  const limit = options.limit ?? 10;
  const replyLimit = options.replyLimit ?? 3;
  const filter = options.filter ?? {};
  let lastError: ChatError | undefined;
  const loads = createLatestRun();
  let disposed = false;
  const listOf = (s: ChatState): ThreadListState | undefined => s.threadLists[key];
  const selectors = new Map<string, ReturnType<typeof createThreadSelector>>();

  async function load(reset: boolean): Promise<void> {
    if (disposed) return;
    const list = listOf(ctx.store.getState());
    if (!reset && list && (!list.hasMore || list.loading)) return loads.current;
    const next = reset ? null : (list?.next ?? null);
    ctx.store.dispatch({ type: 'threadList/requested', key, filter, reset });
    const body: Parameters<ReturnType<ClientContext['api']>['queryThreads']>[0] = { limit, reply_limit: replyLimit };
    if (Object.keys(filter).length > 0) body.filter = filter;
    if (next !== null) body.next = next;
    if (options.participantLimit !== undefined) body.participant_limit = options.participantLimit;
    if (options.memberLimit !== undefined) body.member_limit = options.memberLimit;
    try {
      const res = await ctx.api('QueryThreads').queryThreads(body);
      if (disposed) return;
      lastError = undefined;
      ctx.store.dispatch({ type: 'threadList/loaded', key, threads: res.threads, reset: next === null, next: res.next ?? null, replyLimit });
    } catch (e) {
      const error = ctx.report(e, 'QueryThreads');
      lastError = error;
      if (!disposed) ctx.store.dispatch({ type: 'threadList/failed', key, error: toStoredError(error) });
      throw error;
    }
  }

  function run(reset: boolean): Promise<void> {
    return loads.run(() => load(reset));
  }

  // Register at once so live activity is placed (or marked unseen) before the first page.
  ctx.store.dispatch({ type: 'threadList/requested', key, filter, reset: true });
  run(true).catch(() => undefined);

  let lastRows: readonly ThreadView[] = NO_THREADS;
  const list: ThreadList = {
    threads$: ctx.store.state$.pipe(
      map((s) => {
        const l = listOf(s);
        if (!l) return NO_THREADS;
        const out: ThreadView[] = [];
        for (const id of l.parentIds) {
          let select = selectors.get(id);
          if (!select) selectors.set(id, (select = createThreadSelector(id)));
          const view = select(s);
          if (view) out.push(view);
        }
        // Forget the memo of threads that left the list (a long-lived list must not grow).
        if (selectors.size > 2 * l.parentIds.length + 16) {
          const keep = new Set(l.parentIds);
          for (const id of selectors.keys()) if (!keep.has(id)) selectors.delete(id);
        }
        if (shallowArrayEqual(out, lastRows)) return lastRows;
        lastRows = out;
        return out;
      }),
      distinctUntilChanged(),
    ),
    status$: ctx.store.state$.pipe(
      map(listOf),
      distinctUntilChanged(),
      map((l): ThreadListStatus => {
        const status: ThreadListStatus = { loading: l?.loading ?? false, hasMore: l?.hasMore ?? false, unseen: l?.unseen.length ?? 0 };
        if (l?.error && lastError) status.error = lastError;
        return status;
      }),
      distinctUntilChanged(shallowEqual),
    ),
    unseen$: ctx.store.state$.pipe(
      map((s) => listOf(s)?.unseen ?? NO_IDS),
      distinctUntilChanged(),
    ),
    loadMore: () => run(false),
    refresh: () => run(true),
    dispose() {
      if (disposed) return;
      disposed = true;
      ctx.store.dispatch({ type: 'threadList/disposed', key });
      onDispose(list);
    },
  };
  return list;
}
