// UpdateChannel, UpdateChannelPartial, DeleteChannel, HideChannel, ShowChannel and
// TruncateChannel (Chat API seed). Membership changes are announced with member.* events to
// watchers and notification.added_to_channel / removed_from_channel to the users concerned.
import type { Backend } from '../backend.ts';
import { emitChannelEvent, emitToUser } from '../broadcast.ts';
import { addMembersWithEvents } from '../channelOps.ts';
import { forbidden, inputError } from '../errors.ts';
import { isObject, memberIds, optArray, optBool, optInt, optObject, optStringArray, optTime, queryBool } from '../input.ts';
import { readMessageInput } from '../messageInput.ts';
import { announceNewMessage, insertMessage, validateNewMessage } from '../messageOps.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler, RequestContext } from '../router.ts';
import type { ChannelRecord, MessageRecord } from '../state.ts';
import { channelEventBase, channelResponse, memberResponse, messageResponse, totalsFields, userById, type Json } from '../views.ts';

const CHANNEL_RESERVED = new Set(['cid', 'id', 'type', 'members', 'member_count', 'created_at', 'updated_at', 'created_by', 'last_message_at', 'own_capabilities', 'config']);

function channelFor(b: Backend, ctx: RequestContext): ChannelRecord {
  const channel = b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? '');
  requireAccess(channel, ctx.userId, 'update the channel');
  return channel;
}

/**
 * The service keeps a channel's custom data (its name and image included) to 5 KB of JSON
 * and refuses a write past it with an input error; so does the emulator, on every write
 * that sets channel data (creation checks it in channels.ts).
 */
export const MAX_CHANNEL_CUSTOM_BYTES = 5 * 1024;

export function checkCustomSize(custom: Record<string, unknown>): void {
  const size = Buffer.byteLength(JSON.stringify(custom));
  if (size > MAX_CHANNEL_CUSTOM_BYTES) throw inputError(`channel custom data is ${size} bytes, more than the maximum of ${MAX_CHANNEL_CUSTOM_BYTES} bytes`);
}

function isAdmin(channel: ChannelRecord, userId: string): boolean {
  const role = channel.members.get(userId)?.channel_role;
  return role === 'owner' || role === 'channel_moderator' || channel.created_by_id === userId;
}

function announceUpdated(b: Backend, channel: ChannelRecord): void {
  const now = b.now();
  emitChannelEvent(b, channel, (uid) => ({ ...channelEventBase(channel, 'channel.updated', now), channel: channelResponse(b, channel, uid) }));
}

function removeMembers(b: Backend, channel: ChannelRecord, ids: string[]): void {
  const now = b.now();
  for (const id of ids) {
    const member = channel.members.get(id);
    if (!member) continue;
    const rendered = memberResponse(b, channel, member);
    channel.members.delete(id);
    channel.reads.delete(id);
    emitChannelEvent(b, channel, () => ({ ...channelEventBase(channel, 'member.removed', now), member: rendered, user: userById(b, id) }));
    emitToUser(b, id, (uid) => ({ ...channelEventBase(channel, 'notification.removed_from_channel', now), channel: channelResponse(b, channel, uid), member: rendered, ...totalsFields(b, uid) }));
    for (const conn of b.hub.connectionsOf(id)) if (channel.type === 'messaging' || channel.type === 'team') b.hub.unwatch(conn, channel.cid);
  }
}

