// Bans and flags set through the emulator's test controls: the seeds have no operation that
// bans a user or flags a message (they belong to the server-side moderation API), yet
// QueryBannedUsers, QueryMessageFlags and the user.banned / user.unbanned events must have
// something to show. The events are those the service sends:
// - a channel ban: `user.banned` (`user.unbanned`) to the channel's watchers, with the cid,
//   `shadow`, `reason` and the moderator as `created_by`; the member's ban flag changes;
// - an app-wide ban: the same event without a channel, to the user and everyone who shares a
//   channel with them (as user-level events go), and the user's `banned` flag.
// A shadow ban is not announced to the channel: the banned user must not learn of it, and
// the service tells no one else either (the flag shows on the member for moderators).
import type { Backend } from './backend.ts';
import { emitChannelEvent, emitUserEvent } from './broadcast.ts';
import { formatTime } from './clock.ts';
import { userKey, type FlagRecord } from './state.ts';
import { userById } from './views.ts';

export interface BanOptions {
  /** The channel of the ban (a cid); without it the ban is app-wide. */
  channel?: string;
  shadow?: boolean;
  reason?: string;
  /** The moderator who banned (default: none named). */
  bannedBy?: string;
}

function banEvent(b: Backend, type: 'user.banned' | 'user.unbanned', userId: string, options: BanOptions): Record<string, unknown> {
  const event: Record<string, unknown> = { type, user: userById(b, userId), created_at: formatTime(b.now()) };
  if (options.channel) {
    const [channelType, channelId] = [options.channel.slice(0, options.channel.indexOf(':')), options.channel.slice(options.channel.indexOf(':') + 1)];
    Object.assign(event, { cid: options.channel, channel_type: channelType, channel_id: channelId });
  }
  if (type === 'user.banned') {
    event['shadow'] = options.shadow === true;
    if (options.reason !== undefined) event['reason'] = options.reason;
    if (options.bannedBy) event['created_by'] = userById(b, options.bannedBy);
  }
  return event;
}

/** Ban (or unban) a user in a channel or app-wide, and send the events the service sends. */
export function setBan(b: Backend, userId: string, banned: boolean, options: BanOptions = {}): void {
  const user = b.requireUser(userId);
  const type = banned ? 'user.banned' : 'user.unbanned';
  if (options.channel) {
    const channel = b.requireChannelByCid(options.channel);
    const member = channel.members.get(userId);
    if (!member) throw new Error(`user "${userId}" is not a member of ${options.channel}`);
    const shadow = banned && options.shadow === true;
    member.banned = banned && !shadow;
    member.shadow_banned = shadow;
    member.updated_at = b.now();
    b.changed();
    if (!shadow) emitChannelEvent(b, channel, () => banEvent(b, type, userId, options));
    return;
  }
  user.banned = banned;
  user.updated_at = b.now();
  b.changed();
  if (!(banned && options.shadow)) emitUserEvent(b, userId, () => banEvent(b, type, userId, options));
}

/** A flag of a message by a user (QueryMessageFlags lists it). */
export function addFlag(b: Backend, userId: string, messageId: string, reason?: string): void {
  b.requireUser(userId);
  b.requireMessage(messageId);
  const flag: FlagRecord = { user_id: userId, message_id: messageId, created_at: b.now() };
  if (reason !== undefined) flag.reason = reason;
  b.state.flags.set(userKey(userId, messageId), flag);
  b.changed();
}
