// The soak (issue 21): several real clients, each behind its own TCP proxy that is cut and
// restored, run a seeded random workload of sends, edits, soft and hard deletes, reactions
// and reads over a few channels of a real emulator. At the end every client's state is
// compared, fact by fact, with what the server returns over REST for that user, and every
// send that resolved must be on the server exactly once.
import { combineLatest, firstValueFrom, filter, timeout } from 'rxjs';
import { createChatClient, decodeModel, tableGet, tableValues, type ChatClient, type MessageResponse } from 'chatstore';
import { startEmulator } from 'chatstore/emulator';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.ts';
import { compareClient, type Truth } from './soakCompare.ts';

export interface SoakOptions {
  seed: number;
  clients: number;
  channels: number;
  /** Workload steps (one write each). */
  steps: number;
  /** Messages each channel holds before the clients arrive (they load all of it). */
  history: number;
  /** Chance per step that a client still connected is cut. */
  cutChance: number;
  /** A cut lasts this many steps (uniform in the range). */
  cutSteps: readonly [number, number];
  /** How long the clients get to settle at the end. */
  settleMs?: number;
}

export interface SoakFigures {
  seed: number;
  clients: number;
  channels: number;
  steps: number;
  sends: number;
  resolved: number;
  failed: number;
  edits: number;
  deletes: number;
  reactions: number;
  reads: number;
  rejected: number;
  cuts: number;
  facts: number;
  mismatches: number;
  lost: number;
  duplicated: number;
  /** The first few mismatches, to read when the numbers are not zero. */
  examples: string[];
}

