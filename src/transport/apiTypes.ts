// Request bodies and query parameters of the endpoints the store and the emulator use, as
// the seeds list them under each operation (the seeds' "Types Reference" has no request
// types for these; the nested models come from src/models). Timestamps are epoch
// milliseconds like everywhere in the library; the API layer sends them as RFC 3339
// (PROTOCOL.md section 4). Fields the service accepts beyond the seeds' lists (`watch`,
// `presence`) are marked.
import type {
  ChannelInput,
  ChannelInputRequest,
  ChannelMemberRequest,
  DeliveredMessagePayload,
  EventRequest,
  ImageSize,
  MessagePaginationParams,
  MessageRequest,
  PaginationParams,
  PollOptionInput,
  ReactionRequest,
  SortParamRequest,
  UpdateUserPartialRequest,
  UserRequest,
  VoteData,
} from '../models/generated/types.ts';

/** Options every API call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Server-side-only acting user, accepted by many bodies (ignored for client tokens). */
interface ActingUser {
  user?: UserRequest;
  user_id?: string;
}

/** `set`/`unset` partial updates. */
export interface PartialUpdate {
  set?: Record<string, unknown>;
  unset?: string[];
}

export interface QueryChannelsRequest extends ActingUser {
  filter_conditions?: Record<string, unknown>;
  filter_values?: Record<string, unknown>;
  predefined_filter?: string;
  sort?: SortParamRequest[];
  sort_values?: Record<string, unknown>;
  limit?: number;
  offset?: number;
  member_limit?: number;
  message_limit?: number;
  state?: boolean;
  /** Not in the seed's list: subscribes this connection to the channels' events. */
  watch?: boolean;
  /** Not in the seed's list: also deliver presence events of the members. */
  presence?: boolean;
}

export interface ChannelGetOrCreateRequest {
  data?: ChannelInput;
  hide_for_creator?: boolean;
  members?: PaginationParams;
  messages?: MessagePaginationParams;
  watchers?: PaginationParams;
  state?: boolean;
  thread_unread_counts?: boolean;
  /** Not in the seed's list: subscribes this connection to the channel's events. */
  watch?: boolean;
  /** Not in the seed's list: also deliver presence events of the members. */
  presence?: boolean;
}

export interface UpdateChannelRequest extends ActingUser {
  accept_invite?: boolean;
  reject_invite?: boolean;
  add_filter_tags?: string[];
  remove_filter_tags?: string[];
  add_members?: ChannelMemberRequest[];
  remove_members?: string[];
  add_moderators?: string[];
  demote_moderators?: string[];
  assign_roles?: ChannelMemberRequest[];
  invites?: ChannelMemberRequest[];
  cooldown?: number;
  data?: ChannelInputRequest;
  hide_history?: boolean;
  /** Epoch ms. */
  hide_history_before?: number;
  message?: MessageRequest;
  skip_push?: boolean;
}

export interface UpdateChannelPartialRequest extends PartialUpdate, ActingUser {}

export interface HideChannelRequest extends ActingUser {
  clear_history?: boolean;
}

export interface TruncateChannelRequest extends ActingUser {
  hard_delete?: boolean;
  member_ids?: string[];
  message?: MessageRequest;
  skip_push?: boolean;
  /** Epoch ms. */
  truncated_at?: number;
}

export interface SendMessageRequest {
  message: MessageRequest;
  force_moderation?: boolean;
  keep_channel_hidden?: boolean;
  pending?: boolean;
  pending_message_metadata?: Record<string, unknown>;
  skip_enrich_url?: boolean;
  skip_push?: boolean;
}

export interface UpdateMessageRequest {
  message: MessageRequest;
  skip_enrich_url?: boolean;
  skip_push?: boolean;
}

export interface UpdateMessagePartialRequest extends PartialUpdate, ActingUser {
  skip_enrich_url?: boolean;
  skip_push?: boolean;
}

export interface DeleteMessageOptions extends CallOptions {
  hard?: boolean;
  deletedBy?: string;
  deleteForMe?: boolean;
}

export interface UndeleteMessageRequest {
  undeleted_by: string;
}

