// client.markAllRead(): every channel read at once (MarkChannelsRead without a list, as
// stream-chat's markChannelsRead({}) sends it), optimistic with exact rollback (PROTOCOL.md
// section 8). Each held channel with something unread runs its own markRead operation
// (src/store/optimisticReads.ts: the own read moves to its newest message, its count to 0,
// and a failure moves back exactly what it changed, so messages that arrived meanwhile
// still count). What the totals count beyond the held channels (channels never loaded) goes
// to 0 too and comes back on failure, unless the server has sent totals since: those
// already say what is unread.
import { filter, take } from 'rxjs';
import type { OpStart } from '../store/pending.ts';
import type { Action } from '../store/reducer.ts';
import { tableValues } from '../store/table.ts';
import { toChatError, toStoredError, type ClientContext } from './clientContext.ts';

const ENDPOINT = 'MarkChannelsRead';

export async function markAllRead(ctx: ClientContext): Promise<void> {
  let api;
  try {
    api = ctx.api(ENDPOINT);
  } catch (e) {
    throw ctx.report(e, ENDPOINT);
  }
  const ops: OpStart[] = [];
  for (const ch of tableValues(ctx.store.getState().channels)) {
    if (ch.unread.messages > 0 || ch.unread.mentions > 0) ops.push({ kind: 'markRead', id: `read:${globalThis.crypto.randomUUID()}`, cid: ch.cid });
  }
  ctx.store.dispatchMany(ops.map((op): Action => ({ type: 'op/started', op })));
  // What is left of the totals is unread in channels the store does not hold.
  const rest = ctx.store.getState().unread;
  const left = { messages: rest.totalMessages, channels: rest.channels };
  if (left.messages > 0 || left.channels > 0) ctx.store.dispatch({ type: 'unread/adjusted', messages: -left.messages, channels: -left.channels });
  let serverTotals = false;
  const sub = ctx.events$
    ?.pipe(
      filter((e) => e.total_unread_count !== undefined || e.unread_count !== undefined || e.unread_channels !== undefined || (e.type === 'health.check' && e.me !== undefined)),
      take(1),
    )
    .subscribe(() => {
      serverTotals = true;
    });
  try {
    await api.markChannelsRead({});
    ctx.store.dispatchMany(ops.map((op): Action => ({ type: 'op/succeeded', opId: op.id })));
  } catch (e) {
    const error = toChatError(e, ENDPOINT);
    const stored = toStoredError(error);
    const undo: Action[] = ops.map((op) => ({ type: 'op/failed', opId: op.id, error: stored }));
    if (!serverTotals && (left.messages > 0 || left.channels > 0)) undo.push({ type: 'unread/adjusted', messages: left.messages, channels: left.channels });
    ctx.store.dispatchMany(undo);
    throw ctx.report(error, ENDPOINT);
  } finally {
    sub?.unsubscribe();
  }
}