/** mulberry32: a small seeded PRNG, so a seed replays the same workload choices. */
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

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** A REST call to the emulator as `token`'s user, straight (not through a proxy). */
async function rest(emu: Emulator, token: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}${path}${path.includes('?') ? '&' : '?'}api_key=${emu.apiKey}`, {
    method,
    headers: { Authorization: token, 'stream-auth-type': 'jwt', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function decoded<T>(model: string, value: unknown): T {
  const r = decodeModel(model as never, value);
  if (!r.ok) throw r.error;
  return r.value as T;
}

/** What the server returns for `userId`: every message of each channel (oldest first), reads, unread counts. */
async function readTruth(emu: Emulator, token: string, cids: readonly string[]): Promise<Truth> {
  const channels: Truth['channels'] = {};
  for (const cid of cids) {
    const [type, id] = cid.split(':') as [string, string];
    const pages: MessageResponse[][] = [];
    let before: string | undefined;
    let reads: Truth['channels'][string]['reads'] = [];
    for (;;) {
      const raw = await rest(emu, token, 'POST', `/api/v2/chat/channels/${type}/${id}/query`, { state: true, messages: { limit: 300, ...(before ? { id_lt: before } : {}) } });
      const res = decoded<{ messages: MessageResponse[]; read?: Truth['channels'][string]['reads'] }>('ChannelStateResponse', raw);
      if (!before) reads = res.read ?? [];
      pages.unshift(res.messages);
      if (res.messages.length < 300) break;
      before = res.messages[0]?.id;
    }
    channels[cid] = { messages: pages.flat(), reads };
  }
  const unread = decoded<Truth['unread']>('WrappedUnreadCountsResponse', await rest(emu, token, 'GET', '/api/v2/chat/unread'));
  return { channels, unread };
}

interface Actor {
  userId: string;
  token: string;
  client: ChatClient;
  proxy: TcpProxy;
  /** Step at which the cut ends (undefined when not cut). */
  restoreAt: number | undefined;
}

/** Run one soak and return its figures. */
export async function runSoak(o: SoakOptions): Promise<SoakFigures> {
  const random = rng(o.seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const users = Array.from({ length: o.clients }, (_, i) => `soak${i}`);
  const cids = Array.from({ length: o.channels }, (_, i) => `messaging:soak-${i}`);
  const emu = await startEmulator({
    port: 0,
    seed: {
      users: users.map((id) => ({ id })),
      channels: cids.map((cid, c) => ({
        type: 'messaging',
        id: cid.slice('messaging:'.length),
        members: users,
        messages: Array.from({ length: o.history }, (_, k) => ({
          id: `h${c}-${k}`,
          user: users[k % users.length] as string,
          text: `h${c}-${k}`,
        })),
      })),
    },
  });
  const actors: Actor[] = [];
  const figures: SoakFigures = {
    seed: o.seed, clients: o.clients, channels: o.channels, steps: o.steps,
    sends: 0, resolved: 0, failed: 0, edits: 0, deletes: 0, reactions: 0, reads: 0, rejected: 0,
    cuts: 0, facts: 0, mismatches: 0, lost: 0, duplicated: 0, examples: [],
  };
  const sends: Array<{ id: string; cid: string; actor: Actor; resolved: boolean }> = [];
  const hardDeleted = new Set<string>();
  const inFlight: Promise<unknown>[] = [];
  try {
    for (const userId of users) {
      const proxy = await startTcpProxy(Number(new URL(emu.url).port));
      const client = createChatClient({ apiKey: emu.apiKey, baseUrl: `http://127.0.0.1:${proxy.port}` });
      const token = await emu.createToken(userId);
      await client.connectUser({ id: userId, name: userId }, token);
      for (const cid of cids) {
        const handle = client.channel('messaging', cid.slice('messaging:'.length));
        await handle.watch({ messageLimit: 300 });
        // The whole history, so edits of old messages during a gap are what recovery must fix.
        for (let guard = 0; guard < 50; guard++) {
          const ch = tableGet(client.getState().channels, cid);
          if (!ch || !ch.windows[ch.current]?.hasOlder) break;
          await handle.loadOlder(300);
        }
      }
      actors.push({ userId, token, client, proxy, restoreAt: undefined });
    }

    const connected = (a: Actor): boolean => !a.proxy.isCut && a.client.connection$ !== undefined && statusOf(a) === 'connected';
    const heldMessages = (a: Actor, cid: string) => {
      const ch = tableGet(a.client.getState().channels, cid);
      return ch ? tableValues(ch.messages).filter((m) => m.status === 'received' && m.type !== 'deleted' && !m.parent_id) : [];
    };

    for (let step = 0; step < o.steps; step++) {
      for (const a of actors) {
        if (a.restoreAt !== undefined && step >= a.restoreAt) {
          a.proxy.restore();
          a.restoreAt = undefined;
        }
      }
      if (random() < o.cutChance) {
        const a = pick(actors.filter((x) => !x.proxy.isCut));
        if (a) {
          a.proxy.cut();
          a.restoreAt = step + o.cutSteps[0] + Math.floor(random() * (o.cutSteps[1] - o.cutSteps[0] + 1));
        }
      }
      const a = pick(actors) as Actor;
      const cid = pick(cids) as string;
      const handle = a.client.channel('messaging', cid.slice('messaging:'.length));
      const r = random();
      let op: Promise<unknown>;
      if (r < 0.5) {
        const id = `${a.userId}-s${step}`;
        figures.sends += 1;
        const record = { id, cid, actor: a, resolved: false };
        sends.push(record);
        // Resolved: the promise settled and the store holds the server's copy.
        op = handle.sendMessage({ id, text: `${id} says ${Math.floor(random() * 1e6)}` }).then(() => {
          record.resolved = heldStatus(a, cid, id) === 'received';
        });
      } else {
        const held = heldMessages(a, cid);
        const own = held.filter((m) => m.user?.id === a.userId);
        if (r < 0.6 && own.length > 0) {
          const m = pick(own) as MessageResponse;
          figures.edits += 1;
          op = handle.updateMessage(m.id, { text: `${m.id} edited at ${step}` });
        } else if (r < 0.66 && own.length > 0) {
          const m = pick(own) as MessageResponse;
          const hard = random() < 0.35;
          figures.deletes += 1;
          op = handle.deleteMessage(m.id, { hard }).then(() => {
            if (hard) hardDeleted.add(m.id);
          });
        } else if (r < 0.88 && held.length > 0) {
          const m = pick(held) as MessageResponse;
          const type = pick(['like', 'love', 'haha']) as string;
          figures.reactions += 1;
          op = m.own_reactions.some((x) => x.type === type) ? handle.deleteReaction(m.id, type) : handle.sendReaction(m.id, type);
        } else {
          figures.reads += 1;
          op = handle.markRead();
        }
      }
      // Rejections while cut are expected (PROTOCOL.md section 8: writes other than sends
      // are rejected and rolled back offline); the comparison at the end checks the rollback.
      const settled = op.then(
        () => undefined,
        () => {
          figures.rejected += 1;
        },
      );
      inFlight.push(settled);
      // Pace the workload by the connected clients; a cut client's writes wait or fail alone.
      if (connected(a)) await settled;
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }

    for (const a of actors) a.proxy.restore();
    for (const a of actors) await firstValueFrom(a.client.connection$.pipe(filter((c) => c.status === 'connected'), timeout(60_000)));
    await Promise.all(inFlight);
    const resolved = sends.filter((s) => s.resolved);
    figures.resolved = resolved.length;
    figures.failed = sends.length - resolved.length;
    figures.cuts = actors.reduce((n, a) => n + a.proxy.cuts, 0);

    // The server no longer changes: read what it holds for each user once, then give the
    // clients the time their events take to arrive.
    const truths = new Map<string, Truth>();
    for (const a of actors) truths.set(a.userId, await readTruth(emu, a.token, cids));
    const compareAll = () => actors.map((a) => compareClient(a.client, a.userId, truths.get(a.userId) as Truth, cids));
    await firstValueFrom(
      combineLatest(actors.map((a) => a.client.state$)).pipe(
        filter(() => compareAll().every((r) => r.mismatches.length === 0)),
        timeout(o.settleMs ?? 10_000),
      ),
    ).catch(() => undefined);
    for (const r of compareAll()) {
      figures.facts += r.facts;
      figures.mismatches += r.mismatches.length;
      for (const m of r.mismatches) if (figures.examples.length < 12) figures.examples.push(m);
    }
    // Every resolved send on the server exactly once (hard-deleted ones aside): present by
    // its id, and no other message carries its text (a second copy under another id).
    const first = truths.get(users[0] as string) as Truth;
    const ids = new Map<string, number>();
    const copies = new Map<string, number>();
    for (const cid of cids) {
      for (const m of first.channels[cid]?.messages ?? []) {
        ids.set(m.id, (ids.get(m.id) ?? 0) + 1);
        const key = m.text.split(' ')[0] ?? '';
        if (key !== m.id) copies.set(key, (copies.get(key) ?? 0) + 1);
      }
    }
    for (const s of resolved) {
      const n = ids.get(s.id) ?? 0;
      if (n === 0 && !hardDeleted.has(s.id)) figures.lost += 1;
      figures.duplicated += Math.max(0, n - 1) + (copies.get(s.id) ?? 0);
    }
    return figures;
  } finally {
    for (const a of actors) {
      a.proxy.restore();
      await a.client.disconnectUser().catch(() => undefined);
      await a.proxy.close();
    }
    await emu.close();
  }

  function heldStatus(a: Actor, cid: string, id: string): string | undefined {
    const ch = tableGet(a.client.getState().channels, cid);
    return ch ? tableGet(ch.messages, id)?.status : undefined;
  }

  function statusOf(a: Actor): string {
    let s = 'idle';
    a.client.connection$.subscribe((c) => (s = c.status)).unsubscribe();
    return s;
  }
}
