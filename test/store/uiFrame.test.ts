// Socket frames are applied as they arrive, but subscribers hear of them at most once per
// frame of the UI (ARCHITECTURE.md, "How data flows" point 4): once per animation frame in a
// browser, once per tick of NODE_TICK_MS in Node, while reads see every change at once. On virtual
// time only: fake timers for Node's tick, a hand-run requestAnimationFrame for the browser.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualTimeScheduler } from 'rxjs';
import { createChatClient, selectChannel, selectMessages, type ChatClient, type ChatClientOptions } from 'chatstore';
import { T0, wireMessage, wireUser } from '../helpers/fixtures.ts';
import { NODE_TICK_MS } from '../../src/notifyPacing.ts';

const CIDS = ['messaging:a', 'messaging:b'];

function channelState(cid: string): Record<string, unknown> {
  const id = cid.slice(cid.indexOf(':') + 1);
  return {
    channel: { cid, type: 'messaging', id, created_at: T0, updated_at: T0 },
    members: [],
    messages: [],
    pinned_messages: [],
    read: [],
  };
}

let seq = 0;
/** A message.new frame from bob, as the socket hands it on: a fresh parsed object. */
function frame(cid: string): Record<string, unknown> {
  seq += 1;
  const at = new Date(Date.parse(T0) + seq * 1_000).toISOString();
  const message = wireMessage({ id: `m${seq}`, cid, user: wireUser('bob'), created_at: at, updated_at: at });
  return { type: 'message.new', cid, channel_id: cid.slice(cid.indexOf(':') + 1), channel_type: 'messaging', created_at: at, user: message['user'], message };
}

interface Watched {
  client: ChatClient;
  /** Notifications per subscriber since subscribing (the first emission not counted). */
  counts: { unread: number; a: number; b: number };
  /** Messages each channel subscriber saw last. */
  seen: { a: number; b: number };
}

function watched(options: Partial<ChatClientOptions> = {}): Watched {
  const client = createChatClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9', ...options });
  client.dispatchEvent({ type: 'health.check', connection_id: 'c1', created_at: T0, me: { ...wireUser('me'), total_unread_count: 0, unread_channels: 0 } });
  client.hydrateChannels(CIDS.map(channelState));
  const counts = { unread: -1, a: -1, b: -1 };
  const seen = { a: 0, b: 0 };
  client.unread$.subscribe(() => (counts.unread += 1));
  client.channel('messaging', 'a').messages$.subscribe((m) => {
    counts.a += 1;
    seen.a = m.length;
  });
  client.channel('messaging', 'b').messages$.subscribe((m) => {
    counts.b += 1;
    seen.b = m.length;
  });
  return { client, counts, seen };
}

const held = (client: ChatClient, cid: string) => {
  const ch = selectChannel(client.getState(), cid);
  return ch ? selectMessages(ch).length : 0;
};

/** Lets the microtasks of a task run, as they do between two WebSocket frames. */
const endOfTask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('notifications per frame of the UI', () => {
  it('in Node, frames arriving in separate tasks within one tick are one notification per subscriber', async () => {
    vi.useFakeTimers();
    const { client, counts, seen } = watched();
    await vi.advanceTimersByTimeAsync(NODE_TICK_MS);
    expect(counts).toEqual({ unread: 0, a: 0, b: 0 });
    for (let i = 0; i < 30; i++) {
      client.dispatchEvent(frame(CIDS[i % 2] as string));
      await endOfTask();
      await vi.advanceTimersByTimeAsync(0.5);
    }
    // 15 ms of frames: nobody has been told yet, but a read sees every one of them.
    expect(counts).toEqual({ unread: 0, a: 0, b: 0 });
    expect(held(client, 'messaging:a')).toBe(15);
    expect(held(client, 'messaging:b')).toBe(15);
    await vi.advanceTimersByTimeAsync(NODE_TICK_MS - 15);
    expect(counts).toEqual({ unread: 1, a: 1, b: 1 });
    expect(seen).toEqual({ a: 15, b: 15 });
  });

  it('in Node, every frame reaches its subscriber within one tick of its arrival, at most 60 times a second', async () => {
    vi.useFakeTimers();
    const { client, counts } = watched();
    await vi.advanceTimersByTimeAsync(NODE_TICK_MS);
    const arrivals: number[] = [];
    const latencies: number[] = [];
    client.channel('messaging', 'a').messages$.subscribe(() => {
      for (const t of arrivals.splice(0)) latencies.push(Date.now() - t);
    });
    // One second of frames every 3 ms into one channel.
    for (let t = 0; t < 1_000; t += 3) {
      arrivals.push(Date.now());
      client.dispatchEvent(frame('messaging:a'));
      await endOfTask();
      await vi.advanceTimersByTimeAsync(3);
    }
    await vi.advanceTimersByTimeAsync(NODE_TICK_MS);
    expect(latencies).toHaveLength(334);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(NODE_TICK_MS);
    expect(counts.a).toBeLessThanOrEqual(60);
    expect(counts.a).toBeGreaterThan(30);
  });

  it('in Node, a subscriber of a channel flooded without pause hears of it at most 60 times a second', async () => {
    vi.useFakeTimers();
    const { client, counts } = watched();
    await vi.advanceTimersByTimeAsync(NODE_TICK_MS);
    // A frame every half millisecond for a second: each tick's flush is followed at once by
    // the next frame, which opens the next burst.
    for (let t = 0; t < 1_000; t += 0.5) {
      client.dispatchEvent(frame('messaging:a'));
      await endOfTask();
      await vi.advanceTimersByTimeAsync(0.5);
    }
    expect(counts.a).toBeLessThanOrEqual(60);
    expect(counts.a).toBeGreaterThan(50);
    expect(counts.unread).toBeLessThanOrEqual(60);
  });

  it('reads never wait for the tick: getState() after dispatchEvent shows the frame', () => {
    vi.useFakeTimers();
    const { client, counts } = watched();
    client.dispatchEvent(frame('messaging:a'));
    expect(held(client, 'messaging:a')).toBe(1);
    client.dispatchEvent(frame('messaging:a'));
    expect(held(client, 'messaging:a')).toBe(2);
    // Reading finished the burst, yet subscribers still hear of it on the tick, once.
    expect(counts.a).toBe(0);
    vi.advanceTimersByTime(NODE_TICK_MS);
    expect(counts.a).toBe(1);
  });

  it('in a browser, subscribers hear of a burst on the next animation frame, once', async () => {
    const frames: Array<(t: number) => void> = [];
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const runFrame = () => {
      for (const cb of frames.splice(0)) cb(0);
    };
    const { client, counts, seen } = watched();
    runFrame();
    expect(counts).toEqual({ unread: 0, a: 0, b: 0 });
    for (let i = 0; i < 10; i++) {
      client.dispatchEvent(frame('messaging:b'));
      await endOfTask();
    }
    expect(counts.b).toBe(0);
    expect(held(client, 'messaging:b')).toBe(10);
    runFrame();
    expect(counts).toEqual({ unread: 1, a: 0, b: 1 });
    expect(seen.b).toBe(10);
    client.dispatchEvent(frame('messaging:b'));
    runFrame();
    expect(counts.b).toBe(2);
  });

  it('an injected notifyScheduler runs the flush: one notification per run of it', () => {
    const scheduler = new VirtualTimeScheduler();
    const { client, counts } = watched({ notifyScheduler: scheduler });
    scheduler.flush();
    for (let i = 0; i < 5; i++) client.dispatchEvent(frame('messaging:a'));
    expect(counts.a).toBe(0);
    scheduler.flush();
    expect(counts.a).toBe(1);
  });
});
