// QueryChannels, GetOrCreateChannel and GetOrCreateDistinctChannel (Chat API seed).
import { createHash } from 'node:crypto';
import type { Backend } from '../backend.ts';
import { announceCreated, channelState, createChannel, visibleMessageIds, watchChannel, type NewMember, type StateOptions } from '../channelOps.ts';
import { inputError } from '../errors.ts';
import { checkCustomSize } from './channelAdmin.ts';
import { compareBy, filterMentions, matchFilter, parseSort } from '../filters.ts';
import { isObject, memberIds, optBool, optInt, optObject, type Body } from '../input.ts';
import { readPageParams } from '../pagination.ts';
import { canAccess, requireAccess } from '../permissions.ts';
import type { Handler, RequestContext } from '../router.ts';
import type { ChannelRecord } from '../state.ts';
import { channelUnread, isChannelMuted } from '../unread.ts';

const CHANNEL_SORT_FIELDS = ['last_message_at', 'created_at', 'updated_at', 'member_count', 'last_updated', 'pinned_at', 'has_unread', 'unread_count', 'cid', 'id', 'name'];

function stateOptions(body: Body, defaultMessages: number): StateOptions {
  const members = optObject(body, 'members') ?? {};
  const watchers = optObject(body, 'watchers') ?? {};
  return {
    messages: readPageParams(optObject(body, 'messages'), defaultMessages),
    memberLimit: optInt(members, 'limit', 0, 300) ?? 100,
    memberOffset: optInt(members, 'offset') ?? 0,
    watcherLimit: optInt(watchers, 'limit', 0, 300) ?? 100,
    watcherOffset: optInt(watchers, 'offset') ?? 0,
  };
}

function readChannelInput(body: Body): { members: NewMember[]; custom: Record<string, unknown>; team: string | undefined } {
  const data = optObject(body, 'data') ?? {};
  const rawMembers = data['members'];
  if (rawMembers !== undefined && !Array.isArray(rawMembers)) throw inputError('"data.members" must be an array');
  const members = rawMembers ? memberIds(rawMembers, 'data.members') : [];
  const custom: Record<string, unknown> = isObject(data['custom']) ? { ...data['custom'] } : {};
  const reserved = new Set(['members', 'custom', 'team', 'created_by', 'created_by_id', 'invites', 'config_overrides', 'frozen', 'disabled', 'auto_translation_enabled', 'auto_translation_language', 'filter_tags', 'truncated_by_id']);
  for (const [k, v] of Object.entries(data)) if (!reserved.has(k) && k !== '__proto__') custom[k] = v;
  const team = data['team'];
  if (team !== undefined && typeof team !== 'string') throw inputError('"data.team" must be a string');
  checkCustomSize(custom);
  return { members, custom, team };
}

function getOrCreate(b: Backend, ctx: RequestContext, type: string, id: string | undefined): Record<string, unknown> {
  const body = ctx.body;
  const watch = optBool(body, 'watch') ?? false;
  const options = stateOptions(body, 25);
  const input = readChannelInput(body);
  let channelId = id;
  if (channelId === undefined) {
    // Distinct channels are identified by their member set.
    const ids = [...new Set([ctx.userId, ...input.members.map((m) => m.user_id)])].sort();
    if (ids.length < 2) throw inputError('a distinct channel needs "data.members" with at least two users');
    channelId = `!members-${createHash('sha256').update(ids.join(',')).digest('base64url').slice(0, 32)}`;
  }
  let channel = b.state.channels.get(`${type}:${channelId}`);
  if (!channel) {
    channel = createChannel(b, type, channelId, ctx.userId, input.members, input.custom, input.team);
    if (optBool(body, 'hide_for_creator')) {
      const own = channel.members.get(ctx.userId);
      if (own) own.hidden = true;
    }
    announceCreated(b, channel);
  } else {
    requireAccess(channel, ctx.userId, 'read');
  }
  if (watch && ctx.connection) watchChannel(b, channel, ctx.connection);
  return channelState(b, channel, ctx.userId, options);
}

export const getOrCreateChannel: Handler = (b, ctx) => getOrCreate(b, ctx, ctx.params['type'] ?? '', ctx.params['id'] ?? '');

export const getOrCreateDistinctChannel: Handler = (b, ctx) => getOrCreate(b, ctx, ctx.params['type'] ?? '', undefined);

