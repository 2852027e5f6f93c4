// Unread counts, computed from the records every time they are rendered, so every answer
// and every event agrees with the data (PROTOCOL.md section 6: fields on events win over
// what the client computed, so they must be exact). A message counts as unread for a member
// when it is newer than the member's read position, not the member's own, not silent, not
// shadowed, not deleted, and shown in the channel (thread-only replies count for the thread).
import { muteKey, type ChannelRecord, type MessageRecord, type State, type ThreadRecord } from './state.ts';

export interface ChannelUnread {
  messages: number;
  mentions: number;
  /** The oldest unread message, if any. */
  firstUnreadId: string | undefined;
}

function counts(m: MessageRecord, userId: string): boolean {
  return m.user_id !== userId && !m.silent && !m.shadowed && m.deleted_at === undefined;
}

/** Unread messages and mentions of `userId` in a channel (0 for non-members). */
export function channelUnread(state: State, channel: ChannelRecord, userId: string): ChannelUnread {
  const read = channel.reads.get(userId);
  const out: ChannelUnread = { messages: 0, mentions: 0, firstUnreadId: undefined };
  if (!read || !channel.members.has(userId)) return out;
  // messageIds is ordered by created_at, so walk back only over the unread tail.
  for (let i = channel.messageIds.length - 1; i >= 0; i--) {
    const m = state.messages.get(channel.messageIds[i] ?? '');
    if (!m) continue;
    if (m.created_at <= read.last_read) break;
    if (!counts(m, userId)) continue;
    out.messages += 1;
    out.firstUnreadId = m.id;
    if (m.mentioned_user_ids.includes(userId)) out.mentions += 1;
  }
  return out;
}

/** Unread replies of `userId` in a thread (0 for someone who does not take part). */
export function threadUnread(state: State, thread: ThreadRecord, userId: string): number {
  const read = thread.reads.get(userId);
  const parent = state.messages.get(thread.parent_id);
  if (!read || !parent) return 0;
  let n = 0;
  for (let i = parent.replyIds.length - 1; i >= 0; i--) {
    const m = state.messages.get(parent.replyIds[i] ?? '');
    if (!m) continue;
    if (m.created_at <= read.last_read) break;
    if (counts(m, userId)) n += 1;
  }
  return n;
}

export interface UnreadTotals {
  total_unread_count: number;
  unread_channels: number;
  unread_threads: number;
  /** Per channel, for the channels with something unread or a read state. */
  channels: Array<{ channel: ChannelRecord; unread: ChannelUnread; muted: boolean }>;
  threads: Array<{ thread: ThreadRecord; unread: number }>;
}

/** Whether `userId` has muted the channel (an expired mute does not count). */
export function isChannelMuted(state: State, userId: string, cid: string, now: number): boolean {
  const mute = state.channelMutes.get(muteKey(userId, cid));
  return mute !== undefined && (mute.expires === undefined || mute.expires > now);
}

/** The user's totals: muted channels are listed but not counted (PROTOCOL.md section 6). */
export function unreadTotals(state: State, userId: string, now: number): UnreadTotals {
  const out: UnreadTotals = { total_unread_count: 0, unread_channels: 0, unread_threads: 0, channels: [], threads: [] };
  for (const channel of state.channels.values()) {
    if (!channel.members.has(userId)) continue;
    const unread = channelUnread(state, channel, userId);
    const muted = isChannelMuted(state, userId, channel.cid, now);
    out.channels.push({ channel, unread, muted });
    if (muted || unread.messages === 0) continue;
    out.total_unread_count += unread.messages;
    out.unread_channels += 1;
  }
  for (const thread of state.threads.values()) {
    if (!thread.reads.has(userId)) continue;
    const channel = state.channels.get(thread.cid);
    if (!channel?.members.has(userId)) continue;
    const unread = threadUnread(state, thread, userId);
    out.threads.push({ thread, unread });
    if (unread > 0) out.unread_threads += 1;
  }
  return out;
}
