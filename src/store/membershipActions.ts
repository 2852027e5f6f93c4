// REST answers of channel management and member queries (the handles' calls and client.api):
// member lists, the members an UpdateChannel answer names, and the channel a truncate or
// delete answer returns. Each goes through the same reducers as the event it mirrors
// (channel.truncated, channel.deleted), so the answer and its event, in either order, leave
// the same state.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelMemberResponse, ChannelResponse } from '../models/generated/types.ts';
import type { ChatState, StoredError } from './state.ts';
import { channelDraft, type ReducerContext } from './context.ts';
import { deleteChannel, truncateChannel } from './channels.ts';
import { removeMember, setMember } from './members.ts';
import { placeInLists, removeFromLists } from './channelLists.ts';
import { memberListDisposed, memberListFailed, memberListLoaded, memberListRequested, memberListsOnMember, memberListsOnRemoved } from './memberLists.ts';
import { tableGet } from './table.ts';

export type MembershipAction =
  | { type: 'memberList/requested'; key: string; cid: string; filter: Readonly<Record<string, unknown>>; reset: boolean }
  | { type: 'memberList/loaded'; key: string; members: readonly ChannelMemberResponse[]; offset: number; limit: number }
  | { type: 'memberList/failed'; key: string; error: StoredError }
  | { type: 'memberList/disposed'; key: string }
  /** An UpdateChannel answer: the members it lists are held (added or replaced), `removed` are gone. */
  | { type: 'members/changed'; cid: string; members: readonly ChannelMemberResponse[]; removed: readonly string[] }
  /** A TruncateChannel answer, as channel.truncated. */
  | { type: 'channel/truncated'; channel: ChannelResponse; at: number }
  /** A DeleteChannel answer, as channel.deleted. */
  | { type: 'channel/deleted'; channel: ChannelResponse; at: number };

function asEvent(type: string, channel: ChannelResponse, at: number): ChatEvent {
  return { type, created_at: at, custom: {}, cid: channel.cid, channel } as ChatEvent;
}

export function reduceMembership(state: ChatState, ctx: ReducerContext, action: MembershipAction): void {
  switch (action.type) {
    case 'memberList/requested':
      memberListRequested(state, action.key, action.cid, action.filter, action.reset);
      return;
    case 'memberList/loaded':
      memberListLoaded(state, action.key, action.members, action.offset, action.limit);
      return;
    case 'memberList/failed':
      memberListFailed(state, action.key, action.error);
      return;
    case 'memberList/disposed':
      memberListDisposed(state, action.key);
      return;
    case 'members/changed': {
      const ch = tableGet(state.channels, action.cid) ? channelDraft(state, ctx, action.cid) : undefined;
      if (!ch) return;
      for (const m of action.members) {
        const id = m.user_id ?? m.user?.id;
        if (!id) continue;
        const isNew = !ch.members[id];
        setMember(state, ch, m);
        memberListsOnMember(state, ch.cid, m, isNew);
      }
      for (const id of action.removed) {
        removeMember(state, ch, id);
        memberListsOnRemoved(state, ch.cid, id);
        if (id === state.me?.id) removeFromLists(state, ch.cid);
      }
      placeInLists(state, ch);
      return;
    }
    case 'channel/truncated': {
      const ch = channelDraft(state, ctx, action.channel.cid);
      if (ch) truncateChannel(state, ch, asEvent('channel.truncated', action.channel, action.at));
      return;
    }
    case 'channel/deleted': {
      const ch = channelDraft(state, ctx, action.channel.cid);
      if (ch) deleteChannel(state, ch, asEvent('channel.deleted', action.channel, action.at));
      removeFromLists(state, action.channel.cid);
      return;
    }
  }
}
