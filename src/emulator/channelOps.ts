// Channel operations shared by several handlers: creation, membership, watching and the
// ChannelStateResponse a query returns.
import type { Backend } from './backend.ts';
import { emitChannelEvent, emitToUser } from './broadcast.ts';
import { formatTime } from './clock.ts';
import { inputError } from './errors.ts';
import type { Connection } from './hub.ts';
import { paginate, type PageParams } from './pagination.ts';
import { channelTypeRules } from './permissions.ts';
import { viewerDraft } from './personalViews.ts';
import { type ChannelRecord, type MemberRecord, type MessageRecord } from './state.ts';
import { channelEventBase, channelResponse, compact, isPinned, memberResponse, messageResponse, pushPreferencesOf, readStates, totalsFields, userById, type Json } from './views.ts';

export interface NewMember {
  user_id: string;
  channel_role?: string;
  custom?: Record<string, unknown>;
}

const ID_PATTERN = /^[\w!-]{1,64}$/;

/** Create a channel; the creator becomes its owner member. Validates before changing anything. */
export function createChannel(b: Backend, type: string, id: string, creatorId: string, members: NewMember[], custom: Record<string, unknown>, team?: string): ChannelRecord {
  channelTypeRules(type);
  if (!ID_PATTERN.test(id)) throw inputError(`channel id "${id}" may only contain letters, digits, "!", "-" and "_" (at most 64)`);
  b.requireUsersExist(members.map((m) => m.user_id));
  const now = b.now();
  const channel: ChannelRecord = {
    type, id, cid: `${type}:${id}`, custom: { ...custom }, created_by_id: creatorId, created_at: now, updated_at: now,
    frozen: false, disabled: false, filter_tags: [], members: new Map(), reads: new Map(), messageIds: [],
  };
  if (team !== undefined) channel.team = team;
  b.state.channels.set(channel.cid, channel);
  const all = members.some((m) => m.user_id === creatorId) ? members : [{ user_id: creatorId, channel_role: 'owner' }, ...members];
  for (const m of all) addMember(b, channel, m, now);
  b.changed();
  return channel;
}

/** Add one member (no events); their read position starts at the join time. */
export function addMember(b: Backend, channel: ChannelRecord, m: NewMember, now: number): MemberRecord {
  const existing = channel.members.get(m.user_id);
  if (existing) return existing;
  const member: MemberRecord = {
    user_id: m.user_id,
    channel_role: m.channel_role ?? (m.user_id === channel.created_by_id ? 'owner' : 'channel_member'),
    custom: { ...(m.custom ?? {}) },
    created_at: now,
    updated_at: now,
    notifications_muted: false,
    banned: false,
    shadow_banned: false,
    hidden: false,
  };
  channel.members.set(m.user_id, member);
  channel.reads.set(m.user_id, { last_read: now });
  return member;
}

/** Add members with their events: member.added to watchers, notification.added_to_channel to each new member. */
export function addMembersWithEvents(b: Backend, channel: ChannelRecord, list: NewMember[]): MemberRecord[] {
  const now = b.now();
  const added = list.filter((m) => !channel.members.has(m.user_id)).map((m) => addMember(b, channel, m, now));
  channel.updated_at = now;
  for (const member of added) {
    emitChannelEvent(b, channel, () => ({
      ...channelEventBase(channel, 'member.added', now),
      member: memberResponse(b, channel, member),
      user: userById(b, member.user_id),
    }));
    emitToUser(b, member.user_id, (uid) => ({
      ...channelEventBase(channel, 'notification.added_to_channel', now),
      channel: channelResponse(b, channel, uid),
      member: memberResponse(b, channel, member),
      ...totalsFields(b, uid),
    }));
  }
  b.changed();
  return added;
}

/**
 * Tell the members of a channel just created, other than its creator, that they were added:
 * they are members, not yet watchers, so the event is notification.added_to_channel, with
 * the channel (PROTOCOL.md section 6), and their channel lists learn of it at once.
 */
export function announceCreated(b: Backend, channel: ChannelRecord): void {
  const now = channel.created_at;
  for (const member of channel.members.values()) {
    if (member.user_id === channel.created_by_id) continue;
    emitToUser(b, member.user_id, (uid) => ({
      ...channelEventBase(channel, 'notification.added_to_channel', now),
      channel: channelResponse(b, channel, uid),
      member: memberResponse(b, channel, member),
      user: userById(b, uid),
      ...totalsFields(b, uid),
    }));
  }
}

/** Make `conn` watch the channel; tells the other watchers when the user starts watching. */
export function watchChannel(b: Backend, channel: ChannelRecord, conn: Connection): void {
  if (!b.hub.watch(conn, channel.cid)) return;
  const now = b.now();
  emitChannelEvent(b, channel, () => ({
    ...channelEventBase(channel, 'user.watching.start', now),
    user: userById(b, conn.userId),
    watcher_count: b.hub.watcherUserIds(channel.cid).length,
  }));
}

/** The messages of a channel a viewer may see, oldest first. */
export function visibleMessageIds(b: Backend, channel: ChannelRecord, viewer: string): string[] {
  const hideBefore = channel.members.get(viewer)?.hide_messages_before;
  return channel.messageIds.filter((id) => {
    const m = b.state.messages.get(id);
    if (!m) return false;
    if (hideBefore !== undefined && m.created_at <= hideBefore) return false;
    return !m.shadowed || m.user_id === viewer;
  });
}

export interface StateOptions {
  messages: PageParams;
  memberLimit: number;
  memberOffset: number;
  watcherLimit: number;
  watcherOffset: number;
}

/** ChannelStateResponse (without `duration`) for one viewer. */
export function channelState(b: Backend, channel: ChannelRecord, viewer: string, options: StateOptions): Json {
  const ids = visibleMessageIds(b, channel, viewer);
  const timeOf = (id: string): number => b.state.messages.get(id)?.created_at ?? 0;
  const page = paginate(ids, options.messages, timeOf);
  const render = (id: string): Json | undefined => {
    const m = b.state.messages.get(id);
    return m ? messageResponse(b, m, viewer) : undefined;
  };
  const pinned = ids
    .map((id) => b.state.messages.get(id))
    .filter((m): m is MessageRecord => m !== undefined && isPinned(m) && m.deleted_at === undefined)
    .sort((x, y) => (y.pinned_at ?? 0) - (x.pinned_at ?? 0))
    .slice(0, 10);
  const members = [...channel.members.values()].slice(options.memberOffset, options.memberOffset + options.memberLimit);
  const membership = channel.members.get(viewer);
  const watcherIds = b.hub.watcherUserIds(channel.cid);
  return compact({
    channel: channelResponse(b, channel, viewer),
    messages: page.map(render).filter((m) => m !== undefined),
    pinned_messages: pinned.map((m) => messageResponse(b, m, viewer)),
    members: members.map((m) => memberResponse(b, channel, m)),
    membership: membership ? memberResponse(b, channel, membership) : undefined,
    read: readStates(b, channel),
    watcher_count: watcherIds.length,
    watchers: watcherIds.slice(options.watcherOffset, options.watcherOffset + options.watcherLimit).map((id) => userById(b, id)),
    hidden: membership?.hidden ?? false,
    hide_messages_before: undefined,
    threads: [],
    push_preferences: pushPreferencesOf(b, viewer, channel.cid),
    draft: viewerDraft(b.state, viewer, channel.cid, undefined),
  });
}