export const updateChannel: Handler = (b, ctx) => {
  const channel = channelFor(b, ctx);
  const body = ctx.body;
  const add = memberIds(optArray(body, 'add_members') ?? [], 'add_members');
  const remove = optStringArray(body, 'remove_members') ?? [];
  const addMods = optStringArray(body, 'add_moderators') ?? [];
  const demote = optStringArray(body, 'demote_moderators') ?? [];
  const assign = memberIds(optArray(body, 'assign_roles') ?? [], 'assign_roles');
  const data = optObject(body, 'data');
  const cooldown = optInt(body, 'cooldown', 0, 120);
  const addTags = optStringArray(body, 'add_filter_tags') ?? [];
  const removeTags = optStringArray(body, 'remove_filter_tags') ?? [];
  const hideHistory = optBool(body, 'hide_history') ?? false;
  const hideBefore = optTime(body, 'hide_history_before');
  const messageBody = optObject(body, 'message');
  optBool(body, 'accept_invite');
  optBool(body, 'reject_invite');
  b.requireUsersExist(add.map((m) => m.user_id));
  for (const m of [...addMods, ...demote, ...assign.map((a) => a.user_id)]) {
    if (!channel.members.has(m) && !add.some((a) => a.user_id === m)) throw inputError(`user "${m}" is not a member of ${channel.cid}`);
  }
  const changesData = data !== undefined || cooldown !== undefined || addMods.length + demote.length + assign.length > 0;
  if (changesData && !isAdmin(channel, ctx.userId)) throw forbidden(`user "${ctx.userId}" may not update ${channel.cid}`);
  // Adding and removing members takes the update-channel-members capability, which only
  // members hold (permissions.ts ownCapabilities): in an open channel (livestream) a
  // non-member can read and write but not change who belongs.
  if (add.length + remove.length > 0 && !channel.members.has(ctx.userId)) {
    throw forbidden(`user "${ctx.userId}" may not change the members of ${channel.cid}: not a member`);
  }
  const messageInput = messageBody ? readMessageInput(b, messageBody) : undefined;
  if (messageInput) validateNewMessage(b, channel, messageInput);

  const now = b.now();
  let custom: Record<string, unknown> | undefined;
  if (data) {
    custom = isObject(data['custom']) ? { ...data['custom'] } : {};
    for (const [k, v] of Object.entries(data)) {
      if (['custom', 'frozen', 'disabled', 'team', 'members', 'invites', 'config_overrides', 'created_by', 'auto_translation_enabled', 'auto_translation_language'].includes(k) || k === '__proto__') continue;
      custom[k] = v;
    }
    checkCustomSize(custom);
  }
  if (data && custom) {
    channel.custom = custom;
    if (typeof data['frozen'] === 'boolean') channel.frozen = data['frozen'];
    if (typeof data['disabled'] === 'boolean') channel.disabled = data['disabled'];
    if (typeof data['team'] === 'string') channel.team = data['team'];
  }
  if (cooldown !== undefined) channel.cooldown = cooldown;
  channel.filter_tags = [...new Set([...channel.filter_tags, ...addTags])].filter((t) => !removeTags.includes(t));
  channel.updated_at = now;
  const added = addMembersWithEvents(b, channel, add);
  if (hideHistory || hideBefore !== undefined) for (const m of added) m.hide_messages_before = hideBefore ?? now;
  for (const id of addMods) setRole(b, channel, id, 'channel_moderator');
  for (const id of demote) setRole(b, channel, id, 'channel_member');
  for (const a of assign) setRole(b, channel, a.user_id, a.channel_role ?? 'channel_member');
  removeMembers(b, channel, remove);
  if (data || cooldown !== undefined || addTags.length + removeTags.length > 0) announceUpdated(b, channel);
  let message: MessageRecord | undefined;
  if (messageInput) {
    message = insertMessage(b, channel, ctx.userId, messageInput, undefined);
    announceNewMessage(b, channel, message);
  }
  b.changed();
  const out: Json = { channel: channelResponse(b, channel, ctx.userId), members: [...channel.members.values()].map((m) => memberResponse(b, channel, m)) };
  if (message) out['message'] = messageResponse(b, message, ctx.userId);
  return out;
};

function setRole(b: Backend, channel: ChannelRecord, userId: string, role: string): void {
  const member = channel.members.get(userId);
  if (!member || member.channel_role === role) return;
  member.channel_role = role;
  member.updated_at = b.now();
  const now = b.now();
  emitChannelEvent(b, channel, () => ({ ...channelEventBase(channel, 'member.updated', now), member: memberResponse(b, channel, member), user: userById(b, userId) }));
}

export const updateChannelPartial: Handler = (b, ctx) => {
  const channel = channelFor(b, ctx);
  const set = optObject(ctx.body, 'set') ?? {};
  const unset = optStringArray(ctx.body, 'unset') ?? [];
  if (Object.keys(set).length === 0 && unset.length === 0) throw inputError('"set" or "unset" is required');
  for (const k of [...Object.keys(set), ...unset]) if (CHANNEL_RESERVED.has(k)) throw inputError(`"${k}" cannot be changed`);
  if (set['frozen'] !== undefined && typeof set['frozen'] !== 'boolean') throw inputError('"frozen" must be a boolean');
  if (set['cooldown'] !== undefined && typeof set['cooldown'] !== 'number') throw inputError('"cooldown" must be a number');
  if (!isAdmin(channel, ctx.userId)) throw forbidden(`user "${ctx.userId}" may not update ${channel.cid}`);
  {
    // The custom data as it would be after the update, checked before anything changes.
    const next: Record<string, unknown> = { ...channel.custom };
    for (const [k, v] of Object.entries(set)) {
      if (k === 'custom' && isObject(v)) Object.assign(next, v);
      else if (!['frozen', 'disabled', 'cooldown', 'team', '__proto__'].includes(k)) next[k] = v;
    }
    for (const k of unset) delete next[k];
    checkCustomSize(next);
  }
  for (const [k, v] of Object.entries(set)) {
    if (k === 'frozen') channel.frozen = v as boolean;
    else if (k === 'disabled' && typeof v === 'boolean') channel.disabled = v;
    else if (k === 'cooldown') channel.cooldown = v as number;
    else if (k === 'team' && typeof v === 'string') channel.team = v;
    else if (k === 'custom' && isObject(v)) Object.assign(channel.custom, v);
    else if (k !== '__proto__') channel.custom[k] = v;
  }
  for (const k of unset) {
    if (k === 'cooldown') delete channel.cooldown;
    else if (k === 'team') delete channel.team;
    else delete channel.custom[k];
  }
  channel.updated_at = b.now();
  b.changed();
  announceUpdated(b, channel);
  return { channel: channelResponse(b, channel, ctx.userId), members: [...channel.members.values()].map((m) => memberResponse(b, channel, m)) };
};

