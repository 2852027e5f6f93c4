// Real clients against a real emulator over loopback: real HTTP, WebSocket and JWTs.
import { firstValueFrom, filter, throwError, timeout, type Observable } from 'rxjs';
import { afterEach, beforeEach } from 'vitest';
import { createChatClient, type ChatClient } from 'chatstore';
import { startEmulator } from 'chatstore/emulator';
import { NODE_TICK_MS } from '../../src/notifyPacing.ts';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export async function connectedClient(emu: Emulator, userId: string, extra: Record<string, unknown> = {}): Promise<ChatClient> {
  const client = createChatClient({ apiKey: emu.apiKey, baseUrl: emu.url, ...extra });
  await client.connectUser({ id: userId, name: userId }, await emu.createToken(userId));
  return client;
}

/** The first value of `source` that satisfies `predicate` (fails after `ms`). */
export function until<T>(source: Observable<T>, predicate: (v: T) => boolean, ms = 5_000): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(ms)));
}

export interface EmulatorSuite {
  /** The emulator of the running test. */
  readonly emu: Emulator;
  /** A connected client for `userId`, disconnected after the test. */
  client(userId: string, extra?: Record<string, unknown>): Promise<ChatClient>;
  /** Make users exist on the server (connecting creates a user) without keeping them online. */
  registerUsers(...userIds: string[]): Promise<void>;
}

/**
 * A fresh emulator per test and clients that are disconnected after it. Call at the top of
 * a test file (it registers beforeEach/afterEach).
 */
export function emulatorSuite(options: Parameters<typeof startEmulator>[0] = { port: 0 }): EmulatorSuite {
  let emu: Emulator | undefined;
  const clients: ChatClient[] = [];
  beforeEach(async () => {
    emu = await startEmulator(options);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.disconnectUser();
    await emu?.close();
    emu = undefined;
  });
  const current = (): Emulator => {
    if (!emu) throw new Error('emulatorSuite: no emulator outside a test');
    return emu;
  };
  return {
    get emu() {
      return current();
    },
    async client(userId, extra = {}) {
      const c = await connectedClient(current(), userId, extra);
      clients.push(c);
      return c;
    },
    async registerUsers(...userIds) {
      for (const id of userIds) await (await connectedClient(current(), id)).disconnectUser();
    },
  };
}

let markers = 0;

/**
 * Resolves once `client` (connected as `userId`) has taken in every frame the server had
 * sent it, its subscribers have heard of the changes, and what they scheduled in turn (React
 * and Vue renders) has run. Assert "nothing happened" after this, never right after
 * "something happened": a stray emission a tick later would go unseen.
 *
 * In order: the emulator puts a marker frame (an event type the client does not know: no
 * state change, still on events$) behind everything it sent the user, and sockets keep
 * order; then one UI frame of the notification pacing (src/notifyPacing.ts: an animation
 * frame where there is one, the 16 ms tick in Node), queued after the flush of every change
 * applied so far, and after the next one when the test saw a flush before calling this (a
 * subscriber that reacts to what the test saw is heard); then one more task for what that
 * flush scheduled. An ordering of queued work, not a wait for time to pass.
 */
export async function drained(emu: Emulator, client: ChatClient, userId: string): Promise<void> {
  const marker = `drained-${++markers}`;
  const seen = firstValueFrom(
    client.events$.pipe(
      filter((e) => e.type === 'test.drained' && (e as unknown as Record<string, unknown>)['marker'] === marker),
      timeout({ first: 5_000, with: () => throwError(() => new Error(`drained: ${userId}'s client never received the marker frame (its socket was closed or replaced meanwhile?)`)) }),
    ),
  );
  emu.controls.injectFrame(userId, JSON.stringify({ type: 'test.drained', marker, created_at: new Date().toISOString() }));
  await seen;
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => unknown }).requestAnimationFrame;
  await new Promise<void>((resolve) => (raf ? raf(() => resolve()) : setTimeout(resolve, NODE_TICK_MS)));
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
