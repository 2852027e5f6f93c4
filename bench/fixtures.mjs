// Fixtures shared by both implementations: the same ids, users, channels, messages and
// events, generated from a seed so that every pass (ours, the peer's, every round) sees a
// byte-identical stream. Shapes follow the API's JSON (RFC 3339 timestamps with
// microseconds, as the service sends them); see /work/shared/research/peer-baseline.md.

export const ME = 'me';
const USER_POOL = 200;
const MEMBERS = 5;
const T0 = Date.UTC(2025, 0, 1);

/** mulberry32: a small deterministic PRNG; the same seed gives the same sequence. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const formatted = new Map();

/**
 * Epoch ms as the service writes it: RFC 3339 with microseconds. Remembered, since users'
 * and channels' times repeat in every event: formatting was a fifth of the time of a quick
 * run (untimed, but it made the quick mode slow).
 */
export function rfc3339(ms) {
  const key = Math.floor(ms);
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= 200_000) formatted.clear();
    text = `${new Date(key).toISOString().slice(0, 23)}000Z`;
    formatted.set(key, text);
  }
  return text;
}

function userId(i) {
  return i === 0 ? ME : `user-${i}`;
}

/** A user as messages, members and reads carry it (14 fields). */
export function user(i) {
  const id = userId(i);
  return {
    id,
    name: `User ${i}`,
    image: `https://example.com/avatars/${id}.png`,
    role: 'user',
    created_at: rfc3339(T0 - 86_400_000),
    updated_at: rfc3339(T0 - 86_400_000),
    last_active: rfc3339(T0),
    online: false,
    banned: false,
    shadow_banned: false,
    invisible: false,
    language: 'en',
    teams: [],
    blocked_user_ids: [],
    custom: {},
  };
}

/** The own user as health.check's `me` carries it. */
export function ownUser(unreadTotal = 0, unreadChannels = 0) {
  return {
    ...user(0),
    devices: [],
    mutes: [],
    channel_mutes: [],
    total_unread_count: unreadTotal,
    unread_channels: unreadChannels,
    unread_count: unreadTotal,
    unread_threads: 0,
  };
}

/** The 5 members of channel `c`: the own user and 4 others, spread over the pool. */
export function memberIndexes(c) {
  const out = [0];
  for (let k = 1; k < MEMBERS; k++) out.push(1 + ((c * 7 + k * 37) % (USER_POOL - 1)));
  return out;
}

export function channelId(c) {
  return `ch-${c}`;
}

export function cidOf(c) {
  return `messaging:${channelId(c)}`;
}

function reaction(messageId, userIdx, type, at) {
  const u = user(userIdx);
  return { message_id: messageId, user_id: u.id, user: u, type, score: 1, created_at: rfc3339(at), updated_at: rfc3339(at), custom: {} };
}

/**
 * Mutable reaction tallies of one message, so that every event can carry the message copy
 * the server would send (counts, scores, groups, latest and own reactions).
 */
function newTally() {
  return { counts: {}, scores: {}, groups: {}, latest: [], own: [] };
}

function addToTally(tally, r) {
  tally.counts[r.type] = (tally.counts[r.type] ?? 0) + 1;
  tally.scores[r.type] = (tally.scores[r.type] ?? 0) + r.score;
  const g = tally.groups[r.type];
  tally.groups[r.type] = g
    ? { ...g, count: g.count + 1, sum_scores: g.sum_scores + r.score, last_reaction_at: r.created_at }
    : { count: 1, sum_scores: r.score, first_reaction_at: r.created_at, last_reaction_at: r.created_at };
  tally.latest = [r, ...tally.latest].slice(0, 10);
  if (r.user_id === ME) tally.own = [r, ...tally.own].slice(0, 10);
}

/** A message (24 fields) with the reactions of `tally`. */
export function message(c, seq, userIdx, at, tally) {
  const t = tally ?? newTally();
  const id = `${channelId(c)}-m${seq}`;
  return {
    id,
    cid: cidOf(c),
    type: 'regular',
    text: `Message ${seq} in ${channelId(c)}: the quick brown fox jumps over the lazy dog`,
    html: `<p>Message ${seq} in ${channelId(c)}: the quick brown fox jumps over the lazy dog</p>\n`,
    user: user(userIdx),
    attachments: [],
    latest_reactions: t.latest,
    own_reactions: t.own,
    reaction_counts: t.counts,
    reaction_scores: t.scores,
    reaction_groups: t.groups,
    reply_count: 0,
    deleted_reply_count: 0,
    mentioned_users: [],
    mentioned_channel: false,
    mentioned_here: false,
    pinned: false,
    silent: false,
    shadowed: false,
    restricted_visibility: [],
    custom: {},
    created_at: rfc3339(at),
    updated_at: rfc3339(at),
  };
}

