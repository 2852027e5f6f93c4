// QueryBannedUsers, QueryFutureChannelBans and QueryMessageFlags (Chat API seed; GET with a
// JSON `payload`). The bans are the emulator's ban records: a member banned in a channel
// (MemberRecord.banned) and an app-wide ban (UserRecord.banned), visible to users who may
// read the channel. Banning and flagging are moderation operations outside the seeds, so
// future-channel bans only exist when seeded, and flags when the test controls make them
// (src/emulator/moderationControls.ts); these queries answer what exists.
import type { Backend } from '../backend.ts';
import { formatTime } from '../clock.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { optBool, optInt, optObject, optString } from '../input.ts';
import { canAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { ChannelRecord, FlagRecord, MessageRecord } from '../state.ts';
import { channelResponse, compact, messageResponse, userById, type Json } from '../views.ts';

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

/**
 * Flags on messages the viewer may read. Moderators and admins (app role) see every such
 * flag, as the service lists flags for those who review them; anyone else sees only the
 * flags they made. Filter fields: channel_cid, user_id (the message's author), message_id,
 * created_at.
 */
export const queryMessageFlags: Handler = (b, ctx) => {
  const filter = optObject(ctx.body, 'filter_conditions') ?? {};
  const limit = optInt(ctx.body, 'limit', 0, 300) ?? 25;
  const offset = optInt(ctx.body, 'offset') ?? 0;
  const reviewer = ctx.user.role === 'admin' || ctx.user.role === 'moderator';
  const rows: Array<{ flag: FlagRecord; message: MessageRecord; channel: ChannelRecord }> = [];
  for (const flag of b.state.flags.values()) {
    if (!reviewer && flag.user_id !== ctx.userId) continue;
    const message = b.state.messages.get(flag.message_id);
    if (!message) continue;
    const channel = b.state.channels.get(message.cid);
    if (!channel || !canAccess(channel, ctx.userId)) continue;
    rows.push({ flag, message, channel });
  }
  const get = (r: (typeof rows)[number], f: string): unknown =>
    f === 'channel_cid' ? r.channel.cid : f === 'user_id' ? r.message.user_id : f === 'message_id' ? r.message.id : f === 'created_at' ? r.flag.created_at : undefined;
  matchFilter({}, filter, () => undefined);
  const list = rows.filter((r) => matchFilter(r, filter, get)).sort((x, y) => y.flag.created_at - x.flag.created_at);
  const flags = list.slice(offset, offset + limit).map((r) => compact({
    created_at: formatTime(r.flag.created_at),
    updated_at: formatTime(r.flag.created_at),
    created_by_automod: false,
    reason: r.flag.reason,
    user: userById(b, r.flag.user_id),
    message: messageResponse(b, r.message, ctx.userId),
  }));
  return { flags };
};
