// The event -> reducer table (PROTOCOL.md section 6): one exhaustive switch over the event
// types the store understands. Anything else changes no state; it is still delivered on
// the client's events$.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelMemberResponse, MessageResponse, OwnUserResponse, UserResponse } from '../models/generated/types.ts';
import type { ChannelData, ChannelEntry, ChatState } from './state.ts';
import { child, peek } from './peek.ts';
import { own } from './owned.ts';
import { channelDraft, ensureChannel, type ReducerContext } from './context.ts';
import { addNewMessage, removeHardDeleted, showsInChannel, updateHeldMessage } from './messages.ts';
import { applyServerTotals, readsOnMarkUnread, readsOnMessageChanged, readsOnNewMessage, readsOnRead, setChannelUnread } from './reads.ts';
import { deleteChannel, dropMessagesUpTo, setChannelData, toChannelData, truncateChannel, updateChannelData } from './channels.ts';
import { placeInLists, removeFromLists } from './channelLists.ts';
import { removeMember, setBanned, setMember, typingEndedBy, typingStart, typingStop, watchingStart, watchingStop } from './members.ts';
import { tableGet, tableSet, tableValues } from './table.ts';
import { memberListsOnBan, memberListsOnMember, memberListsOnRemoved } from './memberLists.ts';
import { syncChannelMutes } from './optimisticChannels.ts';
import { deepEqual } from './deepEqual.ts';
import { ownReactionsAfter } from './ownReactions.ts';
import { readsOnDelivered } from './delivery.ts';
import { searchesOnEvent } from './searches.ts';
import {
  receiveMessage,
  threadOnHardDelete,
  threadOnMarkUnread,
  threadOnMessageChanged,
  threadOnNotification,
  threadOnRead,
  threadOnUpdated,
} from './threadEvents.ts';
import { applyPollEvent, POLL_EVENT_TYPES } from './polls.ts';
import { applyPersonalEvent } from './personal.ts';

export const KNOWN_EVENT_TYPES = [
  'health.check',
  'message.new',
  'message.updated',
  'message.undeleted',
  'message.deleted',
  'message.read',
  'notification.mark_read',
  'notification.mark_unread',
  'notification.message_new',
  'notification.added_to_channel',
  'notification.removed_from_channel',
  'notification.channel_deleted',
  'notification.channel_truncated',
  'reaction.new',
  'reaction.updated',
  'reaction.deleted',
  'typing.start',
  'typing.stop',
  'member.added',
  'member.updated',
  'member.removed',
  'channel.updated',
  'channel.truncated',
  'channel.hidden',
  'channel.visible',
  'channel.deleted',
  'user.presence.changed',
  'user.updated',
  'user.watching.start',
  'user.watching.stop',
  'user.banned',
  'user.unbanned',
  'thread.updated',
  'notification.thread_message_new',
  'notification.channel_mutes_updated',
  'notification.mutes_updated',
  'message.delivered',
  ...POLL_EVENT_TYPES,
  'draft.updated',
  'draft.deleted',
  'reminder.created',
  'reminder.updated',
  'reminder.deleted',
  'notification.reminder_due',
] as const;

export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

// A Set: every event asks, and a scan of the list cost more the later its type is listed.
const KNOWN: ReadonlySet<string> = new Set(KNOWN_EVENT_TYPES);

function isKnown(type: string): type is KnownEventType {
  return KNOWN.has(type);
}

function cidOf(ev: ChatEvent): string | undefined {
  return ev.cid ?? ev.channel?.cid ?? ev.message?.cid ?? (ev.channel_type && ev.channel_id ? `${ev.channel_type}:${ev.channel_id}` : undefined);
}

function bumpLastMessage(ch: ChannelEntry, m: MessageResponse, ev: ChatEvent): void {
  const data = peek(peek(ch).data);
  if (!data || !showsInChannel(m) || m.shadowed) return;
  const at = ev.channel_last_message_at ?? m.created_at;
  // The channel's data copied once per burst and written in place (owned.ts), not drafted:
  // a proxy over its twenty-odd fields, finished again at the end of the burst, cost more
  // than the rest of the channel's first touch by a message.new.
  if ((data.last_message_at ?? -Infinity) < at) own<ChannelData>(ch, 'data').last_message_at = at;
}

