// Records rendered as the seeds' response types, always for one viewer: own_reactions,
// own_capabilities, own votes, `hidden` and `muted` depend on who asks. Timestamps leave as
// RFC 3339 strings with microseconds (PROTOCOL.md section 4).
import { messageLocation, messageReminder, viewerDraft } from './personalViews.ts';
import type { Backend } from './backend.ts';
import { formatOptional, formatTime } from './clock.ts';
import { channelConfig } from './channelConfig.ts';
import { ownCapabilities } from './permissions.ts';
import type { ChannelRecord, MemberRecord, MessageRecord, PollRecord, ReactionRecord, ThreadRecord, UserRecord } from './state.ts';
import { channelUnread, isChannelMuted, threadUnread, unreadTotals } from './unread.ts';
import { muteKey, userKey } from './state.ts';
import { isBlockedOneToOne } from './blocking.ts';

export type Json = Record<string, unknown>;

/** Drop undefined fields so the JSON carries only what is set. */
export function compact<T extends Json>(obj: T): T {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
  return obj;
}

/** Custom fields are sent both under `custom` and at the top level, as the service does. */
function withCustom(base: Json, custom: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(custom)) if (k !== '__proto__') out[k] = v;
  return compact(Object.assign(out, base, { custom: { ...custom } }));
}

export function userResponse(b: Backend, user: UserRecord): Json {
  const online = !user.invisible && b.hub.isOnline(user.id);
  return withCustom(
    {
      id: user.id,
      name: user.name,
      image: user.image,
      role: user.role,
      language: user.language,
      teams: [...user.teams],
      invisible: user.invisible,
      banned: user.banned,
      shadow_banned: false,
      online,
      blocked_user_ids: [],
      created_at: formatTime(user.created_at),
      updated_at: formatTime(user.updated_at),
      last_active: formatOptional(user.last_active),
    },
    user.custom,
  );
}

/** A user by id; a user that was deleted from the data renders as a bare id. */
export function userById(b: Backend, id: string): Json {
  const user = b.state.users.get(id);
  return user ? userResponse(b, user) : { id, role: 'user', custom: {}, teams: [], online: false };
}

/** The connecting user with unread totals and mutes (the `me` of health.check). */
export function ownUserResponse(b: Backend, userId: string): Json {
  const totals = unreadTotals(b.state, userId, b.now());
  const now = b.now();
  const channelMutes: Json[] = [];
  for (const mute of b.state.channelMutes.values()) {
    if (mute.user_id !== userId || (mute.expires !== undefined && mute.expires <= now)) continue;
    const channel = b.state.channels.get(mute.cid);
    if (!channel) continue;
    channelMutes.push(compact({
      user: userById(b, userId),
      channel: channelResponse(b, channel, userId),
      created_at: formatTime(mute.created_at),
      updated_at: formatTime(mute.updated_at),
      expires: formatOptional(mute.expires),
    }));
  }
  // Unread messages per team, muted channels left out as from the total (the service sends
  // it on `me` as GET /unread does; the official client reads it from both).
  const byTeam: Record<string, number> = {};
  for (const { channel, unread, muted } of totals.channels) {
    if (muted || unread.messages === 0 || channel.team === undefined) continue;
    byTeam[channel.team] = (byTeam[channel.team] ?? 0) + unread.messages;
  }
  return {
    ...userById(b, userId),
    total_unread_count: totals.total_unread_count,
    total_unread_count_by_team: byTeam,
    unread_count: totals.total_unread_count,
    unread_channels: totals.unread_channels,
    unread_threads: totals.unread_threads,
    mutes: [],
    channel_mutes: channelMutes,
    devices: [],
    latest_hidden_channels: [],
    // Blocks are the user's own business: only their own user lists them.
    blocked_user_ids: [...b.state.blocks.values()].filter((r) => r.user_id === userId).map((r) => r.blocked_user_id),
  };
}

export function memberResponse(b: Backend, channel: ChannelRecord, member: MemberRecord): Json {
  return compact({
    user_id: member.user_id,
    user: userById(b, member.user_id),
    channel_role: member.channel_role,
    role: member.channel_role === 'owner' ? 'owner' : 'member',
    is_moderator: member.channel_role === 'channel_moderator' || undefined,
    custom: { ...member.custom },
    ...member.custom,
    notifications_muted: member.notifications_muted,
    banned: member.banned,
    shadow_banned: member.shadow_banned,
    created_at: formatTime(member.created_at),
    updated_at: formatTime(member.updated_at),
    archived_at: formatOptional(member.archived_at),
    pinned_at: formatOptional(member.pinned_at),
    status: 'member',
    channel_cid: channel.cid,
  });
}

