import { Subject } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { DecodeError } from '../../src/models/decode.ts';
import type { ChatEvent } from '../../src/models/events.ts';
import { createTokenManager, type TokenManager } from '../../src/transport/auth.ts';
import type { ChatError } from '../../src/transport/chatError.ts';
import { createSocket, type SocketState } from '../../src/transport/socket.ts';
import { fakeWebSocketFactory, type FakeWebSocket } from './helpers/fakeWebSocket.ts';
import { signToken } from './helpers/tokens.ts';
import { settle, VirtualClock } from './helpers/virtualClock.ts';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const CREATED = '2024-05-01T10:00:00Z';

function healthCheck(connectionId = 'conn-1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'health.check',
    created_at: CREATED,
    connection_id: connectionId,
    me: { id: 'alice', name: 'Alice', total_unread_count: 3, unread_channels: 1, unread_threads: 0 },
    ...extra,
  };
}

function errorFrame(code: number, StatusCode: number, message = `error ${code}`): Record<string, unknown> {
  return { error: { code, message, StatusCode, duration: '0ms' } };
}

async function setup(options: { tokens?: TokenManager; connectAttempts?: number } = {}) {
  const clock = new VirtualClock(T0);
  const ws = fakeWebSocketFactory();
  const online$ = new Subject<boolean>();
  const token = await signToken('alice');
  const tokens = options.tokens ?? createTokenManager({ userId: 'alice', token });
  const socket = createSocket({
    wsUrl: 'ws://127.0.0.1:9/connect',
    apiKey: 'key-1',
    user: { id: 'alice', name: 'Alice', color: 'blue' },
    tokens,
    WebSocket: ws.WebSocket,
    scheduler: clock.scheduler,
    random: () => 0.5,
    online$,
    ...(options.connectAttempts !== undefined ? { connectAttempts: options.connectAttempts } : {}),
  });
  const states: SocketState[] = [];
  const events: ChatEvent[] = [];
  const errors: (ChatError | DecodeError)[] = [];
  socket.state$.subscribe((s) => states.push(s));
  socket.events$.subscribe((e) => events.push(e));
  socket.errors$.subscribe((e) => errors.push(e));
  const status = () => states[states.length - 1]?.status;
  /** Let the pending attempt open its socket, then greet it as the server would. */
  const greet = async (connectionId = 'conn-1'): Promise<FakeWebSocket> => {
    await settle();
    const s = ws.last();
    s.serverOpen();
    s.serverSend(healthCheck(connectionId));
    await settle();
    return s;
  };
  /** Start the socket and complete the handshake. */
  const connected = async (): Promise<FakeWebSocket> => {
    const p = socket.connect();
    const s = await greet();
    await p;
    return s;
  };
  return { clock, ws, online$, token, tokens, socket, states, events, errors, status, greet, connected };
}

function track<T>(promise: Promise<T>) {
  const out: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (v) => Object.assign(out, { value: v, done: true }),
    (e: unknown) => Object.assign(out, { error: e, done: true }),
  );
  return out;
}

