// Drafts: the own draft of each channel and thread, from channel and thread states,
// draft.updated / draft.deleted, answers, and local saves (optimistic, keyedRecords.ts).
//
// A sent message clears the draft it was written in. The service deletes the sender's draft
// of that channel (or thread) when it stores the message, and tells the sender's connections
// with draft.deleted; the client takes the draft away when the send starts, as a write tied
// to the send's operation: the send's success leaves whatever the server said since (its
// draft.deleted), a failed send puts the draft back exactly.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelStateResponseFields, DraftResponse, MessageResponse, ThreadStateResponse } from '../models/generated/types.ts';
import type { ChatState } from './state.ts';
import { draftKey, type Draft, type DraftMessage } from './personalState.ts';
import { listsAdd, serverValue, writeSettled, writeStarted } from './keyedRecords.ts';
import { peek } from './peek.ts';

/** The draft as held, from the service's DraftResponse (the channel is held apart). */
export function toDraft(res: DraftResponse): Draft | null {
  const raw = res.message;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const m = raw as Record<string, unknown>;
  const message: DraftMessage = { ...m, id: typeof m['id'] === 'string' ? m['id'] : '', text: typeof m['text'] === 'string' ? m['text'] : '' };
  const parentId = res.parent_id ?? (typeof m['parent_id'] === 'string' && m['parent_id'] !== '' ? m['parent_id'] : undefined);
  const draft: Draft = { channel_cid: res.channel_cid, created_at: res.created_at, message };
  if (parentId) draft.parent_id = parentId;
  if (res.quoted_message) draft.quoted_message = res.quoted_message;
  if (res.parent_message) draft.parent_message = res.parent_message;
  return draft;
}

function keyOfResponse(res: DraftResponse | undefined, ev?: ChatEvent): string | undefined {
  const cid = res?.channel_cid || ev?.cid;
  if (!cid) return undefined;
  const raw = res?.message as { parent_id?: unknown } | undefined;
  const parentId = res?.parent_id ?? (typeof raw?.parent_id === 'string' ? raw.parent_id : undefined) ?? ev?.parent_id;
  return draftKey(cid, parentId);
}

/** draft.updated / draft.deleted (PROTOCOL.md section 6). */
export function applyDraftEvent(state: ChatState, ev: ChatEvent): void {
  const res = ev['draft'] as DraftResponse | undefined;
  const key = keyOfResponse(res, ev);
  if (!key) return;
  if (ev.type === 'draft.deleted') {
    serverValue(state.drafts, key, null);
    return;
  }
  const draft = res ? toDraft(res) : null;
  if (!draft) return;
  serverValue(state.drafts, key, draft);
  listsAdd(state.drafts, key);
}

/**
 * Channel states carry the own draft of the channel: a state without one says there is none
 * (the service leaves the field out when empty). Thread drafts are not in channel states.
 */
export function draftsFromChannels(state: ChatState, channels: readonly ChannelStateResponseFields[]): void {
  for (const c of channels) {
    const cid = c.channel?.cid;
    if (!cid) continue;
    serverValue(state.drafts, draftKey(cid), c.draft ? toDraft(c.draft) : null);
  }
}

/** Thread states carry the own draft of the thread. */
export function draftsFromThreads(state: ChatState, threads: readonly ThreadStateResponse[]): void {
  for (const t of threads) serverValue(state.drafts, draftKey(t.channel_cid, t.parent_message_id), t.draft ? toDraft(t.draft) : null);
}

/** An answer with one draft (GetDraft, a save): the server's value. */
export function draftAnswered(state: ChatState, res: DraftResponse): void {
  const key = keyOfResponse(res);
  const draft = toDraft(res);
  if (key && draft) serverValue(state.drafts, key, draft);
}

/** A send started: its channel's (or thread's) draft goes with it, if there is one. */
export function draftOnSend(state: ChatState, opId: string, cid: string, parentId: string | undefined): void {
  const key = draftKey(cid, parentId);
  if (state.drafts.byKey[key] === undefined && state.drafts.pending[key] === undefined) return;
  writeStarted(state.drafts, key, opId, null);
}

/** The key of the draft a pending write `opId` is on, if any. */
function keyOfWrite(state: ChatState, opId: string): string | undefined {
  for (const [key, p] of Object.entries(state.drafts.pending)) {
    if (p.writes.some((w) => w.opId === opId)) return key;
  }
  return undefined;
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

/**
 * A send that cleared a draft settled. Stored: the service deleted the draft with it, so the
 * draft is gone unless the server said otherwise since (a save from another device); failed:
 * the server still has the draft, and it is back.
 */
export function draftOnSendSettled(state: ChatState, opId: string, ok: boolean): void {
  // Read without drafting (peek.ts): usually no draft write is pending.
  if (isEmpty(peek(peek(peek(state).drafts).pending))) return;
  const key = keyOfWrite(state, opId);
  if (key) writeSettled<Draft>(state.drafts, key, opId, ok ? { ok: true, unlessMoved: null } : { ok: false });
}

/** The own message arrived: the send that cleared a draft is confirmed. */
export function draftOnOwnMessage(state: ChatState, m: MessageResponse): void {
  draftOnSendSettled(state, `send:${m.id}`, true);
}
