// SendMessage, GetMessage, GetManyMessages, UpdateMessage, UpdateMessagePartial,
// DeleteMessage, UndeleteMessage and GetReplies (Chat API seed).
import type { Backend } from '../backend.ts';

import { forbidden, inputError } from '../errors.ts';
import { isObject, optStringArray, optTime, queryBool, reqObject, reqString, type Body } from '../input.ts';
import { readMessageInput } from '../messageInput.ts';
import { giphyCommand } from './messageActions.ts';
import { announceMessageChange, announceNewMessage, canModerate, insertMessage, validateNewMessage } from '../messageOps.ts';
import { paginate, readPageParams } from '../pagination.ts';
import { ownCapabilities, requireAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import { deleteForMe } from './deleteForMe.ts';
import type { MessageRecord } from '../state.ts';
import { channelResponse, isPinned, messageResponse } from '../views.ts';
import { parseTime } from '../clock.ts';
import { dropMessageReminders } from './reminders.ts';
import { clearDraftOnSend } from './drafts.ts';

export const sendMessage: Handler = (b, ctx) => {
  const channel = b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? '');
  requireAccess(channel, ctx.userId, 'send messages');
  const command = giphyCommand(b, channel, ctx, reqObject(ctx.body, 'message'));
  if (command) return command;
  const input = readMessageInput(b, reqObject(ctx.body, 'message'));
  const parent = validateNewMessage(b, channel, input);
  const m = insertMessage(b, channel, ctx.userId, input, parent);
  announceNewMessage(b, channel, m);
  clearDraftOnSend(b, m);
  return { message: messageResponse(b, m, ctx.userId) };
};

function readableMessage(b: Backend, id: string, userId: string): MessageRecord {
  const m = b.requireMessage(id);
  requireAccess(b.channelOf(m), userId, 'read messages');
  return m;
}

export const getMessage: Handler = (b, ctx) => {
  const m = readableMessage(b, ctx.params['id'] ?? '', ctx.userId);
  return { message: { ...messageResponse(b, m, ctx.userId), channel: channelResponse(b, b.channelOf(m), ctx.userId) } };
};

export const getManyMessages: Handler = (b, ctx) => {
  const channel = b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? '');
  requireAccess(channel, ctx.userId, 'read messages');
  const ids = (ctx.query.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length === 0) throw inputError('"ids" is required');
  const messages = ids
    .map((id) => b.state.messages.get(id))
    .filter((m): m is MessageRecord => m !== undefined && m.cid === channel.cid)
    .map((m) => messageResponse(b, m, ctx.userId));
  return { messages };
};

function editableMessage(b: Backend, id: string, userId: string): MessageRecord {
  const m = readableMessage(b, id, userId);
  if (!canModerate(b.channelOf(m), m, userId)) throw forbidden(`user "${userId}" may not change message "${id}" of another user`);
  return m;
}

export const updateMessage: Handler = (b, ctx) => {
  const m = editableMessage(b, ctx.params['id'] ?? '', ctx.userId);
  const input = readMessageInput(b, reqObject(ctx.body, 'message'));
  if (input.id !== undefined && input.id !== m.id) throw inputError('the message id in the body differs from the one in the path');
  const now = b.now();
  // A full update: content fields not sent are cleared; identity, thread and pins stay.
  const text = input.text ?? '';
  if (text !== m.text) {
    m.message_text_updated_at = now;
    delete m.i18n;
  }
  m.text = text;
  m.html = input.html ?? '';
  m.attachments = input.attachments ?? [];
  m.mentioned_user_ids = input.mentioned_users ?? [];
  m.custom = input.custom;
  if (input.pinned !== undefined) setPinned(m, input.pinned, ctx.userId, now, input.pin_expires);
  m.updated_at = now;
  b.changed();
  announceMessageChange(b, m, 'message.updated');
  return { message: messageResponse(b, m, ctx.userId) };
};