describe('createSocket: handshake', () => {
  it('opens the connect URL of PROTOCOL.md and resolves on the first frame, not on open', async () => {
    const t = await setup();
    expect(t.status()).toBe('idle');
    const out = track(t.socket.connect());
    await settle();
    const s = t.ws.last();
    const url = new URL(s.url);
    expect(url.origin + url.pathname).toBe('ws://127.0.0.1:9/connect');
    expect(url.searchParams.get('api_key')).toBe('key-1');
    expect(url.searchParams.get('authorization')).toBe(t.token);
    expect(url.searchParams.get('stream-auth-type')).toBe('jwt');
    const json = JSON.parse(url.searchParams.get('json') ?? '{}') as Record<string, unknown>;
    expect(json['user_id']).toBe('alice');
    expect(json['user_details']).toEqual({ id: 'alice', name: 'Alice', color: 'blue' });
    expect(t.status()).toBe('connecting');

    s.serverOpen();
    await settle();
    expect(out.done).toBe(false);
    s.serverSend(healthCheck('conn-9'));
    await settle();
    expect(out.done).toBe(true);
    expect(out.value?.connectionId).toBe('conn-9');
    expect(out.value?.me).toMatchObject({ id: 'alice', total_unread_count: 3 });
    expect(t.socket.connectionId).toBe('conn-9');
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'connected', connectionId: 'conn-9', attempt: 0, reconnected: false });
    // The first frame is the handshake, not an event.
    expect(t.events).toHaveLength(0);
  });

  it('emits the current state to late subscribers and shares one connect() call', async () => {
    const t = await setup();
    const a = t.socket.connect();
    const b = t.socket.connect();
    expect(b).toBe(a);
    await t.greet();
    await a;
    await expect(t.socket.connect()).resolves.toMatchObject({ connectionId: 'conn-1' });
    const seen: SocketState[] = [];
    t.socket.state$.subscribe((s) => seen.push(s)).unsubscribe();
    expect(seen).toEqual([expect.objectContaining({ status: 'connected' })]);
    expect(t.ws.sockets).toHaveLength(1);
  });

  it('fails an attempt with no first frame within 15 s and tries again', async () => {
    const t = await setup();
    const out = track(t.socket.connect());
    await settle();
    t.ws.last().serverOpen();
    await t.clock.advance(14_999);
    expect(t.ws.sockets).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.ws.sockets[0]?.closedWith).toBeDefined();
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'connecting', attempt: 2 });
    // random() = 0.5: the first retry waits 375 ms.
    await t.clock.advance(375);
    expect(t.ws.sockets).toHaveLength(2);
    await t.greet();
    expect(out.done).toBe(true);
  });

  it('gives up the first connect after connectAttempts failures', async () => {
    const t = await setup({ connectAttempts: 3 });
    const out = track(t.socket.connect());
    for (let i = 0; i < 3; i++) {
      await settle();
      t.ws.last().serverClose(1006);
      await t.clock.advance(30_000);
    }
    expect(out.done).toBe(true);
    expect(out.error).toMatchObject({ code: -1, endpoint: 'connect' });
    expect(t.status()).toBe('closed');
    expect(t.ws.sockets).toHaveLength(3);
  });

  it('rejects a user who is not the token manager user', async () => {
    const t = await setup({ tokens: createTokenManager({ userId: 'bob', token: await signToken('bob') }) });
    await expect(t.socket.connect()).rejects.toMatchObject({ code: 43, endpoint: 'connect' });
    expect(t.ws.sockets).toHaveLength(0);
  });
});

describe('createSocket: health checks and watchdog', () => {
  it('sends health.check 25 s after each received frame', async () => {
    const t = await setup();
    const s = await t.connected();
    await t.clock.advance(24_999);
    expect(s.sent).toHaveLength(0);
    await t.clock.advance(1);
    expect(s.sentJson()).toEqual([{ type: 'health.check', client_id: 'conn-1' }]);

    // The server answers; the answer is an event, and it restarts the 25 s.
    await t.clock.advance(100);
    s.serverSend(healthCheck('conn-1'));
    expect(t.events.map((e) => e.type)).toEqual(['health.check']);
    await t.clock.advance(24_999);
    expect(s.sent).toHaveLength(1);
    await t.clock.advance(1);
    expect(s.sent).toHaveLength(2);
  });

  it('sends no health.check while frames keep arriving', async () => {
    const t = await setup();
    const s = await t.connected();
    for (let i = 0; i < 10; i++) {
      await t.clock.advance(20_000);
      s.serverSend({ type: 'typing.start', created_at: CREATED, cid: 'messaging:general' });
    }
    expect(s.sent).toHaveLength(0);
    expect(t.events).toHaveLength(10);
    expect(t.status()).toBe('connected');
  });

  it('drops the socket after 35 s of silence and reconnects with backoff', async () => {
    const t = await setup();
    const first = await t.connected();
    await t.clock.advance(34_999);
    expect(first.closedWith).toBeUndefined();
    await t.clock.advance(1);
    expect(first.closedWith).toBeDefined();
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'connecting', attempt: 1, reconnected: true });
    expect(t.socket.connectionId).toBeUndefined();
    await t.clock.advance(374);
    expect(t.ws.sockets).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.ws.sockets).toHaveLength(2);
    await t.greet('conn-2');
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'connected', connectionId: 'conn-2', reconnected: true });
    expect(t.socket.connectionId).toBe('conn-2');
  });
});

