// The handle shape shared by the account's offset-paged queries (users, bans, flags): the
// first page loads on the first subscription to any of its observables (API.md: a handle
// that loads does so on first subscribe), loadMore() asks for the next one, and the pages
// live in the store (src/store/pagedLists.ts) under the handle's key.
import { defer, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { ChatState, PagedListState } from '../store/state.ts';
import { shallowEqual } from '../store/selectors.ts';
import type { ChatError } from '../transport/chatError.ts';
import type { PagedListAction } from '../store/pagedLists.ts';
import { toStoredError, type ClientContext } from './clientContext.ts';
import { createLatestRun } from './latestRun.ts';

export interface PagedStatus {
  loading: boolean;
  hasMore: boolean;
  error?: ChatError;
}

/** Sort as `{ field: 1 | -1 }` (in key order) or as a list of `{ field, direction }`. */
export type SortInput = Record<string, 1 | -1> | ReadonlyArray<{ field: string; direction: 1 | -1 }>;

export function sortParams(sort: SortInput | undefined): Array<{ field: string; direction: number }> | undefined {
  if (!sort) return undefined;
  const list = Array.isArray(sort) ? sort : Object.entries(sort).map(([field, direction]) => ({ field, direction }));
  return list.length ? list.map((s) => ({ field: s.field, direction: s.direction })) : undefined;
}

/** What a page load returns: the page (users or items) and the users it carries. */
export type PageResult = Omit<Extract<PagedListAction, { type: 'paged/loaded' }>, 'type' | 'key' | 'reset' | 'limit'>;

export interface PagedQuery {
  readonly key: string;
  readonly status$: Observable<PagedStatus>;
  /** The list's state, loading the first page on first subscribe. */
  list$<T>(project: (state: ChatState, list: PagedListState | undefined) => T): Observable<T>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  dispose(): void;
}

let seq = 0;

/** A paged query over `fetchPage(offset, limit)` (an API call under `endpoint`). */
export function createPagedQuery(ctx: ClientContext, name: string, endpoint: string, limit: number, fetchPage: (offset: number, limit: number) => Promise<PageResult>): PagedQuery {
  seq += 1;
  const key = `${name}-${seq}`;
  const loads = createLatestRun();
  let started = false;
  let disposed = false;
  let lastError: ChatError | undefined;
  const listOf = (s: ChatState): PagedListState | undefined => s.pagedLists[key];

  async function load(reset: boolean): Promise<void> {
    if (disposed) return;
    const l = listOf(ctx.store.getState());
    if (!reset && l && (l.loading || !l.hasMore)) return loads.current;
    const offset = reset ? 0 : (l?.offset ?? 0);
    ctx.store.dispatch({ type: 'paged/requested', key, reset });
    try {
      const page = await fetchPage(offset, limit);
      if (disposed) return;
      lastError = undefined;
      ctx.store.dispatch({ type: 'paged/loaded', key, reset, limit, ...page });
    } catch (e) {
      const error = ctx.report(e, endpoint);
      lastError = error;
      if (!disposed) ctx.store.dispatch({ type: 'paged/failed', key, error: toStoredError(error) });
      throw error;
    }
  }

  const run = (reset: boolean): Promise<void> => {
    started = true;
    return loads.run(() => load(reset));
  };

  /** The first subscription starts the first page (once; a failure is on status$ and errors$). */
  function ensureStarted(): void {
    if (started || disposed) return;
    started = true;
    // Registered at once, so status$ reads loading from the first emission.
    ctx.store.dispatch({ type: 'paged/requested', key, reset: true });
    // load() sees the list loading: start the request directly.
    void loads.run(async () => {
      try {
        const page = await fetchPage(0, limit);
        if (disposed) return;
        lastError = undefined;
        ctx.store.dispatch({ type: 'paged/loaded', key, reset: true, limit, ...page });
      } catch (e) {
        const error = ctx.report(e, endpoint);
        lastError = error;
        if (!disposed) ctx.store.dispatch({ type: 'paged/failed', key, error: toStoredError(error) });
      }
    });
  }

  const observe = <T>(project: (s: ChatState, l: PagedListState | undefined) => T, equals?: (a: T, b: T) => boolean): Observable<T> =>
    defer(() => {
      ensureStarted();
      return ctx.store.state$.pipe(
        map((s) => project(s, listOf(s))),
        distinctUntilChanged(equals),
      );
    });

  return {
    key,
    status$: observe((_s, l): PagedStatus => {
      const status: PagedStatus = { loading: l?.loading ?? !started, hasMore: l?.hasMore ?? true };
      if (l?.error && lastError) status.error = lastError;
      return status;
    }, shallowEqual),
    list$: (project) => observe(project),
    loadMore: () => {
      if (!started) {
        ensureStarted();
        return loads.current ?? Promise.resolve();
      }
      return run(false);
    },
    refresh: () => run(true),
    dispose() {
      if (disposed) return;
      disposed = true;
      ctx.store.dispatch({ type: 'paged/disposed', key });
    },
  };
}
