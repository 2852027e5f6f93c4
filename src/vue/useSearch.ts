// A message search as refs: one client.search, created once the user is connected and the
// query is not blank, replaced when the query changes (compared by value), disposed with
// the scope. A blank text query searches nothing.
import { computed, toValue, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import { of } from 'rxjs';
import type { LocalMessage, SearchHandle, SearchOptions, SearchStatusView } from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { meIdRef } from './useChannel.ts';
import { observe, warnOutsideScope } from './observe.ts';
import { useKeyedList } from './keyedList.ts';

export interface UseSearchResult {
  results: Readonly<ShallowRef<readonly LocalMessage[]>>;
  status: Readonly<ShallowRef<SearchStatusView>>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  search: Readonly<ShallowRef<SearchHandle | undefined>>;
}

const NO_RESULTS$ = of(Object.freeze([]) as readonly LocalMessage[]);
const IDLE$ = of(Object.freeze({ loading: false, hasMore: false }) as SearchStatusView);

function searchable(query: string | Record<string, unknown>): boolean {
  return typeof query === 'string' ? query.trim() !== '' : Object.keys(query).length > 0;
}

/**
 * Search messages of the channels matching `channelFilter` (refs or getters are followed).
 * @example
 * const text = ref('');
 * const { results, status } = useSearch({ members: { $in: ['alice'] } }, text);
 */
export function useSearch(
  channelFilter: MaybeRefOrGetter<Record<string, unknown>>,
  queryOrMessageFilter: MaybeRefOrGetter<string | Record<string, unknown>>,
  options?: MaybeRefOrGetter<SearchOptions | undefined>,
): UseSearchResult {
  warnOutsideScope('useSearch');
  const client = useChatClient();
  const meId = meIdRef(client);
  const key = computed(() => JSON.stringify([meId.value, toValue(channelFilter), toValue(queryOrMessageFilter), toValue(options) ?? {}]));
  const keyed = useKeyedList<SearchHandle, SearchStatusView>(
    key,
    () => {
      const query = toValue(queryOrMessageFilter);
      return meId.value === undefined || !searchable(query) ? undefined : client.search(toValue(channelFilter), query, toValue(options) ?? {});
    },
    IDLE$,
  );
  return {
    results: observe(() => keyed.list.value?.results$ ?? NO_RESULTS$),
    status: keyed.status,
    loadMore: keyed.loadMore,
    refresh: keyed.refresh,
    search: keyed.readonlyList,
  };
}
