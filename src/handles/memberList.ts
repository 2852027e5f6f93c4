// A member query of one channel (QueryMembers), paged by offset: the page lives in the
// store (memberLists.ts), kept live by member.* and user.banned/unbanned events. Loads on
// first subscribe (API.md: the app never has to call load()).
import { defer, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { ChannelMemberResponse } from '../models/generated/types.ts';
import { shallowArrayEqual, shallowEqual } from '../store/selectors.ts';
import type { ChatState, MemberListState } from '../store/state.ts';
import type { ChatError } from '../transport/chatError.ts';
import { toStoredError, type ClientContext } from './clientContext.ts';
import { createLatestRun } from './latestRun.ts';

/** A sort as apps write it: `{ created_at: 1 }` or `[{ field, direction }]`. */
export type MemberSortInput = Record<string, 1 | -1> | ReadonlyArray<{ field: string; direction: 1 | -1 }>;

export interface MemberListOptions {
  /** Members per page (default 25; the service caps it at 300). */
  limit?: number;
}

export interface MemberListStatus {
  loading: boolean;
  hasMore: boolean;
  error?: ChatError;
}

export interface MemberList {
  /** The members loaded so far, in the server's order. */
  readonly members$: Observable<readonly ChannelMemberResponse[]>;
  readonly status$: Observable<MemberListStatus>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  /** Forget the list (it stops following events). */
  dispose(): void;
}

let seq = 0;
const NO_MEMBERS: readonly ChannelMemberResponse[] = Object.freeze([]);

export function createMemberList(
  ctx: ClientContext,
  type: string,
  id: string,
  filter: Record<string, unknown>,
  sortInput: MemberSortInput | undefined,
  options: MemberListOptions,
): MemberList {
  seq += 1;
  const key = `members-${seq}`;
  const cid = `${type}:${id}`;
  const limit = options.limit ?? 25;
  const sort = !sortInput ? [] : Array.isArray(sortInput) ? [...sortInput] : Object.entries(sortInput).map(([field, direction]) => ({ field, direction }));
  const loads = createLatestRun();
  let lastError: ChatError | undefined;
  let started = false;
  let disposed = false;
  const listOf = (s: ChatState): MemberListState | undefined => s.memberLists[key];

  async function load(reset: boolean): Promise<void> {
    if (disposed) return;
    const list = listOf(ctx.store.getState());
    if (!reset && list && (!list.hasMore || list.loading)) return loads.current;
    const offset = reset || !list ? 0 : list.offset;
    ctx.store.dispatch({ type: 'memberList/requested', key, cid, filter, reset });
    try {
      const res = await ctx.api('QueryMembers').queryMembers({
        payload: { type, id, filter_conditions: filter, limit, offset, ...(sort.length ? { sort } : {}) },
      });
      lastError = undefined;
      if (!disposed) ctx.store.dispatch({ type: 'memberList/loaded', key, members: res.members, offset, limit });
    } catch (e) {
      const error = ctx.report(e, 'QueryMembers');
      lastError = error;
      if (!disposed) ctx.store.dispatch({ type: 'memberList/failed', key, error: toStoredError(error) });
      throw error;
    }
  }

  const run = (reset: boolean) => loads.run(() => load(reset));

  function start(): void {
    if (started || disposed) return;
    started = true;
    run(true).catch(() => undefined);
  }

  let last: readonly ChannelMemberResponse[] = NO_MEMBERS;
  const members$ = defer(() => {
    start();
    return ctx.store.state$;
  }).pipe(
    map((s) => {
      const l = listOf(s);
      if (!l) return NO_MEMBERS;
      const out: ChannelMemberResponse[] = [];
      for (const uid of l.ids) {
        const m = l.members[uid];
        if (m) out.push(m);
      }
      if (shallowArrayEqual(out, last)) return last;
      last = out;
      return out;
    }),
    distinctUntilChanged(),
  );

  const status$ = defer(() => {
    start();
    return ctx.store.state$;
  }).pipe(
    map(listOf),
    distinctUntilChanged(),
    map((l): MemberListStatus => {
      const status: MemberListStatus = { loading: l?.loading ?? !started, hasMore: l?.hasMore ?? true };
      if (l?.error && lastError) status.error = lastError;
      return status;
    }),
    distinctUntilChanged(shallowEqual),
  );

  return {
    members$,
    status$,
    loadMore: () => {
      if (!started) {
        start();
        return loads.current ?? Promise.resolve();
      }
      return run(false);
    },
    refresh: () => {
      started = true;
      return run(true);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      ctx.store.dispatch({ type: 'memberList/disposed', key });
    },
  };
}
