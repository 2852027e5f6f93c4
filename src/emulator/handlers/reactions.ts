// SendReaction (with enforce_unique), DeleteReaction and GetReactions (Chat API seed).
import type { Backend } from '../backend.ts';
import { emitChannelEvent } from '../broadcast.ts';
import { inputError, notFound } from '../errors.ts';
import { isObject, optBool, optInt, queryInt, reqObject, reqString } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { MessageRecord, ReactionRecord } from '../state.ts';
import { channelEventBase, eventMessage, messageResponse, reactionResponse, userById } from '../views.ts';

const REACTION_FIELDS = new Set(['type', 'score', 'custom', 'created_at', 'updated_at', 'user', 'user_id', 'message_id']);

function reactable(b: Backend, id: string, userId: string): MessageRecord {
  const m = b.requireMessage(id);
  requireAccess(b.channelOf(m), userId, 'react to messages');
  if (m.deleted_at !== undefined) throw inputError(`message "${id}" is deleted`);
  return m;
}

function announce(b: Backend, m: MessageRecord, type: string, reaction: ReactionRecord): void {
  const channel = b.channelOf(m);
  const now = b.now();
  emitChannelEvent(b, channel, (uid) => ({
    ...channelEventBase(channel, type, now),
    message: eventMessage(b, m, uid),
    reaction: reactionResponse(b, reaction),
    user: userById(b, reaction.user_id),
    parent_id: m.parent_id,
  }));
}

export const sendReaction: Handler = (b, ctx) => {
  const m = reactable(b, ctx.params['id'] ?? '', ctx.userId);
  const input = reqObject(ctx.body, 'reaction');
  const type = reqString(input, 'type');
  if (type.length > 30) throw inputError('reaction type is longer than 30 characters');
  const score = optInt(input, 'score', 1, 1000) ?? 1;
  const enforceUnique = optBool(ctx.body, 'enforce_unique') ?? false;
  const custom: Record<string, unknown> = isObject(input['custom']) ? { ...input['custom'] } : {};
  for (const [k, v] of Object.entries(input)) if (!REACTION_FIELDS.has(k) && k !== '__proto__') custom[k] = v;

  const now = b.now();
  const all = b.state.reactions.get(m.id) ?? [];
  const own = all.filter((r) => r.user_id === ctx.userId);
  const same = own.find((r) => r.type === type);
  // enforce_unique replaces every other reaction of this user on the message.
  const replaced = enforceUnique ? own.filter((r) => r !== same) : [];
  let reaction: ReactionRecord;
  if (same) {
    same.score = score;
    same.custom = custom;
    same.updated_at = now;
    reaction = same;
  } else {
    reaction = { message_id: m.id, user_id: ctx.userId, type, score, custom, created_at: now, updated_at: now };
  }
  const next = all.filter((r) => !replaced.includes(r));
  if (!same) next.push(reaction);
  b.state.reactions.set(m.id, next);
  m.updated_at = now;
  b.changed();
  announce(b, m, same || replaced.length > 0 ? 'reaction.updated' : 'reaction.new', reaction);
  return { message: messageResponse(b, m, ctx.userId), reaction: reactionResponse(b, reaction) };
};

export const deleteReaction: Handler = (b, ctx) => {
  const m = reactable(b, ctx.params['id'] ?? '', ctx.userId);
  const type = ctx.params['type'] ?? '';
  const all = b.state.reactions.get(m.id) ?? [];
  const reaction = all.find((r) => r.user_id === ctx.userId && r.type === type);
  if (!reaction) throw notFound(`reaction "${type}" of user "${ctx.userId}" on message "${m.id}" does not exist`);
  b.state.reactions.set(m.id, all.filter((r) => r !== reaction));
  m.updated_at = b.now();
  b.changed();
  announce(b, m, 'reaction.deleted', reaction);
  return { message: messageResponse(b, m, ctx.userId), reaction: reactionResponse(b, reaction) };
};

export const getReactions: Handler = (b, ctx) => {
  const m = b.requireMessage(ctx.params['id'] ?? '');
  requireAccess(b.channelOf(m), ctx.userId, 'read reactions');
  const limit = queryInt(ctx.query, 'limit', 300) ?? 25;
  const offset = queryInt(ctx.query, 'offset') ?? 0;
  const all = [...(b.state.reactions.get(m.id) ?? [])].sort((x, y) => y.created_at - x.created_at);
  return { reactions: all.slice(offset, offset + limit).map((r) => reactionResponse(b, r)) };
};