export function channelResponse(b: Backend, channel: ChannelRecord, viewer: string): Json {
  const member = channel.members.get(viewer);
  const mute = b.state.channelMutes.get(muteKey(viewer, channel.cid));
  return withCustom(
    {
      id: channel.id,
      type: channel.type,
      cid: channel.cid,
      created_at: formatTime(channel.created_at),
      updated_at: formatTime(channel.updated_at),
      last_message_at: formatOptional(channel.last_message_at),
      created_by: channel.created_by_id ? userById(b, channel.created_by_id) : undefined,
      frozen: channel.frozen,
      disabled: channel.disabled,
      member_count: channel.members.size,
      team: channel.team,
      cooldown: channel.cooldown,
      truncated_at: formatOptional(channel.truncated_at),
      truncated_by: channel.truncated_by_id ? userById(b, channel.truncated_by_id) : undefined,
      filter_tags: [...channel.filter_tags],
      hidden: member?.hidden ?? false,
      blocked: isBlockedOneToOne(b, channel, viewer) ? true : undefined,
      muted: isChannelMuted(b.state, viewer, channel.cid, b.now()),
      mute_expires_at: formatOptional(mute?.expires),
      own_capabilities: ownCapabilities(channel, viewer),
      config: channelConfig(channel.type),
    },
    channel.custom,
  );
}

function reactionResponse(b: Backend, r: ReactionRecord): Json {
  return {
    message_id: r.message_id,
    user_id: r.user_id,
    user: userById(b, r.user_id),
    type: r.type,
    score: r.score,
    custom: { ...r.custom },
    created_at: formatTime(r.created_at),
    updated_at: formatTime(r.updated_at),
  };
}

/**
 * Who a rendering is for. A REST answer is for its caller; a WebSocket event is serialized
 * once by the service for all its recipients, so its messages carry `own_reactions: []`
 * whoever receives them (PROTOCOL.md section 6, reactions row). Clients keep their own list.
 */
export type Audience = 'caller' | 'event';

/** Reaction summaries of one message (latest first, own for the viewer, counts and groups). */
export function reactionFields(b: Backend, messageId: string, viewer: string, audience: Audience = 'caller'): Json {
  const all = b.state.reactions.get(messageId) ?? [];
  const counts: Record<string, number> = {};
  const scores: Record<string, number> = {};
  const groups: Record<string, Json> = {};
  for (const r of all) {
    counts[r.type] = (counts[r.type] ?? 0) + 1;
    scores[r.type] = (scores[r.type] ?? 0) + r.score;
    const g = groups[r.type];
    if (!g) {
      groups[r.type] = { count: 1, sum_scores: r.score, first_reaction_at: formatTime(r.created_at), last_reaction_at: formatTime(r.created_at) };
    } else {
      g['count'] = (g['count'] as number) + 1;
      g['sum_scores'] = (g['sum_scores'] as number) + r.score;
      g['last_reaction_at'] = formatTime(r.created_at);
    }
  }
  const latest = [...all].sort((x, y) => y.updated_at - x.updated_at).slice(0, 10);
  return {
    latest_reactions: latest.map((r) => reactionResponse(b, r)),
    own_reactions: audience === 'event' ? [] : all.filter((r) => r.user_id === viewer).reverse().map((r) => reactionResponse(b, r)),
    reaction_counts: counts,
    reaction_scores: scores,
    reaction_groups: groups,
  };
}

export { reactionResponse };

/**
 * Whether a message is pinned now. A pin with `pin_expires` ends at that time: the service
 * renders the message unpinned from then on (and leaves it out of pinned_messages) without
 * sending an event, so clients expire pins on their own clock (src/store/pins.ts).
 */
export function isPinned(m: MessageRecord, nowUs: number = Date.now() * 1000): boolean {
  return m.pinned && (m.pin_expires === undefined || m.pin_expires > nowUs);
}

/** A message for a REST answer to `viewer`. */
export function messageResponse(b: Backend, m: MessageRecord, viewer: string): Json {
  return renderMessage(b, m, viewer, 'caller', 0);
}

/** A message as WebSocket events carry it: the same for every recipient as far as own reactions go. */
export function eventMessage(b: Backend, m: MessageRecord, viewer: string): Json {
  return renderMessage(b, m, viewer, 'event', 0);
}

