// Optimistic writes to a channel's data and to the own membership (PROTOCOL.md section 8:
// "the own membership's mute, pin and archive apply locally at once with the same exact
// rollback"; update, updatePartial, hide and show too). Each write is a ChannelOp record in
// state: the fields it sets and the values they had. While it is out, a server copy of the
// channel or membership that does not show it yet (a query answer read before the write
// reached the server, or another device's change) gets it applied again, so the change does
// not flicker away, and a rollback then shows that server value; the
// confirmation drops the record (the answer, applied after it, is the truth); a failure puts
// back each field that still shows our value, and leaves a field someone changed since alone.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelMemberResponse } from '../models/generated/types.ts';
import type { ChannelEntry, ChannelOp, ChatState, FieldBefore } from './state.ts';
import { channelDraft, type ReducerContext } from './context.ts';
import { channelMuted } from './reads.ts';
import { placeInLists } from './channelLists.ts';
import { deepEqual } from './deepEqual.ts';
import { peek } from './peek.ts';

export interface ChannelOpStart {
  id: string;
  cid: string;
  /** Field path (`data.x`, `data.custom.x`, `membership.x`) -> the value set, null to remove. */
  set: Readonly<Record<string, FieldBefore>>;
  /** The event type that echoes this write (ChannelOp.echo). */
  echo: string;
  /** A mute (true) or unmute (false): the unread totals leave out (or count again) this channel. */
  mute?: boolean;
}

export type ChannelOpAction =
  | { type: 'channelOp/started'; op: ChannelOpStart }
  | { type: 'channelOp/succeeded'; opId: string }
  | { type: 'channelOp/failed'; opId: string };

/**
 * Fields whose presence is what the write means: a pin sets `pinned_at` to the local time,
 * the server's copy has its own time, and both say "pinned".
 */
const BY_PRESENCE = new Set(['membership.pinned_at', 'membership.archived_at', 'data.mute_expires_at']);

function split(path: string): { target: 'data' | 'custom' | 'membership'; field: string } {
  if (path.startsWith('data.custom.')) return { target: 'custom', field: path.slice('data.custom.'.length) };
  if (path.startsWith('membership.')) return { target: 'membership', field: path.slice('membership.'.length) };
  return { target: 'data', field: path.slice('data.'.length) };
}

function read(ch: ChannelEntry, path: string): FieldBefore | undefined {
  const { target, field } = split(path);
  const obj: Record<string, unknown> | null | undefined =
    target === 'membership' ? (ch.membership as Record<string, unknown> | null) : target === 'custom' ? ch.data?.custom : (ch.data as Record<string, unknown> | null);
  // undefined: the object the path lives in is not held (no data yet, not a member).
  if (!obj) return undefined;
  return Object.hasOwn(obj, field) && obj[field] !== undefined ? { v: obj[field] } : null;
}

function write(state: ChatState, ch: ChannelEntry, path: string, value: FieldBefore): void {
  const { target, field } = split(path);
  if (target === 'membership') {
    const m = ch.membership;
    if (!m) return;
    const next = { ...m } as Record<string, unknown>;
    if (value) next[field] = value.v;
    else delete next[field];
    const member = next as unknown as ChannelMemberResponse;
    ch.membership = member;
    const me = state.me?.id;
    if (me && ch.members[me]) (ch.members as Record<string, ChannelMemberResponse>)[me] = member;
    return;
  }
  const data = ch.data;
  if (!data) return;
  const obj = (target === 'custom' ? (data.custom ??= {}) : data) as Record<string, unknown>;
  if (value) obj[field] = value.v;
  else delete obj[field];
}

function shows(path: string, held: FieldBefore | undefined, wanted: FieldBefore): boolean {
  if (held === undefined) return true; // nothing held to show it on
  if (BY_PRESENCE.has(path)) return (held === null) === (wanted === null);
  return deepEqual(held, wanted);
}

function opsOf(state: ChatState): Record<string, ChannelOp> {
  return state.channelOps as Record<string, ChannelOp>;
}

function totalsNow(state: ChatState): { totalMessages: number; channels: number } {
  return { totalMessages: state.unread.totalMessages, channels: state.unread.channels };
}

export function startChannelOp(state: ChatState, ctx: ReducerContext, start: ChannelOpStart): void {
  const ch = channelDraft(state, ctx, start.cid);
  if (!ch) return;
  const wasMuted = channelMuted(state, ch);
  const before: Record<string, FieldBefore> = {};
  for (const [path, value] of Object.entries(start.set)) {
    const held = read(ch, path);
    if (held === undefined) continue;
    before[path] = held;
    if (!deepEqual(held, value)) write(state, ch, path, value);
  }
  let totals: ChannelOp['totals'] = null;
  // The service leaves muted channels out of the unread totals (PROTOCOL.md section 6): the
  // channel's own count stays, the totals lose (or regain) it at once.
  if (start.mute !== undefined && start.mute !== wasMuted && ch.unread.messages > 0) {
    const b = totalsNow(state);
    const sign = start.mute ? -1 : 1;
    state.unread.totalMessages = Math.max(0, b.totalMessages + sign * ch.unread.messages);
    state.unread.channels = Math.max(0, b.channels + sign);
    totals = { before: b, after: totalsNow(state) };
  }
  const set: Record<string, FieldBefore> = {};
  for (const path of Object.keys(before)) set[path] = start.set[path] ?? null;
  opsOf(state)[start.id] = { id: start.id, cid: ch.cid, set, before, totals, echo: start.echo };
  placeInLists(state, ch);
}

