// The shape of the store: normalized, immutable (frozen by immer), plain data.
import type {
  Attachment,
  ChannelMemberResponse,
  ChannelPushPreferencesResponse,
  ChannelResponse,
  MessageRequest,
  MessageResponse,
  OwnUserResponse,
  ReactionResponse,
  ThreadResponse,
  UserResponse,
} from '../models/generated/types.ts';
import { createTable, type Table } from './table.ts';
import { emptyIds, type IdPosition, type SortedIds } from './sortedIds.ts';
import { emptyRecord } from './records.ts';
import type { AccountState, PagedListState } from './accountState.ts';

export type { AccountState, BlockOp, PagedListState, ProfileOp } from './accountState.ts';
import { emptyKeyed, emptyLiveLocations, type Draft, type KeyedState, type LiveLocationsState, type Reminder } from './personalState.ts';

export type MessageStatus = 'sending' | 'failed' | 'received';

/** What the store keeps of a failed request (plain data, so it freezes and serialises). */
export interface StoredError {
  code: number;
  status: number;
  message: string;
  endpoint: string;
  retryable: boolean;
}

/** A message as the store holds it: the server's shape plus its local status. */
export interface LocalMessage extends MessageResponse {
  status: MessageStatus;
  error?: StoredError;
  /** Ids of pending local operations whose change this copy shows (absent on server copies). */
  pendingOps?: readonly string[];
  /** Files of a message being sent with `files` (absent on server copies; see uploads.ts). */
  uploads?: readonly LocalUpload[];
}

/** One file of a message being sent: what the UI shows while it uploads. */
export interface LocalUpload {
  /** Local id of the file within its message. */
  id: string;
  name: string;
  /** MIME type ('' when unknown). */
  type: string;
  /** Bytes. */
  size: number;
  /** Fraction sent, 0..1 (1 once uploaded). */
  progress: number;
  state: 'uploading' | 'uploaded' | 'failed' | 'cancelled';
  /** A local URL of the file to show before it is uploaded (a Blob URL in the browser; absent in Node). */
  previewUrl?: string;
  /** The attachment it becomes, once uploaded (the server's URL). */
  attachment?: Attachment;
  error?: StoredError;
}

/** One user's read position in a channel. */
export interface ReadState {
  user: UserResponse;
  last_read: number;
  unread_messages: number;
  last_read_message_id?: string;
  first_unread_message_id?: string;
  last_delivered_at?: number;
  last_delivered_message_id?: string;
}

/** Someone typing in a channel, or in a thread when parentId is set. */
export interface TypingEntry {
  user: UserResponse;
  parentId?: string;
  /** Epoch ms after which the entry no longer counts (7 s after the last typing.start). */
  expiresAt: number;
}

/**
 * A contiguous run of messages the client holds. `hasOlder`/`hasNewer` come from what the
 * server returned (a page shorter than asked for means the end), never from guesses.
 */
export interface MessageWindow {
  ids: SortedIds;
  hasOlder: boolean;
  hasNewer: boolean;
  /** The window that ends at the newest message; new messages go here. */
  isLatest: boolean;
}

export interface UnreadCount {
  messages: number;
  mentions: number;
}

/** Channel data as held: the server's ChannelResponse without the member list (held apart). */
export type ChannelData = Omit<ChannelResponse, 'members'> & { [custom: string]: unknown };

export interface ChannelEntry {
  cid: string;
  type: string;
  id: string;
  /** null until the server has described the channel. */
  data: ChannelData | null;
  members: Readonly<Record<string, ChannelMemberResponse>>;
  membership: ChannelMemberResponse | null;
  reads: Readonly<Record<string, ReadState>>;
  watchers: Readonly<Record<string, UserResponse>>;
  watcherCount: number;
  typing: Readonly<Record<string, TypingEntry>>;
  /** The own user's unread messages and mentions here. */
  unread: UnreadCount;
  /** Every message held for this channel, by id (windows, pins and quotes refer to these). */
  messages: Table<LocalMessage>;
  windows: readonly MessageWindow[];
  /** Index into `windows` of the one being viewed. */
  current: number;
  /** Ids of pinned messages held, ordered by pinned_at. */
  pinned: SortedIds;
  /** Message id -> ids of held messages that quote it, to refresh quoted copies. */
  quotedBy: Readonly<Record<string, readonly string[]>>;
  /**
   * Ids of the messages most recently hard-deleted here (newest last, a few dozen): a page
   * or thread result read before the delete must not bring one back (messages.ts).
   */
  hardDeleted: readonly string[];
  loadingOlder: boolean;
  loadingNewer: boolean;
}