describe('createSocket: reconnecting', () => {
  it('backs off exponentially with jitter up to 25 s between failed attempts', async () => {
    const t = await setup();
    const first = await t.connected();
    const openedAt: number[] = [];
    first.serverClose(1006);
    let lastCount = 1;
    while (openedAt.length < 9) {
      // Only the backoff timer is pending between attempts: jump to it.
      await t.clock.advance((t.clock.nextDue() ?? t.clock.now()) - t.clock.now());
      if (t.ws.sockets.length > lastCount) {
        lastCount = t.ws.sockets.length;
        openedAt.push(t.clock.now());
        t.ws.last().serverClose(1006);
      }
    }
    const gaps = openedAt.map((at, i) => at - (i === 0 ? T0 : (openedAt[i - 1] ?? 0)));
    // random() = 0.5 puts each wait at 3/4 of min(25 s, 500 ms * 2^(n-1)).
    expect(gaps).toEqual([375, 750, 1500, 3000, 6000, 12_000, 18_750, 18_750, 18_750]);
  });

  it('runs one attempt at a time and ignores frames and closes of older sockets', async () => {
    const t = await setup();
    const old = await t.connected();
    old.serverError();
    old.serverClose(1006); // error then close of the same socket: one reconnect, not two
    await t.clock.advance(375);
    expect(t.ws.sockets).toHaveLength(2);
    await t.clock.advance(10_000); // the new attempt waits for its first frame: still one
    expect(t.ws.sockets).toHaveLength(2);
    expect(t.ws.sockets.filter((s) => s.readyState !== 3)).toHaveLength(1);

    const current = await t.greet('conn-2');
    old.serverSend({ type: 'message.new', created_at: CREATED, cid: 'messaging:general' });
    old.serverClose(1011);
    await t.clock.advance(20_000); // below the 25 s health check, so nothing else happens
    expect(t.events.filter((e) => e.type === 'message.new')).toHaveLength(0);
    expect(t.status()).toBe('connected');
    expect(t.socket.connectionId).toBe('conn-2');
    current.serverSend({ type: 'message.new', created_at: CREATED, cid: 'messaging:general' });
    expect(t.events.filter((e) => e.type === 'message.new')).toHaveLength(1);
  });

  it('treats close 1000 from the server as final', async () => {
    const t = await setup();
    const s = await t.connected();
    s.serverClose(1000);
    await t.clock.advance(120_000);
    expect(t.ws.sockets).toHaveLength(1);
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'closed' });
  });

  it('waits while offline and reconnects soon after online', async () => {
    const t = await setup();
    const s = await t.connected();
    t.online$.next(false);
    expect(t.status()).toBe('offline');
    expect(s.closedWith).toBeDefined();
    await t.clock.advance(120_000);
    expect(t.ws.sockets).toHaveLength(1);
    t.online$.next(true);
    expect(t.status()).toBe('connecting');
    await t.clock.advance(375);
    expect(t.ws.sockets).toHaveLength(2);
    await t.greet('conn-2');
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'connected', reconnected: true });
  });

  it('cuts a long backoff short when the platform comes back online', async () => {
    const t = await setup();
    const first = await t.connected();
    first.serverClose(1006);
    for (let i = 0; i < 6; i++) {
      await t.clock.advance(t.clock.nextDue()! - t.clock.now());
      await settle();
      t.ws.last().serverClose(1006);
    }
    const before = t.ws.sockets.length;
    t.online$.next(false);
    t.online$.next(true);
    await t.clock.advance(375);
    expect(t.ws.sockets.length).toBe(before + 1);
  });
});

describe('createSocket: auth errors', () => {
  it('refreshes the token and reconnects once, at once, on code 40', async () => {
    const old = await signToken('alice', { extra: { v: 1 } });
    const fresh = await signToken('alice', { extra: { v: 2 } });
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce(old).mockResolvedValueOnce(fresh);
    const t = await setup({ tokens: createTokenManager({ userId: 'alice', token: provider }) });
    const out = track(t.socket.connect());
    await settle();
    const first = t.ws.last();
    first.serverOpen();
    first.serverSend(errorFrame(40, 401, 'token expired'));
    await settle();
    expect(t.ws.sockets).toHaveLength(2);
    expect(t.ws.last().params.get('authorization')).toBe(fresh);
    await t.greet();
    expect(out).toMatchObject({ done: true, value: { connectionId: 'conn-1' } });
  });

  it('fails when the refreshed token is rejected too, without a third attempt', async () => {
    // Signed up front: signing runs on the crypto thread pool, outside virtual time.
    const token = await signToken('alice');
    const provider = vi.fn(() => Promise.resolve(token));
    const t = await setup({ tokens: createTokenManager({ userId: 'alice', token: provider }) });
    const out = track(t.socket.connect());
    for (let i = 0; i < 2; i++) {
      await settle();
      t.ws.last().serverOpen();
      t.ws.last().serverSend(errorFrame(40, 401));
    }
    await settle();
    await t.clock.advance(120_000);
    expect(out.error).toMatchObject({ code: 40, retryable: false, endpoint: 'connect' });
    expect(t.ws.sockets).toHaveLength(2);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(t.status()).toBe('closed');
  });

  it('is final on code 40 with a static token', async () => {
    const t = await setup();
    const out = track(t.socket.connect());
    await settle();
    t.ws.last().serverOpen();
    t.ws.last().serverSend(errorFrame(40, 401));
    await t.clock.advance(120_000);
    expect(out.error).toMatchObject({ code: 40 });
    expect(t.ws.sockets).toHaveLength(1);
  });

  it('is final on a bad signature (43)', async () => {
    const t = await setup();
    const out = track(t.socket.connect());
    await settle();
    t.ws.last().serverOpen();
    t.ws.last().serverSend(errorFrame(43, 401, 'signature invalid'));
    await t.clock.advance(120_000);
    expect(out.error).toMatchObject({ code: 43, status: 401, message: 'signature invalid' });
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'closed', error: { code: 43 } });
    expect(t.ws.sockets).toHaveLength(1);
  });

  it('refreshes and reconnects when an open connection reports code 40', async () => {
    const token = await signToken('alice');
    const provider = vi.fn(() => Promise.resolve(token));
    const t = await setup({ tokens: createTokenManager({ userId: 'alice', token: provider }) });
    const s = await t.connected();
    s.serverSend({ type: 'connection.error', created_at: CREATED, ...errorFrame(40, 401) });
    await settle();
    expect(t.ws.sockets).toHaveLength(2);
    await t.greet('conn-2');
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'connected', reconnected: true });
    expect(provider).toHaveBeenCalledTimes(2);
  });
});

