// Writes of a channel handle. Each call's REST result goes through the same reducers as
// events (a `message/stored` action), so the answer and the WebSocket echo converge to one
// copy whichever arrives first. Optimistic application and exact rollback build on this
// (issue: optimistic writes).
import type { MessageRequest } from '../models/generated/types.ts';
import type { ClientContext } from './clientContext.ts';

export interface SendMessageInput extends Omit<MessageRequest, 'id'> {
  /** Client-generated id (default `<user_id>-<uuid>`), so a retry cannot duplicate. */
  id?: string;
  [custom: string]: unknown;
}

export interface ChannelWrites {
  sendMessage(input: SendMessageInput): Promise<void>;
  updateMessage(messageId: string, patch: Partial<MessageRequest> & { [custom: string]: unknown }): Promise<void>;
  deleteMessage(messageId: string, options?: { hard?: boolean }): Promise<void>;
  sendReaction(messageId: string, type: string, options?: { score?: number; enforceUnique?: boolean }): Promise<void>;
  deleteReaction(messageId: string, type: string): Promise<void>;
  markRead(): Promise<void>;
  markUnread(fromMessageId: string): Promise<void>;
}

/** A new message id: `<user_id>-<uuid>` (PROTOCOL.md section 8). */
export function newMessageId(userId: string): string {
  return `${userId}-${globalThis.crypto.randomUUID()}`;
}

export function createChannelWrites(ctx: ClientContext, type: string, id: string): ChannelWrites {
  const cid = `${type}:${id}`;

  async function call<T>(endpoint: string, run: (api: ReturnType<ClientContext['api']>) => Promise<T>): Promise<T> {
    try {
      return await run(ctx.api(endpoint));
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  }

  return {
    async sendMessage(input) {
      const me = ctx.meId();
      const message: MessageRequest = { ...input, id: input.id ?? newMessageId(me ?? 'anon') };
      const res = await call('SendMessage', (api) => api.sendMessage(type, id, { message }));
      ctx.store.dispatch({ type: 'message/stored', cid, message: res.message });
    },
    async updateMessage(messageId, patch) {
      const res = await call('UpdateMessage', (api) => api.updateMessage(messageId, { message: { ...patch, id: messageId } }));
      ctx.store.dispatch({ type: 'message/stored', cid, message: res.message });
    },
    async deleteMessage(messageId, options = {}) {
      const res = await call('DeleteMessage', (api) => api.deleteMessage(messageId, options.hard ? { hard: true } : {}));
      if (options.hard) ctx.store.dispatch({ type: 'message/removed', cid, messageId });
      else ctx.store.dispatch({ type: 'message/stored', cid, message: res.message });
    },
    async sendReaction(messageId, reactionType, options = {}) {
      const reaction: { type: string; score?: number } = { type: reactionType };
      if (options.score !== undefined) reaction.score = options.score;
      const res = await call('SendReaction', (api) =>
        api.sendReaction(messageId, { reaction, enforce_unique: options.enforceUnique ?? false }),
      );
      ctx.store.dispatch({ type: 'message/stored', cid, message: res.message });
    },
    async deleteReaction(messageId, reactionType) {
      const res = await call('DeleteReaction', (api) => api.deleteReaction(messageId, reactionType));
      ctx.store.dispatch({ type: 'message/stored', cid, message: res.message });
    },
    async markRead() {
      await call('MarkRead', (api) => api.markRead(type, id, {}));
      const me = ctx.meId();
      if (me) ctx.store.dispatch({ type: 'read/marked', cid, userId: me, at: ctx.scheduler.now() });
    },
    async markUnread(fromMessageId) {
      // The new read position and count come from the server's notification.mark_unread.
      await call('MarkUnread', (api) => api.markUnread(type, id, { message_id: fromMessageId }));
    },
  };
}
