// The votes of a poll, paged (QueryPollVotes with the server's `next` cursor), held in the
// store and kept live by the poll's vote events (src/store/pollVoteLists.ts). Loads on
// first subscribe.
import { defer, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { PollVoteResponseData, SortParamRequest } from '../models/generated/types.ts';
import type { ChatState, PollVoteListState } from '../store/state.ts';
import { shallowEqual } from '../store/selectors.ts';
import type { ChatError } from '../transport/chatError.ts';
import { toStoredError, type ClientContext } from './clientContext.ts';
import { createLatestRun } from './latestRun.ts';

export interface PollVoteListOptions {
  /** Votes per page (default 25). */
  limit?: number;
  sort?: SortParamRequest[];
}

export interface PollVoteListStatus {
  loading: boolean;
  hasMore: boolean;
  error?: ChatError;
}

export interface PollVoteList {
  readonly votes$: Observable<readonly PollVoteResponseData[]>;
  readonly status$: Observable<PollVoteListStatus>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  dispose(): void;
}

const NO_VOTES: readonly PollVoteResponseData[] = Object.freeze([]);
let listSeq = 0;

export function createPollVoteList(ctx: ClientContext, pollId: string, filter: Record<string, unknown>, options: PollVoteListOptions): PollVoteList {
  listSeq += 1;
  const key = `pollVotes-${listSeq}`;
  const limit = options.limit ?? 25;
  const loads = createLatestRun();
  let lastError: ChatError | undefined;
  let disposed = false;
  let started = false;
  const listOf = (s: ChatState): PollVoteListState | undefined => s.pollVoteLists[key];

  async function load(reset: boolean): Promise<void> {
    if (disposed) return;
    const list = listOf(ctx.store.getState());
    if (!reset && list && (!list.hasMore || list.loading)) return loads.current;
    const next = reset ? null : (list?.next ?? null);
    ctx.store.dispatch({ type: 'pollVotes/requested', key, pollId, filter, reset });
    const body: { limit: number; filter?: Record<string, unknown>; next?: string; sort?: SortParamRequest[] } = { limit };
    if (Object.keys(filter).length > 0) body.filter = filter;
    if (next !== null) body.next = next;
    if (options.sort) body.sort = options.sort;
    try {
      const res = await ctx.api('QueryPollVotes').queryPollVotes(pollId, body);
      if (disposed) return;
      lastError = undefined;
      ctx.store.dispatch({ type: 'pollVotes/loaded', key, votes: res.votes, next: res.next ?? null, reset: next === null });
    } catch (e) {
      const error = ctx.report(e, 'QueryPollVotes');
      lastError = error;
      if (!disposed) ctx.store.dispatch({ type: 'pollVotes/failed', key, error: toStoredError(error) });
      throw error;
    }
  }

  const run = (reset: boolean): Promise<void> => {
    started = true;
    return loads.run(() => load(reset));
  };
  /** The first subscriber starts the first page (a failure shows on status$ and errors$). */
  const kicked = <T>(source: Observable<T>): Observable<T> =>
    defer(() => {
      if (!started && !disposed) run(true).catch(() => undefined);
      return source;
    });

  const list: PollVoteList = {
    votes$: kicked(ctx.store.state$.pipe(map((s) => listOf(s)?.votes ?? NO_VOTES), distinctUntilChanged())),
    status$: kicked(
      ctx.store.state$.pipe(
        map(listOf),
        distinctUntilChanged(),
        map((l): PollVoteListStatus => {
          const status: PollVoteListStatus = { loading: l?.loading ?? !started, hasMore: l?.hasMore ?? true };
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
      ctx.store.dispatch({ type: 'pollVotes/disposed', key });
    },
  };
  return list;
}
