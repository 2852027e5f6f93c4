// MarkRead (channel or thread), MarkUnread, MarkChannelsRead and MarkDelivered. A read is
// announced twice: message.read to the channel's watchers, and notification.mark_read with
// fresh totals to every connection of the reader (PROTOCOL.md section 6).
import type { Backend } from '../backend.ts';
import { emitChannelEvent, emitToUser } from '../broadcast.ts';
import { formatTime } from '../clock.ts';
import { inputError, notFound } from '../errors.ts';
import { isObject, optArray, optObject, optString, optTime } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { ChannelRecord, ReadRecord, ThreadRecord } from '../state.ts';
import { channelUnread, threadUnread } from '../unread.ts';
import { channelConfig } from '../channelConfig.ts';
import { channelEventBase, channelResponse, compact, threadResponse, totalsFields, userById, type Json } from '../views.ts';

function memberChannel(b: Backend, type: string, id: string, userId: string): ChannelRecord {
  const channel = b.requireChannel(type, id);
  requireAccess(channel, userId, 'read');
  if (!channel.members.has(userId)) throw inputError(`user "${userId}" is not a member of ${channel.cid} and has no read state there`);
  return channel;
}

function requireThread(b: Backend, channel: ChannelRecord, threadId: string): ThreadRecord {
  const thread = b.state.threads.get(threadId);
  if (!thread || thread.cid !== channel.cid) throw notFound(`thread "${threadId}" does not exist in ${channel.cid}`);
  return thread;
}

/** Move a channel read to `messageId` (or to the latest message) and announce it. */
export function markChannelRead(b: Backend, channel: ChannelRecord, userId: string, messageId: string | undefined): Json {
  const now = b.now();
  let read: ReadRecord;
  if (messageId !== undefined) {
    const m = b.state.messages.get(messageId);
    if (!m || m.cid !== channel.cid) throw inputError(`message "${messageId}" does not exist in ${channel.cid}`);
    read = { last_read: m.created_at, last_read_message_id: m.id };
  } else {
    read = { last_read: now };
    const lastId = channel.messageIds[channel.messageIds.length - 1];
    if (lastId !== undefined) read.last_read_message_id = lastId;
  }
  const previous = channel.reads.get(userId);
  channel.reads.set(userId, { ...previous, ...read });
  b.changed();
  const event = compact({
    ...channelEventBase(channel, 'message.read', now),
    user: userById(b, userId),
    last_read_message_id: read.last_read_message_id,
    channel_last_message_at: channel.last_message_at !== undefined ? formatTime(channel.last_message_at) : undefined,
  });
  emitChannelEvent(b, channel, () => event);
  emitToUser(b, userId, (uid) => {
    const unread = channelUnread(b.state, channel, uid).messages;
    return compact({
      ...channelEventBase(channel, 'notification.mark_read', now),
      channel: channelResponse(b, channel, uid),
      user: userById(b, uid),
      last_read_message_id: read.last_read_message_id,
      unread_count: unread,
      unread_messages: unread,
      ...totalsFields(b, uid),
    });
  });
  return event;
}

function markThreadRead(b: Backend, channel: ChannelRecord, thread: ThreadRecord, userId: string): Json {
  const now = b.now();
  const parent = b.state.messages.get(thread.parent_id);
  const lastId = parent?.replyIds[parent.replyIds.length - 1];
  const read: ReadRecord = { last_read: now };
  if (lastId !== undefined) read.last_read_message_id = lastId;
  thread.reads.set(userId, read);
  b.changed();
  const event = compact({
    ...channelEventBase(channel, 'message.read', now),
    user: userById(b, userId),
    thread: threadResponse(b, thread, userId, 'event'),
    last_read_message_id: read.last_read_message_id,
  });
  emitChannelEvent(b, channel, () => event);
  emitToUser(b, userId, (uid) => compact({
    ...channelEventBase(channel, 'notification.mark_read', now),
    user: userById(b, uid),
    thread_id: thread.parent_id,
    thread: threadResponse(b, thread, uid, 'event'),
    last_read_message_id: read.last_read_message_id,
    unread_count: 0,
    unread_messages: 0,
    ...totalsFields(b, uid),
  }));
  return event;
}

export const markRead: Handler = (b, ctx) => {
  const channel = memberChannel(b, ctx.params['type'] ?? '', ctx.params['id'] ?? '', ctx.userId);
  const threadId = optString(ctx.body, 'thread_id');
  const messageId = optString(ctx.body, 'message_id');
  if (threadId) {
    const thread = requireThread(b, channel, threadId);
    // Reading a thread one takes no part in makes one a participant, as the service does.
    if (!thread.participants.includes(ctx.userId)) thread.participants.push(ctx.userId);
    return { event: markThreadRead(b, channel, thread, ctx.userId) };
  }
  return { event: markChannelRead(b, channel, ctx.userId, messageId || undefined) };
};

