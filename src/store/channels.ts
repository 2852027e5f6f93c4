// Channel reducers: hydration from a channel state response, and the channel.* events.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelMemberResponse, ChannelPushPreferencesResponse, ChannelResponse, ChannelStateResponseFields, ReadStateResponse, UserResponse } from '../models/generated/types.ts';
import type { ChannelData, ChannelEntry, ChatState, MessageWindow, ReadState } from './state.ts';
import { emptyWindow } from './state.ts';
import { ensureChannel, type ReducerContext } from './context.ts';
import { isHardDeleted, latestWindowIndex, removeMessage, storeMessage, toLocal } from './messages.ts';
import { applyLatestPage } from './windows.ts';
import { countsAsUnread, mentionsMe, setChannelUnread } from './reads.ts';
import { tableGet, tableKeys, tableSet, type Table } from './table.ts';
import { peek } from './peek.ts';
import { idsAfter, idsFirst, idsNewestFirst } from './sortedIds.ts';
import { deepEqual } from './deepEqual.ts';
import { track } from './owned.ts';
import { emptyRecord } from './records.ts';
import { rememberUserCopy } from './userCopies.ts';

/** Channel data as held: the response without its member list, which is held apart. */
export function toChannelData(c: ChannelResponse, prev: ChannelData | null): ChannelData {
  const { members: _members, ...rest } = c;
  const data: ChannelData = rest;
  // channel.updated does not carry the user-specific fields: keep ours unless sent.
  if (data.hidden === undefined && prev?.hidden !== undefined) data.hidden = prev.hidden;
  if (data.own_capabilities === undefined && prev?.own_capabilities !== undefined) data.own_capabilities = prev.own_capabilities;
  if (data.muted === undefined && prev?.muted !== undefined) data.muted = prev.muted;
  // last_message_at only moves forward: a channel copy on a late event (or one without the
  // field) must not move it back, which would mis-sort lists ordered by last message.
  const prevLast = prev?.last_message_at;
  if (prevLast !== undefined && (data.last_message_at === undefined || data.last_message_at < prevLast)) data.last_message_at = prevLast;
  return data;
}

/** Replace the channel's data unless it is equal to what is held (a repeated event). */
export function setChannelData(ch: ChannelEntry, next: ChannelData): void {
  if (!deepEqual(ch.data, next)) ch.data = next;
}

const rememberUser = rememberUserCopy;

function toReadState(r: ReadStateResponse): ReadState {
  const out: ReadState = { user: r.user, last_read: r.last_read, unread_messages: r.unread_messages };
  if (r.last_read_message_id !== undefined) out.last_read_message_id = r.last_read_message_id;
  if (r.last_delivered_at !== undefined) out.last_delivered_at = r.last_delivered_at;
  if (r.last_delivered_message_id !== undefined) out.last_delivered_message_id = r.last_delivered_message_id;
  return out;
}

export interface HydrateOptions {
  /** The message_limit the query asked for: a shorter page means no older messages. */
  messageLimit: number;
  /**
   * The channels as held when the request left. A read state that moved forward since (an
   * event or a local markRead came while the request was out) and is ahead of the answer's
   * stays: the answer may have been read before that change (found by the soak of issue 21:
   * a message.read that arrived before a slower recovery answer was taken back). The others
   * are replaced by the answer's. Absent: the answer's reads replace all.
   */
  before?: Table<ChannelEntry>;
}

/** The own push preferences of a channel, from a channel query answer or a preference update. */
export function setChannelPush(state: ChatState, cid: string, prefs: ChannelPushPreferencesResponse): void {
  if (!deepEqual(state.account.channelPush[cid], prefs)) (state.account.channelPush as Record<string, ChannelPushPreferencesResponse>)[cid] = prefs;
}

/** Apply one channel state response (a query, watch, or recovery) to the store. */
export function hydrateChannel(state: ChatState, ctx: ReducerContext, res: ChannelStateResponseFields, options: HydrateOptions): ChannelEntry | undefined {
  const c = res.channel;
  if (!c) return undefined;
  const ch = ensureChannel(state, ctx, c.cid);
  if (!ch) return undefined;
  ch.data = toChannelData(c, ch.data);
  if (res.hidden !== undefined) ch.data.hidden = res.hidden;
  // The own push preferences of the channel ride on its query answer (issue 23 leftover).
  if (res.push_preferences) setChannelPush(state, c.cid, res.push_preferences);
  const members = emptyRecord<ChannelMemberResponse>();
  for (const m of res.members) {
    const id = m.user_id ?? m.user?.id;
    if (id) members[id] = m;
    rememberUser(state, m.user);
  }
  // New objects of this burst, listed so the store freezes them when it ends (owned.ts).
  ch.members = track(members);
  const me = state.me?.id;
  ch.membership = res.membership ?? (me ? (members[me] ?? null) : null);
  if (res.read) {
    const reads = emptyRecord<ReadState>();
    // Frozen now (the user is, from the decoder), so finishing the burst skips each one.
    const then = options.before ? tableGet(options.before, c.cid) : undefined;
    for (const r of res.read) {
      const held = options.before ? peek(peek(ch).reads)[r.user.id] : undefined;
      const next = toReadState(r);
      // Kept only when it moved since the request left AND is ahead of the answer: a change
      // taken back meanwhile (a failed markRead's rollback) is no news, the answer is.
      const newer = held !== undefined && held !== then?.reads[r.user.id] && held.last_read > next.last_read;
      reads[r.user.id] = newer ? held : Object.freeze(next);
    }
    ch.reads = track(reads);
  }
  if (res.watchers) {
    const watchers = emptyRecord<UserResponse>();
    for (const u of res.watchers) {
      watchers[u.id] = u;
      rememberUser(state, u);
    }
    ch.watchers = track(watchers);
  }
  if (res.watcher_count !== undefined) ch.watcherCount = res.watcher_count;
  for (const p of res.pinned_messages) if (!isHardDeleted(ch, p.id)) storeMessage(ch, toLocal(p, 'received', ch));
  applyLatestPage(ch, res.messages, options.messageLimit, ctx.windowCap);
  // The own count comes from the server's read state. Mentions too when the server sends
  // them (`unread_mentions`, beyond the seed's ReadStateResponse); otherwise they are
  // counted over the messages we were given after the own last read.
  const own = me ? ch.reads[me] : undefined;
  if (own) {
    const sent = res.read?.find((r) => r.user.id === me) as { unread_mentions?: unknown } | undefined;
    let mentions = 0;
    if (typeof sent?.unread_mentions === 'number') mentions = sent.unread_mentions;
    else for (const m of res.messages) if (m.created_at > own.last_read && mentionsMe(state, m) && countsAsUnread(state, ch, m)) mentions += 1;
    setChannelUnread(state, ch, own.unread_messages + unreadSinceAnswer(state, ch, res, own.last_read), mentions, false);
  }
  return ch;
}

