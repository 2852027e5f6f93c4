// SendEvent: typing.start / typing.stop (optionally in a thread, parent_id) and custom
// events, delivered to the channel's watchers. Types the server itself emits cannot be sent.
import { emitChannelEvent } from '../broadcast.ts';
import { formatTime } from '../clock.ts';
import { inputError } from '../errors.ts';
import { isObject, optString, reqObject, reqString } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import { channelEventBase, compact, userById } from '../views.ts';

const RESERVED_PREFIXES = ['message.', 'reaction.', 'member.', 'channel.', 'notification.', 'user.', 'health.', 'connection.', 'thread.', 'poll.', 'draft.'];
const EVENT_FIELDS = new Set(['type', 'custom', 'parent_id', 'user', 'user_id', 'created_at', 'cid', 'channel_id', 'channel_type']);

export const sendEvent: Handler = (b, ctx) => {
  const channel = b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? '');
  requireAccess(channel, ctx.userId, 'send events');
  const input = reqObject(ctx.body, 'event');
  const type = reqString(input, 'type');
  const typing = type === 'typing.start' || type === 'typing.stop';
  if (!typing && RESERVED_PREFIXES.some((p) => type.startsWith(p))) throw inputError(`event type "${type}" is reserved for the server`);
  if (type.length > 64) throw inputError('event type is longer than 64 characters');
  const parentId = optString(input, 'parent_id');
  if (input['custom'] !== undefined && !isObject(input['custom'])) throw inputError('"custom" must be an object');
  const custom: Record<string, unknown> = isObject(input['custom']) ? { ...input['custom'] } : {};
  for (const [k, v] of Object.entries(input)) if (!EVENT_FIELDS.has(k) && k !== '__proto__') custom[k] = v;
  const now = b.now();
  const event = compact({
    ...custom,
    ...channelEventBase(channel, type, now),
    custom,
    user: userById(b, ctx.userId),
    user_id: ctx.userId,
    parent_id: parentId || undefined,
    received_at: formatTime(now),
  });
  emitChannelEvent(b, channel, () => event);
  return { event };
};
