// The one funnel: every change to state is an Action applied here, through one exhaustive
// switch (ARCHITECTURE.md "How data flows", step 2-3). Server events, REST results and
// local operations are all actions.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelStateResponse, MessageResponse, OwnUserResponse, WrappedUnreadCountsResponse } from '../models/generated/types.ts';
import type { ChatState, StoredError } from './state.ts';
import { initialState } from './state.ts';
import { channelDraft, type ReducerContext } from './context.ts';
import { applyEvent } from './applyEvent.ts';
import { hydrateChannel } from './channels.ts';
import { listDisposed, listFailed, listLoaded, listRequested, placeInLists } from './channelLists.ts';
import type { ChannelSort } from './channelFilter.ts';
import { typingExpire } from './members.ts';
import { applyAroundPages, applyNewerPage, applyOlderPage, viewLatest } from './windows.ts';
import { latestWindowIndex } from './messages.ts';

export type Action =
  | { type: 'event'; event: ChatEvent }
  | { type: 'channels/hydrated'; channels: readonly ChannelStateResponse[]; messageLimit: number }
  | { type: 'channelList/requested'; key: string; filter: Readonly<Record<string, unknown>>; sort: ChannelSort; reset: boolean }
  | { type: 'channelList/loaded'; key: string; channels: readonly ChannelStateResponse[]; offset: number; limit: number; messageLimit: number }
  | { type: 'channelList/failed'; key: string; error: StoredError }
  | { type: 'channelList/disposed'; key: string }
  | { type: 'messages/loading'; cid: string; direction: 'older' | 'newer'; loading: boolean }
  | { type: 'messages/paged'; cid: string; direction: 'older' | 'newer'; window: number; messages: readonly MessageResponse[]; limit: number }
  | { type: 'messages/around'; cid: string; older: readonly MessageResponse[]; olderLimit: number; newer: readonly MessageResponse[]; newerLimit: number }
  | { type: 'messages/viewLatest'; cid: string }
  | { type: 'me/set'; me: OwnUserResponse }
  | { type: 'unread/fetched'; counts: WrappedUnreadCountsResponse }
  | { type: 'typing/expired'; cid: string; key: string; at: number }
  | { type: 'state/reset' };

/** Apply one action to the drafted state. */
export function reduce(state: ChatState, action: Action, ctx: ReducerContext): void {
  switch (action.type) {
    case 'event':
      applyEvent(state, ctx, action.event);
      return;
    case 'channels/hydrated':
      for (const c of action.channels) {
        const ch = hydrateChannel(state, ctx, c, { messageLimit: action.messageLimit });
        if (ch) placeInLists(state, ch);
      }
      return;
    case 'channelList/requested':
      listRequested(state, action.key, action.filter, action.sort, action.reset);
      return;
    case 'channelList/loaded':
      listLoaded(state, ctx, action.key, action.channels, action);
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
    case 'messages/viewLatest': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch && ch.current !== latestWindowIndex(ch)) viewLatest(ch);
      return;
    }
    case 'me/set':
      applyEvent(state, ctx, { type: 'health.check', created_at: ctx.now, custom: {}, me: action.me });
      return;
    case 'unread/fetched': {
      const c = action.counts;
      state.unread.totalMessages = c.total_unread_count;
      state.unread.channels = c.channels.filter((x) => x.unread_count > 0).length;
      state.unread.threads = c.total_unread_threads_count;
      for (const u of c.channels) {
        const ch = channelDraft(state, ctx, u.channel_id);
        if (ch && ch.unread.messages !== u.unread_count) ch.unread.messages = u.unread_count;
      }
      return;
    }
    case 'typing/expired': {
      const ch = channelDraft(state, ctx, action.cid);
      if (ch) typingExpire(ch, action.key, action.at);
      return;
    }
    case 'state/reset':
      Object.assign(state, initialState());
      return;
  }
  const exhaustive: never = action;
  return exhaustive;
}