/**
 * Pin or unpin. Pinning a message whose pin is live sets its expiry anew (stream-chat's
 * pinMessage sends `pin_expires: null` for "no expiry", which clears an earlier one); a pin
 * that expired counts as none, so pinning again starts a new pin.
 */
function setPinned(m: MessageRecord, pinned: boolean, userId: string, now: number, expires?: number, pinnedAt?: number): void {
  const live = isPinned(m, now);
  if (pinned && !live) {
    m.pinned = true;
    m.pinned_at = pinnedAt ?? now;
    m.pinned_by_id = userId;
    if (expires !== undefined) m.pin_expires = expires;
    else delete m.pin_expires;
  } else if (pinned) {
    if (expires !== undefined) m.pin_expires = expires;
    else delete m.pin_expires;
  } else if (!pinned && m.pinned) {
    m.pinned = false;
    delete m.pinned_at;
    delete m.pinned_by_id;
    delete m.pin_expires;
  }
}

const PIN_FIELDS = new Set(['pinned', 'pin_expires', 'pinned_at']);

const PARTIAL_FIELDS = new Set(['text', 'attachments', 'mentioned_users', 'pinned', 'pin_expires', 'custom', 'html', 'silent', 'show_in_channel']);

export const updateMessagePartial: Handler = (b, ctx) => {
  const id = ctx.params['id'] ?? '';
  const m = readableMessage(b, id, ctx.userId);
  const channel = b.channelOf(m);
  const set: Body = ctx.body['set'] === undefined || ctx.body['set'] === null ? {} : isObject(ctx.body['set']) ? ctx.body['set'] : (() => { throw inputError('"set" must be an object'); })();
  const unset = optStringArray(ctx.body, 'unset') ?? [];
  if (Object.keys(set).length === 0 && unset.length === 0) throw inputError('"set" or "unset" is required');
  // stream-chat pins with `set: { pinned, pin_expires, pinned_at }` (its pinMessage; null for
  // "no expiry" and "now"): a pin change, which the pin-message capability allows on anyone's
  // message. Any other field makes it an edit, for the author or a moderator.
  const onlyPin = [...Object.keys(set), ...unset].every((k) => PIN_FIELDS.has(k));
  if (onlyPin) {
    if (!ownCapabilities(channel, ctx.userId).includes('pin-message')) throw forbidden(`user "${ctx.userId}" may not pin messages in ${channel.cid}`);
  } else if (!canModerate(channel, m, ctx.userId)) throw forbidden(`user "${ctx.userId}" may not change message "${id}" of another user`);
  const pinnedAt = optTime(set, 'pinned_at');
  const checked = readMessageInput(b, Object.fromEntries(Object.entries(set).filter(([k]) => PARTIAL_FIELDS.has(k) || !['id', 'user', 'user_id', 'type', 'cid', 'parent_id'].includes(k))));
  for (const k of unset) if (['id', 'cid', 'user', 'user_id', 'type', 'created_at', 'parent_id'].includes(k)) throw inputError(`"${k}" cannot be unset`);
  const now = b.now();
  if (checked.text !== undefined && checked.text !== m.text) {
    m.text = checked.text;
    m.message_text_updated_at = now;
    delete m.i18n;
  }
  if (checked.html !== undefined) m.html = checked.html;
  if (checked.attachments !== undefined) m.attachments = checked.attachments;
  if (checked.mentioned_users !== undefined) m.mentioned_user_ids = checked.mentioned_users;
  if (checked.silent !== undefined) m.silent = checked.silent;
  if (checked.pinned !== undefined) setPinned(m, checked.pinned, ctx.userId, now, checked.pin_expires, pinnedAt);
  else if (checked.pin_expires !== undefined && m.pinned) m.pin_expires = checked.pin_expires;
  if (checked.pinned === undefined && pinnedAt !== undefined && m.pinned) m.pinned_at = pinnedAt;
  if (checked.hasCustom) Object.assign(m.custom, checked.custom);
  for (const k of unset) {
    if (k === 'pinned') setPinned(m, false, ctx.userId, now);
    else if (k === 'text') m.text = '';
    else if (k === 'attachments') m.attachments = [];
    else if (k === 'mentioned_users') m.mentioned_user_ids = [];
    else if (k === 'pin_expires') delete m.pin_expires;
    else if (k === 'pinned_at') continue;
    else delete m.custom[k];
  }
  m.updated_at = now;
  b.changed();
  announceMessageChange(b, m, 'message.updated');
  return { message: messageResponse(b, m, ctx.userId) };
};

