// @vitest-environment happy-dom
// Each hook against a real client and emulator: it renders the server's data and follows
// events sent by another real client.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { memo, type ReactNode } from 'react';
import { createChatClient, shallowEqual, type ChatClient, type ChatState } from 'chatstore';
import {
  ChatProvider,
  useChannel,
  useChannelList,
  useChatClient,
  useChatSelector,
  useConnectionState,
  useMessages,
  useTyping,
  useUnreadCounts,
} from 'chatstore/react';
import { connectedClient, emulator, registerUsers, seedChannel, until, type Emulator } from './helpers.tsx';

let emu: Emulator;
const clients: ChatClient[] = [];

async function client(id: string): Promise<ChatClient> {
  const c = await connectedClient(emu, id);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  cleanup();
  for (const c of clients.splice(0)) await c.disconnectUser();
  await emu.close();
});

function wrap(c: ChatClient) {
  return ({ children }: { children?: ReactNode }) => <ChatProvider client={c}>{children}</ChatProvider>;
}

describe('useChannel and useMessages', () => {
  it('watch the channel on mount, render its messages and follow new ones', async () => {
    const bob = await client('bob');
    await registerUsers(emu, 'alice');
    await seedChannel(bob, 'general', ['alice', 'bob'], ['one', 'two']);
    const alice = await client('alice');

    function View() {
      const { data, messages, members } = useChannel('messaging', 'general');
      if (!data) return <p>loading</p>;
      return (
        <div>
          <h1>{data.cid}</h1>
          <p data-testid="members">{members.map((m) => m.user_id).sort().join(',')}</p>
          <ul>
            {messages.map((m) => (
              <li key={m.id}>{m.text}</li>
            ))}
          </ul>
        </div>
      );
    }
    render(<View />, { wrapper: wrap(alice) });
    expect(screen.getByText('loading')).toBeTruthy();
    await screen.findByText('messaging:general');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(screen.getByTestId('members').textContent).toBe('alice,bob');

    await bob.channel('messaging', 'general').sendMessage({ text: 'three' });
    await screen.findByText('three');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['one', 'two', 'three']);
  });

  it('pages older messages through the handle and shows the pagination flags', async () => {
    const bob = await client('bob');
    await registerUsers(emu, 'alice');
    await seedChannel(bob, 'long', ['alice', 'bob'], Array.from({ length: 8 }, (_, i) => `m${i}`));
    const alice = await client('alice');
    let handle: ReturnType<typeof useChannel>['channel'] | undefined;

    function View() {
      const { channel, pagination } = useChannel('messaging', 'long', undefined, { messageLimit: 5 });
      handle = channel;
      const messages = useMessages(channel);
      return (
        <div>
          <p data-testid="texts">{messages.map((m) => m.text).join(' ')}</p>
          <p data-testid="older">{String(pagination.hasOlder)}</p>
        </div>
      );
    }
    render(<View />, { wrapper: wrap(alice) });
    await waitFor(() => expect(screen.getByTestId('texts').textContent).toBe('m3 m4 m5 m6 m7'));
    expect(screen.getByTestId('older').textContent).toBe('true');
    await act(() => handle!.loadOlder(5));
    await waitFor(() => expect(screen.getByTestId('texts').textContent).toBe('m0 m1 m2 m3 m4 m5 m6 m7'));
    expect(screen.getByTestId('older').textContent).toBe('false');
  });
});

