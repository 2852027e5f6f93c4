// The answer of GET /unread (UnreadCounts) applied to the store: the totals, every channel's
// own count and mentions, the threads' counts and the counts by team (PROTOCOL.md section 7:
// recovery fetches it for the totals after a gap).
import type { WrappedUnreadCountsResponse } from '../models/generated/types.ts';
import type { ChatState } from './state.ts';
import { channelDraft, type ReducerContext } from './context.ts';
import { channelMuted, setChannelUnread } from './reads.ts';
import { tableGet, tableKeys } from './table.ts';
import { setThreadUnread, threadOf } from './threads.ts';
import { deepEqual } from './deepEqual.ts';

/** One channel of the answer, with the fields the service sends beyond the seed's UnreadCountsChannel. */
interface ChannelCount {
  channel_id: string;
  unread_count: number;
  unread_mentions?: unknown;
  muted?: unknown;
}

/**
 * Replace the totals and per-channel counts with the server's. A muted channel keeps its own
 * count (the service counts it per channel) but leaves the totals: `total_unread_count`
 * already leaves it out, and the number of unread channels is counted here the same way.
 */
export function applyUnreadCounts(state: ChatState, ctx: ReducerContext, c: WrappedUnreadCountsResponse): void {
  const listed = new Set<string>();
  let unmutedSum = 0;
  let channels = 0;
  for (const raw of c.channels) {
    const u = raw as ChannelCount;
    listed.add(u.channel_id);
    const ch = channelDraft(state, ctx, u.channel_id);
    const muted = u.muted === true || (ch !== undefined && channelMuted(state, ch));
    if (!muted) {
      unmutedSum += u.unread_count;
      if (u.unread_count > 0) channels += 1;
    }
    // Through setChannelUnread so byChannel and the own read state follow; the totals are
    // set below from the response and are not adjusted here.
    if (ch) {
      const mentions = typeof u.unread_mentions === 'number' ? u.unread_mentions : ch.unread.mentions;
      setChannelUnread(state, ch, u.unread_count, mentions, false);
    }
  }
  // The service lists only channels with something unread. When the listed counts add up
  // to the total, the list is complete, and a held channel it leaves out has nothing
  // unread; otherwise (a list cut short) the counts of unlisted channels are left alone.
  if (unmutedSum === c.total_unread_count) {
    for (const cid of tableKeys(state.unread.byChannel)) {
      if (listed.has(cid)) continue;
      const held = tableGet(state.channels, cid);
      if (!held || channelMuted(state, held)) continue;
      const ch = channelDraft(state, ctx, cid);
      if (ch) setChannelUnread(state, ch, 0, 0, false);
    }
  }
  state.unread.totalMessages = c.total_unread_count;
  state.unread.channels = channels;
  state.unread.threads = c.total_unread_threads_count;
  const byTeam = c.total_unread_count_by_team as Record<string, number> | undefined;
  if (byTeam && !deepEqual(state.unread.byTeam, byTeam)) state.unread.byTeam = byTeam;
  for (const u of c.threads) {
    const thread = threadOf(state, u.parent_message_id);
    if (thread) setThreadUnread(state, thread, u.unread_count, false);
  }
}
