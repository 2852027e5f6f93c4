// A raw client for the emulator tests: plain fetch and ws, never chatstore's client, so a
// client bug cannot hide an emulator bug (ARCHITECTURE.md).
import WebSocket from 'ws';
import { expect } from 'vitest';
import { startEmulator, type Emulator, type SeedData } from 'chatstore/emulator';

export type Json = Record<string, any>;

export interface ApiResult {
  status: number;
  body: Json;
  headers: Headers;
}

export interface CallOptions {
  query?: Record<string, string>;
  token?: string | null;
  apiKey?: string;
  rawBody?: string | FormData;
  headers?: Record<string, string>;
}

/** One REST call with the headers PROTOCOL.md section 1 lists. */
export async function call(emu: Emulator, token: string, method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<ApiResult> {
  const url = new URL(path, emu.url);
  url.searchParams.set('api_key', options.apiKey ?? emu.apiKey);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { 'stream-auth-type': 'jwt', ...options.headers };
  const auth = options.token === undefined ? token : options.token;
  if (auth !== null) headers['Authorization'] = `Bearer ${auth}`;
  let payload: string | FormData | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (body !== undefined) payload = JSON.stringify(body);
  if (typeof payload === 'string') headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json), headers: res.headers };
}

export function connectUrl(emu: Emulator, token: string, userId: string, details: Json = {}): string {
  const json = JSON.stringify({ user_id: userId, user_details: { id: userId, ...details } });
  const q = new URLSearchParams({ json, api_key: emu.apiKey, authorization: token, 'stream-auth-type': 'jwt' });
  return `${emu.wsUrl}?${q}`;
}

/** A user with a token, a socket and the frames it received. */
export class RawClient {
  readonly events: Json[] = [];
  readonly #waiters = new Set<() => void>();
  #closed = false;

  private constructor(
    readonly emu: Emulator,
    readonly userId: string,
    readonly token: string,
    readonly socket: WebSocket,
    readonly first: Json,
  ) {
    socket.on('message', (data) => {
      this.events.push(JSON.parse(String(data)) as Json);
      for (const w of [...this.#waiters]) w();
    });
    socket.on('close', () => {
      this.#closed = true;
      for (const w of [...this.#waiters]) w();
    });
  }

  get connectionId(): string {
    return this.first['connection_id'] as string;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Open a socket and wait for the first frame (a health.check with `me`). */
  static async connect(emu: Emulator, userId: string, details: Json = {}): Promise<RawClient> {
    const token = await emu.createToken(userId);
    const socket = new WebSocket(connectUrl(emu, token, userId, details));
    const first = await firstFrame(socket);
    if (first['error']) throw new Error(`connect failed: ${JSON.stringify(first['error'])}`);
    return new RawClient(emu, userId, token, socket, first);
  }

  /** A REST call as this user, on this connection. */
  api(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<ApiResult> {
    return call(this.emu, this.token, method, path, body, { ...options, query: { connection_id: this.connectionId, ...options.query } });
  }

  /** Wait until an event matching `predicate` has arrived (the bound only guards a broken test). */
  waitFor(predicate: (e: Json) => boolean, what = 'event'): Promise<Json> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.events.find(predicate);
        if (found) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        } else if (this.#closed) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`socket closed before ${what} (${this.userId})`));
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no ${what} for ${this.userId}; got ${this.events.map((e) => e['type']).join(', ')}`));
      }, 5000);
      this.#waiters.add(check);
      check();
    });
  }

  waitForType(type: string, filter: (e: Json) => boolean = () => true): Promise<Json> {
    return this.waitFor((e) => e['type'] === type && filter(e), type);
  }

  /**
   * Round-trip a health check: the server writes frames in order, so every event caused by
   * a request that already answered is in `events` when this resolves.
   */
  async sync(): Promise<void> {
    const before = this.events.filter((e) => e['type'] === 'health.check').length;
    this.socket.send(JSON.stringify({ type: 'health.check', client_id: this.connectionId }));
    await this.waitFor(() => this.events.filter((e) => e['type'] === 'health.check').length > before, 'health.check reply');
  }

  /** Events of a type received so far (call sync() first to be sure nothing is in flight). */
  ofType(type: string): Json[] {
    return this.events.filter((e) => e['type'] === type);
  }

  clear(): void {
    this.events.length = 0;
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close(1000);
    });
  }
}

/** The first frame of a socket (or the HTTP status if the upgrade was refused). */
export function firstFrame(socket: WebSocket): Promise<Json> {
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve(JSON.parse(String(data)) as Json));
    socket.once('unexpected-response', (_req, res) => resolve({ refusedStatus: res.statusCode }));
    socket.once('error', reject);
  });
}

/** Wait for a socket to close; resolves with the close code. */
export function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (socket.readyState === socket.CLOSED) resolve(1006);
    else socket.once('close', (code) => resolve(code));
  });
}

export const chan = (type: string, id: string, tail = ''): string => `/api/v2/chat/channels/${type}/${id}${tail}`;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A timestamp as the emulator writes them (PROTOCOL.md section 4: RFC 3339 strings), as epoch
 * ms. Fails on null, undefined, a number or an unparsable string, where toBeDefined() would
 * let null through.
 */
export function expectTime(value: unknown): number {
  expect(value).toEqual(expect.stringMatching(RFC3339));
  const ms = Date.parse(value as string);
  expect(Number.isNaN(ms), `unparsable time ${String(value)}`).toBe(false);
  return ms;
}

/** An emulator seeded with `seed`, and alice and bob connected and watching `messaging:<id>`. */
export async function watchingPair(seed: SeedData, id: string): Promise<{ emu: Emulator; alice: RawClient; bob: RawClient; close(): Promise<void> }> {
  const emu = await startEmulator({ seed });
  const alice = await RawClient.connect(emu, 'alice');
  const bob = await RawClient.connect(emu, 'bob');
  await alice.api('POST', chan('messaging', id, '/query'), { watch: true });
  await bob.api('POST', chan('messaging', id, '/query'), { watch: true });
  const close = async () => {
    await alice.close();
    await bob.close();
    await emu.close();
  };
  return { emu, alice, bob, close };
}