export interface ChannelListState {
  key: string;
  filter: Readonly<Record<string, unknown>>;
  sort: ReadonlyArray<{ field: string; direction: 1 | -1 }>;
  cids: readonly string[];
  hasMore: boolean;
  loading: boolean;
  error: StoredError | null;
  /** Offset of the next page. */
  offset: number;
}

export interface UnreadTotals {
  totalMessages: number;
  channels: number;
  threads: number;
  /** Channels with unread messages or mentions (others are absent); see selectUnreadSummary. */
  byChannel: Table<UnreadCount>;
  byTeam: Readonly<Record<string, number>>;
}

/**
 * Thread metadata as held: the server's ThreadResponse without the copies held elsewhere
 * (the parent message lives in its channel's message table, the channel in `channels`).
 * `reply_count` and `thread_participants` here only stand in while the parent message is
 * not held; when it is, the parent's own fields are the thread's (one source of truth).
 */
export type ThreadData = Omit<ThreadResponse, 'channel' | 'parent_message' | 'thread_participants'> & {
  thread_participants?: UserResponse[];
};

/**
 * One thread. Its replies are held once, in the channel's message table; the thread keeps
 * their ids in order (a contiguous run of the thread, flags from the server's page sizes).
 */
export interface ThreadEntry {
  parentId: string;
  cid: string;
  /** null until the server has described the thread (GetThread, QueryThreads, events). */
  data: ThreadData | null;
  replies: SortedIds;
  hasOlder: boolean;
  hasNewer: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
  /** Participants' reads of this thread, by user id. */
  reads: Readonly<Record<string, ReadState>>;
  /** The own user's unread replies here. */
  unread: number;
}

export interface ThreadListState {
  key: string;
  filter: Readonly<Record<string, unknown>>;
  /** Parent message ids, most recent reply first. */
  parentIds: readonly string[];
  /** The server's cursor for the next page. */
  next: string | null;
  hasMore: boolean;
  loading: boolean;
  error: StoredError | null;
  /** Threads with new activity that this list has not loaded (refresh() brings them in). */
  unseen: readonly string[];
}

/**
 * One message search (client.search): the found messages in the server's order, held as
 * copies here (a result may be in a channel the store does not hold), kept live by the
 * message events and REST copies of those messages (src/store/searches.ts).
 */
export interface SearchState {
  key: string;
  /** Found message ids, in the server's order. */
  ids: readonly string[];
  /** The copies of the found messages, by id. */
  messages: Readonly<Record<string, LocalMessage>>;
  /** The server's cursor for the next page (null: no more). */
  next: string | null;
  hasMore: boolean;
  loading: boolean;
  error: StoredError | null;
}

export interface ChatState {
  me: OwnUserResponse | null;
  users: Table<UserResponse>;
  channels: Table<ChannelEntry>;
  lists: Readonly<Record<string, ChannelListState>>;
  /** Threads by parent message id. */
  threads: Table<ThreadEntry>;
  threadLists: Readonly<Record<string, ThreadListState>>;
  unread: UnreadTotals;
  /** Optimistic operations not settled yet, by operation id (oldest first by `seq`; see pendingTable.ts). */
  pending: PendingTable;
  /** Own profile updates and blocks in flight, push preferences (account.ts). */
  account: AccountState;
  /** Paged user, ban and flag lists by key (pagedLists.ts). */
  pagedLists: Readonly<Record<string, PagedListState>>;
  /** Message searches by key (client.search). */
  searches: Readonly<Record<string, SearchState>>;
  /** Pending writes to channel data and the own membership, by operation id (optimisticChannels.ts). */
  channelOps: Readonly<Record<string, ChannelOp>>;
  /** Member queries (channel.queryMembers), by handle key (memberLists.ts). */
  memberLists: Readonly<Record<string, MemberListState>>;
  /** Own drafts by draftKey(cid, parentId) (personalState.ts). */
  drafts: KeyedState<Draft>;
  /** Own reminders by message id. */
  reminders: KeyedState<Reminder>;
  /** Own active live locations. */
  liveLocations: LiveLocationsState;
}


