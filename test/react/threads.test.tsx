// @vitest-environment happy-dom
// useThread and useThreadList against a real client and emulator.
import { expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import type { ChatClient } from 'chatstore';
import { ChatProvider, useChannel, useThread, useThreadList } from 'chatstore/react';
import { renderSuite, registerUsers, seedChannel } from './helpers.tsx';
import { probeClient } from './probe.ts';

const suite = renderSuite(cleanup);

const client = (id: string): Promise<ChatClient> => suite.client(id);

it('useThread renders the parent and replies, follows new replies and typing, and sends through the handle', async () => {
  const bob = await client('bob');
  await registerUsers(suite.emu, 'alice');
  const [parent] = await seedChannel(bob, 'general', ['alice', 'bob'], ['question?']);
  await bob.channel('messaging', 'general').sendMessage({ text: 'first answer', parent_id: parent! });
  const alice = await client('alice');
  let handle: ReturnType<typeof useThread>['thread'] | undefined;

  function Thread() {
    // Events reach watched channels: the thread panel sits beside its channel.
    useChannel('messaging', 'general');
    const { thread, data, replies, typing } = useThread(parent!);
    handle = thread;
    if (!data) return <p>loading</p>;
    return (
      <div>
        <h2>
          {data.parent?.text} ({data.reply_count}) {typing.map((t) => t.user.id).join(',')}
        </h2>
        <ul>
          {replies.map((r) => (
            <li key={r.id}>{r.text}</li>
          ))}
        </ul>
      </div>
    );
  }
  render(
    <StrictMode>
      <ChatProvider client={alice}>
        <Thread />
      </ChatProvider>
    </StrictMode>,
  );
  await screen.findByText('question? (1)');
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['first answer']);

  await bob.thread(parent!).sendReply({ text: 'second answer' });
  await screen.findByText('second answer');
  await screen.findByText('question? (2)');

  bob.thread(parent!).keystroke();
  await screen.findByText('question? (2) bob');
  bob.thread(parent!).stopTyping();
  await screen.findByText('question? (2)');

  await act(() => handle!.sendReply({ text: 'from alice' }));
  await screen.findByText('from alice');
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['first answer', 'second answer', 'from alice']);
});

it('useThreadList lists the user\'s threads, shows unseen activity, and is disposed on unmount', async () => {
  const bob = await client('bob');
  await registerUsers(suite.emu, 'alice');
  const [p1, p2] = await seedChannel(bob, 'general', ['alice', 'bob'], ['topic one', 'topic two']);
  const general = bob.channel('messaging', 'general');
  await general.sendMessage({ text: 'bob on one', parent_id: p1! });
  const alice = await client('alice');
  await alice.channel('messaging', 'general').watch();
  await alice.channel('messaging', 'general').sendMessage({ text: 'alice on one', parent_id: p1! });
  await alice.channel('messaging', 'general').sendMessage({ text: 'alice on two', parent_id: p2! });
  const probe = probeClient(alice);
  let refresh: (() => Promise<void>) | undefined;

  function Threads() {
    const list = useThreadList({ limit: 10 });
    refresh = list.refresh;
    return (
      <div>
        <p data-testid="status">{list.status.loading ? 'loading' : `ready unseen=${list.status.unseen}`}</p>
        <ol>
          {list.threads.map((t) => (
            <li key={t.parentId}>
              {t.parent?.text}: {t.reply_count}
            </li>
          ))}
        </ol>
      </div>
    );
  }
  const view = render(
    <StrictMode>
      <ChatProvider client={probe.client}>
        <Threads />
      </ChatProvider>
    </StrictMode>,
  );
  const rows = () => screen.queryAllByRole('listitem').map((li) => li.textContent);
  await waitFor(() => expect(rows()).toEqual(['topic two: 1', 'topic one: 2']));
  expect(screen.getByTestId('status').textContent).toBe('ready unseen=0');

  // A reply in a listed thread moves it up.
  await general.sendMessage({ text: 'bob again on one', parent_id: p1! });
  await waitFor(() => expect(rows()).toEqual(['topic one: 3', 'topic two: 1']));
  await act(() => refresh!());
  expect(rows()).toEqual(['topic one: 3', 'topic two: 1']);

  view.unmount();
  await waitFor(() => expect(probe.live).toBe(0));
});
