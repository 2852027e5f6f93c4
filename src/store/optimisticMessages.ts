// The local side of message writes (PROTOCOL.md section 8): the copy a send shows before
// the server answers, and edits, soft deletes and reactions as pure changes of a message
// copy, each returning the exact inverse needed to take it back from whatever copy is held
// by then. Nothing here touches the store; pending.ts decides when to apply and undo.
import type { MessageRequest, MessageResponse, ReactionResponse, UserResponse } from '../models/generated/types.ts';
import type { ChatState, FieldBefore, FieldsBefore, LocalMessage, ReactionChange, SendRequest } from './state.ts';

// The records of these changes are state (state.ts); named here too for their users.
export type { FieldBefore, FieldsBefore, ReactionChange, SendRequest } from './state.ts';
import { withOwnReaction, withoutOwnReaction } from './reactionMath.ts';
import { tableGet } from './table.ts';

/** Request fields that are not custom data (everything else a caller passes is custom). */
const REQUEST_FIELDS = new Set([
  'attachments', 'custom', 'html', 'id', 'mentioned_channel', 'mentioned_group_ids', 'mentioned_here', 'mentioned_roles',
  'mentioned_users', 'mml', 'parent_id', 'pin_expires', 'pinned', 'pinned_at', 'pinned_by', 'poll_id', 'quoted_message_id',
  'restricted_visibility', 'shared_location', 'show_in_channel', 'silent', 'text', 'type', 'user', 'user_id',
]);

/** Fields an edit may not change locally: identity, thread placement, and ids the server resolves. */
const FIXED_FIELDS = new Set(['id', 'cid', 'user', 'user_id', 'type', 'parent_id', 'created_at', 'updated_at', 'mentioned_users', 'quoted_message_id', 'show_in_channel', 'status', 'error', 'pendingOps']);

function customOf(request: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(request['custom'] as Record<string, unknown> | undefined) };
  for (const [k, v] of Object.entries(request)) if (!REQUEST_FIELDS.has(k) && k !== '__proto__') out[k] = v;
  return out;
}

/**
 * The copy of a message being sent, as the server will render it as far as the client can
 * tell: own user, text, attachments, thread placement, the quoted message if held.
 */
export function localMessage(state: ChatState, cid: string, request: SendRequest, me: UserResponse, at: number, quoted: MessageResponse | undefined): LocalMessage {
  const custom = customOf(request);
  const mentioned: UserResponse[] = [];
  for (const id of request.mentioned_users ?? []) {
    const u = tableGet(state.users, id);
    if (u) mentioned.push(u);
  }
  const m: LocalMessage = {
    ...custom,
    id: request.id,
    cid,
    type: request.parent_id ? 'reply' : 'regular',
    text: request.text ?? '',
    html: request.html ?? '',
    user: me,
    attachments: request.attachments ?? [],
    custom,
    mentioned_users: mentioned,
    mentioned_channel: request.mentioned_channel ?? false,
    mentioned_here: request.mentioned_here ?? false,
    silent: request.silent ?? false,
    shadowed: false,
    pinned: request.pinned ?? false,
    restricted_visibility: request.restricted_visibility ?? [],
    reply_count: 0,
    deleted_reply_count: 0,
    latest_reactions: [],
    own_reactions: [],
    reaction_counts: {},
    reaction_scores: {},
    reaction_groups: {},
    created_at: at,
    updated_at: at,
    status: 'sending',
  };
  if (m.pinned) m.pinned_at = at;
  if (request.parent_id) m.parent_id = request.parent_id;
  if (request.parent_id && request.show_in_channel) m.show_in_channel = true;
  if (request.quoted_message_id) m.quoted_message_id = request.quoted_message_id;
  if (quoted) m.quoted_message = quoted;
  if (request.poll_id) m.poll_id = request.poll_id;
  return m;
}

function before(obj: Readonly<Record<string, unknown>>, key: string): FieldBefore {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined ? { v: obj[key] } : null;
}

