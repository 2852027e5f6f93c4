// Writes of a channel handle, optimistic (PROTOCOL.md section 8). Each call applies its
// change locally before the request leaves (getState() right after the call shows it), as
// a pending operation with its exact inverse (src/store/pending.ts). The HTTP answer goes
// through the same reducers as the WebSocket echo, so whichever arrives first confirms and
// the other changes nothing; a failure takes back exactly that operation, then the promise
// rejects with the ChatError, which also goes to client.errors$.
import type { MessageRequest, MessageResponse } from '../models/generated/types.ts';
import type { Action } from '../store/reducer.ts';
import type { LocalMessage } from '../store/state.ts';
import { tableGet } from '../store/table.ts';
import { toLocal } from '../store/messages.ts';
import type { OpStart, SendOp } from '../store/pending.ts';
import { pendingGet } from '../store/pendingTable.ts';
import type { SendRequest } from '../store/optimisticMessages.ts';
import type { ChatApi } from '../transport/api.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import { toChatError, toStoredError, type ClientContext } from './clientContext.ts';
import { mustQueue, waitTurn } from './outbox.ts';
import { withoutChannel } from './apiResponses.ts';
import { connectedAgain, gone, isMessageOp, isReadOp, outcomeUnknown, READ_MARK_ATTEMPTS, settleUnknown } from './readBack.ts';
import { cancelMessageUploads, hasPendingUploads, registerFiles, releaseFiles, uploadedAttachments, uploadMessageFiles, type FileInput } from './messageUploads.ts';

export interface SendMessageInput extends Omit<MessageRequest, 'id'> {
  /** Client-generated id (default `<user_id>-<uuid>`), so a retry cannot duplicate. */
  id?: string;
  /**
   * Files to upload before the send; they become the message's attachments. The message
   * shows at once with each file's progress and preview (`uploads`); see messageUploads.ts.
   */
  files?: readonly FileInput[];
  [custom: string]: unknown;
}

export interface SendOptions {
  /** Cancels the uploads of `files` (the message becomes `failed`, retryable). */
  signal?: AbortSignal;
}

export type MessagePatch = Partial<MessageRequest> & { [custom: string]: unknown };

export interface ChannelWrites {
  /**
   * Show the message at once (`sending`), send it (or queue it while offline); resolves when
   * the server has it. Until then it stays after every confirmed message, in send order, and
   * its `created_at` is the time the server will likely give it: the local send time plus
   * how far the server's time ran ahead for the last confirmed send, never before the
   * newest message held. The server's copy then replaces it with the server's time.
   * Resolves with the message as the store holds it once the server has it (status
   * `received`), so the app learns its id and server fields without searching the list.
   */
  sendMessage(input: SendMessageInput, options?: SendOptions): Promise<LocalMessage>;
  /** Send a `failed` message again, with the same id; resolves as sendMessage does. */
  retryMessage(messageId: string): Promise<LocalMessage>;
  /** Set the patch's fields (a partial update: fields not named are kept); resolves with the message as held. */
  updateMessage(messageId: string, patch: MessagePatch): Promise<LocalMessage>;
  deleteMessage(messageId: string, options?: { hard?: boolean }): Promise<void>;
  /** Resolves with the message as held after the server counted the reaction. */
  sendReaction(messageId: string, type: string, options?: { score?: number; enforceUnique?: boolean }): Promise<LocalMessage>;
  /** Resolves with the message as held after the server took the reaction off. */
  deleteReaction(messageId: string, type: string): Promise<LocalMessage>;
  markRead(): Promise<void>;
  /** Mark the channel unread from this message on (it and everything after it). */
  markUnread(fromMessageId: string): Promise<void>;
}

/** A new message id: `<user_id>-<uuid>` (PROTOCOL.md section 8). */
export function newMessageId(userId: string): string {
  return `${userId}-${globalThis.crypto.randomUUID()}`;
}