function setMe(state: ChatState, me: OwnUserResponse): void {
  // Every health.check repeats `me`: only a changed copy may replace the held one.
  if (!deepEqual(state.me, me)) state.me = me;
  state.unread.totalMessages = me.total_unread_count;
  state.unread.channels = me.unread_channels;
  state.unread.threads = me.unread_threads;
  const byTeam = me.total_unread_count_by_team as Record<string, number> | undefined;
  if (byTeam && !deepEqual(state.unread.byTeam, byTeam)) state.unread.byTeam = byTeam;
  if (!deepEqual(tableGet(state.users, me.id), me)) tableSet(state.users, me.id, me as unknown as UserResponse);
}

/** Merge a user into the user table (and into `me` when it is the own user). */
export function updateUser(state: ChatState, user: UserResponse): void {
  const held = tableGet(state.users, user.id);
  const merged = { ...held, ...user };
  if (!deepEqual(held, merged)) tableSet(state.users, user.id, merged);
  if (state.me && state.me.id === user.id) {
    // A user copy (an event's, an update's answer) is not the own user: its blocked_user_ids
    // is not the own list (the service fills it only on the own user), so it is left out.
    const { blocked_user_ids: _blocked, ...fields } = user;
    const me = { ...state.me, ...(fields as Partial<OwnUserResponse>) };
    if (!deepEqual(state.me, me)) state.me = me;
  }
}

/**
 * Reactions: the message copy on the event wins, except own_reactions, which the client
 * keeps and moves only by the event's own reaction (ownReactions.ts).
 */
function applyReaction(state: ChatState, ch: ChannelEntry, ev: ChatEvent): void {
  const m = ev.message;
  if (!m) return;
  const meId = peek(peek(state).me)?.id;
  updateHeldMessage(ch, m, (held) => ownReactionsAfter(held, ev, m, meId));
}