/**
 * Unread messages an answer cannot count: held messages newer than anything the answer shows
 * came by message.new while the request was in flight (a channel queried because
 * notification.added_to_channel announced it, whose first message arrived meanwhile). The
 * answer's count is as of its snapshot; these come on top of it, as the held messages
 * themselves survive a stale answer (applyLatestPage).
 */
function unreadSinceAnswer(state: ChatState, ch: ChannelEntry, res: ChannelStateResponseFields, lastRead: number): number {
  let snapshot = res.channel?.last_message_at ?? 0;
  for (const m of res.messages) if (m.created_at > snapshot) snapshot = m.created_at;
  const latest = ch.windows[latestWindowIndex(ch)];
  if (!latest) return 0;
  let count = 0;
  for (const { id } of idsNewestFirst(latest.ids)) {
    const m = tableGet(ch.messages, id);
    // Own sends still out sit after every received message; they are never unread.
    if (!m || m.status !== 'received') continue;
    if (m.created_at <= snapshot) break;
    if (m.created_at > lastRead && countsAsUnread(state, ch, m)) count += 1;
  }
  return count;
}

/** channel.updated (and channel data carried by other events). */
export function updateChannelData(state: ChatState, ctx: ReducerContext, c: ChannelResponse): ChannelEntry | undefined {
  const ch = ensureChannel(state, ctx, c.cid);
  if (!ch) return undefined;
  setChannelData(ch, toChannelData(c, ch.data));
  if (c.members) {
    const members = emptyRecord<ChannelMemberResponse>();
    for (const m of c.members) {
      const id = m.user_id ?? m.user?.id;
      if (id) members[id] = m;
    }
    if (!deepEqual(ch.members, members)) ch.members = members;
    const me = state.me?.id;
    const mine = me ? members[me] : undefined;
    // A repeated copy of the channel keeps the held membership (and the state reference).
    if (mine && !deepEqual(ch.membership, mine)) ch.membership = mine;
  }
  return ch;
}

/**
 * Drop every held message created at or before `at` (truncation, clear_history): one pass
 * over what is held, O(n log n), where the official client is O(n^2).
 */
export function dropMessagesUpTo(ch: ChannelEntry, at: number): void {
  for (const id of tableKeys(ch.messages)) {
    const m = tableGet(ch.messages, id);
    if (m && m.created_at <= at && m.status === 'received') removeMessage(ch, id);
  }
  for (const w of ch.windows as MessageWindow[]) w.hasOlder = false;
}

/** channel.truncated: drop older messages and recount the own unread from what is left. */
export function truncateChannel(state: ChatState, ch: ChannelEntry, ev: ChatEvent): void {
  const at = ev.channel?.truncated_at ?? ev.truncated_at ?? ev.created_at;
  if (ev.channel) setChannelData(ch, toChannelData(ev.channel, ch.data));
  dropMessagesUpTo(ch, at);
  const me = state.me?.id;
  const own = me ? ch.reads[me] : undefined;
  const latest = ch.windows[latestWindowIndex(ch)] as MessageWindow;
  let messages = 0;
  let mentions = 0;
  const first = idsFirst(latest.ids);
  const after = first ? [first.id, ...idsAfter(latest.ids, first.id, first.at)] : [];
  for (const id of after) {
    const m = tableGet(ch.messages, id);
    if (!m || (own && m.created_at <= own.last_read)) continue;
    if (countsAsUnread(state, ch, m)) {
      messages++;
      if (mentionsMe(state, m)) mentions++;
    }
  }
  setChannelUnread(state, ch, Math.min(messages, ch.unread.messages), Math.min(mentions, ch.unread.mentions), true);
}

/** channel.deleted / notification.channel_deleted: the channel stays known, marked deleted and empty. */
export function deleteChannel(state: ChatState, ch: ChannelEntry, ev: ChatEvent): void {
  const data = ev.channel ? toChannelData(ev.channel, ch.data) : ch.data;
  if (data) setChannelData(ch, data.deleted_at === undefined ? { ...data, deleted_at: ev.created_at } : data);
  setChannelUnread(state, ch, 0, 0, true);
  for (const id of tableKeys(ch.messages)) removeMessage(ch, id);
  const empty: MessageWindow = { ...emptyWindow(true), hasOlder: false };
  // A repeated delete finds the channel already empty: keep its references.
  if (ch.windows.length !== 1 || !deepEqual(ch.windows[0], empty)) ch.windows = [empty];
  ch.current = 0;
  if (Object.keys(ch.typing).length > 0) ch.typing = emptyRecord();
}
