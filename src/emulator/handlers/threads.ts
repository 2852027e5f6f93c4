// QueryThreads (with `next` cursors), GetThread and UpdateThreadPartial (Chat API seed).
// A thread exists once a message has a reply; the viewer sees the threads they take part in.
import { emitChannelEvent } from '../broadcast.ts';
import { inputError, notFound } from '../errors.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { isObject, optInt, optObject, optString, optStringArray, queryInt } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { ThreadRecord } from '../state.ts';
import { threadUnread } from '../unread.ts';
import { channelEventBase, threadResponse, threadState } from '../views.ts';

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isObject(parsed) && typeof parsed['offset'] === 'number' && Number.isInteger(parsed['offset']) && parsed['offset'] >= 0) return parsed['offset'];
  } catch {
    // fall through to the input error
  }
  throw inputError('"next"/"prev" is not a cursor this server issued');
}

export const queryThreads: Handler = (b, ctx) => {
  const body = ctx.body;
  const limit = optInt(body, 'limit', 1, 100) ?? 10;
  const replyLimit = optInt(body, 'reply_limit', 0, 100) ?? 2;
  optInt(body, 'participant_limit', 0, 100);
  optInt(body, 'member_limit', 0, 100);
  const next = optString(body, 'next');
  const prev = optString(body, 'prev');
  const filter = optObject(body, 'filter') ?? {};
  const sort = parseSort(body['sort'], ['last_message_at', 'created_at', 'updated_at', 'reply_count', 'participant_count', 'active_participant_count', 'has_unread']);
  const viewer = ctx.userId;
  const get = (t: ThreadRecord, field: string): unknown => {
    switch (field) {
      case 'channel_cid': return t.cid;
      case 'parent_message_id': return t.parent_id;
      case 'created_by_user_id': return b.state.messages.get(t.parent_id)?.user_id;
      case 'created_at': return t.created_at;
      case 'updated_at': return t.updated_at;
      case 'last_message_at': return t.last_message_at;
      case 'reply_count': return b.state.messages.get(t.parent_id)?.replyIds.length ?? 0;
      case 'participant_count':
      case 'active_participant_count': return t.participants.length;
      case 'has_unread': return threadUnread(b.state, t, viewer) > 0;
      default: return t.custom[field];
    }
  };
  const list = [...b.state.threads.values()].filter((t) => {
    const channel = b.state.channels.get(t.cid);
    return channel !== undefined && channel.members.has(viewer) && t.participants.includes(viewer) && matchFilter(t, filter, get);
  });
  const specs = sort.length > 0 ? sort : [{ field: 'last_message_at', direction: -1 as const }];
  list.sort(compareBy([...specs, { field: 'parent_message_id', direction: 1 }], (t, f) => {
    const v = get(t, f);
    return typeof v === 'boolean' ? Number(v) : typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  const offset = next ? decodeCursor(next) : prev ? Math.max(0, decodeCursor(prev)) : 0;
  const page = list.slice(offset, offset + limit);
  const out: Record<string, unknown> = { threads: page.map((t) => threadState(b, t, viewer, replyLimit)) };
  if (offset + limit < list.length) out['next'] = encodeCursor(offset + limit);
  if (offset > 0) out['prev'] = encodeCursor(Math.max(0, offset - limit));
  return out;
};

function readableThread(b: Parameters<Handler>[0], id: string, userId: string): ThreadRecord {
  const thread = b.state.threads.get(id);
  if (!thread) throw notFound(`thread "${id}" does not exist`);
  requireAccess(b.requireChannelByCid(thread.cid), userId, 'read threads');
  return thread;
}

export const getThread: Handler = (b, ctx) => {
  const thread = readableThread(b, ctx.params['message_id'] ?? '', ctx.userId);
  const replyLimit = queryInt(ctx.query, 'reply_limit', 100) ?? 2;
  queryInt(ctx.query, 'participant_limit', 100);
  queryInt(ctx.query, 'member_limit', 100);
  return { thread: threadState(b, thread, ctx.userId, replyLimit) };
};

export const updateThreadPartial: Handler = (b, ctx) => {
  const thread = readableThread(b, ctx.params['message_id'] ?? '', ctx.userId);
  const set = optObject(ctx.body, 'set') ?? {};
  const unset = optStringArray(ctx.body, 'unset') ?? [];
  if (Object.keys(set).length === 0 && unset.length === 0) throw inputError('"set" or "unset" is required');
  if (set['title'] !== undefined && typeof set['title'] !== 'string') throw inputError('"title" must be a string');
  for (const k of [...Object.keys(set), ...unset]) {
    if (['parent_message_id', 'channel_cid', 'created_by_user_id', 'created_at', 'reply_count'].includes(k)) throw inputError(`"${k}" cannot be changed`);
  }
  for (const [k, v] of Object.entries(set)) {
    if (k === 'title') thread.title = v as string;
    else if (k === 'custom' && isObject(v)) Object.assign(thread.custom, v);
    else if (k !== '__proto__') thread.custom[k] = v;
  }
  for (const k of unset) {
    if (k === 'title') thread.title = '';
    else delete thread.custom[k];
  }
  const now = b.now();
  thread.updated_at = now;
  b.changed();
  const channel = b.requireChannelByCid(thread.cid);
  emitChannelEvent(b, channel, (uid) => ({ ...channelEventBase(channel, 'thread.updated', now), thread: threadResponse(b, thread, uid, 'event') }));
  return { thread: threadResponse(b, thread, ctx.userId) };
};
