// Drafts: CreateDraft (POST on the draft path, which the seed's GetDraft/DeleteDraft imply),
// GetDraft, DeleteDraft and QueryDrafts. Each change is sent to the user's connections as
// draft.updated / draft.deleted.
import type { Backend } from '../backend.ts';
import { emitToUser } from '../broadcast.ts';
import { formatTime } from '../clock.ts';
import { inputError, notFound } from '../errors.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { isObject, optInt, optObject, optString, reqObject } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler, RequestContext } from '../router.ts';
import { draftKey, type DraftRecord, type MessageRecord } from '../state.ts';
import { MAX_MESSAGE_LENGTH } from '../backend.ts';
import { channelResponse, compact, messageResponse, type Json } from '../views.ts';

export function draftResponse(b: Backend, d: DraftRecord, viewer: string): Json {
  const channel = b.state.channels.get(d.cid);
  const parent = d.parent_id ? b.state.messages.get(d.parent_id) : undefined;
  const quotedId = d.message['quoted_message_id'];
  const quoted = typeof quotedId === 'string' ? b.state.messages.get(quotedId) : undefined;
  return compact({
    channel_cid: d.cid,
    channel: channel ? channelResponse(b, channel, viewer) : undefined,
    message: { ...d.message },
    parent_id: d.parent_id,
    parent_message: parent ? messageResponse(b, parent, viewer) : undefined,
    quoted_message: quoted ? messageResponse(b, quoted, viewer) : undefined,
    created_at: formatTime(d.created_at),
  });
}

function channelOf(b: Backend, ctx: RequestContext) {
  const channel = b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? '');
  requireAccess(channel, ctx.userId, 'keep drafts');
  return channel;
}

export const createDraft: Handler = (b, ctx) => {
  const channel = channelOf(b, ctx);
  const message = reqObject(ctx.body, 'message');
  const text = optString(message, 'text') ?? '';
  if (text.length > MAX_MESSAGE_LENGTH) throw inputError(`draft text is longer than ${MAX_MESSAGE_LENGTH} characters`);
  const parentId = optString(message, 'parent_id') || undefined;
  if (parentId !== undefined && b.state.messages.get(parentId)?.cid !== channel.cid) throw inputError(`parent message "${parentId}" does not exist in ${channel.cid}`);
  const draft: DraftRecord = { user_id: ctx.userId, cid: channel.cid, message: { id: optString(message, 'id') ?? crypto.randomUUID(), ...structuredClone(message), text }, created_at: b.now() };
  if (parentId !== undefined) draft.parent_id = parentId;
  b.state.drafts.set(draftKey(ctx.userId, channel.cid, parentId), draft);
  b.changed();
  emitToUser(b, ctx.userId, (uid) => ({ type: 'draft.updated', cid: channel.cid, channel_id: channel.id, channel_type: channel.type, draft: draftResponse(b, draft, uid), created_at: formatTime(b.now()) }));
  return { draft: draftResponse(b, draft, ctx.userId) };
};

export const getDraft: Handler = (b, ctx) => {
  const channel = channelOf(b, ctx);
  const draft = b.state.drafts.get(draftKey(ctx.userId, channel.cid, ctx.query.get('parent_id') || undefined));
  if (!draft) throw notFound(`no draft in ${channel.cid}`);
  return { draft: draftResponse(b, draft, ctx.userId) };
};

export const deleteDraft: Handler = (b, ctx) => {
  const channel = channelOf(b, ctx);
  const key = draftKey(ctx.userId, channel.cid, ctx.query.get('parent_id') || undefined);
  const draft = b.state.drafts.get(key);
  if (!draft) throw notFound(`no draft in ${channel.cid}`);
  const rendered = draftResponse(b, draft, ctx.userId);
  b.state.drafts.delete(key);
  b.changed();
  emitToUser(b, ctx.userId, () => ({ type: 'draft.deleted', cid: channel.cid, channel_id: channel.id, channel_type: channel.type, draft: rendered, created_at: formatTime(b.now()) }));
  return {};
};

/**
 * The service deletes the sender's draft of a channel (or thread) when a message is sent
 * there, and tells the sender's connections with draft.deleted (the official client's
 * composer relies on it: it sends no delete of its own after a send).
 */
export function clearDraftOnSend(b: Backend, m: MessageRecord): void {
  const key = draftKey(m.user_id, m.cid, m.parent_id);
  const draft = b.state.drafts.get(key);
  if (!draft) return;
  const channel = b.state.channels.get(m.cid);
  const rendered = draftResponse(b, draft, m.user_id);
  b.state.drafts.delete(key);
  b.changed();
  emitToUser(b, m.user_id, () => compact({ type: 'draft.deleted', cid: m.cid, channel_id: channel?.id, channel_type: channel?.type, draft: rendered, created_at: formatTime(b.now()) }));
}

export const queryDrafts: Handler = (b, ctx) => {
  const filter = optObject(ctx.body, 'filter') ?? {};
  const sort = parseSort(ctx.body['sort'], ['created_at', 'channel_cid']);
  const limit = optInt(ctx.body, 'limit', 1, 100) ?? 25;
  const next = optString(ctx.body, 'next');
  const offset = next ? Number(Buffer.from(next, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw inputError('"next" is not a cursor this server issued');
  const get = (d: DraftRecord, field: string): unknown =>
    field === 'channel_cid' ? d.cid : field === 'parent_id' ? d.parent_id : field === 'created_at' ? d.created_at : isObject(d.message) ? d.message[field] : undefined;
  const list = [...b.state.drafts.values()].filter((d) => d.user_id === ctx.userId && matchFilter(d, filter, get));
  list.sort(compareBy(sort.length > 0 ? sort : [{ field: 'created_at', direction: -1 }], (d, f) => {
    const v = get(d, f);
    return typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  const out: Json = { drafts: list.slice(offset, offset + limit).map((d) => draftResponse(b, d, ctx.userId)) };
  if (offset + limit < list.length) out['next'] = Buffer.from(String(offset + limit)).toString('base64url');
  return out;
};
