// Optimistic operations as records in state (ARCHITECTURE.md, reliability rules): each
// pending operation keeps its intent and the exact inverse of what it changed. A message
// copy carries the ids of the operations it shows (`pendingOps`); when a server copy
// replaces it, the operations still out are applied again on top of it, so another user's
// change in between is kept and ours does not flicker away. Confirmation (the HTTP answer
// or the WebSocket echo, whichever comes first) drops the record; a failure applies the
// inverse to the current copy (PROTOCOL.md section 8).
import { current, isDraft } from 'immer';
import type { ChatEvent } from '../models/events.ts';
import type { ReactionResponse, UserResponse } from '../models/generated/types.ts';
import type { ChannelEntry, ChatState, LocalMessage, MessageWindow, StoredError } from './state.ts';
import { channelDraft, ensureChannel, type ReducerContext } from './context.ts';
import { addNewMessage, latestWindowIndex, removeHardDeleted, removeMessage, replaceHeld, showsInChannel, storeMessage } from './messages.ts';
import { idsFirst, idsInsert, idsLast } from './sortedIds.ts';
import { tableGet } from './table.ts';
import { channelOtherIds, messageOpIds, opOf, pendingAdd, pendingOf, pendingRemove, pendingReplace } from './pendingTable.ts';
import {
  applyEdit,
  applyReaction,
  applySoftDelete,
  localMessage,
  reactionReflected,
  restoreFields,
  undoReaction,
} from './optimisticMessages.ts';
import { applyMarkRead, applyMarkUnread, holdReadPosition, rollbackRead, type ReadOp } from './optimisticReads.ts';
import { afterNewest, likelyServerTime, moveReply, reconcileSends, settleSend } from './pendingSends.ts';
import { threadOnMessageChanged, threadOnNewReply } from './threadEvents.ts';
import type { MessageOp, OpStart, OptimisticAction, PendingOp, SendOp } from './pendingOps.ts';

export type { DeleteOp, EditOp, MessageOp, OpStart, OptimisticAction, PendingOp, ReactionOp, ReadOp, SendOp } from './pendingOps.ts';

function plain<T>(v: T): T {
  return isDraft(v) ? (current(v as never) as T) : v;
}

function meOf(state: ChatState): UserResponse | undefined {
  return state.me as unknown as UserResponse | undefined;
}

/** Pending operations on one message, oldest first (from the per-message index, no scan). */
function opsOn(state: ChatState, messageId: string): MessageOp[] {
  const out: MessageOp[] = [];
  for (const id of messageOpIds(pendingOf(state), messageId)) {
    const op = opOf(state, id);
    if (op && op.kind !== 'send' && op.kind !== 'read') out.push(op);
  }
  return out;
}

/** Apply one message operation to `m`, recording its inverse on the record. */
function applyOp(state: ChatState, op: MessageOp, m: LocalMessage): LocalMessage {
  let next: LocalMessage;
  switch (op.kind) {
    case 'reaction': {
      const r = applyReaction(m, op.type, op.add, op.enforceUnique);
      pendingReplace(state, { ...op, change: r.change });
      next = r.message;
      break;
    }
    case 'update': {
      const r = applyEdit(m, op.patch, op.at);
      pendingReplace(state, { ...op, before: r.before });
      next = r.message;
      break;
    }
    case 'delete': {
      const r = applySoftDelete(m, op.at);
      pendingReplace(state, { ...op, before: r.before });
      next = r.message;
      break;
    }
  }
  return { ...next, pendingOps: [...(m.pendingOps ?? []).filter((id) => id !== op.id), op.id] };
}

function undoOp(op: MessageOp, m: LocalMessage): LocalMessage {
  const next = op.kind === 'reaction' ? undoReaction(m, op.change) : restoreFields(m, op.before);
  const tags = (m.pendingOps ?? []).filter((id) => id !== op.id);
  const { pendingOps: _tags, ...out } = next;
  return tags.length === 0 ? out : { ...out, pendingOps: tags };
}

/**
 * Take operation `target` off the copy `m`: later operations shown on it are undone first
 * and applied again after, so each inverse meets the copy it was computed on.
 */
