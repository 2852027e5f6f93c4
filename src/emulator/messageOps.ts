// Creating messages and telling everyone (PROTOCOL.md section 6, message.new): the sender's
// read moves to the new message, watchers get message.new with their own unread totals,
// members who do not watch get notification.message_new, thread participants get
// notification.thread_message_new.
import type { Backend } from './backend.ts';
import { emitChannelEvent, emitToUser } from './broadcast.ts';
import { formatTime } from './clock.ts';
import { inputError } from './errors.ts';
import type { MessageInput } from './messageInput.ts';
import type { ChannelRecord, LiveLocationRecord, MessageRecord, ThreadRecord } from './state.ts';
import { channelUnread } from './unread.ts';
import { channelEventBase, channelResponse, eventMessage, threadResponse, totalsFields, userById, type Json } from './views.ts';

/** Check a new message against the channel before anything changes. */
export function validateNewMessage(b: Backend, channel: ChannelRecord, input: MessageInput): MessageRecord | undefined {
  if (input.id !== undefined && b.state.messages.has(input.id)) {
    throw inputError(`a message with id "${input.id}" already exists`);
  }
  const hasContent = (input.text ?? '') !== '' || (input.attachments?.length ?? 0) > 0 || input.poll_id !== undefined || input.shared_location !== undefined;
  if (!hasContent) throw inputError('a message needs "text", "attachments", a "poll_id" or a "shared_location"');
  const endAt = input.shared_location?.end_at;
  if (endAt !== undefined && endAt <= b.now()) throw inputError('"shared_location.end_at" must be in the future');
  let parent: MessageRecord | undefined;
  if (input.parent_id !== undefined) {
    parent = b.state.messages.get(input.parent_id);
    if (!parent || parent.cid !== channel.cid) throw inputError(`parent message "${input.parent_id}" does not exist in ${channel.cid}`);
    if (parent.parent_id !== undefined) throw inputError('a reply cannot be a parent: threads are one level deep');
  }
  if (input.quoted_message_id !== undefined) {
    const quoted = b.state.messages.get(input.quoted_message_id);
    if (!quoted || quoted.cid !== channel.cid) throw inputError(`quoted message "${input.quoted_message_id}" does not exist in ${channel.cid}`);
  }
  if (input.poll_id !== undefined && !b.state.polls.has(input.poll_id)) throw inputError(`poll "${input.poll_id}" does not exist`);
  return parent;
}

/**
 * Members for whom a new message made their hidden channel visible again, until the message
 * is announced: insertMessage changes the data, announceNewMessage tells them (channel.visible
 * before message.new, PROTOCOL.md section 6).
 */
const madeVisible = new WeakMap<MessageRecord, string[]>();

function ensureThread(b: Backend, parent: MessageRecord, now: number): ThreadRecord {
  let thread = b.state.threads.get(parent.id);
  if (!thread) {
    thread = {
      parent_id: parent.id, cid: parent.cid, title: parent.text.slice(0, 100), custom: {}, created_at: now, updated_at: now,
      participants: [parent.user_id], reads: new Map([[parent.user_id, { last_read: parent.created_at }]]),
    };
    b.state.threads.set(parent.id, thread);
  }
  return thread;
}

/** Create the record, update reads, threads and hidden flags; no events. */
export function insertMessage(b: Backend, channel: ChannelRecord, userId: string, input: MessageInput, parent: MessageRecord | undefined, createdAt?: number): MessageRecord {
  const now = createdAt ?? b.now();
  const m: MessageRecord = {
    id: input.id ?? `${userId}-${crypto.randomUUID()}`,
    cid: channel.cid,
    user_id: userId,
    type: input.type ?? (parent ? 'reply' : 'regular'),
    text: input.text ?? '',
    html: input.html ?? '',
    attachments: input.attachments ?? [],
    custom: input.custom,
    mentioned_user_ids: input.mentioned_users ?? [],
    mentioned_channel: input.mentioned_channel ?? false,
    mentioned_here: input.mentioned_here ?? false,
    silent: input.silent ?? false,
    shadowed: false,
    pinned: input.pinned ?? false,
    restricted_visibility: input.restricted_visibility ?? [],
    created_at: now,
    updated_at: now,
    replyIds: [],
  };
  if (m.pinned) {
    m.pinned_at = now;
    m.pinned_by_id = userId;
    if (input.pin_expires !== undefined) m.pin_expires = input.pin_expires;
  }
  if (parent) {
    m.parent_id = parent.id;
    if (input.show_in_channel) m.show_in_channel = true;
  }
  if (input.quoted_message_id !== undefined) m.quoted_message_id = input.quoted_message_id;
  if (input.poll_id !== undefined) m.poll_id = input.poll_id;
  b.state.messages.set(m.id, m);
  if (input.shared_location) {
    // A shared location is a record of its own (live ones move: UpdateLiveLocation).
    const { latitude, longitude, end_at, created_by_device_id } = input.shared_location;
    const location: LiveLocationRecord = { message_id: m.id, cid: channel.cid, user_id: userId, latitude, longitude, created_by_device_id: created_by_device_id ?? '', created_at: now, updated_at: now };
    if (end_at !== undefined) location.end_at = end_at;
    b.state.liveLocations.set(m.id, location);
  }
  const inChannel = !parent || m.show_in_channel === true;
  if (inChannel) {
    channel.messageIds.push(m.id);
    channel.last_message_at = now;
    const read = channel.reads.get(userId);
    if (read) {
      read.last_read = now;
      read.last_read_message_id = m.id;
    }
    const shownAgain: string[] = [];
    for (const member of channel.members.values()) {
      if (!member.hidden) continue;
      member.hidden = false;
      shownAgain.push(member.user_id);
    }
    if (shownAgain.length > 0) madeVisible.set(m, shownAgain);
  }
  if (parent) {
    parent.replyIds.push(m.id);
    const thread = ensureThread(b, parent, now);
    if (!thread.participants.includes(userId)) thread.participants.push(userId);
    thread.reads.set(userId, { last_read: now, last_read_message_id: m.id });
    thread.last_message_at = now;
    thread.updated_at = now;
  }
  b.clock.observe(now);
  b.changed();
  return m;
}

