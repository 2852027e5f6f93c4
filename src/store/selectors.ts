// Selectors: derived views of the state, memoized so that an unchanged input gives the
// same output reference (consumers compare with ===, React re-renders nothing).
import type { ChannelMemberResponse, UserResponse } from '../models/generated/types.ts';
import type { ChannelData, ChannelEntry, ChatState, LocalMessage, MessageWindow, ReadState, TypingEntry, UnreadCount } from './state.ts';
import { idsNewestFirst, idsToArray } from './sortedIds.ts';
import { tableGet } from './table.ts';

/** Memoize a one-argument selector on the identity of its argument. */
function memo<A extends object, R>(fn: (a: A) => R): (a: A) => R {
  const cache = new WeakMap<A, R>();
  return (a) => {
    if (cache.has(a)) return cache.get(a) as R;
    const r = fn(a);
    cache.set(a, r);
    return r;
  };
}

/** Compare arrays element by element with ===. */
export function shallowArrayEqual<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Compare objects key by key with ===. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

export function selectChannel(state: ChatState, cid: string): ChannelEntry | undefined {
  return tableGet(state.channels, cid);
}

const windowMessages = new WeakMap<MessageWindow, { table: unknown; out: LocalMessage[] }>();

/** The messages of a channel's current window, oldest first. */
export function selectMessages(ch: ChannelEntry): readonly LocalMessage[] {
  const w = ch.windows[ch.current];
  if (!w) return [];
  const hit = windowMessages.get(w);
  if (hit && hit.table === ch.messages) return hit.out;
  const out: LocalMessage[] = [];
  for (const id of idsToArray(w.ids)) {
    const m = tableGet(ch.messages, id);
    if (m) out.push(m);
  }
  // Keep the previous array when nothing in it changed (the table changed elsewhere).
  const result = hit && shallowArrayEqual(hit.out, out) ? hit.out : out;
  windowMessages.set(w, { table: ch.messages, out: result });
  return result;
}

export interface Pagination {
  hasOlder: boolean;
  hasNewer: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
  isLatest: boolean;
}

const paginationMemo = new WeakMap<ChannelEntry, Pagination>();

export function selectPagination(ch: ChannelEntry): Pagination {
  const w = ch.windows[ch.current];
  const next: Pagination = {
    hasOlder: w?.hasOlder ?? false,
    hasNewer: w?.hasNewer ?? false,
    loadingOlder: ch.loadingOlder,
    loadingNewer: ch.loadingNewer,
    isLatest: w?.isLatest ?? true,
  };
  const prev = paginationMemo.get(ch);
  if (prev && shallowEqual(prev, next)) return prev;
  paginationMemo.set(ch, next);
  return next;
}

// The last pinned list built per pinned index: a channel change that leaves the pins and
// their copies as they were (a typing event, a new message, a repeated state) hands out the
// same array, so pinned$ does not wake its subscribers.
const pinnedMemo = new WeakMap<object, readonly LocalMessage[]>();

export const selectPinned = memo((ch: ChannelEntry): readonly LocalMessage[] => {
  const out: LocalMessage[] = [];
  for (const id of idsToArray(ch.pinned)) {
    const m = tableGet(ch.messages, id);
    if (m) out.push(m);
  }
  const prev = pinnedMemo.get(ch.pinned);
  if (prev && shallowArrayEqual(prev, out)) return prev;
  pinnedMemo.set(ch.pinned, out);
  return out;
});

const byCreated = (a: ChannelMemberResponse, b: ChannelMemberResponse) => a.created_at - b.created_at;
const membersMemo = new WeakMap<object, readonly ChannelMemberResponse[]>();

/** Members, oldest membership first. */
export function selectMembers(ch: ChannelEntry): readonly ChannelMemberResponse[] {
  const hit = membersMemo.get(ch.members);
  if (hit) return hit;
  const out = Object.values(ch.members).sort(byCreated);
  membersMemo.set(ch.members, out);
  return out;
}

export function selectReads(ch: ChannelEntry): Readonly<Record<string, ReadState>> {
  return ch.reads;
}

const typingMemo = new WeakMap<object, readonly TypingEntry[]>();

