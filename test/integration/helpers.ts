// Real clients against a real emulator over loopback: real HTTP, WebSocket and JWTs.
import { firstValueFrom, filter, timeout, type Observable } from 'rxjs';
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
