// Shared setup of the React tests: a real emulator on loopback, users made known to it,
// and channels created by a real client, so the hooks under test read real server state.
import { afterEach, beforeEach } from 'vitest';
import type { ChatClient } from 'chatstore';
import { startEmulator } from 'chatstore/emulator';
import { connectedClient, type Emulator } from '../integration/helpers.ts';

export { connectedClient, drained, until, type Emulator } from '../integration/helpers.ts';

export async function emulator(): Promise<Emulator> {
  return startEmulator({ port: 0 });
}

export interface RenderSuite {
  /** The emulator of the running test. */
  readonly emu: Emulator;
  /** A client connected as `userId`, disconnected after the test. */
  client(userId: string): Promise<ChatClient>;
  /** Disconnect `client` after the test too. */
  track(client: ChatClient): ChatClient;
}

/**
 * A fresh emulator per test, and the clients it made disconnected after it. Call at the top
 * of a test file (it registers beforeEach/afterEach); `unmount` runs first after each test
 * (testing-library's cleanup, for the React files).
 */
export function renderSuite(unmount?: () => void): RenderSuite {
  let emu: Emulator | undefined;
  const clients: ChatClient[] = [];
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    unmount?.();
    for (const c of clients.splice(0)) await c.disconnectUser();
    await emu?.close();
  });
  const suite: RenderSuite = {
    get emu() {
      if (!emu) throw new Error('renderSuite: no test is running');
      return emu;
    },
    async client(userId) {
      return suite.track(await connectedClient(suite.emu, userId));
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
  return suite;
}

/** Make users exist on the server (connecting creates a user) without keeping them online. */
export async function registerUsers(emu: Emulator, ...ids: string[]): Promise<void> {
  for (const id of ids) await (await connectedClient(emu, id)).disconnectUser();
}

/** Create `messaging:<id>` with members and the given texts, sent by `client` in order. */
export async function seedChannel(client: ChatClient, id: string, members: string[], texts: string[]): Promise<string[]> {
  const channel = client.channel('messaging', id, { members });
  await channel.watch();
  const ids: string[] = [];
  for (const [i, text] of texts.entries()) {
    const messageId = `${id}-${String(i).padStart(3, '0')}`;
    await channel.sendMessage({ text, id: messageId });
    ids.push(messageId);
  }
  return ids;
}
