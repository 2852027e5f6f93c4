// Real clients against a real emulator over loopback: real HTTP, WebSocket and JWTs.
import { firstValueFrom, filter, timeout, type Observable } from 'rxjs';
import { afterEach, beforeEach } from 'vitest';
import { createChatClient, type ChatClient } from 'chatstore';
import { startEmulator } from 'chatstore/emulator';

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
