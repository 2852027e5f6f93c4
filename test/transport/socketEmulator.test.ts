// The WebSocket side of the transport against the real emulator over loopback. Timers run
// on a virtual clock; the socket I/O is real, so the tests wait for states and events, never
// for wall-clock time.
import { filter, firstValueFrom, type Observable } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUserToken, DEFAULT_SECRET, startEmulator, type Emulator } from 'chatstore/emulator';
import { uid } from '../helpers/fixtures.ts';
import type { ChatEvent } from '../../src/models/events.ts';
import type { ChatSocket, SocketState } from '../../src/transport/socket.ts';
import { connectTransport, type TestUser } from './helpers/emulatorClients.ts';
import { VirtualClock } from './helpers/virtualClock.ts';

let emu: Emulator;
const open: ChatSocket[] = [];

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});

afterEach(async () => {
  emu.controls.reset();
  await Promise.all(open.splice(0).map((s) => s.disconnect()));
});

afterAll(async () => {
  await emu.close();
});

const nowSec = () => Math.floor(Date.now() / 1000);

function next<T>(source: Observable<T>, predicate: (v: T) => boolean): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate)));
}

async function transport(userId = uid('u'), token?: Parameters<typeof connectTransport>[3], details = {}) {
  const clock = new VirtualClock(Date.now());
  const t = connectTransport(emu, clock, userId, token ?? (await emu.createToken(userId)), details);
  open.push(t.socket);
  const events: ChatEvent[] = [];
  t.socket.events$.subscribe((e) => events.push(e));
  return { ...t, clock, userId, events };
}

function stateOf(t: TestUser): Promise<SocketState> {
  return firstValueFrom(t.socket.state$);
}