function setFields(m: LocalMessage, top: Readonly<Record<string, unknown>>, custom: Readonly<Record<string, unknown>>): { message: LocalMessage; before: FieldsBefore } {
  const next = { ...m } as LocalMessage & Record<string, unknown>;
  const topBefore: Record<string, FieldBefore> = {};
  const customBefore: Record<string, FieldBefore> = {};
  for (const [k, v] of Object.entries(top)) {
    topBefore[k] = before(m as unknown as Record<string, unknown>, k);
    next[k] = v;
  }
  if (Object.keys(custom).length > 0) {
    const c = { ...m.custom };
    for (const [k, v] of Object.entries(custom)) {
      customBefore[k] = before(m.custom, k);
      c[k] = v;
    }
    next.custom = c;
  }
  return { message: next, before: { top: topBefore, custom: customBefore } };
}

/** Put back the fields an edit or delete replaced. */
export function restoreFields(m: LocalMessage, b: FieldsBefore): LocalMessage {
  const next = { ...m } as LocalMessage & Record<string, unknown>;
  for (const [k, f] of Object.entries(b.top)) {
    if (f) next[k] = f.v;
    else delete next[k];
  }
  if (Object.keys(b.custom).length > 0) {
    const c = { ...m.custom };
    for (const [k, f] of Object.entries(b.custom)) {
      if (f) c[k] = f.v;
      else delete c[k];
    }
    next.custom = c;
  }
  return next;
}

/** An edit: the patch's content fields and custom fields set on the copy. */
export function applyEdit(m: LocalMessage, patch: Readonly<Record<string, unknown>>, at: number): { message: LocalMessage; before: FieldsBefore } {
  const top: Record<string, unknown> = {};
  const custom: Record<string, unknown> = { ...(patch['custom'] as Record<string, unknown> | undefined) };
  for (const [k, v] of Object.entries(patch)) {
    if (FIXED_FIELDS.has(k) || k === 'custom' || k === '__proto__') continue;
    top[k] = v;
    if (!REQUEST_FIELDS.has(k)) custom[k] = v;
  }
  // Custom fields are rendered at the top level too, as the server sends them.
  for (const [k, v] of Object.entries(custom)) top[k] = v;
  if (patch['pinned'] === true && !m.pinned) top['pinned_at'] = at;
  if (patch['pinned'] === false) top['pinned_at'] = undefined;
  return setFields(m, top, custom);
}

/** A soft delete: the copy the server renders for a deleted message. */
export function applySoftDelete(m: LocalMessage, at: number): { message: LocalMessage; before: FieldsBefore } {
  return setFields(m, { type: 'deleted', deleted_at: at, text: '', html: '', attachments: [] }, {});
}

/**
 * Apply a reaction operation to the copy: `add` (null for a delete of `type`) replaces the
 * own reaction of that type, or with enforceUnique every own reaction.
 */
export function applyReaction(m: LocalMessage, type: string, add: ReactionResponse | null, enforceUnique: boolean): { message: LocalMessage; change: ReactionChange } {
  const removed = m.own_reactions.filter((r) => r.type === type || (add !== null && enforceUnique));
  let next = m;
  for (const r of removed) next = withoutOwnReaction(next, r);
  if (add) next = withOwnReaction(next, add);
  return { message: next, change: { removed, added: add } };
}

/** Take a reaction operation back: its reaction off, the ones it replaced on again. */
export function undoReaction(m: LocalMessage, change: ReactionChange): LocalMessage {
  let next = m;
  if (change.added) next = withoutOwnReaction(next, change.added);
  for (const r of change.removed) next = withOwnReaction(next, r);
  return next;
}

/** Whether a server copy (with authoritative own_reactions) already holds the operation's result. */
export function reactionReflected(m: MessageResponse, type: string, add: ReactionResponse | null, enforceUnique: boolean): boolean {
  if (!add) return !m.own_reactions.some((r) => r.type === type);
  const own = m.own_reactions.find((r) => r.type === type);
  return own !== undefined && own.score === add.score && (!enforceUnique || m.own_reactions.length === 1);
}
