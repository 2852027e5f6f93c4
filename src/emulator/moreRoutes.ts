// Routes of the end-user operations added for issue 23 (reminders, devices and push
// preferences, blocks, guests, live locations, bans and flags, poll administration, message
// actions and translation, reaction queries, app settings and link previews). Kept apart
// from routes.ts so each area's handlers stay in their own file.
import { createGuest, getApp, getOG } from './handlers/app.ts';
import { blockUsers, getBlockedUsers, unblockUsers } from './handlers/blocks.ts';
import { createDevice, deleteDevice, listDevices, updatePushNotificationPreferences } from './handlers/devices.ts';
import { getUserLiveLocations, updateLiveLocation } from './handlers/liveLocations.ts';
import { ephemeralMessageUpdate, runMessageAction, translateMessage } from './handlers/messageActions.ts';
import { queryBannedUsers, queryFutureChannelBans, queryMessageFlags } from './handlers/moderationQueries.ts';
import { createPollOption, deletePoll, deletePollOption, getPollOption, queryPollVotes, updatePoll, updatePollOption, updatePollPartial } from './handlers/pollAdmin.ts';
import { queryReactions } from './handlers/queryReactions.ts';
import { createReminder, deleteReminder, queryReminders, updateReminder } from './handlers/reminders.ts';
import type { Route } from './router.ts';

const CHAT = '/api/v2/chat';
const MESSAGE = `${CHAT}/messages/:id`;
const POLL = '/api/v2/polls/:poll_id';

export const moreRoutes: Route[] = [
  { operation: 'RunMessageAction', method: 'POST', path: `${MESSAGE}/action`, handler: runMessageAction },
  { operation: 'EphemeralMessageUpdate', method: 'PATCH', path: `${MESSAGE}/ephemeral`, handler: ephemeralMessageUpdate },
  { operation: 'TranslateMessage', method: 'POST', path: `${MESSAGE}/translate`, handler: translateMessage },
  { operation: 'QueryReactions', method: 'POST', path: `${MESSAGE}/reactions`, handler: queryReactions },
  { operation: 'CreateReminder', method: 'POST', path: `${CHAT}/messages/:message_id/reminders`, handler: createReminder },
  { operation: 'UpdateReminder', method: 'PATCH', path: `${CHAT}/messages/:message_id/reminders`, handler: updateReminder },
  { operation: 'DeleteReminder', method: 'DELETE', path: `${CHAT}/messages/:message_id/reminders`, handler: deleteReminder },
  { operation: 'QueryReminders', method: 'POST', path: `${CHAT}/reminders/query`, handler: queryReminders },
  { operation: 'QueryMessageFlags', method: 'GET', path: `${CHAT}/moderation/flags/message`, handler: queryMessageFlags },
  { operation: 'QueryBannedUsers', method: 'GET', path: `${CHAT}/query_banned_users`, handler: queryBannedUsers },
  { operation: 'QueryFutureChannelBans', method: 'GET', path: `${CHAT}/query_future_channel_bans`, handler: queryFutureChannelBans },
  { operation: 'GetApp', method: 'GET', path: '/api/v2/app', handler: getApp },
  { operation: 'CreateGuest', method: 'POST', path: '/api/v2/guest', handler: createGuest, anonymous: true },
  { operation: 'GetOG', method: 'GET', path: '/api/v2/og', handler: getOG },
  { operation: 'ListDevices', method: 'GET', path: '/api/v2/devices', handler: listDevices },
  { operation: 'CreateDevice', method: 'POST', path: '/api/v2/devices', handler: createDevice },
  { operation: 'DeleteDevice', method: 'DELETE', path: '/api/v2/devices', handler: deleteDevice },
  { operation: 'UpdatePushNotificationPreferences', method: 'POST', path: '/api/v2/push_preferences', handler: updatePushNotificationPreferences },
  { operation: 'GetBlockedUsers', method: 'GET', path: '/api/v2/users/block', handler: getBlockedUsers },
  { operation: 'BlockUsers', method: 'POST', path: '/api/v2/users/block', handler: blockUsers },
  { operation: 'UnblockUsers', method: 'POST', path: '/api/v2/users/unblock', handler: unblockUsers },
  { operation: 'GetUserLiveLocations', method: 'GET', path: '/api/v2/users/live_locations', handler: getUserLiveLocations },
  { operation: 'UpdateLiveLocation', method: 'PUT', path: '/api/v2/users/live_locations', handler: updateLiveLocation },
  { operation: 'UpdatePoll', method: 'PUT', path: '/api/v2/polls', handler: updatePoll },
  { operation: 'UpdatePollPartial', method: 'PATCH', path: POLL, handler: updatePollPartial },
  { operation: 'DeletePoll', method: 'DELETE', path: POLL, handler: deletePoll },
  { operation: 'CreatePollOption', method: 'POST', path: `${POLL}/options`, handler: createPollOption },
  { operation: 'UpdatePollOption', method: 'PUT', path: `${POLL}/options`, handler: updatePollOption },
  { operation: 'GetPollOption', method: 'GET', path: `${POLL}/options/:option_id`, handler: getPollOption },
  { operation: 'DeletePollOption', method: 'DELETE', path: `${POLL}/options/:option_id`, handler: deletePollOption },
  { operation: 'QueryPollVotes', method: 'POST', path: `${POLL}/votes`, handler: queryPollVotes },
];
