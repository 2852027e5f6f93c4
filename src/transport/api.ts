// The typed API: one function per seed endpoint the store and the emulator issues use,
// named after the seed operation in camelCase. Each returns the decoded response model
// (timestamps in epoch ms) or rejects with a ChatError. The functions live in one file
// per domain; this joins them.
import { createChannelApi, type ChannelApi } from './channelApi.ts';
import type { HttpClient } from './http.ts';
import { createMessageApi, type MessageApi } from './messageApi.ts';
import { createPollApi, type PollApi } from './pollApi.ts';
import { createReadApi, type ReadApi } from './readApi.ts';
import { createThreadApi, type ThreadApi } from './threadApi.ts';
import { createUploadApi, type UploadApi } from './uploadApi.ts';
import { createUserApi, type UserApi } from './userApi.ts';

export interface ChatApi extends ChannelApi, MessageApi, ReadApi, ThreadApi, UserApi, PollApi, UploadApi {}

/**
 * Build the typed API over an HttpClient.
 * @example
 * const api = createChatApi(http);
 * const { channels } = await api.queryChannels({ filter_conditions: { members: { $in: ['alice'] } }, watch: true });
 */
export function createChatApi(http: HttpClient): ChatApi {
  return {
    ...createChannelApi(http),
    ...createMessageApi(http),
    ...createReadApi(http),
    ...createThreadApi(http),
    ...createUserApi(http),
    ...createPollApi(http),
    ...createUploadApi(http),
  };
}
