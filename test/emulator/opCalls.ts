// Calls by operation name: the method and path come from the emulator's table of the seeds
// (src/emulator/generated/seedOperations.ts), so a route that strays from the seed's path
// fails here. Every call is recorded, so a test file can prove it called each operation it
// claims to cover.
import { seedOperation } from '../../src/emulator/operations.ts';
import type { ApiResult, CallOptions, RawClient } from './helpers.ts';

/** Operations a file called, by name. */
export class OpLedger {
  readonly called = new Set<string>();

  /** Call `name` as `client`, filling the path template from `params`. */
  async call(client: RawClient, name: string, params: Record<string, string> = {}, body?: unknown, options: CallOptions = {}): Promise<ApiResult> {
    const op = seedOperation(name);
    if (!op) throw new Error(`no seed operation ${name}`);
    const path = op.path.replace(/:([a-z_]+)/g, (_m, key: string) => {
      const v = params[key];
      if (v === undefined) throw new Error(`${name}: path parameter ${key} missing`);
      return encodeURIComponent(v);
    });
    this.called.add(name);
    return client.api(op.method, path, body, options);
  }

  /** `call`, expecting HTTP 200; returns the body. */
  async ok(client: RawClient, name: string, params: Record<string, string> = {}, body?: unknown, options: CallOptions = {}): Promise<Record<string, any>> {
    const res = await this.call(client, name, params, body, options);
    if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/** JSON-in-query, as GET queries take their `payload`. */
export const payload = (p: unknown): CallOptions => ({ query: { payload: JSON.stringify(p) } });

/** The end-user operations served before issue 23 (smoke-called by endUserOps.test.ts). */
export const BASE_OPERATIONS = [
  'QueryChannels', 'MarkDelivered', 'MarkChannelsRead', 'GetOrCreateDistinctChannel', 'UpdateChannel', 'UpdateChannelPartial', 'DeleteChannel',
  'GetDraft', 'DeleteDraft', 'SendEvent', 'UploadChannelFile', 'DeleteChannelFile', 'HideChannel', 'UploadChannelImage', 'DeleteChannelImage',
  'UpdateMemberPartial', 'SendMessage', 'GetManyMessages', 'GetOrCreateChannel', 'MarkRead', 'ShowChannel', 'TruncateChannel', 'MarkUnread',
  'QueryDrafts', 'QueryMembers', 'GetMessage', 'UpdateMessage', 'UpdateMessagePartial', 'DeleteMessage', 'SendReaction', 'DeleteReaction',
  'GetReactions', 'UndeleteMessage', 'CastPollVote', 'DeletePollVote', 'GetReplies', 'MuteChannel', 'UnmuteChannel', 'Search', 'QueryThreads',
  'GetThread', 'UpdateThreadPartial', 'UnreadCounts', 'UnreadCountsBatch', 'CreatePoll', 'QueryPolls', 'GetPoll', 'QueryUsers',
  'UpdateUsers', 'UpdateUsersPartial', 'UploadFile', 'DeleteFile', 'UploadImage', 'DeleteImage',
] as const;

/** The end-user operations added by issue 23 (driven by newOps*.test.ts). */
export const NEW_OPERATIONS = [
  'RunMessageAction', 'EphemeralMessageUpdate', 'TranslateMessage', 'QueryReactions', 'CreateReminder', 'UpdateReminder', 'DeleteReminder',
  'QueryReminders', 'QueryMessageFlags', 'QueryBannedUsers', 'QueryFutureChannelBans', 'GetApp', 'CreateGuest', 'GetOG', 'ListDevices',
  'CreateDevice', 'DeleteDevice', 'UpdatePushNotificationPreferences', 'GetBlockedUsers', 'BlockUsers', 'UnblockUsers', 'GetUserLiveLocations',
  'UpdateLiveLocation', 'UpdatePoll', 'UpdatePollPartial', 'DeletePoll', 'CreatePollOption', 'UpdatePollOption', 'GetPollOption',
  'DeletePollOption', 'QueryPollVotes',
] as const;