function without(state: ChatState, m: LocalMessage, target: MessageOp): LocalMessage {
  const shown = new Set(m.pendingOps ?? []);
  const ops = opsOn(state, target.messageId).filter((op) => shown.has(op.id));
  const at = ops.findIndex((op) => op.id === target.id);
  if (at < 0) return m;
  const later = ops.slice(at + 1);
  let next = m;
  for (const op of [...later].reverse()) next = undoOp(op, next);
  next = undoOp(target, next);
  pendingRemove(state, target.id);
  for (const op of later) next = applyOp(state, opOf(state, op.id) as MessageOp, next);
  return next;
}

/** Store a copy we changed locally; a reply's thread counts follow a (un)delete. */
function storeLocal(state: ChatState, ch: ChannelEntry, next: LocalMessage): void {
  const prev = tableGet(ch.messages, next.id);
  storeMessage(ch, next);
  threadOnMessageChanged(state, ch, prev ? plain(prev) : undefined, next);
}

function dropOp(state: ChatState, opId: string): void {
  pendingRemove(state, opId);
}

function startOp(state: ChatState, ctx: ReducerContext, start: OpStart): void {
  const me = meOf(state);
  if (!me) return;
  const ch = start.kind === 'send' ? ensureChannel(state, ctx, start.cid) : channelDraft(state, ctx, start.cid);
  if (!ch) return;
  switch (start.kind) {
    case 'send': {
      const quotedId = start.request.quoted_message_id;
      const quoted = quotedId ? tableGet(ch.messages, quotedId) : undefined;
      // It goes after everything the list holds, so it lands where it stays (after the
      // sends still out, which may have been moved past the newest confirmed time), at the
      // time the server will likely give it when that is later (pendingSends.ts).
      const shows = !start.request.parent_id || start.request.show_in_channel === true;
      const at = shows ? Math.max(likelyServerTime(state, ctx.now), afterNewest(ch, start.request.id)) : ctx.now;
      const m = localMessage(state, ch.cid, start.request, me, at, quoted ? plain(quoted) : undefined);
      if (start.uploads && start.uploads.length > 0) m.uploads = start.uploads;
      addNewMessage(ch, m, ctx.windowCap, 'sending');
      // A reply shows in its thread at once; the server's copy later finds it held and does
      // not count it again.
      if (m.parent_id) threadOnNewReply(state, ch, m, undefined);
      pendingAdd(state, {
        kind: 'send', id: start.id, cid: ch.cid, messageId: m.id, request: start.request, phase: start.queued ? 'queued' : 'sending', at: m.created_at,
        ...(start.queued ? {} : { sentAt: ctx.now }),
      });
      return;
    }
    case 'markRead':
      pendingAdd(state, applyMarkRead(state, ch, me, start.id, ctx.now));
      return;
    case 'markUnread':
      pendingAdd(state, applyMarkUnread(state, ch, me, start.id, start.messageId));
      return;
    default:
      break;
  }
  const held = tableGet(ch.messages, start.messageId);
  // Nothing held to change locally: the request still goes out, the answer brings the copy.
  if (!held) return;
  let op: MessageOp;
  switch (start.kind) {
    case 'reaction': {
      const add: ReactionResponse = {
        message_id: start.messageId, user_id: me.id, user: me, type: start.type, score: start.score ?? 1, custom: {}, created_at: ctx.now, updated_at: ctx.now,
      };
      op = { kind: 'reaction', id: start.id, cid: ch.cid, messageId: start.messageId, type: start.type, add, enforceUnique: start.enforceUnique, change: { removed: [], added: null }, seq: 0 };
      break;
    }
    case 'unreaction':
      op = { kind: 'reaction', id: start.id, cid: ch.cid, messageId: start.messageId, type: start.type, add: null, enforceUnique: false, change: { removed: [], added: null }, seq: 0 };
      break;
    case 'update':
      op = { kind: 'update', id: start.id, cid: ch.cid, messageId: start.messageId, patch: start.patch, at: ctx.now, before: { top: {}, custom: {} }, seq: 0 };
      break;
    case 'delete':
      op = { kind: 'delete', id: start.id, cid: ch.cid, messageId: start.messageId, hard: start.hard, at: ctx.now, before: { top: {}, custom: {} }, removed: null, seq: 0 };
      if (start.hard) {
        pendingAdd(state, { ...op, removed: plain(held) });
        removeMessage(ch, held.id);
        return;
      }
      break;
  }
  const added = pendingAdd(state, op) as MessageOp;
  storeLocal(state, ch, applyOp(state, added, plain(held)));
}

