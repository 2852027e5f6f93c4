// Read state, delivery, custom/typing events and unread counts (Chat API seed 000).
import type { ModelTypes } from '../models/generated/types.ts';
import { decoder, seg, signalOf } from './apiRequest.ts';
import type {
  CallOptions,
  MarkChannelsReadRequest,
  MarkDeliveredRequest,
  MarkReadRequest,
  MarkUnreadRequest,
  SendEventRequest,
  UnreadCountsBatchRequest,
} from './apiTypes.ts';
import type { HttpClient } from './http.ts';
import { encodeBody, type BodySpec } from './wireTimestamps.ts';

type M = ModelTypes;

const MARK_UNREAD: BodySpec = { message_timestamp: 't' };

export interface ReadApi {
  markRead(type: string, id: string, body?: MarkReadRequest, options?: CallOptions): Promise<M['MarkReadResponse']>;
  markUnread(type: string, id: string, body: MarkUnreadRequest, options?: CallOptions): Promise<M['Response']>;
  markChannelsRead(body?: MarkChannelsReadRequest, options?: CallOptions): Promise<M['MarkReadResponse']>;
  markDelivered(body: MarkDeliveredRequest, options?: CallOptions): Promise<M['MarkDeliveredResponse']>;
  sendEvent(type: string, id: string, body: SendEventRequest, options?: CallOptions): Promise<M['EventResponse']>;
  unreadCounts(options?: CallOptions): Promise<M['WrappedUnreadCountsResponse']>;
  unreadCountsBatch(body: UnreadCountsBatchRequest, options?: CallOptions): Promise<M['UnreadCountsBatchResponse']>;
}

const channelPath = (type: string, id: string): string => `/api/v2/chat/channels/${seg(type)}/${seg(id)}`;

export function createReadApi(http: HttpClient): ReadApi {
  return {
    // Read markers are set, not incremented: repeating a mark leaves the same state, so
    // the mark endpoints are idempotent.
    markRead: (type, id, body = {}, options) =>
      http.request({
        endpoint: 'MarkRead',
        method: 'POST',
        path: `${channelPath(type, id)}/read`,
        body,
        decode: decoder('MarkReadResponse'),
        idempotent: true,
        ...signalOf(options),
      }),
    markUnread: (type, id, body, options) =>
      http.request({
        endpoint: 'MarkUnread',
        method: 'POST',
        path: `${channelPath(type, id)}/unread`,
        body: encodeBody(MARK_UNREAD, body),
        decode: decoder('Response'),
        idempotent: true,
        ...signalOf(options),
      }),
    markChannelsRead: (body = {}, options) =>
      http.request({
        endpoint: 'MarkChannelsRead',
        method: 'POST',
        path: '/api/v2/chat/channels/read',
        body,
        decode: decoder('MarkReadResponse'),
        idempotent: true,
        ...signalOf(options),
      }),
    markDelivered: (body, options) =>
      http.request({
        endpoint: 'MarkDelivered',
        method: 'POST',
        path: '/api/v2/chat/channels/delivered',
        body,
        decode: decoder('MarkDeliveredResponse'),
        idempotent: true,
        ...signalOf(options),
      }),
    sendEvent: (type, id, body, options) =>
      http.request({
        endpoint: 'SendEvent',
        method: 'POST',
        path: `${channelPath(type, id)}/event`,
        body,
        decode: decoder('EventResponse'),
        ...signalOf(options),
      }),
    unreadCounts: (options) =>
      http.request({
        endpoint: 'UnreadCounts',
        method: 'GET',
        path: '/api/v2/chat/unread',
        decode: decoder('WrappedUnreadCountsResponse'),
        ...signalOf(options),
      }),
    unreadCountsBatch: (body, options) =>
      http.request({
        endpoint: 'UnreadCountsBatch',
        method: 'POST',
        path: '/api/v2/chat/unread_batch',
        body,
        decode: decoder('UnreadCountsBatchResponse'),
        idempotent: true,
        ...signalOf(options),
      }),
  };
}
