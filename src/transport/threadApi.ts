// Thread and draft endpoints (Chat API seed 000).
import type { ModelTypes } from '../models/generated/types.ts';
import { decoder, seg, signalOf } from './apiRequest.ts';
import type {
  CallOptions,
  DraftOptions,
  GetThreadQuery,
  QueryDraftsRequest,
  QueryThreadsRequest,
  UpdateThreadPartialRequest,
} from './apiTypes.ts';
import type { HttpClient } from './http.ts';

type M = ModelTypes;

export interface ThreadApi {
  queryThreads(body?: QueryThreadsRequest, options?: CallOptions): Promise<M['QueryThreadsResponse']>;
  getThread(messageId: string, query?: GetThreadQuery): Promise<M['GetThreadResponse']>;
  updateThreadPartial(messageId: string, body: UpdateThreadPartialRequest, options?: CallOptions): Promise<M['UpdateThreadPartialResponse']>;
  getDraft(type: string, id: string, options?: DraftOptions): Promise<M['GetDraftResponse']>;
  deleteDraft(type: string, id: string, options?: DraftOptions): Promise<M['Response']>;
  queryDrafts(body?: QueryDraftsRequest, options?: CallOptions): Promise<M['QueryDraftsResponse']>;
}

const draftPath = (type: string, id: string): string => `/api/v2/chat/channels/${seg(type)}/${seg(id)}/draft`;

export function createThreadApi(http: HttpClient): ThreadApi {
  return {
    queryThreads: (body = {}, options) =>
      http.request({
        endpoint: 'QueryThreads',
        method: 'POST',
        path: '/api/v2/chat/threads',
        body,
        decode: decoder('QueryThreadsResponse'),
        idempotent: true,
        ...signalOf(options),
      }),
    getThread: (messageId, query = {}) =>
      http.request({
        endpoint: 'GetThread',
        method: 'GET',
        path: `/api/v2/chat/threads/${seg(messageId)}`,
        query: {
          reply_limit: query.reply_limit,
          participant_limit: query.participant_limit,
          member_limit: query.member_limit,
        },
        decode: decoder('GetThreadResponse'),
        ...signalOf(query),
      }),
    updateThreadPartial: (messageId, body, options) =>
      http.request({
        endpoint: 'UpdateThreadPartial',
        method: 'PATCH',
        path: `/api/v2/chat/threads/${seg(messageId)}`,
        body,
        decode: decoder('UpdateThreadPartialResponse'),
        ...signalOf(options),
      }),
    getDraft: (type, id, options = {}) =>
      http.request({
        endpoint: 'GetDraft',
        method: 'GET',
        path: draftPath(type, id),
        query: { parent_id: options.parentId },
        decode: decoder('GetDraftResponse'),
        ...signalOf(options),
      }),
    deleteDraft: (type, id, options = {}) =>
      http.request({
        endpoint: 'DeleteDraft',
        method: 'DELETE',
        path: draftPath(type, id),
        query: { parent_id: options.parentId },
        decode: decoder('Response'),
        ...signalOf(options),
      }),
    queryDrafts: (body = {}, options) =>
      http.request({
        endpoint: 'QueryDrafts',
        method: 'POST',
        path: '/api/v2/chat/drafts/query',
        body,
        decode: decoder('QueryDraftsResponse'),
        idempotent: true,
        ...signalOf(options),
      }),
  };
}