describe('createSocket: frames and shutdown', () => {
  it('reports malformed frames on errors$ and stays connected', async () => {
    const t = await setup();
    const s = await t.connected();
    s.serverSend('not json');
    s.serverSend({ created_at: CREATED }); // no type
    s.serverSend({ type: 'message.new', created_at: 'yesterday' });
    s.serverSend({ type: 'message.new', created_at: CREATED, cid: 'messaging:general' });
    expect(t.errors).toHaveLength(3);
    expect(t.errors.every((e) => e.name === 'DecodeError')).toBe(true);
    expect(t.events.map((e) => e.type)).toEqual(['message.new']);
    await t.clock.advance(1_000);
    expect(t.status()).toBe('connected');
    expect(t.ws.sockets).toHaveLength(1);
  });

  it('keeps the connection on a later frame without type, even one carrying an error', async () => {
    // PROTOCOL.md section 5.2: only a connection.error event ends an open connection.
    const t = await setup();
    const s = await t.connected();
    s.serverSend(errorFrame(16, 404));
    s.serverSend(errorFrame(40, 401));
    await settle();
    expect(t.errors).toHaveLength(2);
    expect(t.errors.every((e) => e.name === 'DecodeError')).toBe(true);
    s.serverSend({ type: 'message.new', created_at: CREATED, cid: 'messaging:general' });
    expect(t.events.map((e) => e.type)).toEqual(['message.new']);
    await t.clock.advance(1_000);
    expect(t.status()).toBe('connected');
    expect(t.ws.sockets).toHaveLength(1);
  });

  it('ends for good on a connection.error other than code 40, and reports it', async () => {
    const t = await setup();
    const s = await t.connected();
    s.serverSend({ type: 'connection.error', created_at: CREATED, ...errorFrame(16, 404, 'user was deleted') });
    await settle();
    expect(t.status()).toBe('closed');
    expect(t.states[t.states.length - 1]).toMatchObject({ status: 'closed', error: { code: 16 } });
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ code: 16, message: 'user was deleted', retryable: false });
    expect(t.events).toEqual([]);
    await t.clock.advance(120_000);
    expect(t.ws.sockets).toHaveLength(1);
  });

  it('ends for good on a connection.error with a retryable code too (PROTOCOL.md 5.2: final)', async () => {
    const t = await setup();
    const s = await t.connected();
    s.serverSend({ type: 'connection.error', created_at: CREATED, ...errorFrame(9, 429, 'too many') });
    await settle();
    expect(t.status()).toBe('closed');
    expect(t.errors[0]).toMatchObject({ code: 9, retryable: false });
    await t.clock.advance(120_000);
    expect(t.ws.sockets).toHaveLength(1);
  });

  it('disconnect() closes with 1000 and never reconnects', async () => {
    const t = await setup();
    const s = await t.connected();
    await t.socket.disconnect();
    expect(s.closedWith?.code).toBe(1000);
    expect(t.status()).toBe('closed');
    expect(t.socket.connectionId).toBeUndefined();
    await t.clock.advance(120_000);
    expect(t.ws.sockets).toHaveLength(1);
    expect(t.clock.pending()).toBe(0);
  });

  it('disconnect() during an attempt rejects connect() and stops', async () => {
    const t = await setup();
    const out = track(t.socket.connect());
    await settle();
    await t.socket.disconnect();
    await settle();
    expect(out.error).toMatchObject({ code: -1, endpoint: 'connect' });
    await t.clock.advance(120_000);
    expect(t.ws.sockets).toHaveLength(1);
    expect(t.clock.pending()).toBe(0);
  });

  it('can connect again after disconnect()', async () => {
    const t = await setup();
    await t.connected();
    await t.socket.disconnect();
    const again = t.socket.connect();
    await t.greet('conn-3');
    await expect(again).resolves.toMatchObject({ connectionId: 'conn-3' });
  });
});
