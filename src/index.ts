// The core entry point: named exports only (ARCHITECTURE.md, "One entry barrel").
export { createChatClient } from './client.ts';
export type { ChatClient, ChatClientOptions, ConnectUserInput } from './client.ts';
export type { ConnectionState, ConnectionStatus } from './connection/session.ts';
export type { ChannelHandle, ChannelInputData, WatchOptions } from './handles/channelHandle.ts';
export type { ChannelFilter, ChannelList, ChannelListOptions, ChannelListStatus, ChannelSortInput } from './handles/channelListHandle.ts';
export type { ChannelChangeMessage, ChannelManagement } from './handles/channelManagement.ts';
export type { MemberList, MemberListOptions, MemberListStatus, MemberSortInput } from './handles/memberList.ts';
export type { DistinctChannelInput } from './handles/distinctChannel.ts';
export type { ChannelWrites, SendMessageInput, SendOptions } from './handles/channelWrites.ts';
export type { ChannelUploads, FileInput, NamedFile, UploadCallOptions, UploadProgress, UploadResult } from './handles/messageUploads.ts';
export type { MessageExtras, QueriedReactions, QueryReactionsOptions, ReactionPage } from './handles/messageExtras.ts';
export type { ThreadUpdateInput } from './handles/threadUpdate.ts';
export type { ReplyInput, ThreadHandle, ThreadLoadOptions } from './handles/threadHandle.ts';
export type { ThreadList, ThreadListOptions, ThreadListStatus } from './handles/threadListHandle.ts';
export type { SearchApi, SearchHandle, SearchOptions, SearchSortInput, SearchStatusView } from './handles/searchHandle.ts';
export type { PinOptions, PinWrites } from './handles/pinWrites.ts';
export type { MessageToolsApi } from './handles/messageTools.ts';
// Drafts, reminders, live locations (issue 24).
export type { ChannelDrafts, DraftEditInput, DraftEditor, DraftEditorOptions, DraftInput, DraftList, DraftsApi } from './handles/drafts.ts';
export type { ReminderList, RemindersApi } from './handles/reminders.ts';
export type { LiveLocationInput, LiveLocationsApi } from './handles/liveLocations.ts';
export type { KeyedListHandle, KeyedListStatus } from './handles/keyedList.ts';
export type { Draft, DraftMessage, KeyedState, LiveLocation, LiveLocationsState, Reminder } from './store/personalState.ts';
export { draftKey } from './store/personalState.ts';
export { createRepliesSelector, createThreadPaginationSelector, createThreadSelector } from './store/threadSelectors.ts';
export type { ThreadPagination, ThreadView } from './store/threadSelectors.ts';
export { ChatError, ChatErrorCode, isChatError } from './transport/chatError.ts';
export type { TokenOrProvider, TokenProvider } from './transport/auth.ts';
export {
  selectChannel,
  selectChannelSummary,
  selectChannelView,
  selectMembers,
  selectMessages,
  selectPagination,
  selectPinned,
  selectTyping,
  selectUnreadSummary,
  selectUser,
  shallowArrayEqual,
  shallowEqual,
} from './store/selectors.ts';
export type { ChannelSummary, ChannelView, Pagination, UnreadSummary } from './store/selectors.ts';
export type {
  ChannelData,
  ChannelEntry,
  ChannelListState,
  ChannelOp,
  ChatState,
  MemberListState,
  LocalMessage,
  LocalUpload,
  MessageStatus,
  MessageWindow,
  ReadState,
  SearchState,
  StoredError,
  ThreadData,
  ThreadEntry,
  ThreadListState,
  TypingEntry,
  UnreadCount,
  UnreadTotals,
} from './store/state.ts';
export type { Table } from './store/table.ts';
export { tableGet, tableValues } from './store/table.ts';
export { DecodeError, decodeJson, decodeModel } from './models/decode.ts';
export type { DecodeOptions, DecodeResult } from './models/decode.ts';
export { decodeEvent } from './models/events.ts';
export type { ChatEvent } from './models/events.ts';
export { parseRfc3339, toEpochMs, toRfc3339 } from './models/timestamp.ts';
export type * from './models/generated/types.ts';
// client.api: the method of every seed operation and their request types.
export type * from './models/generated/api.ts';
export type { CallOptions, UploadOptions } from './models/callOptions.ts';
export type * from './models/payloads.ts';
export type { GuestUserInput, QueryUsersOptions, UserList, UsersApi, UserUpdate } from './handles/users.ts';
export type { BannedUserList, MessageFlagList, ModerationApi, PagedListOptions } from './handles/moderation.ts';
export type { AddDeviceOptions, DevicesApi, PushProvider } from './handles/devices.ts';
export type { PagedStatus, SortInput } from './handles/pagedQuery.ts';
export { selectBlockedUserIds, selectChannelPushPreferences } from './store/account.ts';
export { liveUser, mergeUserCopy } from './store/userCopies.ts';
