// QueryBannedUsers, QueryFutureChannelBans and QueryMessageFlags (Chat API seed; GET with a
// JSON `payload`). The bans are the emulator's ban records: a member banned in a channel
// (MemberRecord.banned) and an app-wide ban (UserRecord.banned), visible to users who may
// read the channel. Banning and flagging are moderation operations outside the seeds, so
// future-channel bans and flags only exist when seeded; these queries answer what exists.
import type { Backend } from '../backend.ts';
import { formatTime } from '../clock.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { optBool, optInt, optObject, optString } from '../input.ts';
import { canAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { ChannelRecord } from '../state.ts';
import { channelResponse, compact, userById, type Json } from '../views.ts';

interface Ban {
  user_id: string;
  channel?: ChannelRecord;
  created_at: number;
}

function bansVisibleTo(b: Backend, viewer: string): Ban[] {
  const out: Ban[] = [];
  for (const u of b.state.users.values()) if (u.banned) out.push({ user_id: u.id, created_at: u.updated_at });
  for (const channel of b.state.channels.values()) {
    if (!canAccess(channel, viewer)) continue;
    for (const m of channel.members.values()) if (m.banned) out.push({ user_id: m.user_id, channel, created_at: m.updated_at });
  }
  return out;
}

export const queryBannedUsers: Handler = (b, ctx) => {
  const filter = optObject(ctx.body, 'filter_conditions') ?? {};
  const sort = parseSort(ctx.body['sort'], ['created_at']);
  const limit = optInt(ctx.body, 'limit', 0, 300) ?? 25;
  const offset = optInt(ctx.body, 'offset') ?? 0;
  optBool(ctx.body, 'exclude_expired_bans');
  const get = (ban: Ban, f: string): unknown =>
    f === 'user_id' ? ban.user_id : f === 'channel_cid' ? ban.channel?.cid : f === 'created_at' ? ban.created_at
      : f === 'banned_by_id' ? undefined : f === 'reason' ? undefined : undefined;
  // Check the filter's operators even when there is nothing to match it against.
  matchFilter({ user_id: '', created_at: 0 }, filter, () => undefined);
  const list = bansVisibleTo(b, ctx.userId).filter((ban) => matchFilter(ban, filter, get));
  list.sort(compareBy([...(sort.length > 0 ? sort : [{ field: 'created_at', direction: -1 as const }])], (ban, f) => {
    const v = get(ban, f);
    return typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  const bans = list.slice(offset, offset + limit).map((ban) => compact({
    user: userById(b, ban.user_id),
    channel: ban.channel ? channelResponse(b, ban.channel, ctx.userId) : undefined,
    created_at: formatTime(ban.created_at),
  }));
  return { bans };
};

export const queryFutureChannelBans: Handler = (_b, ctx) => {
  optString(ctx.body, 'user_id');
  optString(ctx.body, 'target_user_id');
  optBool(ctx.body, 'exclude_expired_bans');
  optInt(ctx.body, 'limit', 0, 300);
  optInt(ctx.body, 'offset');
  // Future-channel bans are made by the moderation API (not in the seeds): there are none.
  return { bans: [] as Json[] };
};

export const queryMessageFlags: Handler = (_b, ctx) => {
  const filter = optObject(ctx.body, 'filter_conditions') ?? {};
  matchFilter({}, filter, () => undefined);
  optInt(ctx.body, 'limit', 0, 300);
  optInt(ctx.body, 'offset');
  // Flags are made by the moderation API (not in the seeds): there are none to list.
  return { flags: [] as Json[] };
};
