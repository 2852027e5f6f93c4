// A thread handle: the observables of one thread and the calls that load and write it. The
// same handle is returned for the same parent id (the client keeps them). It holds no state:
// replies come from the channel's message table through the thread's ordered ids, so a
// reply edited, reacted to or deleted shows the same in the thread and in the channel.
import { defer, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { MessageResponse } from '../models/generated/types.ts';
import type { ChatState, LocalMessage, ThreadData, ThreadEntry, TypingEntry } from '../store/state.ts';
import { parseCid } from '../store/state.ts';
import {
  createRepliesSelector,
  createThreadPaginationSelector,
  createThreadSelector,
  type ThreadPagination,
  type ThreadView,
} from '../store/threadSelectors.ts';
import type { ReplyCursor } from '../store/threads.ts';
import { idsFirst, idsHas, idsLast } from '../store/sortedIds.ts';
import { tableGet, tableValues } from '../store/table.ts';
import { ChatErrorCode, isChatError } from '../transport/chatError.ts';
import type { ClientContext } from './clientContext.ts';
import type { ChannelHandle } from './channelHandle.ts';
import type { SendMessageInput } from './channelWrites.ts';
import { updateThread, type ThreadUpdateInput } from './threadUpdate.ts';
import { draftOf$ } from './drafts.ts';
import type { Draft } from '../store/personalState.ts';
import { draftKey } from '../store/personalState.ts';

export interface ThreadLoadOptions {
  /** Newest replies to load with the thread (default 25). */
  replyLimit?: number;
  participantLimit?: number;
}

/** What `sendReply` takes: a message without its parent (the thread is the parent). */
export type ReplyInput = Omit<SendMessageInput, 'parent_id'>;

export interface ThreadHandle {
  readonly parentId: string;
  /**
   * The thread (parent, participants, read, unread, reply_count); null until loaded. The
   * first subscription to thread$ or replies$ loads a thread not held yet.
   */
  readonly thread$: Observable<ThreadView | null>;
  /** Held replies, oldest first, with the statuses messages$ has. */
  readonly replies$: Observable<readonly LocalMessage[]>;
  readonly pagination$: Observable<ThreadPagination>;
  /** Who is typing in this thread. */
  readonly typing$: Observable<readonly TypingEntry[]>;
  /** The own draft of this thread, or null (save it with the channel's saveDraft and `parent_id`). */
  readonly draft$: Observable<Draft | null>;
  /** Fetch the thread with its newest replies (GetThread). */
  load(options?: ThreadLoadOptions): Promise<void>;
  loadOlder(limit?: number): Promise<void>;
  loadNewer(limit?: number): Promise<void>;
  /** Make the held replies the ones around `replyId` (two exact pages, flags from their sizes). */
  jumpToReply(replyId: string, limit?: number): Promise<void>;
  /** Back to the newest replies. */
  jumpToLatest(limit?: number): Promise<void>;
  /** Send a reply through the channel's sendMessage (same ids, statuses and retries); resolves with the reply as held. */
  sendReply(input: ReplyInput): Promise<LocalMessage>;
  markRead(): Promise<void>;
  /** Mark the thread unread from a reply (default: the newest). */
  markUnread(fromReplyId?: string): Promise<void>;
  keystroke(): void;
  stopTyping(): void;
  /** Set the thread's title or custom fields (UpdateThreadPartial), shown at once; resolves with the thread data as held. */
  update(input: ThreadUpdateInput): Promise<ThreadData>;
}

const DEFAULT_PAGE = 25;

const isMissing = (e: unknown): boolean => isChatError(e) && e.code === ChatErrorCode.DoesNotExist;
const NO_TYPING: readonly TypingEntry[] = Object.freeze([]);

export function createThreadHandle(ctx: ClientContext, parentId: string, channelOf: (cid: string) => ChannelHandle): ThreadHandle {
  const entry = (): ThreadEntry | undefined => tableGet(ctx.store.getState().threads, parentId);
  const selectView = createThreadSelector(parentId);
  const selectReplies = createRepliesSelector(parentId);
  const selectPagination = createThreadPaginationSelector(parentId);
  let loading: Promise<void> | undefined;

  async function call<T>(endpoint: string, run: (api: ReturnType<ClientContext['api']>) => Promise<T>): Promise<T> {
    try {
      return await run(ctx.api(endpoint));
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  }

  function load(options: ThreadLoadOptions = {}): Promise<void> {
    if (loading) return loading;
    const replyLimit = options.replyLimit ?? DEFAULT_PAGE;
    const query: { reply_limit: number; participant_limit?: number } = { reply_limit: replyLimit };
    if (options.participantLimit !== undefined) query.participant_limit = options.participantLimit;
    const p = fetchThread(query, replyLimit).finally(() => {
        loading = undefined;
      });
    loading = p;
    return p;
  }

  function connected(): boolean {
    try {
      ctx.api('GetThread');
      return true;
    } catch {
      return false;
    }
  }

  async function fetchThread(query: { reply_limit: number; participant_limit?: number }, replyLimit: number): Promise<void> {
    // A parent held with no replies most likely has no thread on the server, where GetThread
    // answers "not found" (a failed request in the browser's console for every new thread):
    // ask for the parent first, and for the thread only if the server counts replies.
    if ((heldParent()?.reply_count ?? 1) === 0) {
      const parent = await fetchParent();
      if (parent.reply_count === 0) {
        ctx.store.dispatch({ type: 'thread/started', parent });
        return;
      }
    }
    try {
      const res = await ctx.api('GetThread').getThread(parentId, query);
      ctx.store.dispatch({ type: 'threads/hydrated', threads: [res.thread], replyLimit });
    } catch (e) {
      // No reply yet means no thread on the server: start one from the parent message.
      if (!isMissing(e)) throw ctx.report(e, 'GetThread');
      ctx.store.dispatch({ type: 'thread/started', parent: await fetchParent() });
    }
  }

  async function fetchParent(): Promise<MessageResponse> {
    try {
      return (await ctx.api('GetMessage').getMessage(parentId)).message;
    } catch (e) {
      // The parent is gone (deleted while we were away): so is the thread.
      if (isMissing(e)) ctx.store.dispatch({ type: 'thread/removed', parentId });
      throw ctx.report(e, 'GetMessage');
    }
  }

  /** The parent as some held channel has it. O(channels held): once per thread opened. */
  function heldParent(): LocalMessage | undefined {
    for (const ch of tableValues(ctx.store.getState().channels)) {
      const m = tableGet(ch.messages, parentId);
      if (m) return m;
    }
    return undefined;
  }

  /** The thread's channel, loading the thread first when it is not known yet. */
  async function known(): Promise<ThreadEntry> {
    let t = entry();
    if (!t) {
      await load();
      t = entry();
    }
    if (!t) throw ctx.report(new Error(`thread ${parentId} could not be loaded`), 'GetThread');
    return t;
  }

  async function replies(cursor: ReplyCursor, id: string | undefined, limit: number, cid: string) {
    const query: { limit: number } & Partial<Record<ReplyCursor, string>> = { limit };
    if (id !== undefined && cursor !== 'latest') query[cursor] = id;
    const res = await call('GetReplies', (api) => api.getReplies(parentId, query));
    const page = id === undefined ? { cursor, limit, messages: res.messages } : { cursor, id, limit, messages: res.messages };
    return { type: 'thread/replies' as const, parentId, cid, page };
  }

  async function page(direction: 'older' | 'newer', limit: number): Promise<void> {
    const t = await known();
    if (direction === 'older' ? !t.hasOlder || t.loadingOlder : !t.hasNewer || t.loadingNewer) return;
    const edge = direction === 'older' ? idsFirst(t.replies) : idsLast(t.replies);
    ctx.store.dispatch({ type: 'thread/loading', parentId, direction, loading: true });
    try {
      const action = edge ? await replies(direction === 'older' ? 'id_lt' : 'id_gt', edge.id, limit, t.cid) : await replies('latest', undefined, limit, t.cid);
      ctx.store.dispatch(action);
    } finally {
      // The page's action clears the flag it set; this covers failures and 'latest' pages.
      if (entry()?.[direction === 'older' ? 'loadingOlder' : 'loadingNewer']) {
        ctx.store.dispatch({ type: 'thread/loading', parentId, direction, loading: false });
      }
    }
  }

  function channelOfThread(t: ThreadEntry): { type: string; id: string } {
    const parts = parseCid(t.cid);
    if (!parts) throw ctx.report(new Error(`thread ${parentId} has no valid channel (${t.cid})`), 'thread');
    return parts;
  }

  const typing$ = ctx.store.state$.pipe(
    map((s: ChatState) => {
      const t = tableGet(s.threads, parentId);
      return t ? tableGet(s.channels, t.cid)?.typing : undefined;
    }),
    distinctUntilChanged(),
    map((typing) => {
      if (!typing) return NO_TYPING;
      const out = Object.values(typing).filter((e) => e.parentId === parentId);
      return out.length === 0 ? NO_TYPING : out;
    }),
    distinctUntilChanged((a, b) => a.length === b.length && a.every((e, i) => e === b[i])),
  );

  /**
   * The first subscriber of a thread not held yet starts loading it, so a view that only
   * subscribes sees it arrive (a failure shows on errors$; load() can be called again).
   */
  const kicked = <T>(source: Observable<T>): Observable<T> =>
    defer(() => {
      if (!loading && !entry() && connected()) load().catch(() => undefined);
      return source;
    });

  return {
    parentId,
    thread$: kicked(ctx.store.select(selectView)),
    replies$: kicked(ctx.store.select(selectReplies)),
    pagination$: ctx.store.select(selectPagination),
    typing$,
    draft$: kicked(draftOf$(ctx, (s) => {
      const t = tableGet(s.threads, parentId);
      return t ? draftKey(t.cid, parentId) : undefined;
    })),
    load,
    loadOlder: (limit = DEFAULT_PAGE) => page('older', limit),
    loadNewer: (limit = DEFAULT_PAGE) => page('newer', limit),

    async jumpToReply(replyId, limit = DEFAULT_PAGE) {
      const t = await known();
      const ch = tableGet(ctx.store.getState().channels, t.cid);
      const held = ch ? tableGet(ch.messages, replyId) : undefined;
      if (held && idsHas(t.replies, replyId, held.created_at)) return;
      // Two exact pages: each one's length tells for sure whether more exists on its side.
      const olderLimit = Math.ceil(limit / 2);
      const newerLimit = Math.max(1, limit - olderLimit);
      const [older, newer] = await Promise.all([replies('id_lte', replyId, olderLimit, t.cid), replies('id_gt', replyId, newerLimit, t.cid)]);
      if (!older.page.messages.some((m) => m.id === replyId)) {
        throw ctx.report(new Error(`reply ${replyId} is not in thread ${parentId}`), 'GetReplies');
      }
      ctx.store.dispatchMany([older, newer]);
    },

    async jumpToLatest(limit = DEFAULT_PAGE) {
      const t = await known();
      ctx.store.dispatch(await replies('latest', undefined, limit, t.cid));
    },

    async sendReply(input) {
      const t = await known();
      return channelOf(t.cid).sendMessage({ ...input, parent_id: parentId });
    },

    async markRead() {
      const t = await known();
      const { type, id } = channelOfThread(t);
      await call('MarkRead', (api) => api.markRead(type, id, { thread_id: parentId }));
      const me = ctx.meId();
      if (me) ctx.store.dispatch({ type: 'thread/read', parentId, userId: me, at: ctx.scheduler.now() });
    },

    async markUnread(fromReplyId) {
      const t = await known();
      const { type, id } = channelOfThread(t);
      // The new read position and count come from the server's notification.mark_unread.
      const body: { thread_id: string; message_id?: string } = { thread_id: parentId };
      if (fromReplyId !== undefined) body.message_id = fromReplyId;
      await call('MarkUnread', (api) => api.markUnread(type, id, body));
    },

    keystroke() {
      const t = entry();
      if (t) channelOf(t.cid).keystroke(parentId);
    },
    stopTyping() {
      const t = entry();
      if (t) channelOf(t.cid).stopTyping(parentId);
    },
    update: (input) => updateThread(ctx, parentId, input),
  };
}
