// The queue of sends waiting for the connection (PROTOCOL.md section 7: nothing the user
// wrote is dropped, nothing is sent twice). A send made while the socket is down waits here
// with its message visible as `sending`; when the client is connected again (after
// recovery) the queue is sent one message at a time, in the order the user wrote them, so
// the server gives them created_at in that order. One outbox per client.
import type { ClientContext } from './clientContext.ts';
import { pendingGet } from '../store/pendingTable.ts';

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

/**
 * The waiting send the user wrote first: the lowest start number (`seq`) among the ones the
 * store still holds as pending. The waiting order alone is not it: a send lost in transit
 * waits again behind sends written after it. When none is pending any more (confirmed by
 * a recovery query, deleted), the first waiting one is let go, without sending.
 */
function oldestWaiting(ctx: ClientContext, box: Outbox): string | undefined {
  const pending = ctx.store.getState().pending;
  let best: string | undefined;
  let bestSeq = Infinity;
  for (const id of box.waiting.keys()) {
    const op = pendingGet(pending, id);
    if (op?.kind === 'send' && op.seq < bestSeq) {
      best = id;
      bestSeq = op.seq;
    }
  }
  return best ?? box.waiting.keys().next().value;
}

/** Send what waits, oldest first, while the connection stays up. */
export async function flushOutbox(ctx: ClientContext): Promise<void> {
  const box = outboxOf(ctx);
  if (box.flushing) return;
  box.flushing = true;
  try {
    while (ctx.isConnected() && box.waiting.size > 0) {
      const next = oldestWaiting(ctx, box);
      if (next === undefined) break;
      const grant = box.waiting.get(next) as Grant;
      box.waiting.delete(next);
      await new Promise<void>((release) => grant(release));
    }
  } finally {
    box.flushing = false;
  }
}
