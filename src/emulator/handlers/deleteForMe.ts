// DeleteMessage with `delete_for_me=true` (Chat API seed): the message is deleted for the
// caller only. Neither the seeds nor PROTOCOL.md say more; the service's behaviour, as the
// official client and its maintainers describe it (stream-chat's `_deleteMessage`, and the
// pull request that added `deleted_for_me`, GetStream/stream-chat-js#1604), is followed:
// - any member who may read the message may delete it for themselves (it hides nothing
//   from anyone else); combined with `hard` it is an input error;
// - the answer carries the message as stored, not marked deleted (the official client sets
//   `type: 'deleted'` and `deleted_for_me: true` on it itself);
// - only the caller's watching connections get `message.deleted`, with `deleted_for_me: true`
//   at the event's root and not inside the message (events are serialized once);
// - from then on the caller's reads (channel queries, GetMessage, GetManyMessages, replies,
//   search) render it as deleted with `deleted_for_me: true`; everyone else sees it as before.
import type { Backend } from '../backend.ts';
import { inputError } from '../errors.ts';
import { queryBool } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { RequestContext } from '../router.ts';
import type { MessageRecord } from '../state.ts';
import { channelEventBase, eventMessage, messageResponse, userById, type Json } from '../views.ts';

/** Serve DeleteMessage with delete_for_me; the caller checked that the flag is set. */
export function deleteForMe(b: Backend, ctx: RequestContext, m: MessageRecord): Json {
  if (queryBool(ctx.query, 'hard')) throw inputError('"hard" and "delete_for_me" cannot be combined');
  const channel = b.channelOf(m);
  requireAccess(channel, ctx.userId, 'delete messages');
  const rendered = messageResponse(b, m, ctx.userId);
  const now = b.now();
  m.deleted_for = { ...m.deleted_for, [ctx.userId]: m.deleted_for?.[ctx.userId] ?? now };
  b.changed();
  const event = {
    ...channelEventBase(channel, 'message.deleted', now),
    message: eventMessage(b, m, ctx.userId),
    user: userById(b, ctx.userId),
    hard_delete: false,
    deleted_for_me: true,
  };
  for (const conn of b.hub.connectionsOf(ctx.userId)) if (conn.watching.has(channel.cid)) b.hub.send(conn, event);
  return { message: rendered };
}
