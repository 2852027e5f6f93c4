// A channel list: one QueryChannels query, paged by offset, kept live by the store's list
// reducers (new channels placed by the query's filter and sort, removed ones dropped).
import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { ChannelSummary } from '../store/selectors.ts';
import { selectChannelSummary, shallowArrayEqual, shallowEqual } from '../store/selectors.ts';
import type { ChannelListState, ChatState } from '../store/state.ts';
import type { ChannelSort } from '../store/channelFilter.ts';
import { tableGet } from '../store/table.ts';
import type { ChatError } from '../transport/chatError.ts';
import { toStoredError, type ClientContext } from './clientContext.ts';
import { createLatestRun } from './latestRun.ts';

export type ChannelFilter = Record<string, unknown>;

/** A sort as apps write it: `{ last_message_at: -1 }` or `[{ field, direction }]`. */
export type ChannelSortInput = Record<string, 1 | -1> | ReadonlyArray<{ field: string; direction: 1 | -1 }>;

export interface ChannelListOptions {
  /** Channels per page (default 20; the service caps it at 30). */
  limit?: number;
  /** Watch the listed channels (default true). */
  watch?: boolean;
  memberLimit?: number;
  /** Messages per channel (default 25). */
  messageLimit?: number;
}

export interface ChannelListStatus {
  loading: boolean;
  hasMore: boolean;
  error?: ChatError;
}

export interface ChannelList {
  readonly channels$: Observable<readonly ChannelSummary[]>;
  readonly status$: Observable<ChannelListStatus>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  dispose(): void;
}

export function normalizeSort(sort: ChannelSortInput | undefined): ChannelSort {
  if (!sort) return [];
  if (Array.isArray(sort)) return sort as ChannelSort;
  return Object.entries(sort).map(([field, direction]) => ({ field, direction: direction as 1 | -1 }));
}

let listSeq = 0;

const NO_CHANNELS: readonly ChannelSummary[] = Object.freeze([]);

export function createChannelList(
  ctx: ClientContext,
  filter: ChannelFilter,
  sortInput: ChannelSortInput | undefined,
  options: ChannelListOptions,
  onDispose: (list: ChannelList) => void,
): ChannelList {
  listSeq += 1;
  const key = `list-${listSeq}`;
  const sort = normalizeSort(sortInput);
  const limit = options.limit ?? 20;
  const messageLimit = options.messageLimit ?? 25;
  const watch = options.watch ?? true;
  let lastError: ChatError | undefined;
  const loads = createLatestRun();
  let disposed = false;
  const listOf = (s: ChatState): ChannelListState | undefined => s.lists[key];

  async function load(reset: boolean): Promise<void> {
    if (disposed) return;
    const list = listOf(ctx.store.getState());
    if (!reset && list && (!list.hasMore || list.loading)) return loads.current;
    const offset = reset || !list ? 0 : list.offset;
    ctx.store.dispatch({ type: 'channelList/requested', key, filter, sort, reset });
    const body: Parameters<ReturnType<ClientContext['api']>['queryChannels']>[0] = {
      filter_conditions: filter,
      limit,
      offset,
      state: true,
      watch,
      message_limit: messageLimit,
    };
    if (sort.length) body.sort = sort.map((s) => ({ field: s.field, direction: s.direction }));
    if (options.memberLimit !== undefined) body.member_limit = options.memberLimit;
    try {
      const before = ctx.store.getState().channels;
      const res = await ctx.api('QueryChannels').queryChannels(body);
      if (disposed) return;
      if (watch) for (const c of res.channels) if (c.channel) ctx.watched.add(c.channel.cid);
      lastError = undefined;
      ctx.store.dispatch({ type: 'channelList/loaded', key, channels: res.channels, offset, limit, messageLimit, before });
    } catch (e) {
      const error = ctx.report(e, 'QueryChannels');
      lastError = error;
      if (!disposed) ctx.store.dispatch({ type: 'channelList/failed', key, error: toStoredError(error) });
      throw error;
    }
  }

  function run(reset: boolean): Promise<void> {
    return loads.run(() => load(reset));
  }

  // Register the list at once so that live events place channels even before the first
  // page arrives, then load it; a failure of this first load shows on status$ and errors$.
  ctx.store.dispatch({ type: 'channelList/requested', key, filter, sort, reset: true });
  run(true).catch(() => undefined);

  // A channel that joins the list through an event (a message in a channel we did not
  // hold, being added to one) is queried and watched, as the list's own channels are.
  const fetching = new Set<string>();
  const unsubscribeJoins = watch
    ? ctx.store.subscribe((s) => {
        const l = listOf(s);
        if (!l || disposed) return;
        const missing = l.cids.filter((cid) => !ctx.watched.has(cid) && !fetching.has(cid));
        if (missing.length === 0) return;
        for (const cid of missing) fetching.add(cid);
        const before = s.channels;
        ctx
          .api('QueryChannels')
          .queryChannels({ filter_conditions: { cid: { $in: missing } }, limit: missing.length, state: true, watch: true, message_limit: messageLimit })
          .then((res) => {
            for (const cid of missing) ctx.watched.add(cid);
            if (!disposed) ctx.store.dispatch({ type: 'channels/hydrated', channels: res.channels, messageLimit, before });
          })
          .catch((e: unknown) => ctx.report(e, 'QueryChannels'))
          .finally(() => {
            for (const cid of missing) fetching.delete(cid);
          });
      })
    : () => undefined;

  let lastSummaries: readonly ChannelSummary[] = NO_CHANNELS;
  const list: ChannelList = {
    channels$: ctx.store.state$.pipe(
      map((s) => {
        const l = listOf(s);
        if (!l) return NO_CHANNELS;
        const out: ChannelSummary[] = [];
        for (const cid of l.cids) {
          const ch = tableGet(s.channels, cid);
          if (ch) out.push(selectChannelSummary(ch));
        }
        if (shallowArrayEqual(out, lastSummaries)) return lastSummaries;
        lastSummaries = out;
        return out;
      }),
      distinctUntilChanged(),
    ),
    status$: ctx.store.state$.pipe(
      map(listOf),
      distinctUntilChanged(),
      map((l): ChannelListStatus => {
        const status: ChannelListStatus = { loading: l?.loading ?? false, hasMore: l?.hasMore ?? false };
        if (l?.error && lastError) status.error = lastError;
        return status;
      }),
      distinctUntilChanged(shallowEqual),
    ),
    loadMore: () => run(false),
    refresh: () => run(true),
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribeJoins();
      ctx.store.dispatch({ type: 'channelList/disposed', key });
      onDispose(list);
    },
  };
  return list;
}