/** The value of a channel field for filters and sorts, as seen by `viewer`. */
function channelField(b: Backend, viewer: string): (c: ChannelRecord, field: string) => unknown {
  return (c, field) => {
    switch (field) {
      case 'cid': return c.cid;
      case 'id': return c.id;
      case 'type': return c.type;
      case 'team': return c.team;
      case 'frozen': return c.frozen;
      case 'disabled': return c.disabled;
      case 'members': return [...c.members.keys()];
      case 'member_count': return c.members.size;
      case 'created_by_id': return c.created_by_id;
      case 'created_at': return c.created_at;
      case 'updated_at': return c.updated_at;
      case 'last_message_at': return c.last_message_at;
      case 'last_updated': return Math.max(c.updated_at, c.last_message_at ?? 0);
      case 'hidden': return c.members.get(viewer)?.hidden ?? false;
      case 'joined': return c.members.has(viewer);
      case 'muted': return isChannelMuted(b.state, viewer, c.cid, b.now());
      case 'pinned': return c.members.get(viewer)?.pinned_at !== undefined;
      case 'pinned_at': return c.members.get(viewer)?.pinned_at;
      case 'archived': return c.members.get(viewer)?.archived_at !== undefined;
      case 'has_unread': return channelUnread(b.state, c, viewer).messages > 0;
      case 'unread_count': return channelUnread(b.state, c, viewer).messages;
      case 'filter_tags': return c.filter_tags;
      default:
        return c.custom[field];
    }
  };
}

/** Numbers in conditions on time fields are epoch milliseconds; the records hold microseconds. */
function normaliseTimes(filter: unknown, inTimeField = false): unknown {
  if (Array.isArray(filter)) return filter.map((f) => normaliseTimes(f, inTimeField));
  if (isObject(filter)) {
    return Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, normaliseTimes(v, inTimeField || TIME_FIELDS.has(k))]));
  }
  if (inTimeField && typeof filter === 'number') return filter * 1000;
  return filter;
}

const TIME_FIELDS = new Set(['last_message_at', 'created_at', 'updated_at', 'last_updated', 'pinned_at']);

export const queryChannels: Handler = (b, ctx) => {
  const body = ctx.body;
  const rawFilter = optObject(body, 'filter_conditions') ?? {};
  const filter = normaliseTimes(rawFilter) as Record<string, unknown>;
  const sort = parseSort(body['sort'], CHANNEL_SORT_FIELDS);
  const limit = optInt(body, 'limit', 0, 30) ?? 10;
  const offset = optInt(body, 'offset') ?? 0;
  const messageLimit = optInt(body, 'message_limit', 0, 300) ?? 25;
  const memberLimit = optInt(body, 'member_limit', 0, 100) ?? 100;
  const watch = optBool(body, 'watch') ?? false;
  optBool(body, 'state');
  const viewer = ctx.userId;
  const get = channelField(b, viewer);
  const includeHidden = filterMentions(rawFilter, 'hidden');
  const matches = [...b.state.channels.values()].filter(
    (c) => canAccess(c, viewer) && (includeHidden || !(c.members.get(viewer)?.hidden ?? false)) && matchFilter(c, filter, get),
  );
  // Channels without messages sort by their creation time under last_message_at.
  const sortGet = (c: ChannelRecord, field: string): number | string | undefined => {
    if (field === 'last_message_at') return c.last_message_at ?? c.created_at;
    if (field === 'has_unread') return channelUnread(b.state, c, viewer).messages > 0 ? 1 : 0;
    const v = get(c, field);
    return typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? Number(v) : undefined;
  };
  const specs = sort.length > 0 ? sort : [{ field: 'last_message_at', direction: -1 as const }];
  matches.sort(compareBy([...specs, { field: 'cid', direction: 1 }], sortGet));
  const page = matches.slice(offset, offset + limit);
  const channels = page.map((c) => {
    if (watch && ctx.connection) watchChannel(b, c, ctx.connection);
    return channelState(b, c, viewer, {
      messages: { limit: messageLimit },
      memberLimit,
      memberOffset: 0,
      watcherLimit: 0,
      watcherOffset: 0,
    });
  });
  return { channels };
};

export { visibleMessageIds };

/** A channel filter as a predicate for `viewer` (used by Search). */
export function channelFilterFor(b: Backend, viewer: string, rawFilter: Record<string, unknown>): (c: ChannelRecord) => boolean {
  const filter = normaliseTimes(rawFilter) as Record<string, unknown>;
  const get = channelField(b, viewer);
  return (c) => matchFilter(c, filter, get);
}