/** Apply one event to the drafted state. */
export function applyEvent(state: ChatState, ctx: ReducerContext, ev: ChatEvent): void {
  if (!isKnown(ev.type)) return;
  const type: KnownEventType = ev.type;
  const cid = cidOf(ev);
  const ch = cid ? channelDraft(state, ctx, cid) : undefined;
  searchesOnEvent(state, ev);
  switch (type) {
    case 'health.check':
      if (ev.me) setMe(state, ev.me);
      return;
    case 'notification.channel_mutes_updated':
    case 'notification.mutes_updated':
      // The event's `me` carries the new channel_mutes / mutes and the totals the server
      // counts without muted channels (PROTOCOL.md section 6); local counting reads the
      // mutes from `me` from then on (reads.ts channelMuted, senderMuted).
      if (ev.me) {
        setMe(state, ev.me);
        if (type === 'notification.channel_mutes_updated') syncChannelMutes(state, ctx);
      }
      return;
    case 'message.new': {
      const m = ev.message;
      if (!ch || !m) {
        applyServerTotals(state, ev);
        return;
      }
      const isNew = receiveMessage(state, ch, m, ev, ctx.windowCap);
      bumpLastMessage(ch, m, ev);
      const sender = m.user?.id ?? ev.user?.id;
      if (sender) typingEndedBy(ch, sender, m.parent_id);
      // A thread-only reply moves neither the channel's reads nor its unread count. The
      // echo of an own message already held (the send's answer came first) still moves the
      // own read to it (PROTOCOL.md section 6): readsOnNewMessage counts nothing for an own
      // message, and a repeated echo finds the read already there.
      if (showsInChannel(m) && (isNew || m.user?.id === peek(peek(state).me)?.id)) readsOnNewMessage(state, ch, m, ev);
      else applyServerTotals(state, ev);
      placeInLists(state, ch);
      return;
    }
    case 'notification.message_new': {
      const target = ev.channel ? updateChannelData(state, ctx, ev.channel) : ch;
      if (!target) {
        applyServerTotals(state, ev);
        return;
      }
      assumeMembership(state, target, ev);
      if (ev.message) {
        const isNew = addNewMessage(target, ev.message, ctx.windowCap);
        bumpLastMessage(target, ev.message, ev);
        if (isNew) readsOnNewMessage(state, target, ev.message, ev);
        else applyServerTotals(state, ev);
      } else applyServerTotals(state, ev);
      placeInLists(state, target);
      return;
    }
    case 'message.updated':
    case 'message.undeleted':
    case 'message.deleted': {
      const m = ev.message;
      if (!ch || !m) return;
      const prev = tableGet(ch.messages, m.id);
      if (ev.hard_delete) {
        removeHardDeleted(ch, m.id);
        readsOnMessageChanged(state, ch, prev, undefined, ev);
        threadOnHardDelete(state, ch, prev, m.id, ev);
        return;
      }
      // The event's own_reactions mean nothing: ours stay as held (PROTOCOL.md section 6).
      const next = updateHeldMessage(ch, m, 'held');
      readsOnMessageChanged(state, ch, prev, next, ev);
      threadOnMessageChanged(state, ch, prev, m, ev);
      return;
    }
    case 'message.delivered':
      if (ch) readsOnDelivered(ch, ev);
      return;
    case 'message.read':
    case 'notification.mark_read':
      // A thread's read leaves the channel's read where it is.
      if (ev.thread || ev.thread_id) threadOnRead(state, ctx, ev);
      else if (ch) readsOnRead(state, ch, ev);
      else if (ev.type === 'notification.mark_read' && !cid && !ev.thread_id) markAllRead(state, ctx, ev);
      else applyServerTotals(state, ev);
      return;
    case 'notification.mark_unread':
      if (ev.thread_id) threadOnMarkUnread(state, ev);
      else if (ch) readsOnMarkUnread(state, ch, ev);
      else applyServerTotals(state, ev);
      return;
    case 'notification.added_to_channel': {
      // PROTOCOL.md section 6: the channel becomes known with the own user as a member, and
      // goes into the lists it now matches. The event's channel is the channel after the
      // add: its member_count already counts us, so the member goes in before the data.
      const target = cid ? ensureChannel(state, ctx, cid) : undefined;
      if (!target) return;
      if (ev.member) setMember(state, target, ev.member);
      if (ev.channel) updateChannelData(state, ctx, ev.channel);
      assumeMembership(state, target, ev);
      applyServerTotals(state, ev);
      placeInLists(state, target);
      return;
    }
    case 'notification.removed_from_channel':
      if (ch) {
        const id = ev.member?.user_id ?? ev.member?.user?.id ?? state.me?.id;
        if (id) removeMember(state, ch, id);
        setChannelUnread(state, ch, 0, 0, !applyServerTotals(state, ev));
      }
      if (cid) removeFromLists(state, cid);
      return;
    case 'channel.deleted':
    case 'notification.channel_deleted':
      if (ch) deleteChannel(state, ch, ev);
      applyServerTotals(state, ev);
      if (cid) removeFromLists(state, cid);
      return;
    case 'channel.truncated':
    case 'notification.channel_truncated':
      if (ch) truncateChannel(state, ch, ev);
      applyServerTotals(state, ev);
      return;
    case 'channel.updated':
      if (ev.channel && ch) {
        updateChannelData(state, ctx, ev.channel);
        placeInLists(state, ch);
      }
      return;
    case 'channel.hidden':
      if (ch?.data) {
        if (ch.data.hidden !== true) ch.data.hidden = true;
        if (ev.clear_history) dropMessagesUpTo(ch, ev.created_at);
      }
      if (cid) removeFromLists(state, cid);
      return;
    case 'channel.visible': {
      // Only the user who hid a channel hears it become visible (PROTOCOL.md section 6), and
      // a hidden channel is left out of channel queries, so the store may not hold it: an
      // event that carries the channel makes it known again, and lists that match get it.
      const target = ev.channel ? updateChannelData(state, ctx, { ...ev.channel, hidden: false }) : ch;
      if (!target?.data) return;
      if (!ev.channel) setChannelData(target, { ...target.data, hidden: false });
      assumeMembership(state, target, ev);
      placeInLists(state, target);
      return;
    }
    case 'reaction.new':
    case 'reaction.updated':
    case 'reaction.deleted':
      if (ch) applyReaction(state, ch, ev);
      return;
    case 'typing.start':
      if (ch) typingStart(state, ch, ev, ctx.now);
      return;
    case 'typing.stop':
      if (ch) typingStop(ch, ev);
      return;
    case 'member.added':
    case 'member.updated':
      if (ch && ev.member) {
        setMember(state, ch, ev.member);
        memberListsOnMember(state, ch.cid, ev.member, type === 'member.added');
        // Own membership changes (pinned, archived) move the channel in lists sorted or
        // filtered by them.
        if ((ev.member.user_id ?? ev.member.user?.id) === state.me?.id) placeInLists(state, ch);
      }
      return;
    case 'member.removed': {
      const id = ev.member?.user_id ?? ev.member?.user?.id ?? ev.user?.id;
      if (ch && id) {
        removeMember(state, ch, id);
        memberListsOnRemoved(state, ch.cid, id);
      }
      if (ch && id === state.me?.id && cid) removeFromLists(state, cid);
      return;
    }
    case 'user.watching.start':
      if (ch) watchingStart(ch, ev);
      return;
    case 'user.watching.stop':
      if (ch) watchingStop(ch, ev);
      return;
    case 'user.presence.changed':
    case 'user.updated':
      if (ev.user) updateUser(state, ev.user);
      return;
    case 'thread.updated':
      threadOnUpdated(state, ctx, ev);
      return;
    case 'notification.thread_message_new':
      threadOnNotification(state, ctx, ch, ev);
      return;
    case 'poll.updated':
    case 'poll.closed':
    case 'poll.deleted':
    case 'poll.vote_casted':
    case 'poll.vote_changed':
    case 'poll.vote_removed':
      applyPollEvent(state, ev);
      return;
    case 'draft.updated':
    case 'draft.deleted':
    case 'reminder.created':
    case 'reminder.updated':
    case 'reminder.deleted':
    case 'notification.reminder_due':
      applyPersonalEvent(state, ctx, ev);
      return;
    case 'user.banned':
    case 'user.unbanned': {
      const id = ev.user?.id ?? ev.user_id;
      if (ch && id) {
        setBanned(state, ch, id, type === 'user.banned', ev['shadow'] === true);
        memberListsOnBan(state, ch.cid, id, type === 'user.banned', ev['shadow'] === true);
      }
      // Without a channel the ban is app-wide: it is the user's own flag.
      else if (!cid && id && ev.user) updateUser(state, { ...ev.user, banned: type === 'user.banned' });
      return;
    }
  }
  const exhaustive: never = type;
  return exhaustive;
}

