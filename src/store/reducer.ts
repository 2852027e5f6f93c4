// The one funnel: every change to state is an Action applied here, through one exhaustive
// switch (ARCHITECTURE.md "How data flows", step 2-3). Server events, REST results and
// local operations are all actions.
//
// The store's files import downward only (`node /work/shared/hooks/cycles.mjs src` prints
// nothing):
//   1. data: `state.ts` (every state type, pending operation records included), over the
//      structures `table`, `sortedIds`, `records`, and `peek`/`owned`/`freeze`/`deepEqual`;
//   2. domain reducers, each over the ones before it: `compact`, `messages`, `reads`,
//      `windows`, `channels`, `threads`, `threadLists`, `threadEvents`, `members`,
//      `channelLists`; the optimistic side: `reactionMath`, `optimisticMessages`,
//      `optimisticReads`, `pendingTable`, `pendingSends`, `pending`;
//   3. on top: `applyEvent` (server events), this switch, and `store.ts`.
import type { ChatEvent } from '../models/events.ts';
import type {
  ChannelMemberResponse,
  ChannelResponse,
  ChannelStateResponseFields,
  MessageResponse,
  OwnUserResponse,
  ThreadStateResponse,
  UserResponse,
  WrappedUnreadCountsResponse,
} from '../models/generated/types.ts';
import type { ChannelEntry, ChatState, StoredError } from './state.ts';
import { initialState } from './state.ts';
import { channelDraft, ensureChannel, type ReducerContext } from './context.ts';
import { applyEvent, updateUser } from './applyEvent.ts';
import { hydrateChannel, updateChannelData } from './channels.ts';
import { listDisposed, listFailed, listLoaded, listRequested, placeInLists } from './channelLists.ts';
import type { ChannelSort } from './channelFilter.ts';
import { setMember, typingExpire } from './members.ts';
import { applyAroundPages, applyNewerPage, applyOlderPage, viewLatest } from './windows.ts';
import { addNewMessage, latestWindowIndex, removeHardDeleted, updateHeldMessage } from './messages.ts';
import { readsOnRead } from './reads.ts';
import { applyUnreadCounts } from './unreadCounts.ts';
import { applyRecovered, applyRereadPage, type RereadSpan, type RereadTarget } from './reread.ts';
import type { IdPosition } from './sortedIds.ts';
import { tableGet, type Table } from './table.ts';
import { deepEqual } from './deepEqual.ts';
import { applyReplyPage, ensureThread, hydrateThread, setThreadRead, setThreadUnread, startThread, threadOf, type ReplyPage } from './threads.ts';
import { dropThread, threadOnHardDelete, threadOnMessageChanged, threadOnNewReply, threadOnReplyConfirmed } from './threadEvents.ts';
import { threadListDisposed, threadListFailed, threadListLoaded, threadListRequested } from './threadLists.ts';
import { expirePins } from './pins.ts';
import { searchDisposed, searchesOnMessage, searchesOnRemoved, searchFailed, searchLoaded, searchRequested } from './searches.ts';
import { reconcilePending, reduceOptimistic, type OptimisticAction } from './pending.ts';
import { reduceAccount, type AccountAction } from './account.ts';
import { reducePagedList, type PagedListAction } from './pagedLists.ts';
import { reconcileChannelOps, reduceChannelOp, type ChannelOpAction } from './optimisticChannels.ts';
import { reduceMembership, type MembershipAction } from './membershipActions.ts';
import { reduceUpload, type UploadAction } from './uploads.ts';
import { reduceThreadPatch, type ThreadPatchAction } from './threadPatch.ts';
import { withHeldReminder } from './reminders.ts';
import { isPersonalAction, personalOnChannels, personalOnEvent, personalOnMessage, personalOnOp, personalOnThreads, reducePersonal, type PersonalAction } from './personal.ts';

