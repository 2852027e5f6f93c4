// Users (Common API seed 002) and channel members (Chat API seed 000).
import type { ModelTypes } from '../models/generated/types.ts';
import { decoder, jsonParam, seg, signalOf } from './apiRequest.ts';
import type {
  CallOptions,
  PartialUpdate,
  QueryMembersPayload,
  QueryUsersPayload,
  UpdateUsersPartialRequest,
  UpdateUsersRequest,
} from './apiTypes.ts';
import type { HttpClient } from './http.ts';

type M = ModelTypes;

export interface UserApi {
  queryUsers(payload: QueryUsersPayload, options?: CallOptions): Promise<M['QueryUsersResponse']>;
  updateUsers(body: UpdateUsersRequest, options?: CallOptions): Promise<M['UpdateUsersResponse']>;
  updateUsersPartial(body: UpdateUsersPartialRequest, options?: CallOptions): Promise<M['UpdateUsersResponse']>;
  queryMembers(payload: QueryMembersPayload, options?: CallOptions): Promise<M['MembersResponse']>;
  updateMemberPartial(
    type: string,
    id: string,
    body: PartialUpdate,
    options?: { userId?: string } & CallOptions,
  ): Promise<M['UpdateMemberPartialResponse']>;
}

export function createUserApi(http: HttpClient): UserApi {
  return {
    queryUsers: (payload, options) =>
      http.request({
        endpoint: 'QueryUsers',
        method: 'GET',
        path: '/api/v2/users',
        query: { payload: jsonParam(payload) },
        decode: decoder('QueryUsersResponse'),
        ...signalOf(options),
      }),
    updateUsers: (body, options) =>
      http.request({
        endpoint: 'UpdateUsers',
        method: 'POST',
        path: '/api/v2/users',
        body,
        decode: decoder('UpdateUsersResponse'),
        ...signalOf(options),
      }),
    updateUsersPartial: (body, options) =>
      http.request({
        endpoint: 'UpdateUsersPartial',
        method: 'PATCH',
        path: '/api/v2/users',
        body,
        decode: decoder('UpdateUsersResponse'),
        ...signalOf(options),
      }),
    queryMembers: (payload, options) =>
      http.request({
        endpoint: 'QueryMembers',
        method: 'GET',
        path: '/api/v2/chat/members',
        query: { payload: jsonParam(payload) },
        decode: decoder('MembersResponse'),
        ...signalOf(options),
      }),
    updateMemberPartial: (type, id, body, options = {}) =>
      http.request({
        endpoint: 'UpdateMemberPartial',
        method: 'PATCH',
        path: `/api/v2/chat/channels/${seg(type)}/${seg(id)}/member`,
        query: { user_id: options.userId },
        body,
        decode: decoder('UpdateMemberPartialResponse'),
        ...signalOf(options),
      }),
  };
}
