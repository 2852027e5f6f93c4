// Shared setup for optimistic-write tests: two real clients (alice writes, bob watches)
// on one channel of a real emulator, and readers of alice's state as a user sees it.
import type { ChatClient, ChannelHandle, ChatError } from 'chatstore';
import { startEmulator } from 'chatstore/emulator';
import { tableGet } from 'chatstore';
import type { LocalMessage } from '../../src/store/state.ts';
import { connectedClient, until, type Emulator } from '../integration/helpers.ts';

export { until };
export type { Emulator };

export interface Pair {
  emu: Emulator;
  alice: ChatClient;
  bob: ChatClient;
  a: ChannelHandle;
  b: ChannelHandle;
  errors: ChatError[];
  close(): Promise<void>;
}

export async function pair(channelId = 'room'): Promise<Pair> {
  const emu = await startEmulator({ port: 0 });
  const alice = await connectedClient(emu, 'alice');
  const bob = await connectedClient(emu, 'bob');
  const a = alice.channel('messaging', channelId, { members: ['alice', 'bob'] });
  await a.watch();
  const b = bob.channel('messaging', channelId);
  await b.watch();
  const errors: ChatError[] = [];
  const sub = alice.errors$.subscribe((e) => errors.push(e));
  return {
    emu, alice, bob, a, b, errors,
    async close() {
      sub.unsubscribe();
      await alice.disconnectUser();
      await bob.disconnectUser();
      await emu.close();
    },
  };
}

/** A message as alice's store holds it right now. */
export function held(client: ChatClient, cid: string, id: string): LocalMessage | undefined {
  const ch = tableGet(client.getState().channels, cid);
  return ch ? tableGet(ch.messages, id) : undefined;
}

/** Ids of the current window, oldest first. */
export function ids(list: readonly { id: string }[]): string[] {
  return list.map((m) => m.id);
}

/** Every distinct value a derived view takes from now on (to check no wrong value is ever shown). */
export function record<T>(client: ChatClient, select: (c: ChatClient) => T): { values: T[]; stop(): void } {
  const values: T[] = [];
  const sub = client.state$.subscribe(() => {
    const v = select(client);
    if (values.length === 0 || JSON.stringify(values[values.length - 1]) !== JSON.stringify(v)) values.push(v);
  });
  return { values, stop: () => sub.unsubscribe() };
}