/** Remove a message and its reactions (and replies, for a parent) from every index. */
function hardDelete(b: Backend, m: MessageRecord): void {
  for (const replyId of m.replyIds) {
    const reply = b.state.messages.get(replyId);
    if (reply) hardDelete(b, { ...reply, replyIds: [] });
  }
  const channel = b.state.channels.get(m.cid);
  if (channel) channel.messageIds = channel.messageIds.filter((id) => id !== m.id);
  if (m.parent_id) {
    const parent = b.state.messages.get(m.parent_id);
    if (parent) parent.replyIds = parent.replyIds.filter((id) => id !== m.id);
  }
  b.state.messages.delete(m.id);
  b.state.reactions.delete(m.id);
  b.state.threads.delete(m.id);
  b.state.liveLocations.delete(m.id);
}

export const deleteMessage: Handler = (b, ctx) => {
  if (queryBool(ctx.query, 'delete_for_me')) return deleteForMe(b, ctx, b.requireMessage(ctx.params['id'] ?? ''));
  const m = editableMessage(b, ctx.params['id'] ?? '', ctx.userId);
  const hard = queryBool(ctx.query, 'hard');
  const now = b.now();
  m.deleted_at = m.deleted_at ?? now;
  m.updated_at = now;
  dropMessageReminders(b, m.id);
  const rendered = messageResponse(b, m, ctx.userId);
  announceMessageChange(b, m, 'message.deleted', { hard_delete: hard, deleted_for_me: false });
  if (hard) hardDelete(b, m);
  b.changed();
  return { message: rendered };
};

export const undeleteMessage: Handler = (b, ctx) => {
  reqString(ctx.body, 'undeleted_by');
  const m = editableMessage(b, ctx.params['id'] ?? '', ctx.userId);
  if (m.deleted_at === undefined) throw inputError(`message "${m.id}" is not deleted`);
  delete m.deleted_at;
  m.updated_at = b.now();
  b.changed();
  announceMessageChange(b, m, 'message.undeleted');
  return { message: messageResponse(b, m, ctx.userId) };
};

export const getReplies: Handler = (b, ctx) => {
  const parent = readableMessage(b, ctx.params['parent_id'] ?? '', ctx.userId);
  const params = new URLSearchParams(ctx.query);
  const sortRaw = params.get('sort');
  let descending = false;
  if (sortRaw) {
    try {
      const sort: unknown = JSON.parse(sortRaw);
      const first = Array.isArray(sort) ? sort[0] : sort;
      descending = isObject(first) && first['direction'] === -1;
    } catch {
      throw inputError('"sort" must be JSON');
    }
  }
  for (const key of ['created_at_before', 'created_at_after', 'created_at_around', 'created_at_before_or_equal', 'created_at_after_or_equal']) {
    const v = params.get(key);
    if (v !== null && parseTime(v) === undefined) throw inputError(`"${key}" must be an RFC 3339 date-time`);
  }
  const page = paginate(parent.replyIds, readPageParams(params, 25), (id) => b.state.messages.get(id)?.created_at ?? 0);
  const messages = page.map((id) => b.state.messages.get(id)).filter((m) => m !== undefined).map((m) => messageResponse(b, m, ctx.userId));
  if (descending) messages.reverse();
  return { messages };
};

