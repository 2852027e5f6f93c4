// chatstore/react: hooks over useSyncExternalStore. They import the core by package name,
// so an app holds one copy of the store, and they keep no chat state of their own.
export { ChatProvider, useChatClient } from './chatProvider.ts';
export type { ChatProviderProps } from './chatProvider.ts';
export { useChatSelector } from './useChatSelector.ts';
export { useObservable } from './useObservable.ts';
export { useChannelList } from './useChannelList.ts';
export type { UseChannelListResult } from './useChannelList.ts';
export { useChannel } from './useChannel.ts';
export type { UseChannelOptions, UseChannelResult } from './useChannel.ts';
export { useMessages } from './useMessages.ts';
export { useTyping } from './useTyping.ts';
export { useUnreadCounts } from './useUnreadCounts.ts';
export { useConnectionState } from './useConnectionState.ts';
export { useThread } from './useThread.ts';
export type { UseThreadResult } from './useThread.ts';
export { useThreadList } from './useThreadList.ts';
export type { UseThreadListResult } from './useThreadList.ts';
export { useUser } from './useUser.ts';
export { useSearch } from './useSearch.ts';
export type { UseSearchResult } from './useSearch.ts';
export { useDraft } from './useDraft.ts';
export type { UseDraftResult } from './useDraft.ts';
export { useReminders } from './useReminders.ts';
export type { UseRemindersResult } from './useReminders.ts';
