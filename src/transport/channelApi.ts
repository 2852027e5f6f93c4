// Channel endpoints of the Chat API seed (000): query, get-or-create, update, hide/show,
// truncate, delete, mute.
import type { ModelTypes } from '../models/generated/types.ts';
import { decoder, seg, signalOf } from './apiRequest.ts';
import type {
  CallOptions,
  ChannelGetOrCreateRequest,
  HideChannelRequest,
  MuteChannelRequest,
  QueryChannelsRequest,
  TruncateChannelRequest,
  UpdateChannelPartialRequest,
  UpdateChannelRequest,
} from './apiTypes.ts';
import type { HttpClient } from './http.ts';
import { encodeBody, type BodySpec } from './wireTimestamps.ts';

type M = ModelTypes;

const GET_OR_CREATE: BodySpec = { data: 'ChannelInput', messages: 'MessagePaginationParams' };
const UPDATE: BodySpec = { hide_history_before: 't', message: 'MessageRequest' };
const TRUNCATE: BodySpec = { truncated_at: 't', message: 'MessageRequest' };

export interface ChannelApi {
  queryChannels(body: QueryChannelsRequest, options?: CallOptions): Promise<M['QueryChannelsResponse']>;
  getOrCreateChannel(type: string, id: string, body?: ChannelGetOrCreateRequest, options?: CallOptions): Promise<M['ChannelStateResponse']>;
  getOrCreateDistinctChannel(type: string, body: ChannelGetOrCreateRequest, options?: CallOptions): Promise<M['ChannelStateResponse']>;
  updateChannel(type: string, id: string, body: UpdateChannelRequest, options?: CallOptions): Promise<M['UpdateChannelResponse']>;
  updateChannelPartial(type: string, id: string, body: UpdateChannelPartialRequest, options?: CallOptions): Promise<M['UpdateChannelPartialResponse']>;
  deleteChannel(type: string, id: string, query?: { hardDelete?: boolean } & CallOptions): Promise<M['DeleteChannelResponse']>;
  hideChannel(type: string, id: string, body?: HideChannelRequest, options?: CallOptions): Promise<M['HideChannelResponse']>;
  showChannel(type: string, id: string, options?: CallOptions): Promise<M['ShowChannelResponse']>;
  truncateChannel(type: string, id: string, body?: TruncateChannelRequest, options?: CallOptions): Promise<M['TruncateChannelResponse']>;
  muteChannel(body: MuteChannelRequest, options?: CallOptions): Promise<M['MuteChannelResponse']>;
  unmuteChannel(body: MuteChannelRequest, options?: CallOptions): Promise<M['UnmuteResponse']>;
}

const channelPath = (type: string, id: string): string => `/api/v2/chat/channels/${seg(type)}/${seg(id)}`;

export function createChannelApi(http: HttpClient): ChannelApi {
  return {
    queryChannels: (body, options) =>
      http.request({
        endpoint: 'QueryChannels',
        method: 'POST',
        path: '/api/v2/chat/channels',
        body,
        decode: decoder('QueryChannelsResponse'),
        // A query changes nothing on the server, so repeating it is safe.
        idempotent: true,
        ...signalOf(options),
      }),
    getOrCreateChannel: (type, id, body = {}, options) =>
      http.request({
        endpoint: 'GetOrCreateChannel',
        method: 'POST',
        path: `${channelPath(type, id)}/query`,
        body: encodeBody(GET_OR_CREATE, body),
        decode: decoder('ChannelStateResponse'),
        // Get-or-create by id: a repeat finds what the first call created.
        idempotent: true,
        ...signalOf(options),
      }),
    getOrCreateDistinctChannel: (type, body, options) =>
      http.request({
        endpoint: 'GetOrCreateDistinctChannel',
        method: 'POST',
        path: `/api/v2/chat/channels/${seg(type)}/query`,
        body: encodeBody(GET_OR_CREATE, body),
        decode: decoder('ChannelStateResponse'),
        // Distinct channels are keyed by their member set, so a repeat finds the same one.
        idempotent: true,
        ...signalOf(options),
      }),
    updateChannel: (type, id, body, options) =>
      http.request({
        endpoint: 'UpdateChannel',
        method: 'POST',
        path: channelPath(type, id),
        body: encodeBody(UPDATE, body),
        decode: decoder('UpdateChannelResponse'),
        ...signalOf(options),
      }),
    updateChannelPartial: (type, id, body, options) =>
      http.request({
        endpoint: 'UpdateChannelPartial',
        method: 'PATCH',
        path: channelPath(type, id),
        body,
        decode: decoder('UpdateChannelPartialResponse'),
        ...signalOf(options),
      }),
    deleteChannel: (type, id, query = {}) =>
      http.request({
        endpoint: 'DeleteChannel',
        method: 'DELETE',
        path: channelPath(type, id),
        query: { hard_delete: query.hardDelete },
        decode: decoder('DeleteChannelResponse'),
        ...signalOf(query),
      }),
    hideChannel: (type, id, body = {}, options) =>
      http.request({
        endpoint: 'HideChannel',
        method: 'POST',
        path: `${channelPath(type, id)}/hide`,
        body,
        decode: decoder('HideChannelResponse'),
        ...signalOf(options),
      }),
    showChannel: (type, id, options) =>
      http.request({
        endpoint: 'ShowChannel',
        method: 'POST',
        path: `${channelPath(type, id)}/show`,
        body: {},
        decode: decoder('ShowChannelResponse'),
        ...signalOf(options),
      }),
    truncateChannel: (type, id, body = {}, options) =>
      http.request({
        endpoint: 'TruncateChannel',
        method: 'POST',
        path: `${channelPath(type, id)}/truncate`,
        body: encodeBody(TRUNCATE, body),
        decode: decoder('TruncateChannelResponse'),
        ...signalOf(options),
      }),
    muteChannel: (body, options) =>
      http.request({
        endpoint: 'MuteChannel',
        method: 'POST',
        path: '/api/v2/chat/moderation/mute/channel',
        body,
        decode: decoder('MuteChannelResponse'),
        ...signalOf(options),
      }),
    unmuteChannel: (body, options) =>
      http.request({
        endpoint: 'UnmuteChannel',
        method: 'POST',
        path: '/api/v2/chat/moderation/unmute/channel',
        body,
        decode: decoder('UnmuteResponse'),
        ...signalOf(options),
      }),
  };
}