/** Put a hard-deleted message back where it belongs (the window whose span holds its time). */
function reinsert(ch: ChannelEntry, m: LocalMessage): void {
  storeMessage(ch, m);
  const li = latestWindowIndex(ch);
  for (let i = 0; i < ch.windows.length; i++) {
    const w = ch.windows[i] as MessageWindow;
    const first = idsFirst(w.ids);
    const last = idsLast(w.ids);
    const inside = first !== undefined && last !== undefined && first.at <= m.created_at && m.created_at <= last.at;
    // Past either end of a window that ends the history that way (or the latest's newest end).
    const newest = i === li && (!last || m.created_at > last.at);
    const oldest = first !== undefined && m.created_at < first.at && !w.hasOlder;
    if (inside || newest || oldest) {
      idsInsert(w.ids, m.id, m.created_at);
      return;
    }
  }
}

function failOp(state: ChatState, ctx: ReducerContext, opId: string, error: StoredError): void {
  const op = opOf(state, opId);
  if (!op) return;
  const ch = channelDraft(state, ctx, op.cid);
  const me = meOf(state);
  if (!ch || !me) {
    dropOp(state, opId);
    return;
  }
  switch (op.kind) {
    case 'send': {
      const held = tableGet(ch.messages, op.messageId);
      if (!held || held.status === 'received') {
        dropOp(state, opId);
        return;
      }
      pendingReplace(state, { ...op, phase: 'failed' });
      storeMessage(ch, { ...plain(held), status: 'failed', error });
      return;
    }
    case 'read':
      rollbackRead(state, ch, me, op);
      dropOp(state, opId);
      return;
    case 'delete':
      if (op.hard) {
        if (op.removed && !tableGet(ch.messages, op.messageId)) reinsert(ch, plain(op.removed));
        dropOp(state, opId);
        return;
      }
      break;
    default:
      break;
  }
  const held = tableGet(ch.messages, op.messageId);
  if (held) storeLocal(state, ch, without(state, plain(held), op));
  dropOp(state, opId);
}

function succeedOp(state: ChatState, ctx: ReducerContext, opId: string): void {
  const op = opOf(state, opId);
  if (!op) return;
  const ch = channelDraft(state, ctx, op.cid);
  if (op.kind === 'send' || op.kind === 'read' || (op.kind === 'delete' && op.hard) || !ch) {
    if (op.kind === 'send' && ch) {
      // The answer was stored just before: make sure the copy no longer looks pending.
      const held = tableGet(ch.messages, op.messageId);
      if (held && held.status !== 'received') storeMessage(ch, { ...plain(held), status: 'received' });
    }
    if (op.kind === 'delete' && op.hard && ch) removeHardDeleted(ch, op.messageId);
    dropOp(state, opId);
    return;
  }
  // The server's copy (stored just before) is the truth: take our overlay off it.
  const held = tableGet(ch.messages, op.messageId);
  if (held && (held.pendingOps ?? []).includes(op.id)) storeLocal(state, ch, without(state, plain(held), op));
  dropOp(state, opId);
}

/**
 * A send put in `phase` now: one going out (leaving the queue, or retried) records when
 * (`sentAt`, for the lead); one put back in the queue has not gone out.
 */
function sendInPhase(op: SendOp, phase: 'queued' | 'sending', now: number): SendOp {
  const { sentAt: _sentAt, ...unsent } = op;
  return phase === 'sending' ? { ...unsent, phase, sentAt: now } : { ...unsent, phase };
}

