// Pending sends in the message list. A send is confirmed when any server copy of its id is
// held (the answer, the message.new echo, a page, a recovery query: all say `received`).
// Until then it stays after every confirmed message, even one that arrives later with a
// later server time, so the user's unsent text is always at the end of the conversation.
import type { ChannelEntry, ChatState, MessageWindow } from './state.ts';
import type { ReducerContext } from './context.ts';
import type { SendOp } from './pending.ts';
import { latestWindowIndex, replaceHeld, showsInChannel, windowOf } from './messages.ts';
import { idsInsert, idsRemove } from './sortedIds.ts';
import { tableGet } from './table.ts';
import { newestFirst } from './optimisticReads.ts';
import { threadOf } from './threads.ts';

/** A pending reply's time changed: move it in its thread's reply index too. */
export function moveReply(state: ChatState, m: { id: string; parent_id?: string }, from: number, to: number): void {
  if (!m.parent_id || from === to) return;
  const thread = threadOf(state, m.parent_id);
  if (thread && idsRemove(thread.replies, m.id, from)) idsInsert(thread.replies, m.id, to);
}

/** Drop sends the server has confirmed; keep the others last in their channel. */
export function reconcileSends(state: ChatState, ctx: ReducerContext): void {
  const pending = state.pending as Record<string, SendOp>;
  const byChannel = new Map<string, string[]>();
  for (const op of Object.values(state.pending)) {
    if (op.kind !== 'send' || !ctx.touched.has(op.cid)) continue;
    const ch = tableGet(state.channels, op.cid);
    const held = ch ? tableGet(ch.messages, op.messageId) : undefined;
    if (!held || held.status === 'received') {
      // The server's copy has the server's time: the thread index follows it.
      if (held) moveReply(state, held, op.at, held.created_at);
      delete pending[op.id];
      continue;
    }
    if (held.status !== 'sending' || !showsInChannel(held)) continue;
    const list = byChannel.get(op.cid) ?? [];
    list.push(op.messageId);
    byChannel.set(op.cid, list);
  }
  for (const [cid, ids] of byChannel) {
    const ch = tableGet(state.channels, cid);
    if (ch) keepLast(state, ch, ids);
  }
}

function keepLast(state: ChatState, ch: ChannelEntry, ids: readonly string[]): void {
  const li = latestWindowIndex(ch);
  const latest = ch.windows[li] as MessageWindow;
  const mine = new Set(ids);
  let cursor = -Infinity;
  for (const p of newestFirst(latest.ids)) {
    if (!mine.has(p.id)) {
      cursor = p.at;
      break;
    }
  }
  const sending = ids
    .map((id) => tableGet(ch.messages, id))
    .filter((m) => m !== undefined)
    .sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  for (const m of sending) {
    const wi = windowOf(ch, m.id, m.created_at);
    const at = m.created_at > cursor ? m.created_at : cursor + 1;
    if (wi !== li) {
      // A recovery page that did not reach back to it left it in an older window.
      if (wi >= 0) idsRemove((ch.windows[wi] as MessageWindow).ids, m.id, m.created_at);
      const moved = at === m.created_at ? m : { ...m, created_at: at };
      if (moved !== m) replaceHeld(ch, m, moved);
      idsInsert(latest.ids, moved.id, moved.created_at);
    } else if (at !== m.created_at) {
      replaceHeld(ch, m, { ...m, created_at: at });
    }
    if (at !== m.created_at) {
      moveReply(state, m, m.created_at, at);
      const op = (state.pending as Record<string, SendOp>)[`send:${m.id}`];
      if (op) op.at = at;
    }
    cursor = at;
  }
}
