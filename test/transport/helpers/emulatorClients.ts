// The transport wired to a real emulator over loopback: real HTTP, real WebSocket, real
// JWTs. Timers run on a virtual clock; `drive` fires them while real I/O proceeds.
import type { Emulator } from 'chatstore/emulator';
import { createChatApi, type ChatApi } from '../../../src/transport/api.ts';
import { createTokenManager, type TokenManager, type TokenOrProvider } from '../../../src/transport/auth.ts';
import { createHttpClient, type HttpClient } from '../../../src/transport/http.ts';
import { createSocket, type ChatSocket } from '../../../src/transport/socket.ts';
import type { VirtualClock } from './virtualClock.ts';

export interface TestUser {
  tokens: TokenManager;
  http: HttpClient;
  api: ChatApi;
  socket: ChatSocket;
}

export function connectTransport(
  emu: Emulator,
  clock: VirtualClock,
  userId: string,
  token: TokenOrProvider,
  details: Record<string, unknown> = {},
): TestUser {
  const tokens = createTokenManager({ userId, token, scheduler: clock.scheduler });
  const socket = createSocket({
    wsUrl: emu.wsUrl,
    apiKey: emu.apiKey,
    user: { id: userId, ...details },
    tokens,
    scheduler: clock.scheduler,
    random: () => 0.5,
  });
  const http = createHttpClient({
    baseUrl: emu.url,
    apiKey: emu.apiKey,
    tokens,
    getConnectionId: () => socket.connectionId,
    scheduler: clock.scheduler,
    random: () => 0.5,
    // Timeouts would fire as soon as `drive` jumps virtual time; loopback never hangs.
    timeoutMs: false,
  });
  return { tokens, http, api: createChatApi(http), socket };
}

/**
 * Await `promise`, jumping the virtual clock to the next timer whenever one is waiting:
 * backoffs and Retry-After waits pass instantly while real requests run.
 */
export async function drive<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const settled = promise.then(
    () => (done = true),
    () => (done = true),
  );
  void settled;
  while (!done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const due = clock.nextDue();
    if (!done && due !== undefined) await clock.advanceTo(due);
  }
  return promise;
}
