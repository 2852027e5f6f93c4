// Writes whose outcome is unknown (issue 21). A request that fails without an answer (the
// network dropped, the request timed out) may still have reached the server: the server
// may have deleted, edited or reacted although the client saw only an error. Rolling the
// change back blind then shows a state the server does not have (the soak found hard-deleted
// messages put back on every client that deleted during a network cut). So such a write
// keeps its optimistic change while the client waits for the connection, then reads the
// message back (GetMessage) and settles on what the server holds:
// - the change is there: the write succeeded; it resolves as if the answer had come;
// - it is not: the server's copy replaces the optimistic one (which is the rollback) and the
//   write rejects with the original error;
// - the message is gone (a hard delete, ours or someone's): it leaves the store; only a hard
//   delete resolves.
// The same holds for an answer saying the message does not exist: DELETE is retried after a
// network failure (it is idempotent), and a retry of a hard delete that had got through
// finds nothing to delete; a message another user hard-deleted answers the same.
// Read marks (markRead, markUnread) with no answer are sent again once connected instead:
// marking the same position twice is the same as once.
// The official client rejects and leaves the state to the UI; the service keeps no record of
// the attempt to ask for, so reading the message is the one way to know.
import type { MessageResponse } from '../models/generated/types.ts';
import { deepEqual } from '../store/deepEqual.ts';
import type { OpStart } from '../store/pending.ts';
import { ChatErrorCode, type ChatError } from '../transport/chatError.ts';
import { withoutChannel } from './apiResponses.ts';
import { toChatError, toStoredError, type ClientContext } from './clientContext.ts';

/** How many times the read-back itself may fail without an answer before giving up. */
const READ_BACK_ATTEMPTS = 5;

/** A failure with no answer from the server: it may or may not have acted. */
export function outcomeUnknown(e: ChatError): boolean {
  return e.code === ChatErrorCode.Client && e.status === 0 && e.retryable;
}

/** The message is not on the server (any more). */
export function gone(e: ChatError): boolean {
  return e.code === ChatErrorCode.DoesNotExist || e.status === 404;
}

type MessageOpStart = Exclude<OpStart, { kind: 'send' } | { kind: 'markRead' } | { kind: 'markUnread' }>;

/** How many times a read mark is sent in all when no answer comes. */
export const READ_MARK_ATTEMPTS = 5;

/** markRead and markUnread: marks of a position, the same when sent twice. */
export function isReadOp(op: OpStart): boolean {
  return op.kind === 'markRead' || op.kind === 'markUnread';
}

/** Wait for the connection; false when the client was disconnected meanwhile. */
export async function connectedAgain(ctx: ClientContext): Promise<boolean> {
  try {
    await ctx.whenConnected();
    return true;
  } catch {
    return false;
  }
}

export function isMessageOp(op: OpStart): op is MessageOpStart {
  return op.kind === 'reaction' || op.kind === 'unreaction' || op.kind === 'update' || op.kind === 'delete';
}

/** Whether the server's copy shows the operation's change. */
function shows(op: MessageOpStart, m: MessageResponse, me: string | undefined): boolean {
  const own = (m.own_reactions ?? []).filter((r) => (r.user_id ?? r.user?.id) === me || me === undefined);
  switch (op.kind) {
    case 'reaction':
      return own.some((r) => r.type === op.type);
    case 'unreaction':
      return !own.some((r) => r.type === op.type);
    case 'update':
      return Object.entries(op.patch).every(([k, v]) => {
        const top = m as unknown as Record<string, unknown>;
        const custom = (m as { custom?: Record<string, unknown> }).custom;
        return k in top ? deepEqual(top[k], v) : deepEqual(custom?.[k], v);
      });
    case 'delete':
      return m.type === 'deleted' || m.deleted_at !== undefined;
  }
}

type ReadBack = { kind: 'message'; message: MessageResponse } | { kind: 'gone' } | { kind: 'unknown' };

async function readBack(ctx: ClientContext, messageId: string): Promise<ReadBack> {
  for (let attempt = 0; attempt < READ_BACK_ATTEMPTS; attempt++) {
    if (!(await connectedAgain(ctx))) return { kind: 'unknown' };
    try {
      const res = await ctx.api('GetMessage').getMessage(messageId);
      return { kind: 'message', message: withoutChannel(res.message) };
    } catch (e) {
      const error = toChatError(e, 'GetMessage');
      if (gone(error)) return { kind: 'gone' };
      if (!outcomeUnknown(error)) return { kind: 'unknown' };
    }
  }
  return { kind: 'unknown' };
}

/**
 * Settle an operation whose request failed without an answer. Resolves with the server's
 * copy when the change took effect (undefined for a hard delete), or false when it did not
 * (the store then holds the server's state, or the blind rollback when the server could
 * not be asked).
 */
export async function settleUnknown(ctx: ClientContext, cid: string, op: MessageOpStart, error: ChatError): Promise<MessageResponse | undefined | false> {
  const got = await readBack(ctx, op.messageId);
  const failed = { type: 'op/failed' as const, opId: op.id, error: toStoredError(error) };
  if (got.kind === 'unknown') {
    ctx.store.dispatch(failed);
    return false;
  }
  if (got.kind === 'gone') {
    if (op.kind === 'delete' && op.hard) {
      ctx.store.dispatch({ type: 'op/succeeded', opId: op.id });
      return undefined;
    }
    ctx.store.dispatchMany([failed, { type: 'message/removed', cid, messageId: op.messageId }]);
    return false;
  }
  const took = !(op.kind === 'delete' && op.hard) && shows(op, got.message, ctx.meId());
  if (took) {
    ctx.store.dispatchMany([{ type: 'message/stored', cid, message: got.message }, { type: 'op/succeeded', opId: op.id }]);
    return got.message;
  }
  // Not done on the server: take the change back, then hold the server's copy (a hard
  // delete's copy comes back first, so the fresh one replaces it).
  ctx.store.dispatchMany([failed, { type: 'message/refreshed', cid, message: got.message }]);
  return false;
}