/** Who is typing (channel and threads; filter by parentId for one thread). */
export function selectTyping(ch: ChannelEntry): readonly TypingEntry[] {
  const hit = typingMemo.get(ch.typing);
  if (hit) return hit;
  const out = Object.values(ch.typing);
  typingMemo.set(ch.typing, out);
  return out;
}

export function selectUnread(ch: ChannelEntry): UnreadCount {
  return ch.unread;
}

export function selectChannelData(ch: ChannelEntry | undefined): ChannelData | null {
  return ch?.data ?? null;
}

/**
 * What `channel.channel$` shows: the channel's data with the own membership (`pinned_at`,
 * `archived_at`, `notifications_muted`, role) beside it; `muted` and `hidden` are on the data.
 */
export type ChannelView = ChannelData & { membership: ChannelMemberResponse | null };

const viewMemo = new WeakMap<ChannelData, { membership: ChannelMemberResponse | null; out: ChannelView }>();

/** The channel view, the same object while its data and the own membership are unchanged. */
export function selectChannelView(ch: ChannelEntry | undefined): ChannelView | null {
  const data = ch?.data;
  if (!ch || !data) return null;
  const hit = viewMemo.get(data);
  if (hit && hit.membership === ch.membership) return hit.out;
  const out: ChannelView = Object.freeze({ ...data, membership: ch.membership });
  viewMemo.set(data, { membership: ch.membership, out });
  return out;
}

/** A channel as a list row shows it. */
export interface ChannelSummary {
  cid: string;
  data: ChannelData | null;
  lastMessage: LocalMessage | undefined;
  unread: UnreadCount;
  members: Readonly<Record<string, ChannelMemberResponse>>;
  membership: ChannelMemberResponse | null;
}

const summaryMemo = new WeakMap<ChannelEntry, ChannelSummary>();
const summaryByCid = new Map<string, WeakRef<ChannelSummary>>();

/**
 * The newest message of the channel, leaving out ephemeral ones (a giphy preview only its
 * sender sees is not part of the conversation, as the service does not count it either).
 */
function lastMessageOf(ch: ChannelEntry): LocalMessage | undefined {
  const w = ch.windows.find((x) => x.isLatest);
  if (!w) return undefined;
  for (const p of idsNewestFirst(w.ids)) {
    const m = tableGet(ch.messages, p.id);
    if (m?.type !== 'ephemeral') return m;
  }
  return undefined;
}

/**
 * The summary of a channel, the same object while the fields it shows are unchanged (a
 * typing or read change in the channel does not re-render its list row).
 */
export function selectChannelSummary(ch: ChannelEntry): ChannelSummary {
  const hit = summaryMemo.get(ch);
  if (hit) return hit;
  const next: ChannelSummary = {
    cid: ch.cid,
    data: ch.data,
    lastMessage: lastMessageOf(ch),
    unread: ch.unread,
    members: ch.members,
    membership: ch.membership,
  };
  const prev = summaryByCid.get(ch.cid)?.deref();
  const out = prev && shallowEqual(prev, next) ? prev : next;
  summaryByCid.set(ch.cid, new WeakRef(out));
  summaryMemo.set(ch, out);
  return out;
}

export function selectUser(state: ChatState, id: string): UserResponse | undefined {
  return tableGet(state.users, id);
}

/** The own unread totals as the public API gives them (`client.unread$`). */
export interface UnreadSummary {
  totalMessages: number;
  channels: number;
  threads: number;
  byChannel: Readonly<Record<string, UnreadCount>>;
  byTeam: Readonly<Record<string, number>>;
}

const unreadMemo = new WeakMap<object, UnreadSummary>();

/**
 * The unread totals with `byChannel` as a plain record, built once per change of the
 * totals (O(unread channels) for the subscriber, never on the per-event path).
 */
export function selectUnreadSummary(state: ChatState): UnreadSummary {
  const u = state.unread;
  const hit = unreadMemo.get(u);
  if (hit) return hit;
  const byChannel: Record<string, UnreadCount> = {};
  for (const bucket of u.byChannel.buckets) for (const cid in bucket) byChannel[cid] = bucket[cid] as UnreadCount;
  const out: UnreadSummary = Object.freeze({
    totalMessages: u.totalMessages,
    channels: u.channels,
    threads: u.threads,
    byChannel: Object.freeze(byChannel),
    byTeam: u.byTeam,
  });
  unreadMemo.set(u, out);
  return out;
}
