// A channel handle: the observables of one channel and the calls that load it. The same
// handle is returned for the same cid (the client keeps them), and it holds no state: what
// it shows comes from the store, keyed by cid, so an event in another channel wakes nothing.
import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { ChannelInput, ChannelMemberRequest, ChannelMemberResponse, MessageResponse } from '../models/generated/types.ts';
import type { ChannelEntry, LocalMessage, ReadState, TypingEntry, UnreadCount } from '../store/state.ts';
import {
  selectChannelView,
  selectMembers,
  selectPagination,
  selectPinned,
  selectReads,
  selectTyping,
  selectUnread,
  type ChannelView,
  type Pagination,
} from '../store/selectors.ts';
import { idsFirst, idsLast } from '../store/sortedIds.ts';
import { tableGet } from '../store/table.ts';
import { windowOf } from '../store/messages.ts';
import { createMessagesSelector } from '../store/messageView.ts';
import type { ClientContext } from './clientContext.ts';
import { createTypingController } from './typingController.ts';
import { createChannelWrites, type ChannelWrites } from './channelWrites.ts';
import { createPinWrites, type PinWrites } from './pinWrites.ts';
import { createChannelManagement, type ChannelManagement } from './channelManagement.ts';
import { createMessageExtras, type MessageExtras } from './messageExtras.ts';
import { createChannelUploads, type ChannelUploads } from './messageUploads.ts';
import { createChannelDrafts, type ChannelDrafts } from './drafts.ts';

/** What `client.channel(type, id, data)` accepts: ChannelInput, members as ids, custom fields. */
export type ChannelInputData = Omit<ChannelInput, 'members'> & {
  members?: ReadonlyArray<string | ChannelMemberRequest>;
  [custom: string]: unknown;
};

export interface WatchOptions {
  /** Messages of the latest page (default 25). */
  messageLimit?: number;
  memberLimit?: number;
  watcherLimit?: number;
  /** Receive events for this channel on this connection (default true). */
  watch?: boolean;
  presence?: boolean;
}

export interface ChannelHandle extends ChannelWrites, MessageExtras, ChannelUploads, ChannelManagement, ChannelDrafts, PinWrites {
  readonly cid: string;
  readonly type: string;
  readonly id: string;
  /** The channel's data with the own membership (`membership`: pinned_at, archived_at, role). */
  readonly channel$: Observable<ChannelView | null>;
  readonly messages$: Observable<readonly LocalMessage[]>;
  readonly pinned$: Observable<readonly LocalMessage[]>;
  readonly members$: Observable<readonly ChannelMemberResponse[]>;
  readonly reads$: Observable<Readonly<Record<string, ReadState>>>;
  readonly typing$: Observable<readonly TypingEntry[]>;
  readonly unread$: Observable<UnreadCount>;
  readonly pagination$: Observable<Pagination>;
  /** Get or create the channel with its state, and watch it. */
  watch(options?: WatchOptions): Promise<void>;
  /** Stop receiving this channel's events after reconnects (the seeds have no stop-watching call). */
  stopWatching(): Promise<void>;
  loadOlder(limit?: number): Promise<void>;
  loadNewer(limit?: number): Promise<void>;
  jumpToMessage(messageId: string, limit?: number): Promise<void>;
  jumpToLatest(): Promise<void>;
  keystroke(parentId?: string): void;
  stopTyping(parentId?: string): void;
}

const NO_MESSAGES: readonly LocalMessage[] = Object.freeze([]);
const NO_MEMBERS: readonly ChannelMemberResponse[] = Object.freeze([]);
const NO_TYPING: readonly TypingEntry[] = Object.freeze([]);
const NO_READS: Readonly<Record<string, ReadState>> = Object.freeze({});
const NO_UNREAD: UnreadCount = Object.freeze({ messages: 0, mentions: 0 });
const NO_PAGINATION: Pagination = Object.freeze({ hasOlder: true, hasNewer: false, loadingOlder: false, loadingNewer: false, isLatest: true });

const DEFAULT_PAGE = 25;

function toChannelInput(data: ChannelInputData | undefined): ChannelInput | undefined {
  if (!data) return undefined;
  const { members, ...rest } = data;
  const input: ChannelInput = { ...rest };
  if (members) input.members = members.map((m) => (typeof m === 'string' ? { user_id: m } : m));
  return input;
}

