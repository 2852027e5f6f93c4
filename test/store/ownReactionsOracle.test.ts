// Own reactions, differential: the same seeded stream of ~3,000 WebSocket events goes through
// the official client (`stream-chat`, fed through its own `dispatchEvent`) and through ours
// (`client.dispatchEvent`), and the own-reaction facts of every held message must agree.
// The events are serialized as the hosted service serializes them: once for all
// recipients, so `own_reactions` in every event's message is `[]` (PROTOCOL.md section 6,
// reactions row). Reactions come from several users, the own user among them "from another
// device" (no local operation), with and without enforce_unique; messages are edited,
// deleted, undeleted and added. Both are also checked against the model server's truth.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createChatClient, selectChannel, tableGet, type ChatClient } from 'chatstore';

const require = createRequire(import.meta.url);
const { StreamChat } = require('stream-chat') as { StreamChat: new (...args: unknown[]) => PeerClient };

interface PeerClient {
  axiosInstance: { defaults: { adapter: unknown } };
  _setUser(user: unknown): void;
  wsPromise: Promise<void> | null;
  queryChannelsRequestWithResponse: (...args: unknown[]) => Promise<unknown>;
  queryChannels(filter: unknown, sort: unknown, options: unknown): Promise<unknown>;
  dispatchEvent(event: unknown): void;
  activeChannels: Record<string, { state: { findMessage(id: string): { own_reactions?: Array<{ type: string; score?: number }> } | undefined } }>;
}

const ME = 'me';
const USERS = [ME, 'bob', 'carol', 'dave'];
const TYPES = ['like', 'love', 'wow', 'haha', 'sad'];
const CID = 'messaging:oracle';
const T0 = Date.UTC(2025, 0, 1);
const EVENTS = 3_000;

/** mulberry32: the same seed gives the same stream. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function wireUser(id: string): Record<string, unknown> {
  return { id, name: id, role: 'user', created_at: iso(T0), updated_at: iso(T0) };
}

interface Reaction {
  user: string;
  type: string;
  score: number;
  created: number;
  updated: number;
}

interface Msg {
  id: string;
  user: string;
  text: string;
  created: number;
  updated: number;
  deleted: number | null;
  reactions: Reaction[];
}

/** The service: messages and their reactions, rendered as it renders them. */
class ModelServer {
  readonly messages = new Map<string, Msg>();
  now = T0;

  tick(): number {
    this.now += 1_000;
    return this.now;
  }

  reactionWire(m: Msg, r: Reaction): Record<string, unknown> {
    return { message_id: m.id, user_id: r.user, user: wireUser(r.user), type: r.type, score: r.score, custom: {}, created_at: iso(r.created), updated_at: iso(r.updated) };
  }

  /** The message as a response carries it; `viewer` fills own_reactions (REST), none leaves it [] (events). */
  render(m: Msg, viewer?: string): Record<string, unknown> {
    const counts: Record<string, number> = {};
    const scores: Record<string, number> = {};
    const groups: Record<string, unknown> = {};
    for (const r of m.reactions) {
      counts[r.type] = (counts[r.type] ?? 0) + 1;
      scores[r.type] = (scores[r.type] ?? 0) + r.score;
    }
    for (const t of Object.keys(counts)) groups[t] = { count: counts[t], sum_scores: scores[t], first_reaction_at: iso(T0), last_reaction_at: iso(this.now) };
    const newest = [...m.reactions].sort((a, b) => b.updated - a.updated);
    return {
      id: m.id,
      cid: CID,
      type: m.deleted === null ? 'regular' : 'deleted',
      text: m.deleted === null ? m.text : '',
      html: '',
      user: wireUser(m.user),
      attachments: [],
      mentioned_users: [],
      mentioned_channel: false,
      mentioned_here: false,
      silent: false,
      shadowed: false,
      pinned: false,
      restricted_visibility: [],
      reply_count: 0,
      deleted_reply_count: 0,
      custom: {},
      latest_reactions: newest.slice(0, 10).map((r) => this.reactionWire(m, r)),
      own_reactions: viewer === undefined ? [] : newest.filter((r) => r.user === viewer).map((r) => this.reactionWire(m, r)),
      reaction_counts: counts,
      reaction_scores: scores,
      reaction_groups: groups,
      created_at: iso(m.created),
      updated_at: iso(m.updated),
      ...(m.deleted !== null ? { deleted_at: iso(m.deleted) } : {}),
    };
  }