/** Send message.new and its notification variants for a freshly inserted message. */
export function announceNewMessage(b: Backend, channel: ChannelRecord, m: MessageRecord): void {
  const now = m.created_at;
  const inChannel = m.parent_id === undefined || m.show_in_channel === true;
  for (const uid of madeVisible.get(m) ?? []) {
    emitToUser(b, uid, () => ({
      ...channelEventBase(channel, 'channel.visible', now),
      channel: channelResponse(b, channel, uid),
      user: userById(b, uid),
    }));
  }
  madeVisible.delete(m);
  const unreadFields = (uid: string): Json => {
    const unread = channelUnread(b.state, channel, uid).messages;
    return { ...totalsFields(b, uid), unread_count: unread, unread_messages: unread };
  };
  emitChannelEvent(
    b,
    channel,
    (uid) => ({
      ...channelEventBase(channel, 'message.new', now),
      message: eventMessage(b, m, uid),
      user: userById(b, m.user_id),
      watcher_count: b.hub.watcherUserIds(channel.cid).length,
      channel_last_message_at: channel.last_message_at !== undefined ? formatTime(channel.last_message_at) : undefined,
      parent_id: m.parent_id,
      ...(channel.members.has(uid) ? unreadFields(uid) : {}),
    }),
    inChannel && !m.shadowed
      ? {
          notify: (uid) => uid === m.user_id ? undefined : {
            ...channelEventBase(channel, 'notification.message_new', now),
            channel: channelResponse(b, channel, uid),
            message: eventMessage(b, m, uid),
            user: userById(b, m.user_id),
            ...unreadFields(uid),
          },
        }
      : {},
  );
  if (m.parent_id === undefined) return;
  // The service follows a reply with message.updated for its parent (new reply_count and
  // thread_participants, updated_at unchanged); the official client learns the count from it.
  const parent = b.state.messages.get(m.parent_id);
  if (parent) announceMessageChange(b, parent, 'message.updated');
  const thread = b.state.threads.get(m.parent_id);
  if (!thread) return;
  for (const uid of thread.participants) {
    if (uid === m.user_id || !channel.members.has(uid)) continue;
    emitToUser(b, uid, () => ({
      ...channelEventBase(channel, 'notification.thread_message_new', now),
      channel: channelResponse(b, channel, uid),
      message: eventMessage(b, m, uid),
      thread_id: thread.parent_id,
      thread: threadResponse(b, thread, uid, 'event'),
      ...totalsFields(b, uid),
    }));
  }
}

/** Send an event about a changed message (message.updated, .deleted, .undeleted) to watchers. */
export function announceMessageChange(b: Backend, m: MessageRecord, type: string, extra: Json = {}): void {
  const channel = b.state.channels.get(m.cid);
  if (!channel) return;
  const now = b.now();
  emitChannelEvent(b, channel, (uid) => ({
    ...channelEventBase(channel, type, now),
    message: eventMessage(b, m, uid),
    user: userById(b, m.user_id),
    ...extra,
  }));
}

/** Whether `userId` may edit or delete someone's message (author, or a channel owner/moderator). */
export function canModerate(channel: ChannelRecord, m: MessageRecord, userId: string): boolean {
  if (m.user_id === userId) return true;
  const role = channel.members.get(userId)?.channel_role;
  return role === 'owner' || role === 'channel_moderator';
}
