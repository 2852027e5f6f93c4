// Endpoints the official client calls that the seeds do not list, served under the seeds'
// prefix so that the official layout (officialPaths.ts) reaches them: stop watching a
// channel (`channel.stopWatching()`, which apps call when a channel view closes) and the
// pinned messages of a channel (`channel.getPinnedMessages()`).
import { emitChannelEvent } from './broadcast.ts';
import { visibleMessageIds } from './channelOps.ts';
import { parseTime } from './clock.ts';
import { inputError } from './errors.ts';
import { optInt } from './input.ts';
import { requireAccess } from './permissions.ts';
import type { Handler, Route } from './router.ts';
import type { MessageRecord } from './state.ts';
import { channelEventBase, isPinned, messageResponse, userById } from './views.ts';

const CHANNEL = '/api/v2/chat/channels/:type/:id';

/** The caller's connection stops watching; the others hear user.watching.stop when it was the user's last. */
const stopWatching: Handler = (b, ctx) => {
  const channel = b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? '');
  const conn = ctx.connection;
  if (conn?.watching.has(channel.cid) && b.hub.unwatch(conn, channel.cid)) {
    const now = b.now();
    emitChannelEvent(b, channel, () => ({
      ...channelEventBase(channel, 'user.watching.stop', now),
      user: userById(b, conn.userId),
      watcher_count: b.hub.watcherUserIds(channel.cid).length,
    }));
  }
  return {};
};

function timeParam(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const us = parseTime(v);
  if (us === undefined) throw inputError(`"${key}" must be an RFC 3339 date-time`);
  return us;
}

/** Pinned messages, newest pin first unless `sort: [{ field: 'pinned_at', direction: 1 }]`. */
const pinnedMessages: Handler = (b, ctx) => {
  const channel = b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? '');
  requireAccess(channel, ctx.userId, 'read messages');
  const body = ctx.body;
  const limit = optInt(body, 'limit', 0, 300) ?? 25;
  const offset = optInt(body, 'offset') ?? 0;
  const before = timeParam(body, 'pinned_at_before');
  const after = timeParam(body, 'pinned_at_after');
  const sort = Array.isArray(body['sort']) ? body['sort'][0] : undefined;
  const ascending = typeof sort === 'object' && sort !== null && (sort as Record<string, unknown>)['direction'] === 1;
  const pinned = visibleMessageIds(b, channel, ctx.userId)
    .map((id) => b.state.messages.get(id))
    .filter((m): m is MessageRecord => m !== undefined && isPinned(m) && m.deleted_at === undefined && m.pinned_at !== undefined)
    .filter((m) => (before === undefined || (m.pinned_at ?? 0) < before) && (after === undefined || (m.pinned_at ?? 0) > after))
    .sort((x, y) => (ascending ? 1 : -1) * ((x.pinned_at ?? 0) - (y.pinned_at ?? 0)));
  return { messages: pinned.slice(offset, offset + limit).map((m) => messageResponse(b, m, ctx.userId)) };
};

/** Routes beyond the seeds that the official client needs. */
export const officialRoutes: Route[] = [
  { operation: 'StopWatchingChannel', method: 'POST', path: `${CHANNEL}/stop-watching`, handler: stopWatching },
  { operation: 'GetPinnedMessages', method: 'GET', path: `${CHANNEL}/pinned_messages`, handler: pinnedMessages },
];