function retryOp(state: ChatState, ctx: ReducerContext, opId: string, queued: boolean): void {
  const op = opOf(state, opId);
  if (op?.kind !== 'send') return;
  const ch = channelDraft(state, ctx, op.cid);
  const held = ch ? tableGet(ch.messages, op.messageId) : undefined;
  if (!ch || !held) return;
  const { error: _error, ...rest } = plain(held);
  // A retried message is being sent now: it goes back to the end, at the time the server
  // will likely give it, as a new send does.
  const shows = showsInChannel(held);
  const at = Math.max(shows ? likelyServerTime(state, ctx.now) : ctx.now, held.created_at, shows ? afterNewest(ch, held.id) : -Infinity);
  moveReply(state, rest, op.at, at);
  pendingReplace(state, { ...sendInPhase(op, queued ? 'queued' : 'sending', ctx.now), at });
  replaceHeld(ch, held, { ...rest, status: 'sending', created_at: at });
}

/** The message an operation concerns (read operations concern the channel only). */
function messageOf(op: PendingOp | undefined): { cid: string; messageId: string } | undefined {
  return op && op.kind !== 'read' ? { cid: op.cid, messageId: op.messageId } : undefined;
}

/** The reducer of optimistic operations. */
export function reduceOptimistic(state: ChatState, ctx: ReducerContext, action: OptimisticAction): void {
  // Each operation settles the one message it concerns against the pending sends (see
  // pendingSends.ts); reconcilePending leaves optimistic actions alone.
  let concerns: { cid: string; messageId: string } | undefined;
  let last = false;
  switch (action.type) {
    case 'op/started': {
      const op = action.op;
      startOp(state, ctx, op);
      if (op.kind === 'send') {
        concerns = { cid: op.cid, messageId: op.request.id };
        last = true;
      } else if (op.kind !== 'markRead') {
        concerns = { cid: op.cid, messageId: op.messageId };
      }
      break;
    }
    case 'op/phase': {
      const op = opOf(state, action.opId);
      if (op?.kind === 'send' && op.phase !== action.phase) pendingReplace(state, sendInPhase(op, action.phase, ctx.now));
      return;
    }
    case 'op/succeeded':
      concerns = messageOf(opOf(state, action.opId));
      succeedOp(state, ctx, action.opId);
      break;
    case 'op/failed':
      concerns = messageOf(opOf(state, action.opId));
      failOp(state, ctx, action.opId, action.error);
      break;
    case 'op/retried':
      concerns = messageOf(opOf(state, action.opId));
      last = true;
      retryOp(state, ctx, action.opId, action.queued);
      break;
  }
  if (concerns) settleSend(state, ctx, concerns.cid, concerns.messageId, last);
}

function reactionUser(ev: ChatEvent): string | undefined {
  return ev.reaction?.user_id ?? ev.reaction?.user?.id ?? ev.user?.id;
}

/** Whether `ev` is the server's echo of `op` (so its copy already holds the change). */
function isEcho(op: PendingOp, ev: ChatEvent, me: string): boolean {
  switch (op.kind) {
    case 'send':
      return false;
    case 'reaction':
      if (ev.message?.id !== op.messageId || ev.reaction?.type !== op.type || reactionUser(ev) !== me) return false;
      return op.add ? ev.type === 'reaction.new' || ev.type === 'reaction.updated' : ev.type === 'reaction.deleted';
    case 'delete':
      return ev.type === 'message.deleted' && ev.message?.id === op.messageId;
    case 'update':
      // Edits set fields, so applying ours again on the echo changes nothing; the answer settles them.
      return false;
    case 'read':
      if (ev.cid !== op.cid || ev.thread_id || ev.thread) return false;
      if (op.mode === 'unread') return ev.type === 'notification.mark_unread';
      return (ev.type === 'message.read' && ev.user?.id === me) || ev.type === 'notification.mark_read';
  }
}

/**
 * After every action but optimistic ones (those settle their message themselves): drop
 * operations the action confirmed, apply again the ones a server copy replaced, keep read
 * positions and pending sends where they belong. The operations that can be concerned are
 * found through the indexes (the event's message, the touched channels), never by a pass
 * over every pending operation: with a thousand sends in flight that pass was per event.
 * Sends are settled by the message the action concerns (pendingSends.ts).
 */
