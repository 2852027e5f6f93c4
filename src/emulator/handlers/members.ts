// QueryMembers (GET /members?payload=...) and UpdateMemberPartial.
import type { Backend } from '../backend.ts';
import { emitChannelEvent } from '../broadcast.ts';
import { inputError } from '../errors.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { isObject, memberIds, optArray, optInt, optObject, optStringArray, reqString } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { ChannelRecord, MemberRecord } from '../state.ts';
import { channelEventBase, memberResponse, userById } from '../views.ts';

function memberField(b: Backend): (m: MemberRecord, field: string) => unknown {
  return (m, field) => {
    const user = b.state.users.get(m.user_id);
    switch (field) {
      case 'id':
      case 'user_id': return m.user_id;
      case 'name': return user?.name;
      case 'channel_role': return m.channel_role;
      case 'banned': return m.banned;
      case 'shadow_banned': return m.shadow_banned;
      case 'is_moderator': return m.channel_role === 'channel_moderator';
      case 'notifications_muted': return m.notifications_muted;
      case 'created_at': return m.created_at;
      case 'updated_at': return m.updated_at;
      case 'joined': return true;
      case 'invite': return 'member';
      case 'last_active': return user?.last_active;
      case 'user.name': return user?.name;
      default: return m.custom[field] ?? user?.custom[field];
    }
  };
}

export const queryMembers: Handler = (b, ctx) => {
  const body = ctx.body;
  const type = reqString(body, 'type');
  const id = body['id'];
  let channel: ChannelRecord | undefined;
  if (typeof id === 'string' && id !== '') {
    channel = b.requireChannel(type, id);
  } else {
    // Without an id the channel is the distinct channel of `members`.
    const members = optArray(body, 'members');
    if (!members) throw inputError('"id" or "members" is required');
    const ids = new Set(memberIds(members, 'members').map((m) => m.user_id));
    channel = [...b.state.channels.values()].find((c) => c.type === type && c.id.startsWith('!members-') && c.members.size === ids.size && [...ids].every((u) => c.members.has(u)));
    if (!channel) throw inputError('no distinct channel with these members');
  }
  requireAccess(channel, ctx.userId, 'read members');
  const filter = optObject(body, 'filter_conditions') ?? {};
  const sort = parseSort(body['sort'], ['created_at', 'updated_at', 'user_id', 'name', 'last_active', 'channel_role']);
  const limit = optInt(body, 'limit', 0, 300) ?? 100;
  const offset = optInt(body, 'offset') ?? 0;
  const get = memberField(b);
  const list = [...channel.members.values()].filter((m) => matchFilter(m, filter, get));
  list.sort(compareBy([...sort, { field: 'created_at', direction: 1 }, { field: 'user_id', direction: 1 }], (m, f) => {
    const v = get(m, f);
    return typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  const ch = channel;
  return { members: list.slice(offset, offset + limit).map((m) => memberResponse(b, ch, m)) };
};

const MEMBER_FIELDS = new Set(['archived', 'pinned', 'notifications_muted']);

export const updateMemberPartial: Handler = (b, ctx) => {
  const channel = b.requireChannel(ctx.params['type'] ?? '', ctx.params['id'] ?? '');
  const userId = ctx.query.get('user_id') || ctx.userId;
  if (userId !== ctx.userId) throw inputError('a user can only update their own membership');
  const member = channel.members.get(userId);
  if (!member) throw inputError(`user "${userId}" is not a member of ${channel.cid}`);
  const set = optObject(ctx.body, 'set') ?? {};
  const unset = optStringArray(ctx.body, 'unset') ?? [];
  for (const key of MEMBER_FIELDS) if (set[key] !== undefined && typeof set[key] !== 'boolean') throw inputError(`"${key}" must be a boolean`);
  for (const key of ['channel_role', 'user_id', 'banned', 'role']) if (key in set || unset.includes(key)) throw inputError(`"${key}" cannot be changed here`);
  const now = b.now();
  for (const [key, value] of Object.entries(set)) {
    if (key === 'archived') {
      if (value) member.archived_at = now;
      else delete member.archived_at;
    } else if (key === 'pinned') {
      if (value) member.pinned_at = now;
      else delete member.pinned_at;
    } else if (key === 'notifications_muted') member.notifications_muted = value as boolean;
    else if (key !== '__proto__') member.custom[key] = isObject(value) ? { ...value } : value;
  }
  for (const key of unset) {
    if (key === 'archived') delete member.archived_at;
    else if (key === 'pinned') delete member.pinned_at;
    else delete member.custom[key];
  }
  member.updated_at = now;
  b.changed();
  emitChannelEvent(b, channel, () => ({
    ...channelEventBase(channel, 'member.updated', now),
    member: memberResponse(b, channel, member),
    user: userById(b, userId),
  }));
  return { channel_member: memberResponse(b, channel, member) };
};
