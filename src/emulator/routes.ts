// The route table: every endpoint the emulator serves, by the seeds' operation names,
// methods and paths (Chat API under /api/v2/chat, Common API under /api/v2).
import { deleteChannel, hideChannel, showChannel, truncateChannel, updateChannel, updateChannelPartial } from './handlers/channelAdmin.ts';
import { getOrCreateChannel, getOrCreateDistinctChannel, queryChannels } from './handlers/channels.ts';
import { sendEvent } from './handlers/events.ts';
import { queryMembers, updateMemberPartial } from './handlers/members.ts';
import { deleteMessage, getManyMessages, getMessage, getReplies, sendMessage, undeleteMessage, updateMessage, updateMessagePartial } from './handlers/messages.ts';
import { deleteReaction, getReactions, sendReaction } from './handlers/reactions.ts';
import { markChannelsRead, markDelivered, markRead, markUnread } from './handlers/reads.ts';
import { createDraft, deleteDraft, getDraft, queryDrafts } from './handlers/drafts.ts';
import { muteChannel, unmuteChannel } from './handlers/mutes.ts';
import { castPollVote, createPoll, deletePollVote, getPoll, queryPolls } from './handlers/polls.ts';
import { search } from './handlers/search.ts';
import { getThread, queryThreads, updateThreadPartial } from './handlers/threads.ts';
import { unreadCounts, unreadCountsBatch } from './handlers/unread.ts';
import { deleteChannelFile, deleteChannelImage, deleteFile, deleteImage, uploadChannelFile, uploadChannelImage, uploadFile, uploadImage } from './handlers/uploads.ts';
import { queryUsers, updateUsers, updateUsersPartial } from './handlers/users.ts';
import type { Route } from './router.ts';

const CHAT = '/api/v2/chat';
const CHANNEL = `${CHAT}/channels/:type/:id`;