/** The pending operation id of the send of a message (one send record per message id). */
export function sendOpId(messageId: string): string {
  return `send:${messageId}`;
}

function newOpId(kind: string): string {
  return `${kind}:${globalThis.crypto.randomUUID()}`;
}

/** PROTOCOL.md section 8: code 4 saying the id already exists means an earlier attempt got through. */
function alreadyExists(e: ChatError): boolean {
  return e.code === ChatErrorCode.InputError && /already exists/i.test(e.message);
}

/** A failure that never reached the server while the connection is down: send again later. */
function lostInTransit(ctx: ClientContext, e: ChatError): boolean {
  return e.code === ChatErrorCode.Client && e.status === 0 && e.retryable && !ctx.isConnected();
}

function sendOp(ctx: ClientContext, opId: string): SendOp | undefined {
  const op = pendingGet(ctx.store.getState().pending, opId);
  return op?.kind === 'send' ? op : undefined;
}

/** One attempt to send: the server's copy, or 'requeue' when it must wait for the connection again. */
async function transmit(ctx: ClientContext, op: SendOp): Promise<MessageResponse | 'requeue'> {
  const sep = op.cid.indexOf(':');
  const type = op.cid.slice(0, sep);
  const id = op.cid.slice(sep + 1);
  const confirm = (message: MessageResponse): void =>
    ctx.store.dispatchMany([
      { type: 'message/stored', cid: op.cid, message },
      { type: 'op/succeeded', opId: op.id },
    ]);
  // Files uploaded for the message go with it as attachments, after the ones given.
  const ch = tableGet(ctx.store.getState().channels, op.cid);
  const uploaded = uploadedAttachments(ch ? tableGet(ch.messages, op.messageId) : undefined);
  const request = uploaded.length > 0 ? { ...op.request, attachments: [...(op.request.attachments ?? []), ...uploaded] } : op.request;
  try {
    const res = await ctx.api('SendMessage').sendMessage(type, id, { message: request });
    confirm(res.message);
    return res.message;
  } catch (e) {
    let error = toChatError(e, 'SendMessage');
    if (lostInTransit(ctx, error)) return 'requeue';
    if (alreadyExists(error)) {
      try {
        const got = withoutChannel((await ctx.api('GetMessage').getMessage(op.messageId)).message);
        confirm(got);
        return got;
      } catch (e2) {
        error = toChatError(e2, 'GetMessage');
      }
    }
    ctx.store.dispatch({ type: 'op/failed', opId: op.id, error: toStoredError(error) });
    throw ctx.report(error, error.endpoint);
  }
}

/**
 * Send until the server has it or says no; waits in the outbox whenever the connection is
 * down. Resolves with the server's copy, or undefined when no request was needed.
 */
async function deliver(ctx: ClientContext, opId: string): Promise<MessageResponse | undefined> {
  for (;;) {
    const op = sendOp(ctx, opId);
    // Confirmed meanwhile (a recovery query brought it) or deleted while it waited.
    if (!op || op.phase === 'failed') return undefined;
    let release: (() => void) | undefined;
    if (op.phase === 'queued' || mustQueue(ctx)) {
      if (op.phase !== 'queued') ctx.store.dispatch({ type: 'op/phase', opId, phase: 'queued' });
      release = await waitTurn(ctx, opId);
    }
    try {
      const now = sendOp(ctx, opId);
      if (!now) return undefined;
      if (now.phase !== 'sending') ctx.store.dispatch({ type: 'op/phase', opId, phase: 'sending' });
      const sent = await transmit(ctx, now);
      if (sent !== 'requeue') return sent;
      ctx.store.dispatch({ type: 'op/phase', opId, phase: 'queued' });
    } finally {
      release?.();
    }
  }
}

/**
 * @param stopTyping ends the own typing indicator of the channel (or of a thread, by parent
 * id): a message sent ends the typing that led to it at once, as the official UI SDKs do
 * after a send, rather than ~3 s later when the keystroke timer runs out (issue 20).
 */
