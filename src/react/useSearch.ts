// A message search as React state: one client.search, created once the user is connected
// and the query is not blank, replaced when the query changes (compared by value), disposed
// after unmount (see useKeyedResource). A blank text query searches nothing, so a search
// box can pass what the user typed as it is.
import { useMemo } from 'react';
import { of, type Observable } from 'rxjs';
import { shallowEqual, type LocalMessage, type SearchHandle, type SearchOptions, type SearchStatusView } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useKeyedResource } from './useKeyedResource.ts';
import { useMeId } from './useMeId.ts';
import { useObservable } from './useObservable.ts';

export interface UseSearchResult {
  /** Found messages, live (edits and deletes show). */
  results: readonly LocalMessage[];
  status: SearchStatusView;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  search: SearchHandle | undefined;
}

const NO_RESULTS$: Observable<readonly LocalMessage[]> = of(Object.freeze([]) as readonly LocalMessage[]);
const IDLE$: Observable<SearchStatusView> = of(Object.freeze({ loading: false, hasMore: false }));
const idle = (): Promise<void> => Promise.resolve();

/** Whether there is anything to search for. */
function searchable(query: string | Record<string, unknown>): boolean {
  return typeof query === 'string' ? query.trim() !== '' : Object.keys(query).length > 0;
}

/**
 * Search messages of the channels matching `channelFilter`; arguments are compared by value.
 * @example
 * const { results, status } = useSearch({ members: { $in: [me] } }, text, { limit: 20 });
 */
export function useSearch(channelFilter: Record<string, unknown>, queryOrMessageFilter: string | Record<string, unknown>, options: SearchOptions = {}): UseSearchResult {
  const client = useChatClient();
  const meId = useMeId();
  const key = meId === undefined || !searchable(queryOrMessageFilter) ? undefined : JSON.stringify([meId, channelFilter, queryOrMessageFilter, options]);
  const search = useKeyedResource(client, key, () => client.search(channelFilter, queryOrMessageFilter, options));
  const results = useObservable(search?.results$ ?? NO_RESULTS$);
  const status = useObservable(search?.status$ ?? IDLE$, shallowEqual);
  return useMemo(
    () => ({ results, status, loadMore: search ? search.loadMore : idle, refresh: search ? search.refresh : idle, search }),
    [results, status, search],
  );
}
