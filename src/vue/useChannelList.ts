// A live channel list as refs. The list is created once the user is connected, replaced
// when the filter, sort or options change (compared by value), and disposed with the scope.
import { computed, toValue, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import { of } from 'rxjs';
import {
  type ChannelFilter,
  type ChannelList,
  type ChannelListOptions,
  type ChannelListStatus,
  type ChannelSortInput,
  type ChannelSummary,
} from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { meIdRef } from './useChannel.ts';
import { observe, warnOutsideScope } from './observe.ts';
import { useKeyedList } from './keyedList.ts';

export interface UseChannelListResult {
  channels: Readonly<ShallowRef<readonly ChannelSummary[]>>;
  status: Readonly<ShallowRef<ChannelListStatus>>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  /** The underlying list, undefined until the user is connected. */
  list: Readonly<ShallowRef<ChannelList | undefined>>;
}

const NO_CHANNELS$ = of(Object.freeze([]) as readonly ChannelSummary[]);
const PENDING$ = of<ChannelListStatus>(Object.freeze({ loading: true, hasMore: false }));

/**
 * A live channel list.
 * @example
 * const { channels, status, loadMore } = useChannelList({ members: { $in: ['alice'] } }, { last_message_at: -1 });
 */
export function useChannelList(
  filter: MaybeRefOrGetter<ChannelFilter>,
  sort?: MaybeRefOrGetter<ChannelSortInput | undefined>,
  options?: MaybeRefOrGetter<ChannelListOptions | undefined>,
): UseChannelListResult {
  warnOutsideScope('useChannelList');
  const client = useChatClient();
  const meId = meIdRef(client);
  const query = computed(() => ({ filter: toValue(filter), sort: toValue(sort), options: toValue(options) ?? {} }));
  const key = computed(() => JSON.stringify([meId.value, query.value.filter, query.value.sort ?? null, query.value.options]));
  const keyed = useKeyedList<ChannelList, ChannelListStatus>(
    key,
    () => (meId.value === undefined ? undefined : client.queryChannels(query.value.filter, query.value.sort, query.value.options)),
    PENDING$,
  );
  return {
    channels: observe(() => keyed.list.value?.channels$ ?? NO_CHANNELS$),
    status: keyed.status,
    loadMore: keyed.loadMore,
    refresh: keyed.refresh,
    list: keyed.readonlyList,
  };
}