export const routes: Route[] = [
  { operation: 'QueryChannels', method: 'POST', path: `${CHAT}/channels`, handler: queryChannels },
  { operation: 'MarkChannelsRead', method: 'POST', path: `${CHAT}/channels/read`, handler: markChannelsRead },
  { operation: 'MarkDelivered', method: 'POST', path: `${CHAT}/channels/delivered`, handler: markDelivered },
  { operation: 'GetOrCreateDistinctChannel', method: 'POST', path: `${CHAT}/channels/:type/query`, handler: getOrCreateDistinctChannel },
  { operation: 'GetOrCreateChannel', method: 'POST', path: `${CHANNEL}/query`, handler: getOrCreateChannel },
  { operation: 'UpdateChannel', method: 'POST', path: CHANNEL, handler: updateChannel },
  { operation: 'UpdateChannelPartial', method: 'PATCH', path: CHANNEL, handler: updateChannelPartial },
  { operation: 'DeleteChannel', method: 'DELETE', path: CHANNEL, handler: deleteChannel },
  { operation: 'HideChannel', method: 'POST', path: `${CHANNEL}/hide`, handler: hideChannel },
  { operation: 'ShowChannel', method: 'POST', path: `${CHANNEL}/show`, handler: showChannel },
  { operation: 'TruncateChannel', method: 'POST', path: `${CHANNEL}/truncate`, handler: truncateChannel },
  { operation: 'SendMessage', method: 'POST', path: `${CHANNEL}/message`, handler: sendMessage },
  { operation: 'GetManyMessages', method: 'GET', path: `${CHANNEL}/messages`, handler: getManyMessages },
  { operation: 'MarkRead', method: 'POST', path: `${CHANNEL}/read`, handler: markRead },
  { operation: 'MarkUnread', method: 'POST', path: `${CHANNEL}/unread`, handler: markUnread },
  { operation: 'SendEvent', method: 'POST', path: `${CHANNEL}/event`, handler: sendEvent },
  { operation: 'UpdateMemberPartial', method: 'PATCH', path: `${CHANNEL}/member`, handler: updateMemberPartial },
  { operation: 'QueryMembers', method: 'GET', path: `${CHAT}/members`, handler: queryMembers },
  { operation: 'GetMessage', method: 'GET', path: `${CHAT}/messages/:id`, handler: getMessage },
  { operation: 'UpdateMessage', method: 'POST', path: `${CHAT}/messages/:id`, handler: updateMessage },
  { operation: 'UpdateMessagePartial', method: 'PUT', path: `${CHAT}/messages/:id`, handler: updateMessagePartial },
  { operation: 'DeleteMessage', method: 'DELETE', path: `${CHAT}/messages/:id`, handler: deleteMessage },
  { operation: 'UndeleteMessage', method: 'POST', path: `${CHAT}/messages/:id/undelete`, handler: undeleteMessage },
  { operation: 'SendReaction', method: 'POST', path: `${CHAT}/messages/:id/reaction`, handler: sendReaction },
  { operation: 'DeleteReaction', method: 'DELETE', path: `${CHAT}/messages/:id/reaction/:type`, handler: deleteReaction },
  { operation: 'GetReactions', method: 'GET', path: `${CHAT}/messages/:id/reactions`, handler: getReactions },
  { operation: 'GetReplies', method: 'GET', path: `${CHAT}/messages/:parent_id/replies`, handler: getReplies },

  { operation: 'CastPollVote', method: 'POST', path: `${CHAT}/messages/:message_id/polls/:poll_id/vote`, handler: castPollVote },
  { operation: 'DeletePollVote', method: 'DELETE', path: `${CHAT}/messages/:message_id/polls/:poll_id/vote/:vote_id`, handler: deletePollVote },
  { operation: 'CreateDraft', method: 'POST', path: `${CHANNEL}/draft`, handler: createDraft },
  { operation: 'GetDraft', method: 'GET', path: `${CHANNEL}/draft`, handler: getDraft },
  { operation: 'DeleteDraft', method: 'DELETE', path: `${CHANNEL}/draft`, handler: deleteDraft },
  { operation: 'QueryDrafts', method: 'POST', path: `${CHAT}/drafts/query`, handler: queryDrafts },
  { operation: 'UploadChannelFile', method: 'POST', path: `${CHANNEL}/file`, handler: uploadChannelFile, raw: true },
  { operation: 'DeleteChannelFile', method: 'DELETE', path: `${CHANNEL}/file`, handler: deleteChannelFile },
  { operation: 'UploadChannelImage', method: 'POST', path: `${CHANNEL}/image`, handler: uploadChannelImage, raw: true },
  { operation: 'DeleteChannelImage', method: 'DELETE', path: `${CHANNEL}/image`, handler: deleteChannelImage },
  { operation: 'MuteChannel', method: 'POST', path: `${CHAT}/moderation/mute/channel`, handler: muteChannel },
  { operation: 'UnmuteChannel', method: 'POST', path: `${CHAT}/moderation/unmute/channel`, handler: unmuteChannel },
  { operation: 'Search', method: 'GET', path: `${CHAT}/search`, handler: search },
  { operation: 'QueryThreads', method: 'POST', path: `${CHAT}/threads`, handler: queryThreads },
  { operation: 'GetThread', method: 'GET', path: `${CHAT}/threads/:message_id`, handler: getThread },
  { operation: 'UpdateThreadPartial', method: 'PATCH', path: `${CHAT}/threads/:message_id`, handler: updateThreadPartial },
  { operation: 'UnreadCounts', method: 'GET', path: `${CHAT}/unread`, handler: unreadCounts },
  { operation: 'UnreadCountsBatch', method: 'POST', path: `${CHAT}/unread_batch`, handler: unreadCountsBatch },
  { operation: 'CreatePoll', method: 'POST', path: '/api/v2/polls', handler: createPoll },
  { operation: 'QueryPolls', method: 'POST', path: '/api/v2/polls/query', handler: queryPolls },
  { operation: 'GetPoll', method: 'GET', path: '/api/v2/polls/:poll_id', handler: getPoll },
  { operation: 'QueryUsers', method: 'GET', path: '/api/v2/users', handler: queryUsers },
  { operation: 'UpdateUsers', method: 'POST', path: '/api/v2/users', handler: updateUsers },
  { operation: 'UpdateUsersPartial', method: 'PATCH', path: '/api/v2/users', handler: updateUsersPartial },
  { operation: 'UploadFile', method: 'POST', path: '/api/v2/uploads/file', handler: uploadFile, raw: true },
  { operation: 'DeleteFile', method: 'DELETE', path: '/api/v2/uploads/file', handler: deleteFile },
  { operation: 'UploadImage', method: 'POST', path: '/api/v2/uploads/image', handler: uploadImage, raw: true },
  { operation: 'DeleteImage', method: 'DELETE', path: '/api/v2/uploads/image', handler: deleteImage },
];
