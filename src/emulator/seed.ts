// The seed format: initial users, channels (with members, messages, replies, reactions,
// pins and read positions) and polls, loaded through the same operations the endpoints use
// so seeded data obeys the same invariants (ordered ids, reads, threads).
import type { Backend } from './backend.ts';
import { addMember, createChannel } from './channelOps.ts';
import { parseTime } from './clock.ts';
import type { MessageInput } from './messageInput.ts';
import { insertMessage, validateNewMessage } from './messageOps.ts';
import type { ReactionRecord } from './state.ts';

export interface SeedUser {
  id: string;
  name?: string;
  image?: string;
  role?: string;
  /** Custom fields. */
  custom?: Record<string, unknown>;
}

export interface SeedReaction {
  user: string;
  type: string;
  score?: number;
}

export interface SeedMessage {
  id?: string;
  /** Author's user id. */
  user: string;
  text: string;
  /** RFC 3339 or epoch ms; default: seeded in order, one minute apart, ending now. */
  created_at?: string | number;
  mentioned_users?: string[];
  attachments?: Array<Record<string, unknown>>;
  custom?: Record<string, unknown>;
  pinned?: boolean;
  silent?: boolean;
  poll_id?: string;
  quoted_message_id?: string;
  reactions?: SeedReaction[];
  /** Thread replies. */
  replies?: Array<Omit<SeedMessage, 'replies'> & { show_in_channel?: boolean }>;
}

export interface SeedChannel {
  type: string;
  id: string;
  /** Custom data such as `name` and `image`. */
  data?: Record<string, unknown>;
  created_by?: string;
  members: Array<string | { user_id: string; channel_role?: string }>;
  messages?: SeedMessage[];
  /** Read positions: user id -> id of the last message they read (default: everything read). */
  reads?: Record<string, string | null>;
}

export interface SeedPoll {
  id: string;
  name: string;
  created_by: string;
  description?: string;
  options: string[];
  enforce_unique_vote?: boolean;
  /** Votes: user id -> option text. */
  votes?: Record<string, string>;
}

/** Initial data for startEmulator({ seed }). */
export interface SeedData {
  users?: SeedUser[];
  channels?: SeedChannel[];
  polls?: SeedPoll[];
}

const MINUTE_US = 60_000_000;

function countMessages(channels: readonly SeedChannel[]): number {
  let n = 0;
  for (const c of channels) for (const m of c.messages ?? []) n += 1 + (m.replies?.length ?? 0);
  return n;
}

