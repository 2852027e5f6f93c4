// UnreadCounts (GET /unread) and UnreadCountsBatch (POST /unread_batch): the totals of
// WrappedUnreadCountsResponse, per channel, per channel type and per thread.
import type { Backend } from '../backend.ts';
import { formatTime } from '../clock.ts';
import { inputError } from '../errors.ts';
import { optStringArray } from '../input.ts';
import type { Handler } from '../router.ts';
import { unreadTotals } from '../unread.ts';
import { compact, type Json } from '../views.ts';

/** The unread counts of one user, as WrappedUnreadCountsResponse (without duration). */
export function unreadCountsOf(b: Backend, userId: string): Json {
  const totals = unreadTotals(b.state, userId, b.now());
  const byType = new Map<string, { channel_type: string; channel_count: number; unread_count: number }>();
  const byTeam: Record<string, number> = {};
  const channels: Json[] = [];
  for (const { channel, unread, muted } of totals.channels) {
    if (unread.messages === 0) continue;
    const read = channel.reads.get(userId);
    channels.push({ channel_id: channel.cid, unread_count: unread.messages, unread_mentions: unread.mentions, last_read: formatTime(read?.last_read ?? channel.created_at), muted });
    if (muted) continue;
    const t = byType.get(channel.type) ?? { channel_type: channel.type, channel_count: 0, unread_count: 0 };
    t.channel_count += 1;
    t.unread_count += unread.messages;
    byType.set(channel.type, t);
    if (channel.team !== undefined) byTeam[channel.team] = (byTeam[channel.team] ?? 0) + unread.messages;
  }
  const threads = totals.threads
    .filter((t) => t.unread > 0)
    .map(({ thread, unread }) => {
      const read = thread.reads.get(userId);
      return compact({ parent_message_id: thread.parent_id, unread_count: unread, last_read: formatTime(read?.last_read ?? thread.created_at), last_read_message_id: read?.last_read_message_id ?? '' });
    });
  return {
    total_unread_count: totals.total_unread_count,
    total_unread_threads_count: totals.unread_threads,
    total_unread_count_by_team: byTeam,
    channels,
    channel_type: [...byType.values()],
    threads,
  };
}

export const unreadCounts: Handler = (b, ctx) => unreadCountsOf(b, ctx.userId);

export const unreadCountsBatch: Handler = (b, ctx) => {
  const ids = optStringArray(ctx.body, 'user_ids');
  if (!ids || ids.length === 0) throw inputError('"user_ids" is required');
  if (ids.length > 100) throw inputError('at most 100 "user_ids"');
  b.requireUsersExist(ids);
  return { counts_by_user: Object.fromEntries(ids.map((id) => [id, unreadCountsOf(b, id)])) };
};
