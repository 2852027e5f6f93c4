// Message and reaction endpoints of the Chat API seed (000), plus message search.
import type { ModelTypes } from '../models/generated/types.ts';
import { decoder, jsonParam, seg, signalOf } from './apiRequest.ts';
import type {
  CallOptions,
  DeleteMessageOptions,
  GetRepliesQuery,
  SearchPayload,
  SendMessageRequest,
  SendReactionRequest,
  UndeleteMessageRequest,
  UpdateMessagePartialRequest,
  UpdateMessageRequest,
} from './apiTypes.ts';
import type { HttpClient } from './http.ts';
import { encodeBody, type BodySpec } from './wireTimestamps.ts';

type M = ModelTypes;

const WITH_MESSAGE: BodySpec = { message: 'MessageRequest' };
const WITH_REACTION: BodySpec = { reaction: 'ReactionRequest' };

export interface MessageApi {
  sendMessage(type: string, id: string, body: SendMessageRequest, options?: CallOptions): Promise<M['SendMessageResponse']>;
  getMessage(id: string, query?: { showDeletedMessage?: boolean } & CallOptions): Promise<M['GetMessageResponse']>;
  getManyMessages(type: string, id: string, ids: readonly string[], options?: CallOptions): Promise<M['GetManyMessagesResponse']>;
  updateMessage(id: string, body: UpdateMessageRequest, options?: CallOptions): Promise<M['UpdateMessageResponse']>;
  updateMessagePartial(id: string, body: UpdateMessagePartialRequest, options?: CallOptions): Promise<M['UpdateMessagePartialResponse']>;
  deleteMessage(id: string, options?: DeleteMessageOptions): Promise<M['DeleteMessageResponse']>;
  undeleteMessage(id: string, body: UndeleteMessageRequest, options?: CallOptions): Promise<M['UndeleteMessageResponse']>;
  sendReaction(messageId: string, body: SendReactionRequest, options?: CallOptions): Promise<M['SendReactionResponse']>;
  deleteReaction(messageId: string, type: string, options?: CallOptions): Promise<M['DeleteReactionResponse']>;
  getReactions(messageId: string, query?: { limit?: number; offset?: number } & CallOptions): Promise<M['GetReactionsResponse']>;
  getReplies(parentId: string, query?: GetRepliesQuery): Promise<M['GetRepliesResponse']>;
  search(payload: SearchPayload, options?: CallOptions): Promise<M['SearchResponse']>;
}

const messagePath = (id: string): string => `/api/v2/chat/messages/${seg(id)}`;

export function createMessageApi(http: HttpClient): MessageApi {
  return {
    sendMessage: (type, id, body, options) =>
      http.request({
        endpoint: 'SendMessage',
        method: 'POST',
        path: `/api/v2/chat/channels/${seg(type)}/${seg(id)}/message`,
        body: encodeBody(WITH_MESSAGE, body),
        decode: decoder('SendMessageResponse'),
        // With a client-generated id the server dedupes a repeat (PROTOCOL.md section 8);
        // without one a repeat could post the message twice.
        idempotent: typeof body.message.id === 'string' && body.message.id !== '',
        ...signalOf(options),
      }),
    getMessage: (id, query = {}) =>
      http.request({
        endpoint: 'GetMessage',
        method: 'GET',
        path: messagePath(id),
        query: { show_deleted_message: query.showDeletedMessage },
        decode: decoder('GetMessageResponse'),
        ...signalOf(query),
      }),
    getManyMessages: (type, id, ids, options) =>
      http.request({
        endpoint: 'GetManyMessages',
        method: 'GET',
        path: `/api/v2/chat/channels/${seg(type)}/${seg(id)}/messages`,
        query: { ids: ids.join(',') },
        decode: decoder('GetManyMessagesResponse'),
        ...signalOf(options),
      }),
    updateMessage: (id, body, options) =>
      http.request({
        endpoint: 'UpdateMessage',
        method: 'POST',
        path: messagePath(id),
        body: encodeBody(WITH_MESSAGE, body),
        decode: decoder('UpdateMessageResponse'),
        ...signalOf(options),
      }),
    updateMessagePartial: (id, body, options) =>
      http.request({
        endpoint: 'UpdateMessagePartial',
        method: 'PUT',
        path: messagePath(id),
        body,
        decode: decoder('UpdateMessagePartialResponse'),
        ...signalOf(options),
      }),
    deleteMessage: (id, options = {}) =>
      http.request({
        endpoint: 'DeleteMessage',
        method: 'DELETE',
        path: messagePath(id),
        query: { hard: options.hard, deleted_by: options.deletedBy, delete_for_me: options.deleteForMe },
        decode: decoder('DeleteMessageResponse'),
        ...signalOf(options),
      }),
    undeleteMessage: (id, body, options) =>
      http.request({
        endpoint: 'UndeleteMessage',
        method: 'POST',
        path: `${messagePath(id)}/undelete`,
        body,
        decode: decoder('UndeleteMessageResponse'),
        ...signalOf(options),
      }),
    sendReaction: (messageId, body, options) =>
      http.request({
        endpoint: 'SendReaction',
        method: 'POST',
        path: `${messagePath(messageId)}/reaction`,
        body: encodeBody(WITH_REACTION, body),
        decode: decoder('SendReactionResponse'),
        // A reaction is keyed by (message, user, type): a repeat upserts the same one.
        idempotent: true,
        ...signalOf(options),
      }),
    deleteReaction: (messageId, type, options) =>
      http.request({
        endpoint: 'DeleteReaction',
        method: 'DELETE',
        path: `${messagePath(messageId)}/reaction/${seg(type)}`,
        decode: decoder('DeleteReactionResponse'),
        ...signalOf(options),
      }),
    getReactions: (messageId, query = {}) =>
      http.request({
        endpoint: 'GetReactions',
        method: 'GET',
        path: `${messagePath(messageId)}/reactions`,
        query: { limit: query.limit, offset: query.offset },
        decode: decoder('GetReactionsResponse'),
        ...signalOf(query),
      }),
    getReplies: (parentId, query = {}) =>
      http.request({
        endpoint: 'GetReplies',
        method: 'GET',
        path: `${messagePath(parentId)}/replies`,
        query: {
          limit: query.limit,
          sort: jsonParam(query.sort),
          id_gte: query.id_gte,
          id_gt: query.id_gt,
          id_lte: query.id_lte,
          id_lt: query.id_lt,
          id_around: query.id_around,
        },
        decode: decoder('GetRepliesResponse'),
        ...signalOf(query),
      }),
    search: (payload, options) =>
      http.request({
        endpoint: 'Search',
        method: 'GET',
        path: '/api/v2/chat/search',
        query: { payload: jsonParam(payload) },
        decode: decoder('SearchResponse'),
        ...signalOf(options),
      }),
  };
}
