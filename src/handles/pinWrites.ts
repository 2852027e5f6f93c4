// Pinning a message from a channel handle, optimistic (PROTOCOL.md section 8: "message
// pins apply locally at once with the same exact rollback"). A pin is a partial update of
// the message, as stream-chat's pinMessage/unpinMessage send it (`set: { pinned, pin_expires }`),
// so it runs as an edit operation: the local copy changes at once (the pinned list follows
// it), the server's copy confirms it, and a failure restores exactly the fields it changed.
import type { LocalMessage } from '../store/state.ts';
import { tableGet } from '../store/table.ts';
import { toLocal } from '../store/messages.ts';
import type { OpStart } from '../store/pending.ts';
import type { Action } from '../store/reducer.ts';
import type { MessageResponse } from '../models/generated/types.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import { toChatError, toStoredError, type ClientContext } from './clientContext.ts';

export interface PinOptions {
  /** When the pin ends: a Date, epoch milliseconds or an RFC 3339 string. Omitted: never. */
  expiresAt?: Date | number | string;
}

export interface PinWrites {
  /**
   * Pin a message of this channel (shown in `pinned$` at once); resolves with the message
   * as held once the server has the pin. With `expiresAt` the pin ends at that time, also
   * locally on the client's scheduler.
   */
  pinMessage(messageId: string, options?: PinOptions): Promise<LocalMessage>;
  /** Unpin a message (it leaves `pinned$` at once); resolves with the message as held. */
  unpinMessage(messageId: string): Promise<LocalMessage>;
}

function inputError(message: string, endpoint: string): ChatError {
  return new ChatError({ message, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

/** The expiry as epoch ms, checked: a valid time after `now`. */
function expiryOf(value: PinOptions['expiresAt'], now: number, endpoint: string): number | undefined {
  if (value === undefined) return undefined;
  const at = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(at)) throw inputError(`pinMessage: expiresAt must be a Date, epoch milliseconds or an RFC 3339 string, not ${JSON.stringify(value)}`, endpoint);
  // A pin that would end before it starts is a mistake of the caller, not a pin.
  if (at <= now) throw inputError(`pinMessage: expiresAt (${new Date(at).toISOString()}) is not in the future`, endpoint);
  return at;
}

export function createPinWrites(ctx: ClientContext, cid: string): PinWrites {
  const ENDPOINT = 'UpdateMessagePartial';

  function held(messageId: string, answer: MessageResponse | undefined): LocalMessage {
    const ch = tableGet(ctx.store.getState().channels, cid);
    const copy = ch ? tableGet(ch.messages, messageId) : undefined;
    if (copy) return copy;
    if (answer) return toLocal(answer, 'received');
    throw ctx.report(new ChatError({ message: `message ${messageId} is not held and the server sent no copy`, code: ChatErrorCode.Client, status: 0, endpoint: ENDPOINT, retryable: false }), ENDPOINT);
  }

  async function pinWrite(messageId: string, patch: Record<string, unknown>, set: Record<string, unknown>): Promise<LocalMessage> {
    if (typeof messageId !== 'string' || messageId === '') throw ctx.report(inputError('a message id is required', ENDPOINT), ENDPOINT);
    const op: OpStart = { kind: 'update', id: `pin:${globalThis.crypto.randomUUID()}`, cid, messageId, patch };
    let api;
    try {
      api = ctx.api(ENDPOINT);
    } catch (e) {
      throw ctx.report(e, ENDPOINT);
    }
    ctx.store.dispatch({ type: 'op/started', op });
    try {
      const res = await api.updateMessagePartial(messageId, { set });
      const actions: Action[] = [];
      if (res.message) actions.push({ type: 'message/stored', cid, message: res.message });
      actions.push({ type: 'op/succeeded', opId: op.id });
      ctx.store.dispatchMany(actions);
      return held(messageId, res.message);
    } catch (e) {
      const error = toChatError(e, ENDPOINT);
      ctx.store.dispatch({ type: 'op/failed', opId: op.id, error: toStoredError(error) });
      throw ctx.report(error, ENDPOINT);
    }
  }

  return {
    async pinMessage(messageId, options = {}) {
      let expires: number | undefined;
      try {
        expires = expiryOf(options.expiresAt, ctx.scheduler.now(), ENDPOINT);
      } catch (e) {
        throw ctx.report(e, ENDPOINT);
      }
      // Locally: pinned now (applyEdit sets pinned_at), by the own user, until `expires`
      // (undefined clears an earlier expiry, as the request's null does on the server).
      const me = ctx.meId();
      const meUser = me ? tableGet(ctx.store.getState().users, me) : undefined;
      const patch: Record<string, unknown> = { pinned: true, pin_expires: expires };
      if (meUser) patch['pinned_by'] = meUser;
      return pinWrite(messageId, patch, { pinned: true, pin_expires: expires === undefined ? null : new Date(expires).toISOString() });
    },

    async unpinMessage(messageId) {
      return pinWrite(messageId, { pinned: false, pin_expires: undefined, pinned_by: undefined }, { pinned: false });
    },
  };
}
