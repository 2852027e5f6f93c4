// A channel list for a component. The list (one QueryChannels query kept live by the store)
// is created once the user is connected and disposed after unmount. The dispose waits a
// microtask: StrictMode's cleanup-and-rerun, or a remount in the same commit with the same
// query, takes the list over instead of querying again.
import { useEffect, useMemo, useRef, useState } from 'react';
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

interface Held {
  key: string;
  list: ChannelList;
  releasing: boolean;
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
  const key = JSON.stringify([meId, filter, sort ?? null, options]);
  const held = useRef<Held | undefined>(undefined);
  const [list, setList] = useState<ChannelList | undefined>(undefined);

  useEffect(() => {
    if (meId === undefined) {
      setList(undefined);
      return undefined;
    }
    let h = held.current;
    if (h && h.key === key && h.releasing) {
      h.releasing = false;
    } else {
      h = { key, list: client.queryChannels(filter, sort, options), releasing: false };
      held.current = h;
    }
    const mine = h;
    setList(mine.list);
    return () => {
      mine.releasing = true;
      queueMicrotask(() => {
        if (!mine.releasing) return;
        mine.list.dispose();
        if (held.current === mine) held.current = undefined;
      });
    };
    // The key stands for filter, sort and options.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);

  const channels = useObservable(list?.channels$ ?? NO_CHANNELS$);
  const status = useObservable(list?.status$ ?? PENDING$, shallowEqual);
  return useMemo(
    () => ({ channels, status, loadMore: list ? list.loadMore : idle, refresh: list ? list.refresh : idle, list }),
    [channels, status, list],
  );
}
