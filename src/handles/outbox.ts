// The queue of sends waiting for the connection (PROTOCOL.md section 7: nothing the user
// wrote is dropped, nothing is sent twice). A send made while the socket is down waits here
// with its message visible as `sending`; when the client is connected again (after
// recovery) the queue is sent one message at a time, in the order the user wrote them, so
// the server gives them created_at in that order. One outbox per client.
import type { ClientContext } from './clientContext.ts';

type Grant = (release: () => void) => void;

interface Outbox {
  /** Send operation id -> the call that lets its send go (resolved by the flush). */
  waiting: Map<string, Grant>;
  flushing: boolean;
}

const outboxes = new WeakMap<ClientContext, Outbox>();

function outboxOf(ctx: ClientContext): Outbox {
  let box = outboxes.get(ctx);
  if (!box) outboxes.set(ctx, (box = { waiting: new Map(), flushing: false }));
  return box;
}

/** Whether a send made now must wait: offline, or older sends are still waiting (order). */
export function mustQueue(ctx: ClientContext): boolean {
  const box = outboxOf(ctx);
  return !ctx.isConnected() || box.waiting.size > 0 || box.flushing;
}

/**
 * Wait for this send's turn; resolves with a function that ends the turn (the next queued
 * send goes after it).
 */
export function waitTurn(ctx: ClientContext, opId: string): Promise<() => void> {
  const box = outboxOf(ctx);
  const turn = new Promise<() => void>((resolve) => box.waiting.set(opId, resolve));
  if (ctx.isConnected()) void flushOutbox(ctx);
  return turn;
}

/** Send what waits, oldest first, while the connection stays up. */
export async function flushOutbox(ctx: ClientContext): Promise<void> {
  const box = outboxOf(ctx);
  if (box.flushing) return;
  box.flushing = true;
  try {
    while (ctx.isConnected() && box.waiting.size > 0) {
      const pending = ctx.store.getState().pending;
      // State order is the order the user wrote them in; a send the store no longer holds
      // as pending (confirmed by a recovery query, deleted) is let go without sending.
      const next = Object.values(pending).find((op) => op.kind === 'send' && box.waiting.has(op.id))?.id ?? box.waiting.keys().next().value;
      if (next === undefined) break;
      const grant = box.waiting.get(next) as Grant;
      box.waiting.delete(next);
      await new Promise<void>((release) => grant(release));
    }
  } finally {
    box.flushing = false;
  }
}