  /** The own reaction facts the service holds for a message: "type:score", sorted. */
  ownFacts(id: string): string[] | undefined {
    const m = this.messages.get(id);
    return m ? facts(m.reactions.filter((r) => r.user === ME)) : undefined;
  }
}

function facts(list: ReadonlyArray<{ type: string; score?: number | undefined }>): string[] {
  return list.map((r) => `${r.type}:${r.score ?? 1}`).sort();
}

/** The seeded stream: the channel state a query answers at the start, then the events. */
function scenario(seed: number): { channel: Record<string, unknown>; events: Array<Record<string, unknown>>; server: ModelServer } {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const server = new ModelServer();
  let next = 0;
  const newMessage = (): Msg => {
    const at = server.tick();
    const m: Msg = { id: `m${next++}`, user: pick(USERS), text: `hello ${next}`, created: at, updated: at, deleted: null, reactions: [] };
    server.messages.set(m.id, m);
    return m;
  };
  // History with reactions on it, own ones included: the query's own_reactions are trusted.
  for (let i = 0; i < 40; i++) newMessage();
  for (let i = 0; i < 80; i++) {
    const m = pick([...server.messages.values()]);
    const user = pick(USERS);
    const type = pick(TYPES);
    if (m.reactions.some((r) => r.user === user && r.type === type)) continue;
    const at = server.tick();
    m.reactions.push({ user, type, score: 1, created: at, updated: at });
    m.updated = at;
  }
  const channel = {
    channel: { cid: CID, type: 'messaging', id: 'oracle', created_at: iso(T0), updated_at: iso(T0), last_message_at: iso(server.now), member_count: USERS.length },
    members: USERS.map((u) => ({ user_id: u, user: wireUser(u), channel_role: 'channel_member', created_at: iso(T0), updated_at: iso(T0) })),
    messages: [...server.messages.values()].map((m) => server.render(m, ME)),
    pinned_messages: [],
    read: USERS.map((u) => ({ user: wireUser(u), last_read: iso(server.now), unread_messages: 0 })),
    watcher_count: 0,
  };

  const events: Array<Record<string, unknown>> = [];
  const base = (type: string, actor: string, m: Msg): Record<string, unknown> => ({
    type, cid: CID, channel_id: 'oracle', channel_type: 'messaging', created_at: iso(server.now), user: wireUser(actor), message: server.render(m),
  });
  while (events.length < EVENTS) {
    const live = [...server.messages.values()].filter((m) => m.deleted === null);
    const roll = random();
    if (roll < 0.5) {
      // A reaction, the own user's a third of the time (from another device).
      const m = pick(live);
      const user = random() < 0.35 ? ME : pick(USERS.slice(1));
      const type = pick(TYPES);
      const unique = random() < 0.25;
      const score = random() < 0.3 ? 1 + Math.floor(random() * 3) : 1;
      const at = server.tick();
      const same = m.reactions.find((r) => r.user === user && r.type === type);
      if (unique) m.reactions = m.reactions.filter((r) => r.user !== user || r.type === type);
      let r: Reaction;
      if (same) {
        same.score = score;
        same.updated = at;
        r = same;
      } else {
        r = { user, type, score, created: at, updated: at };
        m.reactions.push(r);
      }
      m.updated = at;
      // The service sends reaction.updated for an enforce_unique send (the official client
      // reads reaction.updated that way), reaction.new otherwise.
      events.push({ ...base(unique ? 'reaction.updated' : 'reaction.new', user, m), reaction: server.reactionWire(m, r) });
    } else if (roll < 0.75) {
      const withReactions = live.filter((m) => m.reactions.length > 0);
      if (withReactions.length === 0) continue;
      const m = pick(withReactions);
      const r = pick(m.reactions);
      server.tick();
      m.reactions = m.reactions.filter((x) => x !== r);
      m.updated = server.now;
      events.push({ ...base('reaction.deleted', r.user, m), reaction: server.reactionWire(m, r) });
    } else if (roll < 0.88) {
      const m = pick(live);
      m.text = `edited ${events.length}`;
      m.updated = server.tick();
      events.push(base('message.updated', m.user, m));
    } else if (roll < 0.93) {
      const m = newMessage();
      events.push(base('message.new', m.user, m));
    } else if (roll < 0.97) {
      const m = pick(live);
      m.deleted = server.tick();
      m.updated = server.now;
      events.push(base('message.deleted', m.user, m));
    } else {
      const deleted = [...server.messages.values()].filter((m) => m.deleted !== null);
      if (deleted.length === 0) continue;
      const m = pick(deleted);
      m.deleted = null;
      m.updated = server.tick();
      events.push(base('message.undeleted', m.user, m));
    }
  }
  return { channel, events, server };
}

