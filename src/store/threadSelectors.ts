// Thread selectors: what a thread and its replies look like to a consumer, derived from the
// thread entry and its channel's message table. Each selector is made per consumer (a
// handle, a list row) and memoized on the identity of its inputs, so an unchanged thread
// gives the same object and a change elsewhere in the channel wakes nobody downstream.
import type { UserResponse } from '../models/generated/types.ts';
import type { ChatState, LocalMessage, ReadState, ThreadData, ThreadEntry } from './state.ts';
import { idsLast, idsToArray } from './sortedIds.ts';
import { tableGet } from './table.ts';
import { shallowArrayEqual } from './selectors.ts';

/** A thread as consumers see it. The counters are the parent message's own. */
export interface ThreadView {
  parentId: string;
  cid: string;
  /** The parent message, the same object the channel's messages$ shows. */
  parent: LocalMessage | undefined;
  reply_count: number;
  participants: readonly UserResponse[];
  /** Participants' reads of the thread, by user id. */
  read: Readonly<Record<string, ReadState>>;
  /** The own user's unread replies. */
  unread: number;
  title: string;
  last_message_at: number | undefined;
  /** The newest reply held, when the held replies reach the newest one. */
  latestReply: LocalMessage | undefined;
  /** Thread metadata (custom fields, dates, counts) as the server sent it. */
  data: ThreadData | null;
}

export interface ThreadPagination {
  hasOlder: boolean;
  hasNewer: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
}

const NO_USERS: readonly UserResponse[] = Object.freeze([]);
const NO_REPLIES: readonly LocalMessage[] = Object.freeze([]);

function latestOf(state: ChatState, t: ThreadEntry): LocalMessage | undefined {
  if (t.hasNewer) return undefined;
  const last = idsLast(t.replies);
  const ch = last ? tableGet(state.channels, t.cid) : undefined;
  return last && ch ? tableGet(ch.messages, last.id) : undefined;
}

/**
 * A memoized selector of one thread's view; null while the thread is not held.
 * @example
 * const select = createThreadSelector('parent-1');
 * client.select((s) => select(s));
 */
export function createThreadSelector(parentId: string): (state: ChatState) => ThreadView | null {
  let last: { entry: ThreadEntry; parent: LocalMessage | undefined; latest: LocalMessage | undefined; view: ThreadView } | undefined;
  return (state) => {
    const entry = tableGet(state.threads, parentId);
    if (!entry) return null;
    const ch = tableGet(state.channels, entry.cid);
    const parent = ch ? tableGet(ch.messages, parentId) : undefined;
    const latest = latestOf(state, entry);
    if (last && last.entry === entry && last.parent === parent && last.latest === latest) return last.view;
    const data = entry.data;
    const view: ThreadView = {
      parentId,
      cid: entry.cid,
      parent,
      reply_count: parent?.reply_count ?? data?.reply_count ?? entry.replies.size,
      participants: parent?.thread_participants ?? data?.thread_participants ?? NO_USERS,
      read: entry.reads,
      unread: entry.unread,
      title: data?.title ?? '',
      last_message_at: data?.last_message_at,
      latestReply: latest,
      data,
    };
    last = { entry, parent, latest, view };
    return view;
  };
}

/** A memoized selector of one thread's held replies, oldest first. */
export function createRepliesSelector(parentId: string): (state: ChatState) => readonly LocalMessage[] {
  let last: { ids: unknown; table: unknown; out: readonly LocalMessage[] } | undefined;
  return (state) => {
    const entry = tableGet(state.threads, parentId);
    const ch = entry ? tableGet(state.channels, entry.cid) : undefined;
    if (!entry || !ch) return NO_REPLIES;
    if (last && last.ids === entry.replies && last.table === ch.messages) return last.out;
    const out: LocalMessage[] = [];
    for (const id of idsToArray(entry.replies)) {
      const m = tableGet(ch.messages, id);
      if (m) out.push(m);
    }
    // Keep the previous array when no reply in it changed (the table changed elsewhere).
    const result = last && shallowArrayEqual(last.out, out) ? last.out : out;
    last = { ids: entry.replies, table: ch.messages, out: result };
    return result;
  };
}

/** A memoized selector of one thread's paging flags. */
export function createThreadPaginationSelector(parentId: string): (state: ChatState) => ThreadPagination {
  let last: ThreadPagination = { hasOlder: true, hasNewer: false, loadingOlder: false, loadingNewer: false };
  return (state) => {
    const t = tableGet(state.threads, parentId);
    const next: ThreadPagination = t
      ? { hasOlder: t.hasOlder, hasNewer: t.hasNewer, loadingOlder: t.loadingOlder, loadingNewer: t.loadingNewer }
      : { hasOlder: true, hasNewer: false, loadingOlder: false, loadingNewer: false };
    if (
      next.hasOlder === last.hasOlder &&
      next.hasNewer === last.hasNewer &&
      next.loadingOlder === last.loadingOlder &&
      next.loadingNewer === last.loadingNewer
    ) {
      return last;
    }
    last = next;
    return next;
  };
}