export function reconcilePending(state: ChatState, ctx: ReducerContext, action: { type: string; event?: ChatEvent }): void {
  // Runs after every action: with nothing pending (the common case) it must not even draft
  // the pending table.
  if (pendingOf(state).ops.size === 0 || action.type.startsWith('op/')) return;
  const me = meOf(state);
  if (!me) return;
  const ev = action.type === 'event' ? action.event : undefined;
  if (ev) {
    // Only an operation on the event's message, or a read of its channel, can be echoed by it.
    const p = pendingOf(state);
    const candidates = [...(ev.message ? messageOpIds(p, ev.message.id) : []), ...(ev.cid ? channelOtherIds(p, ev.cid) : [])];
    for (const id of candidates) {
      const op = opOf(state, id);
      if (op && op.kind !== 'send' && isEcho(op, ev, me.id)) dropOp(state, id);
    }
  }
  // The operations of the channels the action touched, oldest first.
  const others: Array<MessageOp | ReadOp> = [];
  for (const cid of ctx.touched) {
    for (const id of channelOtherIds(pendingOf(state), cid)) {
      const op = opOf(state, id);
      if (op && op.kind !== 'send') others.push(op);
    }
  }
  if (ctx.touched.size > 1) others.sort((x, y) => x.seq - y.seq);
  const done = new Set<string>();
  for (const op of others) {
    if (done.has(op.kind === 'read' ? op.id : op.messageId)) continue;
    // An earlier step may have settled it (reapply drops reactions a REST copy reflects).
    if (!opOf(state, op.id)) continue;
    const ch = channelDraft(state, ctx, op.cid);
    if (!ch) {
      dropOp(state, op.id);
      continue;
    }
    if (op.kind === 'read') {
      holdReadPosition(state, ch, me, op);
      continue;
    }
    done.add(op.messageId);
    reapply(state, ch, op.messageId, me.id, ev);
  }
  reconcileSends(state, ctx, action);
}

/** The own reactions the server's copy had before our pending reaction operations. */
function serverOwnReactions(own: readonly ReactionResponse[], ops: readonly MessageOp[]): ReactionResponse[] {
  let out = [...own];
  for (const op of [...ops].reverse()) {
    if (op.kind !== 'reaction') continue;
    const added = op.change.added;
    if (added) out = out.filter((r) => r.type !== added.type);
    for (const r of op.change.removed) if (!out.some((x) => x.type === r.type)) out.push(r);
  }
  return out;
}

/** Apply again the operations on one message that a server copy no longer shows. */
function reapply(state: ChatState, ch: ChannelEntry, messageId: string, me: string, ev: ChatEvent | undefined): void {
  const ops = opsOn(state, messageId);
  const held = tableGet(ch.messages, messageId);
  for (const op of ops) {
    if (op.kind !== 'delete' || !op.hard) continue;
    // A page or answer that still lists it was read before the delete reached the server.
    if (held) {
      pendingReplace(state, { ...op, removed: plain(held) });
      removeMessage(ch, messageId);
    }
    return;
  }
  if (!held) {
    for (const op of ops) dropOp(state, op.id);
    return;
  }
  const shown = new Set(held.pendingOps ?? []);
  const missing = ops.filter((op) => !shown.has(op.id));
  if (missing.length === 0) return;
  let m = plain(held);
  // An event's copy keeps our own_reactions from local state (PROTOCOL.md section 6), so
  // they still show our pending reactions: take those off before applying them again.
  if (ev?.message?.id === messageId && shown.size === 0) {
    m = { ...m, own_reactions: serverOwnReactions(m.own_reactions, ops) };
  }
  for (const op of missing) {
    // A REST copy tells our own reactions for sure: if it holds ours, the server has it.
    if (!ev && op.kind === 'reaction' && reactionReflected(m, op.type, op.add, op.enforceUnique)) {
      dropOp(state, op.id);
      continue;
    }
    m = applyOp(state, opOf(state, op.id) as MessageOp, m);
  }
  storeLocal(state, ch, m);
}