export function createChannelWrites(ctx: ClientContext, type: string, id: string, stopTyping: (parentId?: string) => void = () => undefined): ChannelWrites {
  const cid = `${type}:${id}`;

  /**
   * What a write resolves with (API.md): the message as the store holds it now, or the
   * server's copy decoded as the store would hold it when the store does not hold it (a
   * channel not loaded, a copy the window cap dropped).
   */
  function stored(messageId: string, answer: MessageResponse | undefined, endpoint: string): LocalMessage {
    const ch = tableGet(ctx.store.getState().channels, cid);
    const held = ch ? tableGet(ch.messages, messageId) : undefined;
    if (held) return held;
    if (answer) return toLocal(answer, 'received');
    throw ctx.report(new ChatError({ message: `message ${messageId} is no longer held (deleted before it was sent)`, code: ChatErrorCode.Client, status: 0, endpoint, retryable: false }), endpoint);
  }

  /**
   * Start an operation, run its request, settle it: the answer's message copy (if any) and
   * the confirmation in one dispatch; on failure the rollback first, then the rejection.
   */
  async function write(endpoint: string, op: OpStart, run: (api: ChatApi) => Promise<{ message?: MessageResponse } | void>): Promise<MessageResponse | undefined> {
    ctx.store.dispatch({ type: 'op/started', op });
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await run(ctx.api(endpoint));
        const actions: Action[] = [];
        if (res?.message) actions.push({ type: 'message/stored', cid, message: res.message });
        actions.push({ type: 'op/succeeded', opId: op.id });
        ctx.store.dispatchMany(actions);
        return res?.message ?? undefined;
      } catch (e) {
        const error = toChatError(e, endpoint);
        // A read mark without an answer goes again once connected: marking the same
        // position twice is harmless, and the server may well have it (readBack.ts).
        if (isReadOp(op) && outcomeUnknown(error) && attempt < READ_MARK_ATTEMPTS && (await connectedAgain(ctx))) continue;
        // No answer (the server may have acted), or the message is not there: ask the
        // server what it holds before taking the change back (readBack.ts).
        if (isMessageOp(op) && (outcomeUnknown(error) || gone(error))) {
          const settled = await settleUnknown(ctx, cid, op, error);
          if (settled !== false) return settled;
        } else {
          ctx.store.dispatch({ type: 'op/failed', opId: op.id, error: toStoredError(error) });
        }
        throw ctx.report(error, endpoint);
      }
    }
  }

  function localOnly(messageId: string): boolean {
    const op = sendOp(ctx, sendOpId(messageId));
    return op !== undefined && (op.phase === 'failed' || op.phase === 'queued');
  }

  return {
    async sendMessage(input, options = {}) {
      const me = ctx.meId();
      if (!me) throw ctx.report(new ChatError({ message: 'No user is connected: call connectUser() first', code: ChatErrorCode.Client, status: 0, endpoint: 'SendMessage', retryable: false }), 'SendMessage');
      const { files, ...fields } = input;
      const request: SendRequest = { ...fields, id: input.id ?? newMessageId(me) };
      const opId = sendOpId(request.id);
      if (sendOp(ctx, opId)) throw ctx.report(new ChatError({ message: `message ${request.id} is already being sent`, code: ChatErrorCode.Client, status: 0, endpoint: 'SendMessage', retryable: false }), 'SendMessage');
      let uploads;
      try {
        uploads = files === undefined || (Array.isArray(files) && files.length === 0) ? undefined : registerFiles(ctx, request.id, files);
      } catch (e) {
        throw ctx.report(e, 'SendMessage');
      }
      // With files the send waits (queued) until they are uploaded: it has not gone out,
      // so its time and the outbox order start when it does, and a delete meanwhile is local.
      ctx.store.dispatch({ type: 'op/started', op: { kind: 'send', id: opId, cid, request, queued: uploads !== undefined || mustQueue(ctx), ...(uploads ? { uploads } : {}) } });
      stopTyping(request.parent_id);
      if (uploads) {
        const stop = (): void => cancelMessageUploads(ctx, request.id);
        options.signal?.addEventListener('abort', stop, { once: true });
        if (options.signal?.aborted) stop();
        try {
          await uploadMessageFiles(ctx, cid, request.id, opId);
        } finally {
          options.signal?.removeEventListener('abort', stop);
        }
      }
      const sent = stored(request.id, await deliver(ctx, opId), 'SendMessage');
      if (uploads) releaseFiles(ctx, request.id);
      return sent;
    },

    async retryMessage(messageId) {
      const opId = sendOpId(messageId);
      const op = sendOp(ctx, opId);
      if (op?.phase !== 'failed') {
        throw ctx.report(new ChatError({ message: `message ${messageId} has no failed send to retry`, code: ChatErrorCode.Client, status: 0, endpoint: 'SendMessage', retryable: false }), 'SendMessage');
      }
      const ch = tableGet(ctx.store.getState().channels, cid);
      const files = hasPendingUploads(ch ? tableGet(ch.messages, messageId) : undefined);
      ctx.store.dispatch({ type: 'op/retried', opId, queued: files || mustQueue(ctx) });
      // Only the files not uploaded yet go again; the uploaded ones keep their URLs.
      if (files) await uploadMessageFiles(ctx, cid, messageId, opId);
      const sent = stored(messageId, await deliver(ctx, opId), 'SendMessage');
      releaseFiles(ctx, messageId);
      return sent;
    },


    async updateMessage(messageId, patch) {
      const set: Record<string, unknown> = { ...patch };
      delete set['id'];
      const answer = await write('UpdateMessagePartial', { kind: 'update', id: newOpId('update'), cid, messageId, patch: set }, (api) =>
        api.updateMessagePartial(messageId, { set }),
      );
      return stored(messageId, answer, 'UpdateMessagePartial');
    },

    async deleteMessage(messageId, options = {}) {
      // A message the server never got is only removed here (nothing to ask the server).
      if (localOnly(messageId)) {
        releaseFiles(ctx, messageId);
        ctx.store.dispatch({ type: 'message/removed', cid, messageId });
        return;
      }
      const hard = options.hard === true;
      await write('DeleteMessage', { kind: 'delete', id: newOpId('delete'), cid, messageId, hard }, async (api) => {
        const res = await api.deleteMessage(messageId, hard ? { hard: true } : {});
        // A hard-deleted message's copy must not come back through the store.
        return hard ? undefined : res;
      });
    },

    async sendReaction(messageId, reactionType, options = {}) {
      const enforceUnique = options.enforceUnique ?? false;
      const op: OpStart = { kind: 'reaction', id: newOpId('reaction'), cid, messageId, type: reactionType, enforceUnique };
      if (options.score !== undefined) op.score = options.score;
      const reaction: { type: string; score?: number } = { type: reactionType };
      if (options.score !== undefined) reaction.score = options.score;
      const answer = await write('SendReaction', op, (api) => api.sendReaction(messageId, { reaction, enforce_unique: enforceUnique }));
      return stored(messageId, answer, 'SendReaction');
    },

    async deleteReaction(messageId, reactionType) {
      const answer = await write('DeleteReaction', { kind: 'unreaction', id: newOpId('unreaction'), cid, messageId, type: reactionType }, (api) =>
        api.deleteReaction(messageId, reactionType),
      );
      return stored(messageId, answer, 'DeleteReaction');
    },

    async markRead() {
      await write('MarkRead', { kind: 'markRead', id: newOpId('read'), cid }, async (api) => {
        await api.markRead(type, id, {});
      });
    },

    async markUnread(fromMessageId) {
      await write('MarkUnread', { kind: 'markUnread', id: newOpId('unread'), cid, messageId: fromMessageId }, async (api) => {
        await api.markUnread(type, id, { message_id: fromMessageId });
      });
    },
  };
}

