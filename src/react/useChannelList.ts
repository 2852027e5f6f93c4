// A channel list for a component: one QueryChannels query kept live by the store, created
// once the user is connected and disposed after unmount (see useKeyedResource).
import { useMemo } from 'react';
import { of, type Observable } from 'rxjs';
import {
  shallowEqual,
  type ChannelFilter,
  type ChannelList,
  type ChannelListOptions,
  type ChannelListStatus,
  type ChannelSortInput,
  type ChannelSummary,
} from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useMeId } from './useMeId.ts';
import { useKeyedResource } from './useKeyedResource.ts';
import { useObservable } from './useObservable.ts';

export interface UseChannelListResult {
  /** Rows in the query's order; a row keeps its reference while its channel's summary is unchanged. */
  channels: readonly ChannelSummary[];
  status: ChannelListStatus;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  /** The underlying list, undefined until the user is connected. */
  list: ChannelList | undefined;
}

const NO_CHANNELS$: Observable<readonly ChannelSummary[]> = of(Object.freeze([]) as readonly ChannelSummary[]);
const PENDING$: Observable<ChannelListStatus> = of(Object.freeze({ loading: true, hasMore: false }));
const idle = (): Promise<void> => Promise.resolve();

/**
 * A live channel list. `filter`, `sort` and `options` are compared by value (JSON), so
 * inline literals do not re-query on every render.
 * @example
 * const { channels, status, loadMore } = useChannelList({ members: { $in: [me] } }, { last_message_at: -1 });
 */
export function useChannelList(filter: ChannelFilter, sort?: ChannelSortInput, options: ChannelListOptions = {}): UseChannelListResult {
  const client = useChatClient();
  const meId = useMeId();
  const key = meId === undefined ? undefined : JSON.stringify([meId, filter, sort ?? null, options]);
  const list = useKeyedResource(client, key, () => client.queryChannels(filter, sort, options));
  const channels = useObservable(list?.channels$ ?? NO_CHANNELS$);
  const status = useObservable(list?.status$ ?? PENDING$, shallowEqual);
  return useMemo(
    () => ({ channels, status, loadMore: list ? list.loadMore : idle, refresh: list ? list.refresh : idle, list }),
    [channels, status, list],
  );
}