export interface SendReactionRequest {
  reaction: ReactionRequest;
  enforce_unique?: boolean;
  skip_push?: boolean;
}

export interface GetRepliesQuery extends CallOptions {
  limit?: number;
  sort?: SortParamRequest[];
  id_gte?: string;
  id_gt?: string;
  id_lte?: string;
  id_lt?: string;
  id_around?: string;
}

export interface MarkReadRequest extends ActingUser {
  message_id?: string;
  thread_id?: string;
}

export interface MarkUnreadRequest extends ActingUser {
  message_id?: string;
  /** Epoch ms. */
  message_timestamp?: number;
  thread_id?: string;
}

export interface MarkChannelsReadRequest extends ActingUser {
  /** cid -> last read message id. */
  read_by_channel?: Record<string, string>;
}

export interface MarkDeliveredRequest {
  latest_delivered_messages?: DeliveredMessagePayload[];
}

export interface SendEventRequest {
  event: EventRequest;
}

/** The JSON `payload` query parameter of QueryMembers (not detailed by the seeds). */
export interface QueryMembersPayload {
  type: string;
  id?: string;
  members?: ChannelMemberRequest[];
  filter_conditions: Record<string, unknown>;
  sort?: SortParamRequest[];
  limit?: number;
  offset?: number;
  user_id?: string;
}

export interface QueryThreadsRequest extends ActingUser {
  filter?: Record<string, unknown>;
  sort?: SortParamRequest[];
  limit?: number;
  member_limit?: number;
  participant_limit?: number;
  reply_limit?: number;
  next?: string;
  prev?: string;
}

export interface GetThreadQuery extends CallOptions {
  reply_limit?: number;
  participant_limit?: number;
  member_limit?: number;
}

export interface UpdateThreadPartialRequest extends PartialUpdate, ActingUser {}

export interface UnreadCountsBatchRequest {
  user_ids: string[];
}

/** The JSON `payload` query parameter of Search (not detailed by the seeds). */
export interface SearchPayload {
  filter_conditions: Record<string, unknown>;
  message_filter_conditions?: Record<string, unknown>;
  query?: string;
  sort?: SortParamRequest[];
  limit?: number;
  offset?: number;
  next?: string;
}

export interface DraftOptions extends CallOptions {
  parentId?: string;
}

export interface QueryDraftsRequest extends ActingUser {
  filter?: Record<string, unknown>;
  sort?: SortParamRequest[];
  limit?: number;
  next?: string;
  prev?: string;
}

export interface MuteChannelRequest extends ActingUser {
  channel_cids?: string[];
  /** Duration of the mute in milliseconds. */
  expiration?: number;
}

export interface CastPollVoteRequest extends ActingUser {
  vote?: VoteData;
}

export interface CreatePollRequest extends ActingUser {
  name: string;
  id?: string;
  description?: string;
  options?: PollOptionInput[];
  allow_answers?: boolean;
  allow_user_suggested_options?: boolean;
  enforce_unique_vote?: boolean;
  is_closed?: boolean;
  max_votes_allowed?: number;
  voting_visibility?: string;
  Custom?: Record<string, unknown>;
}

export interface QueryPollsRequest {
  filter?: Record<string, unknown>;
  sort?: SortParamRequest[];
  limit?: number;
  next?: string;
  prev?: string;
}

/** The JSON `payload` query parameter of QueryUsers (not detailed by the seeds). */
export interface QueryUsersPayload {
  filter_conditions: Record<string, unknown>;
  sort?: SortParamRequest[];
  limit?: number;
  offset?: number;
  presence?: boolean;
  include_deactivated_users?: boolean;
  user_id?: string;
}

export interface UpdateUsersRequest {
  /** id -> user. */
  users: Record<string, UserRequest>;
}

export interface UpdateUsersPartialRequest {
  users: UpdateUserPartialRequest[];
}

export interface UploadOptions extends CallOptions {
  onProgress?: (p: { loaded: number; total: number }) => void;
  /** File name sent with the part; default the File's own name or `file`. */
  name?: string;
}

export interface UploadImageOptions extends UploadOptions {
  uploadSizes?: ImageSize[];
}
