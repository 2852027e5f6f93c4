import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, closed, connectUrl, firstFrame, RawClient } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: { users: [{ id: 'alice' }, { id: 'bob' }], channels: [{ type: 'messaging', id: 'c', members: ['alice', 'bob'] }] } });
});
afterEach(() => {
  emu.controls.reset();
  vi.useRealTimers();
});
afterAll(() => emu.close());

const count = async (c: RawClient) => (await c.api('POST', chan('messaging', 'c', '/query'), { messages: { limit: 300 } })).body['messages'].length;

describe('controls', () => {
  it('failNext fails the next N requests of an operation with the seed error shape, changing nothing', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    const before = await count(alice);
    emu.controls.failNext('SendMessage', { status: 429, code: 9, message: 'slow down', retryAfterSeconds: 3 }, 2);
    for (let i = 0; i < 2; i++) {
      const res = await alice.api('POST', chan('messaging', 'c', '/message'), { message: { id: `f-${i}`, text: 'x' } });
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ code: 9, message: 'slow down', StatusCode: 429 });
      expect(res.headers.get('retry-after')).toBe('3');
    }
    expect(await count(alice)).toBe(before);
    expect((await alice.api('POST', chan('messaging', 'c', '/message'), { message: { id: 'f-0', text: 'x' } })).status).toBe(200);
    emu.controls.failNext('MarkRead', { status: 500, code: -1 });
    expect((await alice.api('POST', chan('messaging', 'c', '/read'), {})).status).toBe(500);
    expect((await alice.api('POST', chan('messaging', 'c', '/read'), {})).status).toBe(200);
    await alice.close();
  });

  it('delayNext (response phase): the WebSocket echo arrives before the HTTP response', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    await alice.api('POST', chan('messaging', 'c', '/query'), { watch: true });
    emu.controls.delayNext('SendMessage', 150);
    const order: string[] = [];
    const echo = alice.waitForType('message.new', (e) => e['message']['id'] === 'd-1').then(() => order.push('echo'));
    await alice.api('POST', chan('messaging', 'c', '/message'), { message: { id: 'd-1', text: 'x' } }).then(() => order.push('response'));
    await echo;
    expect(order).toEqual(['echo', 'response']);
    await alice.close();
  });

  it('delayNext (request phase) applies the change only after the wait', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    const bob = await RawClient.connect(emu, 'bob');
    emu.controls.delayNext('SendMessage', 150, { phase: 'request' });
    const pending = alice.api('POST', chan('messaging', 'c', '/message'), { message: { id: 'd-2', text: 'x' } });
    // Bob's read of the channel is answered while Alice's send is still held.
    const during = await bob.api('GET', '/api/v2/chat/messages/d-2');
    expect(during.body['code']).toBe(16);
    expect((await pending).status).toBe(200);
    expect((await bob.api('GET', '/api/v2/chat/messages/d-2')).status).toBe(200);
    await alice.close();
    await bob.close();
  });

  it('delayNext with bodyIncludes holds only the request whose body has that text; others pass', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const held = emu.controls.delayNext('SendMessage', 0, { phase: 'request', until: gate, bodyIncludes: 'hold-me' });
    const slow = alice.api('POST', chan('messaging', 'c', '/message'), { message: { id: 'b-1', text: 'hold-me' } });
    await held;
    // Sent after the held one, answered before it.
    expect((await alice.api('POST', chan('messaging', 'c', '/message'), { message: { id: 'b-2', text: 'pass' } })).status).toBe(200);
    expect((await alice.api('GET', '/api/v2/chat/messages/b-1')).body['code']).toBe(16);
    open();
    expect((await slow).status).toBe(200);
    expect((await alice.api('GET', '/api/v2/chat/messages/b-1')).status).toBe(200);
    await alice.close();
  });

  it('delayNext with a gate holds the response until the test opens it, and says when it holds', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const held = emu.controls.delayNext('SendMessage', 0, { until: gate });
    let answered = false;
    const pending = alice.api('POST', chan('messaging', 'c', '/message'), { message: { id: 'g-1', text: 'x' } }).then((res) => {
      answered = true;
      return res;
    });
    await held;
    // Applied (response phase) yet unanswered while the gate is shut.
    expect((await alice.api('GET', '/api/v2/chat/messages/g-1')).status).toBe(200);
    expect(answered).toBe(false);
    open();
    expect((await pending).status).toBe(200);
    await alice.close();
  });

  it('dropSockets terminates every socket without a close frame', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    const code = closed(alice.socket);
    emu.controls.dropSockets();
    expect(await code).toBe(1006);
  });

  it('refuseConnections rejects upgrades with 503 until the time passes or 0 is given', async () => {
    const token = await emu.createToken('alice');
    emu.controls.refuseConnections(60_000);
    expect(await firstFrame(new WebSocket(connectUrl(emu, token, 'alice')))).toEqual({ refusedStatus: 503 });
    emu.controls.refuseConnections(0);
    const ok = new WebSocket(connectUrl(emu, token, 'alice'));
    expect((await firstFrame(ok))['type']).toBe('health.check');
    ok.close();
    // The refusal ends by itself: only Date is faked, so sockets keep working.
    vi.useFakeTimers({ toFake: ['Date'] });
    emu.controls.refuseConnections(5_000);
    expect(await firstFrame(new WebSocket(connectUrl(emu, token, 'alice')))).toEqual({ refusedStatus: 503 });
    vi.setSystemTime(Date.now() + 5_001);
    const later = new WebSocket(connectUrl(emu, token, 'alice'));
    expect((await firstFrame(later))['type']).toBe('health.check');
    later.close();
  });

  it('injectFrame sends raw text to every socket of a user; reset clears pending faults', async () => {
    const a1 = await RawClient.connect(emu, 'alice');
    const a2 = await RawClient.connect(emu, 'alice');
    emu.controls.injectFrame('alice', '{"type":"custom.injected","created_at":"2024-01-01T00:00:00.000000Z"}');
    await a1.waitForType('custom.injected');
    await a2.waitForType('custom.injected');
    emu.controls.failNext('SendMessage', { status: 500, code: -1 });
    emu.controls.reset();
    expect((await a1.api('POST', chan('messaging', 'c', '/message'), { message: { text: 'fine' } })).status).toBe(200);
    await a1.close();
    await a2.close();
  });
});
