// chatstore/vue: composables over shallowRef + onScopeDispose. They import the core by
// package name, so an app holds one copy of the store, and keep no chat state of their own.
export { chatClientKey, provideChatClient, useChatClient } from './chatClient.ts';
export type { ProvideChatClientOptions } from './chatClient.ts';
export { useChatSelector } from './useChatSelector.ts';
export { useConnectionState, useUnreadCounts } from './useClientState.ts';
export { useChannel, useMessages, useTyping } from './useChannel.ts';
export type { UseChannelOptions, UseChannelResult } from './useChannel.ts';
export { useChannelList } from './useChannelList.ts';
export type { UseChannelListResult } from './useChannelList.ts';
export { useThread, useThreadList } from './useThread.ts';
export type { UseThreadListResult, UseThreadResult } from './useThread.ts';
export { useUser } from './useUser.ts';
export { useSearch } from './useSearch.ts';
export type { UseSearchResult } from './useSearch.ts';
export { useDraft, useReminders } from './usePersonal.ts';
export type { UseDraftResult, UseRemindersResult } from './usePersonal.ts';
