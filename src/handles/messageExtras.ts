// The message calls of a channel beyond send/edit/delete/react (issue 24): undelete,
// reaction lists, translation and message actions (the giphy preview). Each answer that
// carries a message goes through the same reducers as its WebSocket echo
// (`message/stored`), so the store holds what the server stored: the `i18n` of a
// translation, the restored copy of an undeleted message, the ephemeral giphy preview the
// sender alone sees (and its removal on cancel).
import type { ReactionResponse, SortParamRequest } from '../models/generated/types.ts';
import type { LocalMessage } from '../store/state.ts';
import { tableGet } from '../store/table.ts';
import { toLocal } from '../store/messages.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import type { ChatApi } from '../transport/api.ts';
import type { ClientContext } from './clientContext.ts';

export interface ReactionPage {
  reactions: readonly ReactionResponse[];
}

export interface QueryReactionsOptions {
  sort?: SortParamRequest[];
  limit?: number;
  /** The cursor of the next page (`next` of the previous answer). */
  next?: string;
}

export interface QueriedReactions extends ReactionPage {
  /** Cursor of the next page; absent on the last page. */
  next?: string;
}

export interface MessageExtras {
  /** Restore a soft-deleted message; resolves with the message as held. */
  undeleteMessage(messageId: string): Promise<LocalMessage>;
  /** A page of a message's reactions, newest first (GetReactions). */
  getReactions(messageId: string, options?: { limit?: number; offset?: number }): Promise<ReactionPage>;
  /**
   * A message's reactions matching a filter (`type`, `user_id`, `created_at`...), in cursor
   * pages (QueryReactions).
   * @example
   * const page = await channel.queryReactions(id, { type: 'love' }, { limit: 10 });
   * const more = page.next ? await channel.queryReactions(id, { type: 'love' }, { next: page.next }) : undefined;
   */
  queryReactions(messageId: string, filter?: Record<string, unknown>, options?: QueryReactionsOptions): Promise<QueriedReactions>;
  /**
   * Translate a message's text; the translation is kept on the message (`i18n.<lang>_text`,
   * `i18n.language` the source), here and for every reader. Resolves with the message as held.
   */
  translateMessage(messageId: string, language: string): Promise<LocalMessage>;
  /**
   * Run an action of an ephemeral message, e.g. the giphy preview's
   * `{ image_action: 'shuffle' | 'send' | 'cancel' }`. Resolves with the message as held
   * after it (the new preview, the sent message), or null when the action removed it (cancel).
   */
  runMessageAction(messageId: string, formData: Record<string, string>): Promise<LocalMessage | null>;
}

function badInput(endpoint: string, message: string): ChatError {
  return new ChatError({ message: `${endpoint}: ${message}`, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

function checkId(endpoint: string, messageId: unknown): void {
  if (typeof messageId !== 'string' || messageId === '') throw badInput(endpoint, 'the message id must be a non-empty string');
}

function checkCount(endpoint: string, name: string, v: unknown, max: number): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)) throw badInput(endpoint, `${name} must be an integer from 0 to ${max}`);
}

export function createMessageExtras(ctx: ClientContext, type: string, id: string): MessageExtras {
  const cid = `${type}:${id}`;

  async function call<T>(endpoint: string, check: () => void, run: (api: ChatApi) => Promise<T>): Promise<T> {
    try {
      check();
      return await run(ctx.api(endpoint));
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  }

  /** Store a message answer as its echo would be, and resolve with the copy as held. */
  function hold(answer: Parameters<typeof toLocal>[0]): LocalMessage {
    ctx.store.dispatch({ type: 'message/stored', cid: answer.cid || cid, message: answer });
    const ch = tableGet(ctx.store.getState().channels, answer.cid || cid);
    return (ch ? tableGet(ch.messages, answer.id) : undefined) ?? toLocal(answer, 'received');
  }

  return {
    async undeleteMessage(messageId) {
      const me = ctx.meId();
      const res = await call(
        'UndeleteMessage',
        () => {
          checkId('UndeleteMessage', messageId);
          if (!me) throw badInput('UndeleteMessage', 'no user is connected: call connectUser() first');
        },
        (api) => api.undeleteMessage(messageId, { undeleted_by: me as string }),
      );
      return hold(res.message);
    },

    async getReactions(messageId, options = {}) {
      const res = await call(
        'GetReactions',
        () => {
          checkId('GetReactions', messageId);
          checkCount('GetReactions', 'limit', options.limit, 300);
          checkCount('GetReactions', 'offset', options.offset, 1000);
        },
        (api) => {
          const q: { limit?: number; offset?: number } = {};
          if (options.limit !== undefined) q.limit = options.limit;
          if (options.offset !== undefined) q.offset = options.offset;
          return api.getReactions(messageId, q);
        },
      );
      return { reactions: res.reactions };
    },

    async queryReactions(messageId, filter = {}, options = {}) {
      const res = await call(
        'QueryReactions',
        () => {
          checkId('QueryReactions', messageId);
          if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw badInput('QueryReactions', 'the filter must be an object');
          checkCount('QueryReactions', 'limit', options.limit, 300);
        },
        (api) => {
          const body: { filter: Record<string, unknown>; limit?: number; next?: string; sort?: SortParamRequest[] } = { filter };
          if (options.limit !== undefined) body.limit = options.limit;
          if (options.next !== undefined) body.next = options.next;
          if (options.sort !== undefined) body.sort = options.sort;
          return api.queryReactions(messageId, body);
        },
      );
      const out: QueriedReactions = { reactions: res.reactions };
      if (res.next) out.next = res.next;
      return out;
    },

    async translateMessage(messageId, language) {
      const res = await call(
        'TranslateMessage',
        () => {
          checkId('TranslateMessage', messageId);
          if (typeof language !== 'string' || !/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(language)) {
            throw badInput('TranslateMessage', `language must be a language code such as "fr" or "zh-TW", got ${JSON.stringify(language)}`);
          }
        },
        (api) => api.translateMessage(messageId, { language }),
      );
      if (!res.message) throw ctx.report(new ChatError({ message: 'TranslateMessage: the answer has no message', code: ChatErrorCode.Client, status: 200, endpoint: 'TranslateMessage', retryable: false }), 'TranslateMessage');
      return hold(res.message);
    },

    async runMessageAction(messageId, formData) {
      const res = await call(
        'RunMessageAction',
        () => {
          checkId('RunMessageAction', messageId);
          if (typeof formData !== 'object' || formData === null || Array.isArray(formData) || Object.keys(formData).length === 0) {
            throw badInput('RunMessageAction', 'formData must be a non-empty object, e.g. { image_action: "send" }');
          }
        },
        (api) => api.runMessageAction(messageId, { form_data: formData }),
      );
      // An answer without a message removed it (the preview was cancelled): so it goes here.
      if (!res.message) {
        ctx.store.dispatch({ type: 'message/removed', cid, messageId });
        return null;
      }
      return hold(res.message);
    },
  };
}