export function succeedChannelOp(state: ChatState, opId: string): void {
  if (state.channelOps[opId]) delete opsOf(state)[opId];
}

export function failChannelOp(state: ChatState, ctx: ReducerContext, opId: string): void {
  const op = state.channelOps[opId];
  if (!op) return;
  delete opsOf(state)[opId];
  const ch = channelDraft(state, ctx, op.cid);
  if (!ch) return;
  for (const [path, value] of Object.entries(op.set)) {
    const held = read(ch, path);
    if (held !== undefined && deepEqual(held, value)) write(state, ch, path, op.before[path] ?? null);
  }
  const t = op.totals;
  if (t && state.unread.totalMessages === t.after.totalMessages && state.unread.channels === t.after.channels) {
    state.unread.totalMessages = t.before.totalMessages;
    state.unread.channels = t.before.channels;
  }
  placeInLists(state, ch);
}

/**
 * After any other action: a pending write that a server copy of its channel no longer shows
 * is applied again, and the server's value becomes the one a rollback restores. Cheap when
 * nothing is pending, which is nearly always.
 */
export function reconcileChannelOps(state: ChatState, ctx: ReducerContext, ev: ChatEvent | undefined): void {
  const ops = peek(peek(state).channelOps);
  let any = false;
  for (const _ in ops) {
    any = true;
    break;
  }
  if (!any) return;
  if (ev) for (const op of Object.values(ops)) if (isEcho(state, op, ev)) delete opsOf(state)[op.id];
  for (const op of Object.values(state.channelOps)) {
    if (!ctx.touched.has(op.cid)) continue;
    const ch = channelDraft(state, ctx, op.cid);
    if (!ch) continue;
    let changed = false;
    for (const [path, value] of Object.entries(op.set)) {
      const held = read(ch, path);
      if (held !== undefined && !shows(path, held, value)) {
        // The server's copy is its latest word on the field: a rollback shows that, not
        // what was held before the write.
        (opsOf(state)[op.id] as { before: Record<string, FieldBefore> }).before[path] = held;
        write(state, ch, path, value);
        changed = true;
      }
    }
    if (changed) placeInLists(state, ch);
  }
}

/** Whether `ev` is the server's echo of `op` (events come in the server's order). */
function isEcho(state: ChatState, op: ChannelOp, ev: ChatEvent): boolean {
  if (ev.type !== op.echo) return false;
  // Mute changes are user-level events without a cid.
  if (ev.type === 'notification.channel_mutes_updated') return true;
  const cid = ev.cid ?? ev.channel?.cid;
  if (cid !== op.cid) return false;
  if (ev.type === 'member.updated') return (ev.member?.user_id ?? ev.member?.user?.id) === state.me?.id;
  return true;
}

export function reduceChannelOp(state: ChatState, ctx: ReducerContext, action: ChannelOpAction): void {
  switch (action.type) {
    case 'channelOp/started':
      startChannelOp(state, ctx, action.op);
      return;
    case 'channelOp/succeeded':
      succeedChannelOp(state, action.opId);
      return;
    case 'channelOp/failed':
      failChannelOp(state, ctx, action.opId);
      return;
  }
}

/**
 * notification.channel_mutes_updated (a mute or unmute, here or on another device): every
 * held channel's own `muted` and `mute_expires_at` follow the new `channel_mutes`, and lists
 * filtered on `muted` follow them. O(channels held), for a rare user-level event.
 */
export function syncChannelMutes(state: ChatState, ctx: ReducerContext): void {
  const mutes = state.me?.channel_mutes;
  if (!mutes) return;
  const byCid = new Map<string, number | undefined>();
  for (const m of mutes) if (m.channel?.cid) byCid.set(m.channel.cid, m.expires);
  // Read through peek: drafting every bucket and entry to look at them would copy them all.
  for (const b of peek(peek(peek(state).channels).buckets)) {
    const bucket = peek(b);
    for (const cid in bucket) {
      const held = peek(bucket[cid]);
      const data = held ? peek(held.data) : null;
      if (!data) continue;
      const muted = byCid.has(cid);
      const expires = byCid.get(cid);
      if ((data.muted ?? false) === muted && data.mute_expires_at === expires) continue;
      const ch = channelDraft(state, ctx, cid);
      if (!ch?.data) continue;
      ch.data.muted = muted;
      if (expires === undefined) delete ch.data.mute_expires_at;
      else ch.data.mute_expires_at = expires;
      placeInLists(state, ch);
    }
  }
}