const OWN_USER = { ...wireUser(ME), total_unread_count: 0, unread_channels: 0, unread_threads: 0, channel_mutes: [], mutes: [] };

async function peerClient(channel: Record<string, unknown>): Promise<PeerClient> {
  const client = new StreamChat('oracle-key', { allowServerSideConnect: true, browser: false, baseURL: 'http://127.0.0.1:9' });
  // No server: any request answers empty; the channel query answers with the scenario's state.
  client.axiosInstance.defaults.adapter = async (config: unknown) => ({ data: {}, status: 200, statusText: 'OK', headers: {}, config });
  client._setUser(OWN_USER);
  client.wsPromise = Promise.resolve();
  client.queryChannelsRequestWithResponse = async () => ({ channels: [structuredClone(channel)], duration: '0ms' });
  await client.queryChannels({ type: 'messaging' }, [{ last_message_at: -1 }], { limit: 1, message_limit: 300 });
  return client;
}

function ourClient(channel: Record<string, unknown>): ChatClient {
  const client = createChatClient({ apiKey: 'oracle-key', baseUrl: 'http://127.0.0.1:9', windowCap: 0 });
  client.dispatchEvent({ type: 'health.check', created_at: iso(T0), connection_id: 'oracle', me: structuredClone(OWN_USER) });
  client.hydrateChannels([structuredClone(channel)], { messageLimit: 300 });
  return client;
}

function ourFacts(client: ChatClient, id: string): string[] | undefined {
  const ch = selectChannel(client.getState(), CID);
  const m = ch ? tableGet(ch.messages, id) : undefined;
  return m ? facts(m.own_reactions) : undefined;
}

function peerFacts(client: PeerClient, id: string): string[] | undefined {
  const m = client.activeChannels[CID]?.state.findMessage(id);
  return m ? facts(m.own_reactions ?? []) : undefined;
}

describe('own reactions agree with the official client over a seeded stream', () => {
  it.each([20, 21])('seed %i: 0 disagreements on own-reaction facts, and both hold the truth', async (seed) => {
    const { channel, events, server } = scenario(seed);
    const peer = await peerClient(channel);
    const ours = ourClient(channel);
    const errors: unknown[] = [];
    ours.errors$.subscribe((e) => errors.push(e));
    const disagreements: string[] = [];
    const wrong: string[] = [];
    let compared = 0;
    const compare = (at: number) => {
      for (const id of server.messages.keys()) {
        const a = ourFacts(ours, id);
        const b = peerFacts(peer, id);
        if (a === undefined || b === undefined) continue;
        compared += 1;
        if (a.join() !== b.join()) disagreements.push(`after event ${at}, ${id}: ours [${a.join()}] peer [${b.join()}]`);
      }
    };
    events.forEach((event, i) => {
      // Each side takes its own copy: both take over what they are given.
      peer.dispatchEvent(structuredClone(event));
      ours.dispatchEvent(structuredClone(event));
      if ((i + 1) % 100 === 0) compare(i + 1);
    });
    for (const id of server.messages.keys()) {
      const truth = server.ownFacts(id);
      const a = ourFacts(ours, id);
      if (a !== undefined && a.join() !== truth?.join()) wrong.push(`${id}: ours [${a.join()}] truth [${truth?.join()}]`);
    }
    expect(errors).toEqual([]);
    // Both held the same messages, so every comparison counted.
    expect(compared).toBeGreaterThan(30 * 40);
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(disagreements.length).toBe(0);
    expect(wrong).toEqual([]);
  });
});