const CAPABILITIES = ['read-events', 'send-message', 'send-reaction', 'send-reply', 'typing-events', 'update-own-message', 'delete-own-message', 'upload-file'];

const CONFIG = {
  name: 'messaging',
  typing_events: true,
  read_events: true,
  delivery_events: false,
  connect_events: true,
  search: true,
  reactions: true,
  replies: true,
  quotes: true,
  mutes: true,
  uploads: true,
  url_enrichment: true,
  max_message_length: 5000,
  automod: 'disabled',
  commands: [],
};

/**
 * One channel as a query returns it (ChannelStateResponse): `messages` messages, reactions
 * on every 3rd, 5 members with a read state each; the own user has the last 3 unread.
 * Returns the response and the per-message tallies (index = seq) for later events.
 */
export function channelState(c, messages, startAt = T0) {
  const members = memberIndexes(c);
  const tallies = [];
  const msgs = [];
  for (let s = 0; s < messages; s++) {
    const at = startAt + s * 1000;
    const id = `${channelId(c)}-m${s}`;
    const tally = newTally();
    if (s % 3 === 0) {
      addToTally(tally, reaction(id, members[(s + 1) % MEMBERS], 'like', at + 100));
      addToTally(tally, reaction(id, members[(s + 2) % MEMBERS], 'love', at + 200));
    }
    tallies.push(tally);
    msgs.push(message(c, s, members[s % MEMBERS], at, tally));
  }
  const lastAt = startAt + (messages - 1) * 1000;
  const own = Math.min(3, messages);
  const ownReadAt = messages > own ? startAt + (messages - own - 1) * 1000 : startAt - 1000;
  const memberList = members.map((i) => ({
    user_id: userId(i),
    user: user(i),
    channel_role: i === 0 ? 'channel_member' : 'channel_member',
    role: 'member',
    created_at: rfc3339(T0 - 3_600_000 + i),
    updated_at: rfc3339(T0 - 3_600_000 + i),
    banned: false,
    shadow_banned: false,
    notifications_muted: false,
    custom: {},
  }));
  const read = members.map((i) => ({
    user: user(i),
    last_read: rfc3339(i === 0 ? ownReadAt : lastAt),
    unread_messages: i === 0 ? own : 0,
    ...(messages > 0 ? { last_read_message_id: `${channelId(c)}-m${i === 0 ? Math.max(0, messages - own - 1) : messages - 1}` } : {}),
  }));
  const state = {
    channel: {
      id: channelId(c),
      type: 'messaging',
      cid: cidOf(c),
      created_at: rfc3339(T0 - 3_600_000),
      updated_at: rfc3339(T0 - 3_600_000),
      last_message_at: rfc3339(lastAt),
      created_by: user(members[1]),
      frozen: false,
      disabled: false,
      hidden: false,
      member_count: MEMBERS,
      config: CONFIG,
      own_capabilities: CAPABILITIES,
      custom: { name: `Channel ${c}` },
    },
    members: memberList,
    membership: memberList[0],
    messages: msgs,
    pinned_messages: [],
    read,
    watcher_count: 0,
    watchers: [],
    threads: [],
    duration: '1.00ms',
  };
  return { state, tallies, nextSeq: messages, lastAt };
}

/** A channel query response body: `channels` channels of `messages` messages each. */
export function queryResponse(channels, messages) {
  const out = [];
  for (let c = 0; c < channels; c++) out.push(channelState(c, messages).state);
  return { channels: out, duration: '1.00ms' };
}

/**
 * The body as JSON text, built in its own frame so that no temporary of the object tree
 * stays reachable from the caller's stack (it would skew heap figures).
 */
export function queryBody(channels, messages) {
  return JSON.stringify(queryResponse(channels, messages));
}

/**
 * The event streams of the workloads. One generator per pass; `frames(n)` returns the next
 * n events as JSON text (the WebSocket frames), so each implementation parses its own copy.
 */
export class EventStream {
  #rand;
  #keys;
  #clock;
  #seq = new Map();
  #tallies = new Map();
  #unread = new Map();