export function createChannelHandle(ctx: ClientContext, type: string, id: string, data?: ChannelInputData): ChannelHandle {
  const cid = `${type}:${id}`;
  const entry$ = ctx.store.channel$(cid);
  const view = <T>(select: (e: ChannelEntry) => T, empty: T): Observable<T> =>
    entry$.pipe(
      map((e) => (e ? select(e) : empty)),
      distinctUntilChanged(),
    );
  const entry = (): ChannelEntry | undefined => tableGet(ctx.store.getState().channels, cid);
  const typing = createTypingController(ctx.scheduler, (eventType, parentId) => {
    const event: { type: string; parent_id?: string } = { type: eventType };
    if (parentId) event.parent_id = parentId;
    ctx
      .api('SendEvent')
      .sendEvent(type, id, { event })
      .catch((e: unknown) => ctx.report(e, 'SendEvent'));
  });

  async function query(endpoint: string, body: Parameters<ReturnType<ClientContext['api']>['getOrCreateChannel']>[2]) {
    try {
      return await ctx.api(endpoint).getOrCreateChannel(type, id, body);
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  }

  async function page(direction: 'older' | 'newer', limit: number): Promise<void> {
    const ch = entry();
    if (!ch) throw ctx.report(new Error(`channel ${cid} is not loaded: call watch() first`), 'GetOrCreateChannel');
    const window = ch.current;
    const w = ch.windows[window];
    if (!w || (direction === 'older' ? !w.hasOlder || ch.loadingOlder : !w.hasNewer || ch.loadingNewer)) return;
    const edge = direction === 'older' ? idsFirst(w.ids) : idsLast(w.ids);
    const messages: { limit: number; id_lt?: string; id_gt?: string } = { limit };
    if (edge) messages[direction === 'older' ? 'id_lt' : 'id_gt'] = edge.id;
    ctx.store.dispatch({ type: 'messages/loading', cid, direction, loading: true });
    try {
      const res = await query('GetOrCreateChannel', { state: true, messages });
      ctx.store.dispatch({ type: 'messages/paged', cid, direction, window, messages: res.messages, limit });
    } catch (e) {
      ctx.store.dispatch({ type: 'messages/loading', cid, direction, loading: false });
      throw e;
    }
  }

  async function fetchAround(messageId: string, limit: number): Promise<void> {
    // Two exact pages instead of one id_around page: each page's length tells for sure
    // whether more exists on its side (flags from the server's answer, never guessed).
    const olderLimit = Math.ceil(limit / 2);
    const newerLimit = Math.max(1, limit - olderLimit);
    const [older, newer] = await Promise.all([
      query('GetOrCreateChannel', { state: true, messages: { id_lte: messageId, limit: olderLimit } }),
      query('GetOrCreateChannel', { state: true, messages: { id_gt: messageId, limit: newerLimit } }),
    ]);
    if (!older.messages.some((m: MessageResponse) => m.id === messageId)) {
      throw ctx.report(new Error(`message ${messageId} is not in ${cid}`), 'GetOrCreateChannel');
    }
    ctx.store.dispatch({ type: 'messages/around', cid, older: older.messages, olderLimit, newer: newer.messages, newerLimit });
  }

  const writes = createChannelWrites(ctx, type, id, (parentId) => typing.stopTyping(parentId));

  return {
    cid,
    type,
    id,
    channel$: entry$.pipe(map(selectChannelView), distinctUntilChanged()),
    // Remembers its chunks' lookups, so a notification costs what changed (messageView.ts).
    messages$: view(createMessagesSelector(), NO_MESSAGES),
    pinned$: view(selectPinned, NO_MESSAGES),
    members$: view(selectMembers, NO_MEMBERS),
    reads$: view(selectReads, NO_READS),
    typing$: view(selectTyping, NO_TYPING),
    unread$: view(selectUnread, NO_UNREAD),
    pagination$: view(selectPagination, NO_PAGINATION),

    async watch(options = {}) {
      const messageLimit = options.messageLimit ?? DEFAULT_PAGE;
      const watch = options.watch ?? true;
      const body: Parameters<ReturnType<ClientContext['api']>['getOrCreateChannel']>[2] = { state: true, watch, messages: { limit: messageLimit } };
      const input = toChannelInput(data);
      if (input) body.data = input;
      if (options.memberLimit !== undefined) body.members = { limit: options.memberLimit };
      if (options.watcherLimit !== undefined) body.watchers = { limit: options.watcherLimit };
      if (options.presence !== undefined) body.presence = options.presence;
      const before = ctx.store.getState().channels;
      const res = await query('GetOrCreateChannel', body);
      if (watch) ctx.watched.add(cid);
      ctx.store.dispatchMany([
        { type: 'channels/hydrated', channels: [res], messageLimit, before },
        { type: 'messages/viewLatest', cid },
      ]);
    },

    async stopWatching() {
      ctx.watched.delete(cid);
      typing.dispose();
    },

    loadOlder: (limit = DEFAULT_PAGE) => page('older', limit),
    loadNewer: (limit = DEFAULT_PAGE) => page('newer', limit),

    async jumpToMessage(messageId, limit = DEFAULT_PAGE) {
      const ch = entry();
      const held = ch ? tableGet(ch.messages, messageId) : undefined;
      if (ch && held) {
        const w = windowOf(ch, messageId, held.created_at);
        if (w >= 0) {
          ctx.store.dispatch({ type: 'messages/viewWindow', cid, window: w });
          return;
        }
      }
      await fetchAround(messageId, limit);
    },

    async jumpToLatest() {
      const ch = entry();
      const latest = ch?.windows.find((w) => w.isLatest);
      if (ch && latest && latest.ids.size > 0) {
        ctx.store.dispatch({ type: 'messages/viewLatest', cid });
        return;
      }
      const before = ctx.store.getState().channels;
      const res = await query('GetOrCreateChannel', { state: true, messages: { limit: DEFAULT_PAGE } });
      ctx.store.dispatchMany([
        { type: 'channels/hydrated', channels: [res], messageLimit: DEFAULT_PAGE, before },
        { type: 'messages/viewLatest', cid },
      ]);
    },

    keystroke: (parentId) => typing.keystroke(parentId),
    stopTyping: (parentId) => typing.stopTyping(parentId),
    ...writes,
    ...createPinWrites(ctx, cid),
    ...createMessageExtras(ctx, type, id),
    ...createChannelUploads(ctx, type, id),
    ...createChannelManagement(ctx, type, id),
    ...createChannelDrafts(ctx, type, id),
  };
}
