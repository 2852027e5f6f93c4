// Shared setup of the React tests: a real emulator on loopback, users made known to it,
// and channels created by a real client, so the hooks under test read real server state.
import type { ChatClient } from 'chatstore';
import { startEmulator } from 'chatstore/emulator';
import { connectedClient, type Emulator } from '../integration/helpers.ts';

export { connectedClient, drained, until, type Emulator } from '../integration/helpers.ts';

export async function emulator(): Promise<Emulator> {
  return startEmulator({ port: 0 });
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