/**
 * A pending write to one channel's data or to the own membership (update, updatePartial,
 * hide/show, mute/unmute, pin/unpin, archive/unarchive). Fields are named by path:
 * `data.<field>`, `data.custom.<field>` or `membership.<field>`; each maps to the value the
 * write sets (null: the field is removed), and `before` to the value it replaced, put back on
 * rollback only where the field still shows ours (nothing moved it since).
 */
export interface ChannelOp {
  id: string;
  cid: string;
  set: Readonly<Record<string, FieldBefore>>;
  before: Readonly<Record<string, FieldBefore>>;
  /**
   * The event type that is the server's echo of this write (channel.hidden for a hide,
   * member.updated for a pin, ...): once it arrives the server has the change, the record is
   * dropped, and later events apply as they come (a message after a hide shows the channel).
   */
  echo: string;
  /** Mute/unmute: the unread totals before and after the change the write made to them. */
  totals: { before: { totalMessages: number; channels: number }; after: { totalMessages: number; channels: number } } | null;
}

/** One member query of a channel: a filtered, sorted page of members, kept live by member events. */
export interface MemberListState {
  key: string;
  cid: string;
  filter: Readonly<Record<string, unknown>>;
  /** Member user ids in the server's order. */
  ids: readonly string[];
  /** The members of `ids`, by user id. */
  members: Readonly<Record<string, ChannelMemberResponse>>;
  hasMore: boolean;
  loading: boolean;
  error: StoredError | null;
  /** Offset of the next page. */
  offset: number;
}

// Pending optimistic operations (pending.ts applies them, pendingTable.ts holds them): each
// keeps its intent, the exact inverse of what it changed, and `seq`, its start order among
// all pending operations.

/** A field as it was before an operation: `null` when the copy did not have it. */
export type FieldBefore = { v: unknown } | null;

/** What an edit or soft delete replaced, top-level fields and custom fields apart. */
export interface FieldsBefore {
  top: Readonly<Record<string, FieldBefore>>;
  custom: Readonly<Record<string, FieldBefore>>;
}

/** The request of a send: the seed's MessageRequest with a client id and custom fields. */
export type SendRequest = MessageRequest & { id: string; [custom: string]: unknown };

/** The reaction change of one operation: the own reactions it takes away and the one it adds. */
export interface ReactionChange {
  removed: readonly ReactionResponse[];
  added: ReactionResponse | null;
}

/** A pending markRead ('read') or markUnread ('unread') of a channel. */
export interface ReadOp {
  kind: 'read';
  id: string;
  cid: string;
  mode: 'read' | 'unread';
  /** Messages after this position count as unread (null: every held message may). */
  after: IdPosition | null;
  /** The own last_read this operation set (to tell whether anything moved it since). */
  readAt: number;
  /** False when the position could not be computed locally (message not in the latest window). */
  exact: boolean;
  /** The own read state before, restored on rollback if nothing moved it since. */
  prevRead: ReadState | null;
  /** How much the operation changed the unread counts (taken back on rollback). */
  delta: { messages: number; mentions: number };
  /** Start order among all pending operations (see pendingTable.ts). */
  seq: number;
}

/** A message send: `queued` waits for the connection, `sending` is out, `failed` waits for a retry. */
export interface SendOp {
  kind: 'send';
  id: string;
  cid: string;
  messageId: string;
  request: SendRequest;
  phase: 'queued' | 'sending' | 'failed';
  /** The created_at the local copy has (a thread's reply index is keyed by it). */
  at: number;
  /**
   * The local clock when the request went out: at the start, when it left the queue, or at
   * a retry. Absent while queued. With the server's time for the message it gives the lead
   * (PendingTable.lead).
   */
  sentAt?: number;
  /** Start order among all pending operations (oldest first: the outbox sends in this order). */
  seq: number;
}

/** sendReaction (add set) or deleteReaction (add null). */
export interface ReactionOp {
  kind: 'reaction';
  id: string;
  cid: string;
  messageId: string;
  type: string;
  add: ReactionResponse | null;
  enforceUnique: boolean;
  change: ReactionChange;
  seq: number;
}