export type Action =
  | { type: 'event'; event: ChatEvent }
  // `before`: the channels as held when the request left (see HydrateOptions.before).
  | { type: 'channels/hydrated'; channels: readonly ChannelStateResponseFields[]; messageLimit: number; before?: Table<ChannelEntry> }
  | { type: 'channelList/requested'; key: string; filter: Readonly<Record<string, unknown>>; sort: ChannelSort; reset: boolean }
  | { type: 'channelList/loaded'; key: string; channels: readonly ChannelStateResponseFields[]; offset: number; limit: number; messageLimit: number; before?: Table<ChannelEntry> }
  | { type: 'channelList/failed'; key: string; error: StoredError }
  | { type: 'channelList/disposed'; key: string }
  | { type: 'messages/loading'; cid: string; direction: 'older' | 'newer'; loading: boolean }
  | { type: 'messages/paged'; cid: string; direction: 'older' | 'newer'; window: number; messages: readonly MessageResponse[]; limit: number }
  | { type: 'messages/around'; cid: string; older: readonly MessageResponse[]; olderLimit: number; newer: readonly MessageResponse[]; newerLimit: number }
  | { type: 'messages/viewLatest'; cid: string }
  | { type: 'messages/reread'; cid: string; target: RereadTarget; direction: 'older' | 'newer'; bound: IdPosition | null; messages: readonly MessageResponse[]; limit: number }
  | { type: 'messages/recovered'; cid: string; latestFrom: IdPosition | null; current: RereadSpan | null }
  | { type: 'messages/viewWindow'; cid: string; window: number }
  | { type: 'message/stored'; cid: string; message: MessageResponse }
  | { type: 'message/removed'; cid: string; messageId: string }
  /** A REST copy of a message (an API answer): replaces the held one; adds nothing. */
  | { type: 'message/refreshed'; cid: string; message: MessageResponse }
  /** Channel data from an API answer (an update): replaces the held channel's data. */
  | { type: 'channel/updated'; channel: ChannelResponse }
  /** Users from an API answer (a query, an update): merged into the user table. */
  | { type: 'users/fetched'; users: readonly UserResponse[] }
  /** Members from an API answer (a member query, a member update): replace held members and the own membership; add none. */
  | { type: 'members/fetched'; cid: string; members: readonly ChannelMemberResponse[] }
  | { type: 'read/marked'; cid: string; userId: string; at: number }
  | { type: 'me/set'; me: OwnUserResponse }
  | { type: 'unread/fetched'; counts: WrappedUnreadCountsResponse }
  | { type: 'typing/expired'; cid: string; key: string; at: number }
  | { type: 'threads/hydrated'; threads: readonly ThreadStateResponse[]; replyLimit: number }
  | { type: 'thread/started'; parent: MessageResponse }
  | { type: 'thread/removed'; parentId: string }
  | { type: 'thread/loading'; parentId: string; direction: 'older' | 'newer'; loading: boolean }
  | { type: 'thread/replies'; parentId: string; cid: string; page: ReplyPage }
  | { type: 'thread/read'; parentId: string; userId: string; at: number }
  | { type: 'threadList/requested'; key: string; filter: Readonly<Record<string, unknown>>; reset: boolean }
  | { type: 'threadList/loaded'; key: string; threads: readonly ThreadStateResponse[]; reset: boolean; next: string | null; replyLimit: number }
  | { type: 'threadList/failed'; key: string; error: StoredError }
  | { type: 'threadList/disposed'; key: string }
  | { type: 'state/reset' }
  /** Move the unread totals by these amounts (markAllRead's share of channels not held; src/handles/markAllRead.ts). */
  | { type: 'unread/adjusted'; messages: number; channels: number }
  | { type: 'search/requested'; key: string; reset: boolean }
  | { type: 'search/loaded'; key: string; messages: readonly MessageResponse[]; next: string | null; reset: boolean }
  | { type: 'search/failed'; key: string; error: StoredError }
  | { type: 'search/disposed'; key: string }
  /** Pins of the channel due by `at` end (the client's expiry timer; src/store/pins.ts). */
  | { type: 'pins/expired'; cid: string; at: number }
  | UploadAction
  | ThreadPatchAction
  | OptimisticAction
  | AccountAction
  | PagedListAction
  | ChannelOpAction
  | MembershipAction
  | PersonalAction;

/** Apply one action to the drafted state. */
export function reduce(state: ChatState, action: Action, ctx: ReducerContext): void {
  reduceAction(state, action, ctx);
  // Searches hold their own copies of found messages: REST copies reach them too.
  if (action.type === 'message/stored' || action.type === 'message/refreshed') searchesOnMessage(state, action.message, false, false);
  else if (action.type === 'message/removed') searchesOnRemoved(state, action.messageId);
  // Pending optimistic operations are checked against what the action changed.
  reconcilePending(state, ctx, action);
  if (!action.type.startsWith('channelOp/')) reconcileChannelOps(state, ctx, action.type === 'event' ? action.event : undefined);
}

