// THE mapping of API answers to store actions (issue 23, item 2): the one place in src/
// that says which operation's answer changes which state. `client.api` runs every answer
// through `responseActions` before the call resolves, so a message, channel, thread, user
// or unread count that a direct call returns lands in the store as it does when a handle
// makes the call. (The handles call the API of the connection directly and dispatch their
// own, more specific actions: list pages, message windows, optimistic confirmations.)
//
// The rules:
// - channel states (queries, get-or-create) hydrate the channel as a channel query does;
// - a message answer replaces the held copy; only a sent message is added (a message read
//   back, old or new, must not land in the latest window: what lies between it and the
//   held messages is unknown, and the window would hide the gap);
// - channel data from an update replaces the held channel's data;
// - threads hydrate as the thread handle's load does; users merge into the user table;
// - members replace held members and the own membership;
// - drafts, reminders and live locations are the server's values of the own records;
// - kinds the store holds no state for yet (polls) go to `awaitingState(kind)`: named hook
//   points that change nothing until a later issue gives those kinds state.
import { decodeModel } from '../models/decode.ts';
import type { OperationName } from '../models/generated/api.ts';
import type * as M from '../models/generated/types.ts';
import type { Action } from '../store/reducer.ts';
import type { ApiCall } from '../transport/api.ts';

type Mapper = (response: never, call: ApiCall) => Action[];

/** The same message without the channel that GetMessage puts in it (the store holds messages by channel). */
export function withoutChannel(m: M.MessageResponse & { channel?: unknown }): M.MessageResponse {
  if (m.channel === undefined) return m;
  const { channel: _channel, ...message } = m;
  return message;
}

