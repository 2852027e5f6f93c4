// The threads the user takes part in, most recent reply first: one QueryThreads list,
// created once the user is connected and disposed after unmount (see useKeyedResource).
import { useMemo } from 'react';
import { of, type Observable } from 'rxjs';
import { shallowEqual, type ThreadList, type ThreadListOptions, type ThreadListStatus, type ThreadView } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useKeyedResource } from './useKeyedResource.ts';
import { useMeId } from './useMeId.ts';
import { useObservable } from './useObservable.ts';

export interface UseThreadListResult {
  threads: readonly ThreadView[];
  /** loading, hasMore, and `unseen`: threads with new activity that refresh() would load. */
  status: ThreadListStatus;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  list: ThreadList | undefined;
}

const NO_THREADS$: Observable<readonly ThreadView[]> = of(Object.freeze([]) as readonly ThreadView[]);
const PENDING$: Observable<ThreadListStatus> = of(Object.freeze({ loading: true, hasMore: false, unseen: 0 }));
const idle = (): Promise<void> => Promise.resolve();

/**
 * A live thread list; `options` are compared by value.
 * @example
 * const { threads, status, refresh } = useThreadList({ limit: 10 });
 */
export function useThreadList(options: ThreadListOptions = {}): UseThreadListResult {
  const client = useChatClient();
  const meId = useMeId();
  const key = meId === undefined ? undefined : JSON.stringify([meId, options]);
  const list = useKeyedResource(client, key, () => client.queryThreads(options));
  const threads = useObservable(list?.threads$ ?? NO_THREADS$);
  const status = useObservable(list?.status$ ?? PENDING$, shallowEqual);
  return useMemo(
    () => ({ threads, status, loadMore: list ? list.loadMore : idle, refresh: list ? list.refresh : idle, list }),
    [threads, status, list],
  );
}