export const markUnread: Handler = (b, ctx) => {
  const channel = memberChannel(b, ctx.params['type'] ?? '', ctx.params['id'] ?? '', ctx.userId);
  const threadId = optString(ctx.body, 'thread_id');
  const messageId = optString(ctx.body, 'message_id');
  const timestamp = optTime(ctx.body, 'message_timestamp');
  const now = b.now();
  if (threadId) {
    const thread = requireThread(b, channel, threadId);
    const parent = b.requireMessage(thread.parent_id);
    const fromId = messageId || parent.replyIds[parent.replyIds.length - 1];
    const index = fromId === undefined ? -1 : parent.replyIds.indexOf(fromId);
    if (index < 0) throw inputError('the thread has no reply to mark unread from');
    const before = parent.replyIds[index - 1];
    const from = b.requireMessage(fromId ?? '');
    const read: ReadRecord = { last_read: from.created_at - 1 };
    if (before !== undefined) read.last_read_message_id = before;
    thread.reads.set(ctx.userId, read);
    if (!thread.participants.includes(ctx.userId)) thread.participants.push(ctx.userId);
    b.changed();
    emitToUser(b, ctx.userId, (uid) => {
      const unread = threadUnread(b.state, thread, uid);
      return compact({
        ...channelEventBase(channel, 'notification.mark_unread', now),
        user: userById(b, uid),
        thread_id: thread.parent_id,
        first_unread_message_id: from.id,
        last_read_message_id: read.last_read_message_id,
        last_read_at: formatTime(read.last_read),
        unread_messages: unread,
        unread_count: unread,
        ...totalsFields(b, uid),
      });
    });
    return {};
  }
  let lastRead: number;
  let lastReadId: string | undefined;
  if (messageId) {
    const index = channel.messageIds.indexOf(messageId);
    const m = b.state.messages.get(messageId);
    if (index < 0 || !m) throw inputError(`message "${messageId}" does not exist in ${channel.cid}`);
    lastRead = m.created_at - 1;
    lastReadId = channel.messageIds[index - 1];
  } else if (timestamp !== undefined) {
    lastRead = timestamp - 1;
    lastReadId = channel.messageIds.filter((id) => (b.state.messages.get(id)?.created_at ?? 0) <= lastRead).pop();
  } else {
    throw inputError('"message_id", "message_timestamp" or "thread_id" is required');
  }
  const read: ReadRecord = { ...channel.reads.get(ctx.userId), last_read: lastRead };
  if (lastReadId !== undefined) read.last_read_message_id = lastReadId;
  else delete read.last_read_message_id;
  channel.reads.set(ctx.userId, read);
  b.changed();
  emitToUser(b, ctx.userId, (uid) => {
    const unread = channelUnread(b.state, channel, uid);
    return compact({
      ...channelEventBase(channel, 'notification.mark_unread', now),
      user: userById(b, uid),
      first_unread_message_id: unread.firstUnreadId,
      last_read_message_id: read.last_read_message_id,
      last_read_at: formatTime(read.last_read),
      unread_messages: unread.messages,
      unread_count: unread.messages,
      ...totalsFields(b, uid),
    });
  });
  return {};
};

export const markChannelsRead: Handler = (b, ctx) => {
  const byChannel = optObject(ctx.body, 'read_by_channel');
  const targets: Array<[ChannelRecord, string | undefined]> = [];
  if (byChannel && Object.keys(byChannel).length > 0) {
    for (const [cid, messageId] of Object.entries(byChannel)) {
      if (messageId !== null && messageId !== '' && typeof messageId !== 'string') throw inputError('"read_by_channel" maps cids to message ids');
      const channel = b.requireChannelByCid(cid);
      if (!channel.members.has(ctx.userId)) throw inputError(`user "${ctx.userId}" is not a member of ${cid}`);
      targets.push([channel, typeof messageId === 'string' && messageId !== '' ? messageId : undefined]);
    }
  } else {
    for (const channel of b.state.channels.values()) if (channel.members.has(ctx.userId)) targets.push([channel, undefined]);
  }
  for (const [channel, messageId] of targets) markChannelRead(b, channel, ctx.userId, messageId);
  return {};
};

export const markDelivered: Handler = (b, ctx) => {
  const list = optArray(ctx.body, 'latest_delivered_messages') ?? [];
  const items = list.map((item) => {
    if (!isObject(item) || typeof item['cid'] !== 'string' || typeof item['id'] !== 'string') {
      throw inputError('"latest_delivered_messages" entries need "cid" and "id"');
    }
    const channel = b.requireChannelByCid(item['cid']);
    const m = b.state.messages.get(item['id']);
    if (!m || m.cid !== channel.cid) throw inputError(`message "${item['id']}" does not exist in ${channel.cid}`);
    return { channel, m };
  });
  const now = b.now();
  for (const { channel, m } of items) {
    const read = channel.reads.get(ctx.userId);
    // Members only; channels whose type has delivery events off keep no receipts (the
    // service's switch, which stream-chat also checks before reporting).
    if (!read || channelConfig(channel.type)['delivery_events'] !== true) continue;
    // A delivered position only moves forward: a report of an older message (a late
    // request, another device behind) changes nothing and announces nothing.
    const held = read.last_delivered_message_id ? b.state.messages.get(read.last_delivered_message_id) : undefined;
    if (held && (held.created_at > m.created_at || held.id === m.id)) continue;
    read.last_delivered_at = now;
    read.last_delivered_message_id = m.id;
    emitChannelEvent(b, channel, () => ({
      ...channelEventBase(channel, 'message.delivered', now),
      user: userById(b, ctx.userId),
      last_delivered_at: formatTime(now),
      last_delivered_message_id: m.id,
    }));
  }
  b.changed();
  return {};
};