describe('useChannelList', () => {
  it('renders the query result and reorders on a new message', async () => {
    const bob = await client('bob');
    await registerUsers(emu, 'alice');
    await seedChannel(bob, 'a', ['alice', 'bob'], ['in a']);
    await seedChannel(bob, 'b', ['alice', 'bob'], ['in b']);
    const alice = await client('alice');

    function List() {
      const { channels, status } = useChannelList({ members: { $in: ['alice'] } }, { last_message_at: -1 });
      return (
        <div>
          <p data-testid="status">{status.loading ? 'loading' : 'ready'}</p>
          <ol>
            {channels.map((c) => (
              <li key={c.cid}>
                {c.cid}:{c.lastMessage?.text}:{c.unread.messages}
              </li>
            ))}
          </ol>
        </div>
      );
    }
    render(<List />, { wrapper: wrap(alice) });
    const rows = () => screen.queryAllByRole('listitem').map((li) => li.textContent);
    await waitFor(() => expect(rows()).toEqual(['messaging:b:in b:1', 'messaging:a:in a:1']));
    expect(screen.getByTestId('status').textContent).toBe('ready');

    await bob.channel('messaging', 'a').sendMessage({ text: 'again' });
    await waitFor(() => expect(rows()).toEqual(['messaging:a:again:2', 'messaging:b:in b:1']));
  });
});

describe('useUnreadCounts, useTyping, useConnectionState, useChatSelector', () => {
  it('follow unread totals and typing from another user', async () => {
    const bob = await client('bob');
    await registerUsers(emu, 'alice');
    await seedChannel(bob, 'chat', ['alice', 'bob'], []);
    const alice = await client('alice');

    function View() {
      const { channel } = useChannel('messaging', 'chat');
      const typing = useTyping(channel);
      const unread = useUnreadCounts();
      return (
        <div>
          <p data-testid="unread">{unread.totalMessages}</p>
          <p data-testid="typing">{typing.map((t) => t.user.id).join(',') || 'nobody'}</p>
        </div>
      );
    }
    render(<View />, { wrapper: wrap(alice) });
    await until(alice.channel('messaging', 'chat').channel$, (d) => d !== null);
    const bobChannel = bob.channel('messaging', 'chat');
    await bobChannel.sendMessage({ text: 'ping' });
    await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('1'));

    bobChannel.keystroke();
    await waitFor(() => expect(screen.getByTestId('typing').textContent).toBe('bob'));
    bobChannel.stopTyping();
    await waitFor(() => expect(screen.getByTestId('typing').textContent).toBe('nobody'));
  });

  it('shows the connection going through a reconnect and a disconnect', async () => {
    const alice = createChatClient({ apiKey: emu.apiKey, baseUrl: emu.url });
    const seen: string[] = [];
    function Status() {
      const { status } = useConnectionState();
      if (seen.at(-1) !== status) seen.push(status);
      return <p data-testid="status">{status}</p>;
    }
    render(<Status />, { wrapper: wrap(alice) });
    expect(screen.getByTestId('status').textContent).toBe('idle');
    await act(async () => {
      await alice.connectUser({ id: 'alice' }, await emu.createToken('alice'));
    });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('connected'));
    emu.controls.dropSockets();
    await waitFor(() => expect(seen.slice(2)).toContain('connected'));
    expect(seen.slice(0, 2)).toEqual(['idle', 'connecting']);
    expect(seen.length).toBeGreaterThan(3); // something between the drop and the new connection
    await act(() => alice.disconnectUser());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('closed'));
  });

  it('useChatSelector re-renders only when the selection changes, even with an inline selector', async () => {
    const bob = await client('bob');
    await registerUsers(emu, 'alice');
    await seedChannel(bob, 'busy', ['alice', 'bob'], []);
    const alice = await client('alice');
    let renders = 0;
    const Me = memo(function Me() {
      // A new object from a new arrow function on every render: shallowEqual keeps it.
      const me = useChatSelector((s: ChatState) => ({ id: s.me?.id, name: s.me?.name }), shallowEqual);
      const client = useChatClient();
      renders += 1;
      return (
        <p data-testid="me">
          {me.id}/{me.name}/{client === alice ? 'same client' : 'other'}
        </p>
      );
    });
    render(<Me />, { wrapper: wrap(alice) });
    expect(screen.getByTestId('me').textContent).toBe('alice/alice/same client');
    const before = renders;
    const watched = alice.channel('messaging', 'busy');
    await watched.watch();
    for (const text of ['x', 'y', 'z']) await bob.channel('messaging', 'busy').sendMessage({ text });
    await until(watched.messages$, (m) => m.length === 3);
    expect(renders).toBe(before);
  });
});