function cidOf(call: ApiCall): string {
  return `${call.path['type']}:${call.path['id']}`;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The default page of a channel state answer the service uses when none is asked for. */
const DEFAULT_MESSAGE_LIMIT = 25;

const channelState = (res: M.ChannelStateResponse, call: ApiCall): Action[] => [
  {
    type: 'channels/hydrated',
    channels: [res],
    messageLimit: num((call.request['messages'] as { limit?: unknown } | undefined)?.limit, DEFAULT_MESSAGE_LIMIT),
  },
];

/** A REST copy of one message: it replaces the held one (SendMessage's answer adds it). */
const refreshed = (message: M.MessageResponse | undefined): Action[] =>
  message?.cid ? [{ type: 'message/refreshed', cid: message.cid, message: withoutChannel(message) }] : [];

const oneMessage = (res: { message?: M.MessageResponse }): Action[] => refreshed(res.message);

const manyMessages = (res: { messages: M.MessageResponse[] }): Action[] => res.messages.flatMap((m) => refreshed(m));

const channelData = (res: { channel?: M.ChannelResponse }): Action[] => (res.channel ? [{ type: 'channel/updated', channel: res.channel }] : []);

const users = (list: readonly M.UserResponse[]): Action[] => (list.length ? [{ type: 'users/fetched', users: list }] : []);

/** UpdateUsers answers with users by id that the seeds leave untyped: decoded here. */
function decodedUsers(byId: Record<string, unknown>): M.UserResponse[] {
  const out: M.UserResponse[] = [];
  for (const u of Object.values(byId)) {
    const r = decodeModel('UserResponse', u, { freeze: true });
    if (r.ok) out.push(r.value);
  }
  return out;
}

/**
 * A hook point for a kind with no state in the store yet: the operation is known to carry
 * that kind, and nothing is dispatched until the store holds it.
 */
function awaitingState(_kind: 'polls' | 'drafts' | 'reminders' | 'locations'): Mapper {
  return () => [];
}

const polls = awaitingState('polls');

// Drafts, reminders and live locations (src/store/personal.ts): the answer's records are the
// server's values, as the handles' own calls apply them.
const oneDraft = ((res: M.GetDraftResponse) => [{ type: 'draft/fetched', draft: res.draft }]) as Mapper;
const draftPage = ((res: M.QueryDraftsResponse) => res.drafts.map((draft): Action => ({ type: 'draft/fetched', draft }))) as Mapper;
const oneReminder = ((res: M.ReminderResponseData | M.UpdateReminderResponse) => {
  // CreateReminder answers with the reminder's fields (the seed's type, decoded); UpdateReminder nests it.
  const r = 'duration' in res && 'reminder' in res && !('message_id' in res) ? res.reminder : (res as M.ReminderResponseData);
  return r.message_id ? [{ type: 'reminder/fetched', messageId: r.message_id, reminder: r }, ...refreshed(r.message)] : [];
}) as Mapper;
const reminderPage = ((res: M.QueryRemindersResponse) => res.reminders.flatMap((r): Action[] => [{ type: 'reminder/fetched', messageId: r.message_id, reminder: r }])) as Mapper;
const deletedReminder = ((_res: unknown, call: ApiCall) => {
  const messageId = call.path['message_id'];
  return messageId ? [{ type: 'reminder/fetched', messageId, reminder: null }] : [];
}) as Mapper;
const locationsPage = ((res: M.SharedLocationsResponse) => [{ type: 'locations/loaded', locations: res.active_live_locations }]) as Mapper;
const oneLocation = ((res: M.SharedLocationResponse) => [{ type: 'location/updated', location: res }, ...refreshed(res.message)]) as Mapper;

/** Operation -> the actions its answer dispatches. Operations not listed carry no client state. */
const RESPONSE_ACTIONS: Partial<Record<OperationName, Mapper>> = {
  // Channels.
  QueryChannels: ((res: M.QueryChannelsResponse, call) => [
    { type: 'channels/hydrated', channels: res.channels, messageLimit: num(call.request['message_limit'], DEFAULT_MESSAGE_LIMIT) },
  ]) as Mapper,
  GetOrCreateChannel: channelState as Mapper,
  GetOrCreateDistinctChannel: channelState as Mapper,
  // UpdateChannel's answer lists the members after the change; those it removed are named
  // in the request (the handles' addMembers/removeMembers dispatch the same actions).
  UpdateChannel: ((res: M.UpdateChannelResponse, call) => [
    ...(res.members.length || Array.isArray(call.request['remove_members'])
      ? [{ type: 'members/changed', cid: cidOf(call), members: res.members, removed: (call.request['remove_members'] as string[] | undefined) ?? [] } as Action]
      : []),
    ...channelData(res),
    ...refreshed(res.message),
  ]) as Mapper,
  UpdateChannelPartial: channelData as Mapper,
  // A truncate or delete answer goes through the reducers of its event (channel.truncated, channel.deleted).
  TruncateChannel: ((res: M.TruncateChannelResponse) =>
    res.channel ? [{ type: 'channel/truncated', channel: res.channel, at: res.channel.updated_at }] : []) as Mapper,
  DeleteChannel: ((res: M.DeleteChannelResponse) =>
    res.channel ? [{ type: 'channel/deleted', channel: res.channel, at: res.channel.deleted_at ?? res.channel.updated_at }] : []) as Mapper,
  // Messages.
  SendMessage: ((res: M.SendMessageResponse, call) => [{ type: 'message/stored', cid: res.message.cid || cidOf(call), message: res.message }]) as Mapper,
  GetMessage: oneMessage as Mapper,
  GetManyMessages: manyMessages as Mapper,
  GetReplies: manyMessages as Mapper,
  UpdateMessage: oneMessage as Mapper,
  UpdateMessagePartial: oneMessage as Mapper,
  EphemeralMessageUpdate: oneMessage as Mapper,
  DeleteMessage: ((res: M.DeleteMessageResponse, call) =>
    call.request['hard'] === true && res.message.cid
      ? [{ type: 'message/removed', cid: res.message.cid, messageId: res.message.id }]
      : refreshed(res.message)) as Mapper,
  UndeleteMessage: oneMessage as Mapper,
  TranslateMessage: oneMessage as Mapper,
  RunMessageAction: oneMessage as Mapper,
  CommitMessage: oneMessage as Mapper,
  SendReaction: oneMessage as Mapper,
  DeleteReaction: oneMessage as Mapper,
  // Threads.
  QueryThreads: ((res: M.QueryThreadsResponse, call) => [
    { type: 'threads/hydrated', threads: res.threads, replyLimit: num(call.request['reply_limit'], 0) },
  ]) as Mapper,
  UpdateThreadPartial: ((res: M.UpdateThreadPartialResponse) => [{ type: 'thread/updated', thread: res.thread }]) as Mapper,
  GetThread: ((res: M.GetThreadResponse, call) => [
    { type: 'threads/hydrated', threads: [res.thread], replyLimit: num(call.request['reply_limit'], 0) },
  ]) as Mapper,
  // Search: the found messages replace the held copies (and those of open searches); the
  // seeds leave them untyped, so they are decoded here. None is added to a window.
  Search: ((res: M.SearchResponse) =>
    res.results.flatMap((r) => {
      const d = decodeModel('MessageWithChannelResponse', r.message, { freeze: true });
      return d.ok ? refreshed(d.value as unknown as M.MessageResponse) : [];
    })) as Mapper,
  // Unread counts.
  UnreadCounts: ((res: M.WrappedUnreadCountsResponse) => [{ type: 'unread/fetched', counts: res }]) as Mapper,
  // Users.
  QueryUsers: ((res: M.QueryUsersResponse) => users(res.users)) as Mapper,
  UpdateUsers: ((res: M.UpdateUsersResponse) => users(decodedUsers(res.users))) as Mapper,
  UpdateUsersPartial: ((res: M.UpdateUsersResponse) => users(decodedUsers(res.users))) as Mapper,
  CreateGuest: ((res: M.CreateGuestResponse) => users([res.user])) as Mapper,
  // Members: held members and the own membership (pinned, archived) are replaced; the
  // store keeps no member lists of its own (a member query is a filtered page).
  QueryMembers: ((res: M.MembersResponse, call) => {
    const payload = call.request['payload'] as { type?: unknown; id?: unknown } | undefined;
    return typeof payload?.type === 'string' && typeof payload.id === 'string' && res.members.length
      ? [{ type: 'members/fetched', cid: `${payload.type}:${payload.id}`, members: res.members }]
      : [];
  }) as Mapper,
  UpdateMemberPartial: ((res: M.UpdateMemberPartialResponse, call) =>
    res.channel_member ? [{ type: 'members/fetched', cid: cidOf(call), members: [res.channel_member] }] : []) as Mapper,
  // Polls.
  CreatePoll: polls,
  UpdatePoll: polls,
  UpdatePollPartial: polls,
  GetPoll: polls,
  QueryPolls: polls,
  CastPollVote: polls,
  DeletePollVote: polls,
  CreatePollOption: polls,
  UpdatePollOption: polls,
  GetPollOption: polls,
  QueryPollVotes: polls,
  // Drafts (a DeleteDraft answer carries nothing: its draft.deleted event says it).
  GetDraft: oneDraft,
  QueryDrafts: draftPage,
  // Reminders.
  CreateReminder: oneReminder,
  UpdateReminder: oneReminder,
  DeleteReminder: deletedReminder,
  QueryReminders: reminderPage,
  // Live locations.
  GetUserLiveLocations: locationsPage,
  UpdateLiveLocation: oneLocation,
};

/** The actions that apply one API answer to the store (none for an answer without client state). */
export function responseActions(call: ApiCall, response: unknown): Action[] {
  const map = RESPONSE_ACTIONS[call.operation];
  return map ? map(response as never, call) : [];
}

/** The cids a call asked to watch (`watch: true`), which recovery must watch again. */
export function watchedBy(call: ApiCall, response: unknown): string[] {
  if (call.request['watch'] !== true) return [];
  if (call.operation === 'QueryChannels') {
    return (response as M.QueryChannelsResponse).channels.flatMap((c) => (c.channel ? [c.channel.cid] : []));
  }
  if (call.operation === 'GetOrCreateChannel' || call.operation === 'GetOrCreateDistinctChannel') {
    const cid = (response as M.ChannelStateResponse).channel?.cid;
    return cid ? [cid] : [];
  }
  return [];
}