/** Load seed data into an empty backend. */
export function applySeed(b: Backend, seed: SeedData): void {
  for (const u of seed.users ?? []) {
    const details: Record<string, unknown> = { ...(u.custom ?? {}) };
    if (u.name !== undefined) details['name'] = u.name;
    if (u.image !== undefined) details['image'] = u.image;
    const user = b.upsertUser(u.id, details);
    if (u.role !== undefined) user.role = u.role;
  }
  const channels = seed.channels ?? [];
  // Messages without a time are spread one minute apart, ending a minute before now.
  let t = Date.now() * 1000 - (countMessages(channels) + 5) * MINUTE_US;
  const next = (given: string | number | undefined): number => {
    const parsed = given === undefined ? undefined : parseTime(given);
    t = parsed ?? t + MINUTE_US;
    return t;
  };
  for (const p of seed.polls ?? []) {
    const now = next(undefined);
    const options = p.options.map((text, i) => ({ id: `${p.id}-option-${i + 1}`, text, custom: {} }));
    const votes = Object.entries(p.votes ?? {}).map(([userId, text], i) => ({
      id: `${p.id}-vote-${i + 1}`, poll_id: p.id, option_id: options.find((o) => o.text === text)?.id ?? options[0]?.id ?? '', user_id: userId, created_at: now, updated_at: now,
    }));
    b.state.polls.set(p.id, {
      id: p.id, name: p.name, description: p.description ?? '', created_by_id: p.created_by, custom: {}, options, votes,
      voting_visibility: 'public', enforce_unique_vote: p.enforce_unique_vote ?? true, allow_answers: false,
      allow_user_suggested_options: false, is_closed: false, created_at: now, updated_at: now,
    });
  }
  for (const c of channels) {
    const members = c.members.map((m) => (typeof m === 'string' ? { user_id: m } : m));
    for (const m of members) if (!b.state.users.has(m.user_id)) b.upsertUser(m.user_id);
    const creator = c.created_by ?? members[0]?.user_id ?? 'system';
    if (!b.state.users.has(creator)) b.upsertUser(creator);
    const channel = createChannel(b, c.type, c.id, creator, members, c.data ?? {});
    channel.created_at = t;
    for (const m of channel.members.values()) {
      m.created_at = t;
      const read = channel.reads.get(m.user_id);
      if (read) read.last_read = t;
    }
    for (const sm of c.messages ?? []) {
      const parent = seedMessage(b, channel.cid, sm, undefined, next(sm.created_at));
      for (const reply of sm.replies ?? []) seedMessage(b, channel.cid, reply, parent, next(reply.created_at), reply.show_in_channel);
    }
    // A channel is created before its first message, whatever times the seed gave.
    const firstAt = b.state.messages.get(channel.messageIds[0] ?? '')?.created_at;
    if (firstAt !== undefined && firstAt <= channel.created_at) {
      channel.created_at = firstAt - 1;
      for (const m of channel.members.values()) m.created_at = channel.created_at;
    }
    channel.updated_at = channel.created_at;
    // Default: everyone has read everything; `reads` moves a member's position back.
    for (const [userId, read] of channel.reads) {
      const lastId = channel.messageIds[channel.messageIds.length - 1];
      read.last_read = Math.max(read.last_read, t);
      if (lastId !== undefined) read.last_read_message_id = lastId;
      const given = c.reads?.[userId];
      if (given === null) {
        read.last_read = channel.created_at;
        delete read.last_read_message_id;
      } else if (given !== undefined) {
        const m = b.state.messages.get(given);
        if (m) {
          read.last_read = m.created_at;
          read.last_read_message_id = m.id;
        }
      }
    }
    for (const thread of b.state.threads.values()) {
      if (thread.cid !== channel.cid) continue;
      for (const read of thread.reads.values()) read.last_read = Math.max(read.last_read, t);
    }
  }
  b.clock.observe(t);
}

function seedMessage(b: Backend, cid: string, sm: SeedMessage & { show_in_channel?: boolean }, parentId: string | undefined, at: number, showInChannel?: boolean): string {
  const channel = b.requireChannelByCid(cid);
  if (!b.state.users.has(sm.user)) b.upsertUser(sm.user);
  const input: MessageInput = { text: sm.text, custom: { ...(sm.custom ?? {}) }, hasCustom: sm.custom !== undefined };
  if (sm.id !== undefined) input.id = sm.id;
  if (sm.mentioned_users) input.mentioned_users = sm.mentioned_users;
  if (sm.attachments) input.attachments = structuredClone(sm.attachments);
  if (sm.pinned) input.pinned = true;
  if (sm.silent) input.silent = true;
  if (sm.poll_id !== undefined) input.poll_id = sm.poll_id;
  if (sm.quoted_message_id !== undefined) input.quoted_message_id = sm.quoted_message_id;
  if (parentId !== undefined) input.parent_id = parentId;
  if (showInChannel) input.show_in_channel = true;
  const parent = validateNewMessage(b, channel, input);
  const m = insertMessage(b, channel, sm.user, input, parent, at);
  let rt = at;
  for (const r of sm.reactions ?? []) {
    rt += 1000;
    const list = b.state.reactions.get(m.id) ?? [];
    const reaction: ReactionRecord = { message_id: m.id, user_id: r.user, type: r.type, score: r.score ?? 1, custom: {}, created_at: rt, updated_at: rt };
    if (!b.state.users.has(r.user)) b.upsertUser(r.user);
    list.push(reaction);
    b.state.reactions.set(m.id, list);
  }
  return m.id;
}
