// @vitest-environment happy-dom
// StrictMode runs every effect twice (mount, cleanup, mount) and apps unmount and remount
// providers: neither may open a second socket, leave a subscription behind or miss an event.
// Subscriptions are counted through a wrapped client (test/react/probe.ts) and sockets
// through a counting WebSocket.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { createChatClient, type ChatClient } from 'chatstore';
import {
  ChatProvider,
  useChannel,
  useChannelList,
  useChatSelector,
  useConnectionState,
  useTyping,
  useUnreadCounts,
} from 'chatstore/react';
import { connectedClient, emulator, registerUsers, seedChannel, until, type Emulator } from './helpers.tsx';
import { countingWebSocket, probeClient, type Probe, type SocketCounter } from './probe.ts';

let emu: Emulator;
let bob: ChatClient;
let sockets: SocketCounter;
let probe: Probe;

beforeEach(async () => {
  emu = await emulator();
  bob = await connectedClient(emu, 'bob');
  await registerUsers(emu, 'alice');
  await seedChannel(bob, 'general', ['alice', 'bob'], ['hello']);
  sockets = countingWebSocket();
  probe = probeClient(createChatClient({ apiKey: emu.apiKey, baseUrl: emu.url, WebSocket: sockets.WebSocket }));
});
afterEach(async () => {
  cleanup();
  await bob.disconnectUser();
  await emu.close();
});

function App() {
  const { channels } = useChannelList({ members: { $in: ['alice'] } });
  const { messages, channel } = useChannel('messaging', 'general');
  const typing = useTyping(channel);
  const unread = useUnreadCounts();
  const { status } = useConnectionState();
  const me = useChatSelector((s) => s.me?.id);
  return (
    <div>
      <p data-testid="head">
        {me ?? '-'} {status} rows={channels.length} unread={unread.totalMessages} typing={typing.length}
      </p>
      <ul>
        {messages.map((m) => (
          <li key={m.id}>{m.text}</li>
        ))}
      </ul>
    </div>
  );
}

async function mountApp(token: string) {
  return render(
    <StrictMode>
      <ChatProvider client={probe.client} user={{ id: 'alice' }} token={token}>
        <App />
      </ChatProvider>
    </StrictMode>,
  );
}

/** Wait until the unmounted tree has released everything (the release waits a microtask). */
async function released(): Promise<void> {
  await waitFor(() => {
    expect(probe.live).toBe(0);
    expect(probe.listsLive).toBe(0);
    expect(sockets.open).toBe(0);
  });
}

it('a StrictMode mount opens one socket and one list, misses no event, and unmounting leaves nothing behind', async () => {
  const view = await mountApp(await emu.createToken('alice'));
  await screen.findByText('hello');
  await waitFor(() => expect(screen.getByTestId('head').textContent).toBe('alice connected rows=1 unread=1 typing=0'));
  expect(probe.live).toBeGreaterThan(0);

  // Events after the double effects reach the tree.
  await bob.channel('messaging', 'general').sendMessage({ text: 'after mount' });
  await screen.findByText('after mount');
  await waitFor(() => expect(screen.getByTestId('head').textContent).toBe('alice connected rows=1 unread=2 typing=0'));

  expect(sockets.created).toBe(1);
  expect(sockets.maxOpen).toBe(1);
  expect(probe.listsCreated).toBe(1);

  view.unmount();
  await released();
  await until(probe.client.connection$, (c) => c.status === 'closed');
});

it('a quick unmount and remount never has two sockets open and keeps working', async () => {
  const token = await emu.createToken('alice');
  const first = await mountApp(token);
  await screen.findByText('hello');
  // Unmount and mount again in the same task: the new tree takes the connection over.
  act(() => first.unmount());
  await mountApp(token);
  await screen.findByText('hello');
  await bob.channel('messaging', 'general').sendMessage({ text: 'still live' });
  await screen.findByText('still live');
  expect(sockets.maxOpen).toBe(1);
  expect(sockets.created).toBe(1);

  // Unmount, let the disconnect start, and mount again: the new socket waits for the old one.
  cleanup();
  await Promise.resolve();
  await mountApp(token);
  await waitFor(() => expect(sockets.created).toBe(2));
  await waitFor(() => expect(screen.getByTestId('head').textContent).toBe('alice connected rows=1 unread=2 typing=0'));
  await screen.findByText('still live');
  expect(sockets.maxOpen).toBe(1);

  cleanup();
  await released();
});
