// A paged query of own keyed records (queryDrafts, queryReminders): registered in the store
// at once (so live records find it), loading its first page on first subscribe, paged with
// the server's `next` cursor. The items are the records held under the list's keys, in the
// list's order of the records (sorted here: the store keeps keys, the values move).
import { defer, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { Action } from '../store/reducer.ts';
import type { ChatState } from '../store/state.ts';
import type { KeyedList, KeyedState } from '../store/personalState.ts';
import { shallowArrayEqual, shallowEqual } from '../store/selectors.ts';
import type { ChatError } from '../transport/chatError.ts';
import type { ClientContext } from './clientContext.ts';
import { createLatestRun } from './latestRun.ts';

export interface KeyedListStatus {
  loading: boolean;
  hasMore: boolean;
  error?: ChatError;
}

export interface KeyedListHandle {
  readonly status$: Observable<KeyedListStatus>;
  loadMore(): Promise<void>;
  /** Load the first page again. */
  refresh(): Promise<void>;
  dispose(): void;
}

export interface KeyedListSpec<V> {
  prefix: string;
  endpoint: string;
  filter: Readonly<Record<string, unknown>>;
  slice: (s: ChatState) => KeyedState<V>;
  sort: (a: V, b: V) => number;
  actions: {
    requested: (key: string, reset: boolean) => Action;
    failed: (key: string, error: ChatError) => Action;
    disposed: (key: string) => Action;
  };
  /** One page: the action that applies it. */
  fetch: (key: string, next: string | null, reset: boolean) => Promise<Action>;
}

let seq = 0;

export function createKeyedList<V>(ctx: ClientContext, spec: KeyedListSpec<V>): KeyedListHandle & { readonly items$: Observable<readonly V[]> } {
  seq += 1;
  const key = `${spec.prefix}-${seq}`;
  const loads = createLatestRun();
  let lastError: ChatError | undefined;
  let started = false;
  let disposed = false;
  const listOf = (s: ChatState): KeyedList | undefined => spec.slice(s).lists[key];

  async function load(reset: boolean): Promise<void> {
    if (disposed) return;
    const list = listOf(ctx.store.getState());
    if (!reset && started && list && (!list.hasMore || list.loading)) return loads.current;
    started = true;
    ctx.store.dispatch(spec.actions.requested(key, reset));
    try {
      const action = await spec.fetch(key, reset ? null : (list?.next ?? null), reset);
      if (disposed) return;
      lastError = undefined;
      ctx.store.dispatch(action);
    } catch (e) {
      const error = ctx.report(e, spec.endpoint);
      lastError = error;
      if (!disposed) ctx.store.dispatch(spec.actions.failed(key, error));
      throw error;
    }
  }

  const run = (reset: boolean): Promise<void> => loads.run(() => load(reset));

  // Registered now, so records created live before the first page find the list.
  ctx.store.dispatch(spec.actions.requested(key, true));

  const kicked = <T>(source: Observable<T>): Observable<T> =>
    defer(() => {
      if (!started && !disposed) run(true).catch(() => undefined);
      return source;
    });

  let last: readonly V[] = Object.freeze([]);
  const items$ = ctx.store.state$.pipe(
    map((s) => {
      const list = listOf(s);
      const slice = spec.slice(s);
      return list ? { keys: list.keys, byKey: slice.byKey } : undefined;
    }),
    distinctUntilChanged((a, b) => a === b || (a !== undefined && b !== undefined && a.keys === b.keys && a.byKey === b.byKey)),
    map((view) => {
      if (!view) return last;
      const out: V[] = [];
      for (const k of view.keys) {
        const v = view.byKey[k];
        if (v !== undefined) out.push(v);
      }
      out.sort(spec.sort);
      if (shallowArrayEqual(out, last)) return last;
      last = Object.freeze(out);
      return last;
    }),
    distinctUntilChanged(),
  );

  return {
    items$: kicked(items$),
    status$: kicked(
      ctx.store.state$.pipe(
        map(listOf),
        distinctUntilChanged(),
        map((l): KeyedListStatus => {
          const status: KeyedListStatus = { loading: l?.loading ?? false, hasMore: l?.hasMore ?? false };
          if (l?.error && lastError) status.error = lastError;
          return status;
        }),
        distinctUntilChanged(shallowEqual),
      ),
    ),
    loadMore: () => run(!started),
    refresh: () => run(true),
    dispose() {
      if (disposed) return;
      disposed = true;
      ctx.store.dispatch(spec.actions.disposed(key));
    },
  };
}
