// Moderation as a user sees it: blocking other users (optimistic, the overlay of
// src/store/account.ts) and the moderators' lists of bans and flags.
import { type Observable } from 'rxjs';
import type { BanResponse, MessageFlagResponse, UserResponse } from '../models/generated/types.ts';
import { selectBlockedUserIds } from '../store/account.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import type { ClientContext } from './clientContext.ts';
import { createPagedQuery, sortParams, type PagedStatus, type SortInput } from './pagedQuery.ts';

export interface PagedListOptions {
  /** Items per page (default 25). */
  limit?: number;
  sort?: SortInput;
}

export interface BannedUserList {
  readonly bans$: Observable<readonly BanResponse[]>;
  readonly status$: Observable<PagedStatus>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  dispose(): void;
}

export interface MessageFlagList {
  readonly flags$: Observable<readonly MessageFlagResponse[]>;
  readonly status$: Observable<PagedStatus>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  dispose(): void;
}

export interface ModerationApi {
  /**
   * Block a user: shown in blockedUsers$ at once, taken back if the server refuses. As the
   * service does, the one-to-one channel with that user is hidden from you (it leaves
   * channel lists); group channels are unaffected.
   */
  blockUser(userId: string): Promise<void>;
  unblockUser(userId: string): Promise<void>;
  /** Ids of the users you blocked (pending blocks included). */
  readonly blockedUsers$: Observable<readonly string[]>;
  /** Bans you may see (a moderator's list), paged; loads on first subscribe. */
  queryBannedUsers(filter?: Record<string, unknown>, options?: PagedListOptions): BannedUserList;
  /** Flagged messages (a moderator's list), paged; loads on first subscribe. */
  queryMessageFlags(filter?: Record<string, unknown>, options?: PagedListOptions): MessageFlagList;
}

const NO_ITEMS: readonly never[] = Object.freeze([]);
let opSeq = 0;

function usersOf(items: ReadonlyArray<{ user?: UserResponse | undefined }>): UserResponse[] {
  return items.flatMap((i) => (i.user ? [i.user] : []));
}

export function createModerationApi(ctx: ClientContext): ModerationApi {
  async function changeBlock(userId: string, blocked: boolean): Promise<void> {
    const endpoint = blocked ? 'BlockUsers' : 'UnblockUsers';
    if (typeof userId !== 'string' || userId === '') {
      throw ctx.report(new ChatError({ message: `${blocked ? 'blockUser' : 'unblockUser'} needs a user id`, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false }), endpoint);
    }
    let api: ReturnType<ClientContext['api']>;
    try {
      api = ctx.api(endpoint);
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
    opSeq += 1;
    const opId = `block-${opSeq}`;
    ctx.store.dispatch({ type: 'block/changing', opId, userId, blocked });
    try {
      if (blocked) await api.blockUsers({ blocked_user_id: userId });
      else await api.unblockUsers({ blocked_user_id: userId });
      ctx.store.dispatch({ type: 'block/settled', opId, userId, blocked });
    } catch (e) {
      ctx.store.dispatch({ type: 'block/failed', opId });
      throw ctx.report(e, endpoint);
    }
  }

  return {
    blockUser: (userId) => changeBlock(userId, true),
    unblockUser: (userId) => changeBlock(userId, false),
    blockedUsers$: ctx.store.select(selectBlockedUserIds),

    queryBannedUsers(filter = {}, options = {}) {
      const limit = options.limit ?? 25;
      const q = createPagedQuery(ctx, 'bans', 'QueryBannedUsers', limit, async (offset, pageLimit) => {
        const payload: Record<string, unknown> = { filter_conditions: filter, limit: pageLimit, offset };
        const s = sortParams(options.sort);
        if (s) payload['sort'] = s;
        const res = await ctx.api('QueryBannedUsers').queryBannedUsers({ payload: payload as never });
        return { items: res.bans, itemUsers: usersOf(res.bans) };
      });
      return {
        bans$: q.list$((_s, l) => (l?.items.length ? (l.items as readonly BanResponse[]) : NO_ITEMS)),
        status$: q.status$,
        loadMore: q.loadMore,
        refresh: q.refresh,
        dispose: q.dispose,
      };
    },

    queryMessageFlags(filter = {}, options = {}) {
      const limit = options.limit ?? 25;
      const q = createPagedQuery(ctx, 'flags', 'QueryMessageFlags', limit, async (offset, pageLimit) => {
        const payload: Record<string, unknown> = { filter_conditions: filter, limit: pageLimit, offset };
        const s = sortParams(options.sort);
        if (s) payload['sort'] = s;
        const res = await ctx.api('QueryMessageFlags').queryMessageFlags({ payload: payload as never });
        return { items: res.flags, itemUsers: usersOf(res.flags) };
      });
      return {
        flags$: q.list$((_s, l) => (l?.items.length ? (l.items as readonly MessageFlagResponse[]) : NO_ITEMS)),
        status$: q.status$,
        loadMore: q.loadMore,
        refresh: q.refresh,
        dispose: q.dispose,
      };
    },
  };
}