function renderMessage(b: Backend, m: MessageRecord, viewer: string, audience: Audience, depth: number): Json {
  // Deleted for the viewer alone (delete_for_me): only answers to that viewer show it so,
  // since events are serialized once for everyone (handlers/deleteForMe.ts).
  const deletedForMe = audience === 'caller' ? m.deleted_for?.[viewer] : undefined;
  const deleted = m.deleted_at !== undefined || deletedForMe !== undefined;
  const replies = m.replyIds.map((id) => b.state.messages.get(id)).filter((r) => r !== undefined);
  const thread = b.state.threads.get(m.id);
  const quoted = m.quoted_message_id ? b.state.messages.get(m.quoted_message_id) : undefined;
  const poll = m.poll_id ? b.state.polls.get(m.poll_id) : undefined;
  const pinLive = isPinned(m);
  return compact({
    id: m.id,
    cid: m.cid,
    type: deleted ? 'deleted' : m.type,
    text: deleted ? '' : m.text,
    html: deleted ? '' : m.html,
    user: userById(b, m.user_id),
    attachments: deleted ? [] : structuredClone(m.attachments),
    custom: { ...m.custom },
    ...m.custom,
    mentioned_users: m.mentioned_user_ids.map((id) => userById(b, id)),
    mentioned_channel: m.mentioned_channel,
    mentioned_here: m.mentioned_here,
    silent: m.silent,
    shadowed: m.shadowed,
    pinned: pinLive,
    pinned_at: pinLive ? formatOptional(m.pinned_at) : undefined,
    pinned_by: pinLive && m.pinned_by_id ? userById(b, m.pinned_by_id) : undefined,
    pin_expires: pinLive ? formatOptional(m.pin_expires) : undefined,
    parent_id: m.parent_id,
    show_in_channel: m.show_in_channel,
    quoted_message_id: m.quoted_message_id,
    quoted_message: quoted && depth === 0 ? renderMessage(b, quoted, viewer, audience, 1) : undefined,
    poll_id: m.poll_id,
    poll: poll ? pollResponse(b, poll, viewer) : undefined,
    restricted_visibility: [...m.restricted_visibility],
    reply_count: replies.filter((r) => r.deleted_at === undefined).length,
    deleted_reply_count: replies.filter((r) => r.deleted_at !== undefined).length,
    thread_participants: thread && replies.length > 0 ? thread.participants.map((id) => userById(b, id)) : undefined,
    created_at: formatTime(m.created_at),
    updated_at: formatTime(m.updated_at),
    deleted_at: formatOptional(m.deleted_at ?? deletedForMe),
    deleted_for_me: deletedForMe !== undefined ? true : undefined,
    message_text_updated_at: formatOptional(m.message_text_updated_at),
    i18n: m.i18n && !deleted ? { ...m.i18n } : undefined,
    // The caller's reminder: per user, so only in answers (events go to everyone alike).
    reminder: audience === 'caller' ? messageReminder(b.state, m.id, viewer) : undefined,
    shared_location: messageLocation(b.state, m.id),
    ...reactionFields(b, m.id, viewer, audience),
  });
}

/** Read states of a channel's members (PROTOCOL.md section 6: `message.read`). */
export function readStates(b: Backend, channel: ChannelRecord): Json[] {
  const out: Json[] = [];
  for (const [userId, read] of channel.reads) {
    if (!channel.members.has(userId)) continue;
    const unread = channelUnread(b.state, channel, userId);
    out.push(compact({
      user: userById(b, userId),
      last_read: formatTime(read.last_read),
      last_read_message_id: read.last_read_message_id,
      unread_messages: unread.messages,
      // Not in the seed's ReadStateResponse: unread messages that mention this member.
      unread_mentions: unread.mentions,
      last_delivered_at: formatOptional(read.last_delivered_at),
      last_delivered_message_id: read.last_delivered_message_id,
    }));
  }
  return out;
}

function participantResponse(b: Backend, thread: ThreadRecord, userId: string): Json {
  const read = thread.reads.get(userId);
  return compact({
    channel_cid: thread.cid,
    thread_id: thread.parent_id,
    user_id: userId,
    user: userById(b, userId),
    created_at: formatTime(thread.created_at),
    last_read_at: formatOptional(read?.last_read),
  });
}

export function threadResponse(b: Backend, thread: ThreadRecord, viewer: string, audience: Audience = 'caller'): Json {
  const parent = b.state.messages.get(thread.parent_id);
  const channel = b.state.channels.get(thread.cid);
  const replies = (parent?.replyIds ?? []).map((id) => b.state.messages.get(id)).filter((r) => r !== undefined);
  return compact({
    channel_cid: thread.cid,
    channel: channel ? channelResponse(b, channel, viewer) : undefined,
    parent_message_id: thread.parent_id,
    parent_message: parent ? renderMessage(b, parent, viewer, audience, 0) : undefined,
    created_by_user_id: parent?.user_id ?? '',
    created_by: parent ? userById(b, parent.user_id) : undefined,
    title: thread.title,
    custom: { ...thread.custom },
    ...thread.custom,
    reply_count: replies.filter((r) => r.deleted_at === undefined).length,
    participant_count: thread.participants.length,
    active_participant_count: thread.participants.length,
    thread_participants: thread.participants.map((id) => participantResponse(b, thread, id)),
    created_at: formatTime(thread.created_at),
    updated_at: formatTime(thread.updated_at),
    last_message_at: formatOptional(thread.last_message_at),
    draft: audience === 'caller' ? viewerDraft(b.state, viewer, thread.cid, thread.parent_id) : undefined,
  });
}