function reduceAction(state: ChatState, action: Action, ctx: ReducerContext): void {
  if (isPersonalAction(action)) {
    reducePersonal(state, ctx, action);
    return;
  }
  switch (action.type) {
    case 'event': {
      const ev = withHeldReminder(state, action.event);
      applyEvent(state, ctx, ev);
      personalOnEvent(state, ctx, ev);
      return;
    }
    case 'channels/hydrated':
      for (const c of action.channels) {
        const ch = hydrateChannel(state, ctx, c, action.before ? { messageLimit: action.messageLimit, before: action.before } : { messageLimit: action.messageLimit });
        if (ch) placeInLists(state, ch);
      }
      personalOnChannels(state, ctx, action.channels);
      return;
    case 'channelList/requested':
      listRequested(state, action.key, action.filter, action.sort, action.reset);
      return;
    case 'channelList/loaded':
      listLoaded(state, ctx, action.key, action.channels, action);
      personalOnChannels(state, ctx, action.channels);
      return;
    case 'channelList/failed':
      listFailed(state, action.key, action.error);
      return;
    case 'channelList/disposed':
      listDisposed(state, action.key);
      return;
    case 'messages/loading': {
      const ch = channelDraft(state, ctx, action.cid);
      if (!ch) return;
      if (action.direction === 'older') ch.loadingOlder = action.loading;
      else ch.loadingNewer = action.loading;
      return;
    }
    case 'messages/paged': {
      const ch = channelDraft(state, ctx, action.cid);
      if (!ch) return;
      if (action.direction === 'older') {
        ch.loadingOlder = false;
        applyOlderPage(ch, action.window, action.messages, action.limit, ctx.windowCap);
      } else {
        ch.loadingNewer = false;
        applyNewerPage(ch, action.window, action.messages, action.limit, ctx.windowCap);
      }
      return;
    }
    case 'messages/around': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch) applyAroundPages(ch, action.older, action.olderLimit, action.newer, action.newerLimit, ctx.windowCap);
      return;
    }
    case 'messages/reread': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch) applyRereadPage(ch, action.target, action.direction, action.bound, action.messages, action.limit, ctx.windowCap);
      return;
    }
    case 'messages/recovered': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch) applyRecovered(ch, action.latestFrom, action.current);
      return;
    }
    case 'messages/viewLatest': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch && ch.current !== latestWindowIndex(ch)) viewLatest(ch);
      return;
    }
    case 'messages/viewWindow': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch && action.window >= 0 && action.window < ch.windows.length && ch.current !== action.window) ch.current = action.window;
      return;
    }
    case 'message/stored':
      storeRestMessage(state, ctx, action.cid, action.message);
      personalOnMessage(state, ctx, action.message);
      return;
    case 'message/refreshed': {
      const held = tableGet(state.channels, action.cid);
      if (held && tableGet(held.messages, action.message.id)) storeRestMessage(state, ctx, action.cid, action.message);
      personalOnMessage(state, ctx, action.message);
      return;
    }
    case 'channel/updated':
      if (tableGet(state.channels, action.channel.cid)) updateChannelData(state, ctx, action.channel);
      return;
    case 'members/fetched': {
      // A member query is a filtered page: a member not held is not added (member_count and
      // the held list stay as the channel's state has them).
      const ch = tableGet(state.channels, action.cid) ? channelDraft(state, ctx, action.cid) : undefined;
      if (!ch) return;
      for (const m of action.members) {
        const id = m.user_id ?? m.user?.id;
        if (id && ch.members[id]) setMember(state, ch, m);
        else if (id && id === state.me?.id && !deepEqual(ch.membership, m)) ch.membership = m;
      }
      // The own membership (pinned, archived) places the channel in lists.
      placeInLists(state, ch);
      return;
    }
    case 'users/fetched':
      for (const u of action.users) updateUser(state, u);
      return;
    case 'message/removed': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch) threadOnHardDelete(state, ch, removeHardDeleted(ch, action.messageId), action.messageId);
      return;
    }
    case 'read/marked': {
      const ch = channelDraft(state, ctx, action.cid);
      const user = state.me;
      if (ch && user && user.id === action.userId) {
        readsOnRead(state, ch, { type: 'notification.mark_read', created_at: action.at, custom: {}, cid: action.cid, user: user as unknown as UserResponse });
      }
      return;
    }
    case 'me/set':
      applyEvent(state, ctx, { type: 'health.check', created_at: ctx.now, custom: {}, me: action.me });
      return;
    case 'unread/fetched': {
      applyUnreadCounts(state, ctx, action.counts);
      return;
    }
    case 'typing/expired': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch) typingExpire(ch, action.key, action.at);
      return;
    }
    case 'threads/hydrated':
      for (const t of action.threads) hydrateThread(state, ctx, t, action.replyLimit);
      personalOnThreads(state, action.threads);
      return;
    case 'thread/started':
      startThread(state, ctx, action.parent);
      return;
    case 'thread/removed':
      dropThread(state, action.parentId);
      return;
    case 'thread/loading': {
      const thread = threadOf(state, action.parentId);
      if (!thread) return;
      if (action.direction === 'older') thread.loadingOlder = action.loading;
      else thread.loadingNewer = action.loading;
      return;
    }
    case 'thread/replies': {
      const ch = ensureChannel(state, ctx, action.cid);
      if (ch) applyReplyPage(ensureThread(state, action.parentId, action.cid), ch, action.page);
      return;
    }
    case 'thread/read': {
      const thread = threadOf(state, action.parentId);
      const me = state.me;
      if (!thread || !me || me.id !== action.userId) return;
      if (setThreadRead(thread, me as unknown as UserResponse, action.at, undefined)) setThreadUnread(state, thread, 0, true);
      return;
    }
    case 'threadList/requested':
      threadListRequested(state, action.key, action.filter, action.reset);
      return;
    case 'threadList/loaded':
      threadListLoaded(state, ctx, action.key, action.threads, action);
      personalOnThreads(state, action.threads);
      return;
    case 'threadList/failed':
      threadListFailed(state, action.key, action.error);
      return;
    case 'threadList/disposed':
      threadListDisposed(state, action.key);
      return;
    case 'unread/adjusted': {
      const totals = state.unread;
      const messages = Math.max(0, totals.totalMessages + action.messages);
      const channels = Math.max(0, totals.channels + action.channels);
      if (messages !== totals.totalMessages) totals.totalMessages = messages;
      if (channels !== totals.channels) totals.channels = channels;
      return;
    }
    case 'search/requested':
      searchRequested(state, action.key, action.reset);
      return;
    case 'search/loaded':
      searchLoaded(state, action.key, action.messages, action.next, action.reset);
      return;
    case 'search/failed':
      searchFailed(state, action.key, action.error);
      return;
    case 'search/disposed':
      searchDisposed(state, action.key);
      return;
    case 'pins/expired': {
      const ch = tableGet(state.channels, action.cid) ? channelDraft(state, ctx, action.cid) : undefined;
      if (ch) expirePins(ch, action.at);
      return;
    }
    case 'state/reset':
      Object.assign(state, initialState());
      // Every held entry is gone: no cached draft of one may be handed out again.
      ctx.drafts?.clear();
      return;
    case 'upload/progress':
    case 'upload/settled':
      reduceUpload(state, ctx, action);
      return;
    case 'thread/patched':
    case 'thread/unpatched':
    case 'thread/updated':
      reduceThreadPatch(state, ctx, action);
      return;
    case 'op/started':
    case 'op/phase':
    case 'op/succeeded':
    case 'op/failed':
    case 'op/retried':
      personalOnOp(state, action);
      reduceOptimistic(state, ctx, action);
      return;
    case 'profile/updating':
    case 'profile/updated':
    case 'profile/failed':
    case 'block/changing':
    case 'block/settled':
    case 'block/failed':
    case 'blocks/fetched':
    case 'push/fetched':
      reduceAccount(state, ctx, action);
      return;
    case 'paged/requested':
    case 'paged/loaded':
    case 'paged/failed':
    case 'paged/disposed':
      reducePagedList(state, action);
      return;
    case 'channelOp/started':
    case 'channelOp/succeeded':
    case 'channelOp/failed':
      reduceChannelOp(state, ctx, action);
      return;
    case 'memberList/requested':
    case 'memberList/loaded':
    case 'memberList/failed':
    case 'memberList/disposed':
    case 'members/changed':
    case 'channel/truncated':
    case 'channel/deleted':
      reduceMembership(state, ctx, action);
      return;
  }
  const exhaustive: never = action;
  return exhaustive;
}

/**
 * A message returned by a REST write (send, update, delete, react): the same reducers as
 * its WebSocket echo, so whichever arrives first wins and the second changes nothing.
 */
function storeRestMessage(state: ChatState, ctx: ReducerContext, cid: string, message: MessageResponse): void {
  const ch = channelDraft(state, ctx, cid);
  if (!ch) return;
  const prev = tableGet(ch.messages, message.id);
  if (prev) {
    updateHeldMessage(ch, message);
    // The answer to a reply shown optimistically: the server confirmed it, so it counts.
    if (prev.status !== 'received') threadOnReplyConfirmed(state, ch, message);
    else threadOnMessageChanged(state, ch, prev, message);
    return;
  }
  addNewMessage(ch, message, ctx.windowCap);
  threadOnNewReply(state, ch, message, undefined);
  // An ephemeral message (a giphy preview) is the sender's alone: the channel's activity stays.
  if (ch.data && (ch.data.last_message_at ?? -Infinity) < message.created_at && !message.parent_id && message.type !== 'ephemeral') {
    ch.data.last_message_at = message.created_at;
    placeInLists(state, ch);
  }
}
