// Server rendering: useSyncExternalStore reads getServerSnapshot, which is the same read of
// the store, so state loaded on the server (here by a real watch) renders in the HTML.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import type { ChatClient } from 'chatstore';
import { ChatProvider, useChannel, useChatSelector, useUnreadCounts } from 'chatstore/react';
import { connectedClient, emulator, registerUsers, seedChannel, type Emulator } from './helpers.tsx';

let emu: Emulator;
const clients: ChatClient[] = [];

beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.disconnectUser();
  await emu.close();
});

it('renders the store\'s current state to HTML', async () => {
  const bob = await connectedClient(emu, 'bob');
  clients.push(bob);
  await registerUsers(emu, 'alice');
  await seedChannel(bob, 'ssr', ['alice', 'bob'], ['rendered on the server']);
  const alice = await connectedClient(emu, 'alice');
  clients.push(alice);
  await alice.channel('messaging', 'ssr').watch();

  function Page() {
    const me = useChatSelector((s) => s.me?.id);
    const unread = useUnreadCounts();
    const { data, messages } = useChannel('messaging', 'ssr', undefined, { autoWatch: false });
    return (
      <main>
        {me}|{data?.cid}|{unread.totalMessages}|{messages.map((m) => m.text).join(',')}
      </main>
    );
  }
  const html = renderToString(
    <ChatProvider client={alice}>
      <Page />
    </ChatProvider>,
  );
  expect(html).toBe('<main>alice<!-- -->|<!-- -->messaging:ssr<!-- -->|<!-- -->1<!-- -->|<!-- -->rendered on the server</main>');
});