/**
 * Notifications go only to members (PROTOCOL.md section 6), so a channel first seen through
 * one has the own user as a member even though the event lists no members; the full
 * membership arrives when the channel is queried.
 */
function assumeMembership(state: ChatState, ch: ChannelEntry, ev: ChatEvent): void {
  const me = state.me;
  if (!me || ch.membership || ch.members[me.id]) return;
  const member: ChannelMemberResponse = {
    user_id: me.id,
    user: me as unknown as UserResponse,
    channel_role: 'channel_member',
    created_at: ev.created_at,
    updated_at: ev.created_at,
    banned: false,
    shadow_banned: false,
    notifications_muted: false,
    custom: {},
  };
  ch.membership = member;
  (ch.members as Record<string, ChannelMemberResponse>)[me.id] = member;
}

/** notification.mark_read without a cid: everything is read. */
function markAllRead(state: ChatState, ctx: ReducerContext, ev: ChatEvent): void {
  // O(channels held), for a user action that is about every channel by definition.
  for (const held of tableValues(state.channels)) {
    if (held.unread.messages === 0 && held.unread.mentions === 0) continue;
    const ch = channelDraft(state, ctx, held.cid);
    if (ch) setChannelUnread(state, ch, 0, 0, false);
  }
  if (!applyServerTotals(state, ev)) {
    state.unread.totalMessages = 0;
    state.unread.channels = 0;
  }
}
