// The route table: every endpoint the emulator serves, by the seeds' operation names,
// methods and paths (Chat API under /api/v2/chat, Common API under /api/v2).
import { deleteChannel, hideChannel, showChannel, truncateChannel, updateChannel, updateChannelPartial } from './handlers/channelAdmin.ts';
import { getOrCreateChannel, getOrCreateDistinctChannel, queryChannels } from './handlers/channels.ts';
import { sendEvent } from './handlers/events.ts';
import { queryMembers, updateMemberPartial } from './handlers/members.ts';
import { deleteMessage, getManyMessages, getMessage, getReplies, sendMessage, undeleteMessage, updateMessage, updateMessagePartial } from './handlers/messages.ts';
import { deleteReaction, getReactions, sendReaction } from './handlers/reactions.ts';
import { markChannelsRead, markDelivered, markRead, markUnread } from './handlers/reads.ts';
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
];
