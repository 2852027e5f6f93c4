// The lifecycle both list composables share: a list handle created once the user is
// connected, replaced when its key (the query, compared by value) changes, disposed with the
// scope, and exposed as refs with loadMore/refresh that wait for nothing before it exists.
import { shallowReadonly, shallowRef, watch, type ComputedRef, type ShallowRef } from 'vue';
import type { Observable } from 'rxjs';
import { shallowEqual } from 'chatstore';
import { observe, onDispose } from './observe.ts';

interface ListHandle<TStatus> {
  readonly status$: Observable<TStatus>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  dispose(): void;
}

export interface KeyedList<L, TStatus> {
  list: ShallowRef<L | undefined>;
  status: Readonly<ShallowRef<TStatus>>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  readonlyList: Readonly<ShallowRef<L | undefined>>;
}

/** `create` returns undefined while no user is connected. */
export function useKeyedList<L extends ListHandle<TStatus>, TStatus>(
  key: ComputedRef<string>,
  create: () => L | undefined,
  pending$: Observable<TStatus>,
): KeyedList<L, TStatus> {
  const list = shallowRef(undefined) as ShallowRef<L | undefined>;
  const stop = watch(
    key,
    () => {
      list.value?.dispose();
      list.value = create();
    },
    { immediate: true, flush: 'sync' },
  );
  onDispose(() => {
    stop();
    list.value?.dispose();
    list.value = undefined;
  });
  return {
    list,
    status: observe(() => list.value?.status$ ?? pending$, shallowEqual),
    loadMore: () => list.value?.loadMore() ?? Promise.resolve(),
    refresh: () => list.value?.refresh() ?? Promise.resolve(),
    readonlyList: shallowReadonly(list) as Readonly<ShallowRef<L | undefined>>,
  };
}