/** Remove messages (and their replies and reactions) from the data. */
function dropMessages(b: Backend, ids: readonly string[]): void {
  for (const id of ids) {
    const m = b.state.messages.get(id);
    if (!m) continue;
    dropMessages(b, m.replyIds);
    b.state.messages.delete(id);
    b.state.reactions.delete(id);
    b.state.threads.delete(id);
  }
}

export const deleteChannel: Handler = (b, ctx) => {
  const channel = channelFor(b, ctx);
  if (!isAdmin(channel, ctx.userId)) throw forbidden(`user "${ctx.userId}" may not delete ${channel.cid}`);
  queryBool(ctx.query, 'hard_delete');
  const now = b.now();
  const rendered = { ...channelResponse(b, channel, ctx.userId), deleted_at: channelEventBase(channel, '', now)['created_at'] };
  const members = [...channel.members.keys()];
  emitChannelEvent(b, channel, () => ({ ...channelEventBase(channel, 'channel.deleted', now), channel: rendered }));
  dropMessages(b, channel.messageIds);
  for (const m of [...b.state.messages.values()]) if (m.cid === channel.cid) dropMessages(b, [m.id]);
  b.state.channels.delete(channel.cid);
  for (const conn of b.hub.watchersOf(channel.cid)) b.hub.unwatch(conn, channel.cid);
  for (const id of members) {
    emitToUser(b, id, (uid) => ({ ...channelEventBase(channel, 'notification.channel_deleted', now), channel: rendered, ...totalsFields(b, uid) }));
  }
  b.changed();
  return { channel: rendered };
};

function setHidden(b: Backend, ctx: RequestContext, hidden: boolean): Json {
  const channel = channelFor(b, ctx);
  const member = channel.members.get(ctx.userId);
  if (!member) throw inputError(`user "${ctx.userId}" is not a member of ${channel.cid}`);
  const clear = hidden ? (optBool(ctx.body, 'clear_history') ?? false) : false;
  const now = b.now();
  member.hidden = hidden;
  if (clear) member.hide_messages_before = now;
  b.changed();
  emitToUser(b, ctx.userId, (uid) => ({
    ...channelEventBase(channel, hidden ? 'channel.hidden' : 'channel.visible', now),
    channel: channelResponse(b, channel, uid),
    user: userById(b, uid),
    ...(hidden ? { clear_history: clear } : {}),
  }));
  return {};
}

export const hideChannel: Handler = (b, ctx) => setHidden(b, ctx, true);
export const showChannel: Handler = (b, ctx) => setHidden(b, ctx, false);

export const truncateChannel: Handler = (b, ctx) => {
  const channel = channelFor(b, ctx);
  if (!isAdmin(channel, ctx.userId)) throw forbidden(`user "${ctx.userId}" may not truncate ${channel.cid}`);
  const hard = optBool(ctx.body, 'hard_delete') ?? false;
  const memberIdsToHide = optStringArray(ctx.body, 'member_ids') ?? [];
  const at = optTime(ctx.body, 'truncated_at');
  optBool(ctx.body, 'skip_push');
  const messageBody = optObject(ctx.body, 'message');
  const messageInput = messageBody ? readMessageInput(b, messageBody) : undefined;
  if (messageInput) validateNewMessage(b, channel, messageInput);
  for (const id of memberIdsToHide) if (!channel.members.has(id)) throw inputError(`user "${id}" is not a member of ${channel.cid}`);
  const now = b.now();
  const cut = at ?? now;
  if (memberIdsToHide.length > 0) {
    for (const id of memberIdsToHide) {
      const member = channel.members.get(id);
      if (member) member.hide_messages_before = cut;
    }
  } else {
    const gone = channel.messageIds.filter((id) => (b.state.messages.get(id)?.created_at ?? 0) <= cut);
    channel.messageIds = channel.messageIds.filter((id) => !gone.includes(id));
    // Soft and hard truncation both drop the messages here; the emulator keeps no history.
    void hard;
    dropMessages(b, gone);
    channel.truncated_at = cut;
    channel.truncated_by_id = ctx.userId;
    channel.last_message_at = b.state.messages.get(channel.messageIds[channel.messageIds.length - 1] ?? '')?.created_at ?? channel.created_at;
  }
  channel.updated_at = now;
  b.changed();
  emitChannelEvent(
    b,
    channel,
    (uid) => ({ ...channelEventBase(channel, 'channel.truncated', now), channel: channelResponse(b, channel, uid), user: userById(b, ctx.userId) }),
    { notify: (uid) => ({ ...channelEventBase(channel, 'notification.channel_truncated', now), channel: channelResponse(b, channel, uid), ...totalsFields(b, uid) }) },
  );
  let message: MessageRecord | undefined;
  if (messageInput) {
    message = insertMessage(b, channel, ctx.userId, { ...messageInput, type: messageInput.type ?? 'system' }, undefined);
    announceNewMessage(b, channel, message);
  }
  const out: Json = { channel: channelResponse(b, channel, ctx.userId) };
  if (message) out['message'] = messageResponse(b, message, ctx.userId);
  return out;
};