export interface EditOp {
  kind: 'update';
  id: string;
  cid: string;
  messageId: string;
  patch: Readonly<Record<string, unknown>>;
  at: number;
  before: FieldsBefore;
  seq: number;
}

export interface DeleteOp {
  kind: 'delete';
  id: string;
  cid: string;
  messageId: string;
  hard: boolean;
  at: number;
  before: FieldsBefore;
  /** Hard delete: the copy removed, put back on rollback. */
  removed: LocalMessage | null;
  seq: number;
}

export type MessageOp = ReactionOp | EditOp | DeleteOp;
export type PendingOp = SendOp | MessageOp | ReadOp;

export interface PendingTable {
  /** Every pending operation by id. */
  readonly ops: Table<PendingOp>;
  /** The `seq` the next operation gets. */
  readonly next: number;
  /**
   * How far ahead of the local clock the server's time for a send was, at the last send
   * confirmed (its created_at from the server minus its `sentAt`): request latency, the
   * server's queue and clock skew. Sends still out take their send time plus this as the
   * time they show (pendingSends.ts), the time the server will likely give them.
   */
  readonly lead: number;
  /** Per channel: its send operations (op id -> seq), for checks of a whole channel (pages, recovery). */
  readonly sends: Table<Table<number>>;
  /** Per channel: its other operations (reactions, edits, deletes, reads), oldest first. */
  readonly others: Table<readonly string[]>;
  /** Per message: the reaction, edit and delete operations on it, oldest first. */
  readonly byMessage: Table<readonly string[]>;
}



const OP_BUCKETS = 64;
const INDEX_BUCKETS = 16;

export function emptyPending(): PendingTable {
  return { ops: createTable(OP_BUCKETS), next: 0, lead: 0, sends: createTable(INDEX_BUCKETS), others: createTable(INDEX_BUCKETS), byMessage: createTable(INDEX_BUCKETS) };
}

const CHANNEL_BUCKETS = 64;
const MESSAGE_BUCKETS = 128;
const THREAD_BUCKETS = 32;

export function initialState(): ChatState {
  return {
    me: null,
    users: createTable(CHANNEL_BUCKETS),
    channels: createTable(CHANNEL_BUCKETS),
    lists: emptyRecord(),
    threads: createTable(THREAD_BUCKETS),
    threadLists: emptyRecord(),
    unread: { totalMessages: 0, channels: 0, threads: 0, byChannel: createTable(CHANNEL_BUCKETS), byTeam: emptyRecord() },
    pending: emptyPending(),
    account: { profileOps: emptyRecord(), blockOps: emptyRecord(), nextSeq: 0, channelPush: emptyRecord() },
    pagedLists: emptyRecord(),
    searches: emptyRecord(),
    channelOps: emptyRecord(),
    memberLists: emptyRecord(),
    drafts: emptyKeyed(),
    reminders: emptyKeyed(),
    liveLocations: emptyLiveLocations(),
  };
}

export function emptyWindow(isLatest: boolean): MessageWindow {
  return { ids: emptyIds(), hasOlder: true, hasNewer: !isLatest, isLatest };
}

export function newChannelEntry(type: string, id: string): ChannelEntry {
  return {
    cid: `${type}:${id}`,
    type,
    id,
    data: null,
    members: emptyRecord(),
    membership: null,
    reads: emptyRecord(),
    watchers: emptyRecord(),
    watcherCount: 0,
    typing: emptyRecord(),
    unread: { messages: 0, mentions: 0 },
    messages: createTable(MESSAGE_BUCKETS),
    windows: [emptyWindow(true)],
    current: 0,
    pinned: emptyIds(),
    quotedBy: emptyRecord(),
    hardDeleted: [],
    loadingOlder: false,
    loadingNewer: false,
  };
}

export function newThreadEntry(parentId: string, cid: string): ThreadEntry {
  return {
    parentId,
    cid,
    data: null,
    replies: emptyIds(),
    hasOlder: true,
    hasNewer: false,
    loadingOlder: false,
    loadingNewer: false,
    reads: emptyRecord(),
    unread: 0,
  };
}

/** Split "type:id" into its parts; undefined when it is not a cid. */
export function parseCid(cid: string): { type: string; id: string } | undefined {
  const i = cid.indexOf(':');
  if (i <= 0 || i === cid.length - 1) return undefined;
  return { type: cid.slice(0, i), id: cid.slice(i + 1) };
}
