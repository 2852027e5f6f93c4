// The JSON `payload` query parameter of the GET queries. The seeds list `payload` without a
// type; these fields are the ones the service reads (the official client, stream-chat,
// sends the same shape). The generated API sends the object JSON-encoded in the query.
import type { ChannelMemberRequest, SortParamRequest } from './generated/types.ts';

/** QueryUsers. */
export interface QueryUsersPayload {
  filter_conditions: Record<string, unknown>;
  sort?: SortParamRequest[];
  limit?: number;
  offset?: number;
  presence?: boolean;
  include_deactivated_users?: boolean;
  user_id?: string;
}

/** QueryMembers. */
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

/** Search. */
export interface SearchPayload {
  filter_conditions: Record<string, unknown>;
  message_filter_conditions?: Record<string, unknown>;
  query?: string;
  sort?: SortParamRequest[];
  limit?: number;
  offset?: number;
  next?: string;
}

/** QueryBannedUsers. */
export interface QueryBannedUsersPayload {
  filter_conditions: Record<string, unknown>;
  sort?: SortParamRequest[];
  exclude_expired_bans?: boolean;
  limit?: number;
  offset?: number;
  user_id?: string;
}

/** QueryFutureChannelBans. */
export interface QueryFutureChannelBansPayload {
  user_id?: string;
  target_user_id?: string;
  channel_cid?: string;
  exclude_expired_bans?: boolean;
  limit?: number;
  offset?: number;
}

/** QueryMessageFlags. */
export interface QueryMessageFlagsPayload {
  filter_conditions?: Record<string, unknown>;
  sort?: SortParamRequest[];
  limit?: number;
  offset?: number;
  show_deleted_messages?: boolean;
  user_id?: string;
}