/** A thread with its latest replies and its participants' reads. */
export function threadState(b: Backend, thread: ThreadRecord, viewer: string, replyLimit = 2): Json {
  const parent = b.state.messages.get(thread.parent_id);
  const ids = parent?.replyIds ?? [];
  const latest = replyLimit > 0 ? ids.slice(-replyLimit) : [];
  const read = [...thread.reads].map(([userId, r]) => compact({
    user: userById(b, userId),
    last_read: formatTime(r.last_read),
    last_read_message_id: r.last_read_message_id,
    unread_messages: threadUnread(b.state, thread, userId),
  }));
  return {
    ...threadResponse(b, thread, viewer),
    latest_replies: latest.map((id) => b.state.messages.get(id)).filter((m) => m !== undefined).map((m) => messageResponse(b, m, viewer)),
    read,
  };
}

export function pollResponse(b: Backend, poll: PollRecord, viewer: string): Json {
  const voteCounts: Record<string, number> = {};
  const latestByOption: Record<string, Json[]> = {};
  const votes = [...poll.votes].sort((x, y) => y.created_at - x.created_at);
  const voteJson = (v: (typeof poll.votes)[number]): Json => compact({
    id: v.id,
    poll_id: v.poll_id,
    option_id: v.option_id ?? '',
    answer_text: v.answer_text,
    is_answer: v.answer_text !== undefined || undefined,
    user_id: poll.voting_visibility === 'anonymous' ? undefined : v.user_id,
    user: poll.voting_visibility === 'anonymous' ? undefined : userById(b, v.user_id),
    created_at: formatTime(v.created_at),
    updated_at: formatTime(v.updated_at),
  });
  for (const o of poll.options) {
    voteCounts[o.id] = 0;
    latestByOption[o.id] = [];
  }
  for (const v of votes) {
    if (v.option_id === undefined) continue;
    voteCounts[v.option_id] = (voteCounts[v.option_id] ?? 0) + 1;
    const list = latestByOption[v.option_id];
    if (list && list.length < 10) list.push(voteJson(v));
  }
  return compact({
    id: poll.id,
    name: poll.name,
    description: poll.description,
    custom: { ...poll.custom },
    ...poll.custom,
    created_by_id: poll.created_by_id,
    created_by: userById(b, poll.created_by_id),
    options: poll.options.map((o) => ({ id: o.id, text: o.text, custom: { ...o.custom } })),
    voting_visibility: poll.voting_visibility,
    enforce_unique_vote: poll.enforce_unique_vote,
    max_votes_allowed: poll.max_votes_allowed,
    allow_answers: poll.allow_answers,
    allow_user_suggested_options: poll.allow_user_suggested_options,
    is_closed: poll.is_closed,
    vote_count: votes.filter((v) => v.option_id !== undefined).length,
    answers_count: votes.filter((v) => v.answer_text !== undefined).length,
    vote_counts_by_option: voteCounts,
    latest_votes_by_option: latestByOption,
    latest_answers: votes.filter((v) => v.answer_text !== undefined).slice(0, 10).map(voteJson),
    own_votes: votes.filter((v) => v.user_id === viewer).map(voteJson),
    created_at: formatTime(poll.created_at),
    updated_at: formatTime(poll.updated_at),
  });
}

/** The base fields of every channel event. */
export function channelEventBase(channel: ChannelRecord, type: string, createdAt: number): Json {
  return compact({
    type,
    cid: channel.cid,
    channel_id: channel.id,
    channel_type: channel.type,
    team: channel.team,
    created_at: formatTime(createdAt),
  });
}

/** Unread totals as events carry them (PROTOCOL.md section 6). */
export function totalsFields(b: Backend, userId: string): Json {
  const t = unreadTotals(b.state, userId, b.now());
  return { total_unread_count: t.total_unread_count, unread_channels: t.unread_channels, unread_threads: t.unread_threads };
}

/**
 * The viewer's push preferences of a channel, as channel query answers carry them (the
 * service adds them when the user set any for the channel).
 */
export function pushPreferencesOf(b: Backend, viewer: string, cid: string): Json | undefined {
  const p = b.state.pushPreferences.get(userKey(viewer, cid));
  if (!p) return undefined;
  return compact({ chat_level: p.chat_level, disabled_until: formatOptional(p.disabled_until), chat_preferences: p.chat_preferences });
}