describe('socket against the emulator', () => {
  it('connects on the first frame with connection_id and me, creating the user from user_details', async () => {
    const alice = await transport(uid('alice'), undefined, { name: 'Alice Liddell' });
    const { connectionId, me } = await alice.socket.connect();
    expect(connectionId).toMatch(new RegExp(`^${alice.userId}--`));
    expect(me).toMatchObject({ id: alice.userId, name: 'Alice Liddell', total_unread_count: 0 });
    expect(await stateOf(alice)).toMatchObject({ status: 'connected', connectionId, reconnected: false });
    expect(alice.socket.connectionId).toBe(connectionId);
  });

  it('sends a health.check 25 s after the last frame and gets the answer as an event', async () => {
    const alice = await transport();
    const { connectionId } = await alice.socket.connect();
    const answer = next(alice.socket.events$, (e) => e.type === 'health.check');
    await alice.clock.advance(24_999);
    expect(alice.events.filter((e) => e.type === 'health.check')).toHaveLength(0);
    await alice.clock.advance(1);
    await expect(answer).resolves.toMatchObject({ type: 'health.check', connection_id: connectionId });
    expect(await stateOf(alice)).toMatchObject({ status: 'connected' });
  });

  it('sends connection_id with REST calls, so a watched channel delivers its events', async () => {
    const alice = await transport();
    const bob = await transport();
    await alice.socket.connect();
    await bob.api.queryChannels({ filter_conditions: {} }); // bob exists
    const id = uid('ch');
    await alice.api.getOrCreateChannel('messaging', id, {
      data: { members: [{ user_id: alice.userId }, { user_id: bob.userId }] },
      watch: true,
    });
    const arrived = next(alice.socket.events$, (e) => e.type === 'message.new');
    await bob.api.sendMessage('messaging', id, { message: { text: 'hi alice' } });
    const event = await arrived;
    expect(event.cid).toBe(`messaging:${id}`);
    expect(event.message?.text).toBe('hi alice');
    expect(typeof event.message?.created_at).toBe('number');
  });

  it('reports malformed frames on errors$ and stays connected', async () => {
    const alice = await transport();
    await alice.socket.connect();
    const errors: unknown[] = [];
    alice.socket.errors$.subscribe((e) => errors.push(e));
    const good = next(alice.socket.events$, (e) => e.type === 'custom.after');
    emu.controls.injectFrame(alice.userId, 'this is not json');
    emu.controls.injectFrame(alice.userId, JSON.stringify({ type: 'message.new', created_at: 'not a time' }));
    emu.controls.injectFrame(alice.userId, JSON.stringify({ type: 'custom.after', created_at: new Date().toISOString() }));
    await good;
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => (e as Error).name === 'DecodeError')).toBe(true);
    expect(await stateOf(alice)).toMatchObject({ status: 'connected' });
  });

  it('reconnects after the server drops the socket, with a new connection id', async () => {
    const alice = await transport();
    const first = await alice.socket.connect();
    const dropped = next(alice.socket.state$, (s) => s.status === 'connecting');
    emu.controls.dropSockets();
    expect(await dropped).toMatchObject({ attempt: 1, reconnected: true });
    const back = next(alice.socket.state$, (s) => s.status === 'connected');
    await alice.clock.advance(500); // the first retry is due within 0.5 s
    const state = await back;
    expect(state.reconnected).toBe(true);
    expect(state.connectionId).not.toBe(first.connectionId);
  });

  it('keeps retrying with backoff while connections are refused, then connects', async () => {
    const alice = await transport();
    await alice.socket.connect();
    emu.controls.refuseConnections(600_000);
    const dropped = next(alice.socket.state$, (s) => s.status === 'connecting' && s.attempt === 1);
    emu.controls.dropSockets();
    await dropped;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const failed = next(alice.socket.state$, (s) => s.attempt === attempt + 1 && s.error !== undefined);
      await alice.clock.advanceTo(alice.clock.nextDue() ?? alice.clock.now());
      await failed; // refused with 503: the next attempt is scheduled
    }
    emu.controls.refuseConnections(0);
    const back = next(alice.socket.state$, (s) => s.status === 'connected');
    await alice.clock.advanceTo(alice.clock.nextDue() ?? alice.clock.now());
    await expect(back).resolves.toMatchObject({ reconnected: true });
  });

  it('refreshes an expired token and reconnects once', async () => {
    const userId = uid('u');
    const expired = await createUserToken(DEFAULT_SECRET, userId, { issuedAt: nowSec() - 3600, expiresInSeconds: 60 });
    const fresh = await emu.createToken(userId);
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce(expired).mockResolvedValueOnce(fresh);
    const alice = await transport(userId, provider);
    const { me } = await alice.socket.connect();
    expect(me.id).toBe(userId);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('fails for good on an expired static token (code 40)', async () => {
    const userId = uid('u');
    const expired = await createUserToken(DEFAULT_SECRET, userId, { issuedAt: nowSec() - 3600, expiresInSeconds: 60 });
    const alice = await transport(userId, expired);
    await expect(alice.socket.connect()).rejects.toMatchObject({ code: 40, endpoint: 'connect', retryable: false });
    expect(await stateOf(alice)).toMatchObject({ status: 'closed', error: { code: 40 } });
  });

  it('rejects a forged token (code 43) and does not retry', async () => {
    const userId = uid('u');
    const forged = await createUserToken('not-the-app-secret', userId);
    const alice = await transport(userId, forged);
    await expect(alice.socket.connect()).rejects.toMatchObject({ code: 43, status: 401, retryable: false });
    await alice.clock.advance(120_000);
    expect(alice.clock.pending()).toBe(0);
    expect(await stateOf(alice)).toMatchObject({ status: 'closed' });
  });

  it('disconnect() closes with 1000 and the server sees the user go offline', async () => {
    const alice = await transport();
    const bob = await transport();
    await alice.socket.connect();
    await bob.socket.connect();
    const id = uid('ch');
    await bob.api.getOrCreateChannel('messaging', id, {
      data: { members: [{ user_id: bob.userId }, { user_id: alice.userId }] },
      watch: true,
    });
    const offline = next(bob.socket.events$, (e) => e.type === 'user.presence.changed' && e.user?.id === alice.userId);
    await alice.socket.disconnect();
    await expect(offline).resolves.toMatchObject({ user: { online: false } });
    expect(await stateOf(alice)).toMatchObject({ status: 'closed' });
    await alice.clock.advance(120_000);
    expect(alice.clock.pending()).toBe(0);
  });
});