  /** `channels`: Map c -> { nextSeq, tallies } from startingPoint. */
  constructor(seed, channels, startAt) {
    this.#rand = rng(seed);
    this.#keys = [...channels.keys()];
    this.#clock = startAt;
    for (const [c, info] of channels) {
      this.#seq.set(c, info.nextSeq);
      this.#tallies.set(c, info.tallies);
      this.#unread.set(c, Math.min(3, info.nextSeq));
    }
  }

  #pickChannel() {
    return this.#keys[Math.floor(this.#rand() * this.#keys.length)];
  }

  #sender(c, ownShare = 0.1) {
    const members = memberIndexes(c);
    return this.#rand() < ownShare ? 0 : members[1 + Math.floor(this.#rand() * (MEMBERS - 1))];
  }

  #tick() {
    this.#clock += 1 + Math.floor(this.#rand() * 5);
    return this.#clock;
  }

  /** message.new in channel `c` (random when undefined). */
  messageNew(c = this.#pickChannel()) {
    const seq = this.#seq.get(c);
    this.#seq.set(c, seq + 1);
    const at = this.#tick();
    const from = this.#sender(c);
    const tally = newTally();
    this.#tallies.get(c)?.push(tally);
    const m = message(c, seq, from, at, tally);
    if (from === 0) this.#unread.set(c, 0);
    else this.#unread.set(c, (this.#unread.get(c) ?? 0) + 1);
    return {
      type: 'message.new',
      cid: cidOf(c),
      channel_id: channelId(c),
      channel_type: 'messaging',
      message: m,
      user: m.user,
      watcher_count: 1,
      created_at: rfc3339(at),
    };
  }

  /** reaction.new on a random held message of channel `c`, carrying the message copy. */
  reactionNew(c = this.#pickChannel()) {
    const tallies = this.#tallies.get(c);
    const seq = Math.floor(this.#rand() * tallies.length);
    const at = this.#tick();
    const from = this.#sender(c);
    const id = `${channelId(c)}-m${seq}`;
    const types = ['like', 'love', 'haha', 'wow', 'sad'];
    const r = reaction(id, from, types[Math.floor(this.#rand() * types.length)], at);
    const tally = tallies[seq];
    addToTally(tally, r);
    // The message copy as the service sends it: author and time of the original message.
    const m = message(c, seq, memberIndexes(c)[seq % MEMBERS], T0 + seq * 1000, tally);
    m.updated_at = rfc3339(at);
    return { type: 'reaction.new', cid: cidOf(c), channel_id: channelId(c), channel_type: 'messaging', message: m, reaction: r, user: r.user, created_at: rfc3339(at) };
  }

  /** Alternately message.read (a member, the own user 1 time in 5) and the own notification.mark_read. */
  read(i, c = this.#pickChannel()) {
    const at = this.#tick();
    const last = `${channelId(c)}-m${this.#seq.get(c) - 1}`;
    if (i % 2 === 0) {
      const idx = this.#rand() < 0.2 ? 0 : this.#sender(c, 0);
      if (idx === 0) this.#unread.set(c, 0);
      const u = user(idx);
      return { type: 'message.read', cid: cidOf(c), channel_id: channelId(c), channel_type: 'messaging', user: u, last_read_message_id: last, created_at: rfc3339(at) };
    }
    this.#unread.set(c, 0);
    return {
      type: 'notification.mark_read',
      cid: cidOf(c),
      channel_id: channelId(c),
      channel_type: 'messaging',
      user: user(0),
      last_read_message_id: last,
      total_unread_count: this.totalUnread(),
      unread_channels: this.unreadChannels(),
      unread_count: this.totalUnread(),
      created_at: rfc3339(at),
    };
  }

  totalUnread() {
    let t = 0;
    for (const n of this.#unread.values()) t += n;
    return t;
  }

  unreadChannels() {
    let t = 0;
    for (const n of this.#unread.values()) if (n > 0) t += 1;
    return t;
  }

  /** The next `n` events made by `make(i)`, as JSON frames. */
  frames(n, make) {
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = JSON.stringify(make(i));
    return out;
  }
}

/** Channels 0..n-1 each holding `messages` messages: the stream's starting point. */
export function startingPoint(channels, messages) {
  const map = new Map();
  let lastAt = T0;
  for (let c = 0; c < channels; c++) {
    const { tallies, nextSeq, lastAt: at } = channelState(c, messages);
    map.set(c, { tallies, nextSeq });
    lastAt = Math.max(lastAt, at);
  }
  return { channels: map, startAt: lastAt + 1000 };
}
