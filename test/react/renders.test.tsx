// @vitest-environment happy-dom
// Render counts: rows are React.memo components keyed by id that count their renders. The
// store keeps unchanged rows' references, so an event re-renders only the rows it changed.
import { expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { memo } from 'react';
import type { ChannelSummary, LocalMessage } from 'chatstore';
import { ChatProvider, useChannel, useChannelList } from 'chatstore/react';
import { renderSuite, drained, registerUsers, seedChannel } from './helpers.tsx';

const suite = renderSuite(cleanup);

const renders = new Map<string, number>();
const bump = (key: string) => renders.set(key, (renders.get(key) ?? 0) + 1);
const snapshot = () => new Map(renders);

const ChannelRow = memo(function ChannelRow({ summary }: { summary: ChannelSummary }) {
  bump(summary.cid);
  return (
    <li data-testid={summary.cid}>
      {summary.lastMessage?.text} ({summary.unread.messages})
    </li>
  );
});

const MessageRow = memo(function MessageRow({ message }: { message: LocalMessage }) {
  bump(message.id);
  const reactions = Object.entries(message.reaction_groups ?? {})
    .map(([type, g]) => `${type}:${(g as { count: number }).count}`)
    .join(' ');
  return (
    <li data-testid={message.id}>
      {message.text} [{reactions}]
    </li>
  );
});

function Channels() {
  const { channels } = useChannelList({ members: { $in: ['alice'] } }, { last_message_at: -1 });
  return (
    <ul>
      {channels.map((c) => (
        <ChannelRow key={c.cid} summary={c} />
      ))}
    </ul>
  );
}

function Messages({ id }: { id: string }) {
  // The list's query already loaded and watches these channels; a second watch would
  // re-hydrate them at a time the test cannot see, so render counts could not settle.
  const { messages } = useChannel('messaging', id, undefined, { autoWatch: false });
  return (
    <ol>
      {messages.map((m) => (
        <MessageRow key={m.id} message={m} />
      ))}
    </ol>
  );
}

it('a new message in channel A re-renders neither channel B\'s row nor any other message row; a reaction only its row', async () => {
  const bob = await suite.client('bob');
  await registerUsers(suite.emu, 'alice');
  const aIds = await seedChannel(bob, 'a', ['alice', 'bob'], ['a0', 'a1', 'a2']);
  const bIds = await seedChannel(bob, 'b', ['alice', 'bob'], ['b0', 'b1']);
  const alice = await suite.client('alice');

  render(
    <ChatProvider client={alice}>
      <Channels />
      <Messages id="a" />
      <Messages id="b" />
    </ChatProvider>,
  );
  await waitFor(() => {
    for (const id of [...aIds, ...bIds, 'messaging:a', 'messaging:b']) expect(screen.getByTestId(id)).toBeTruthy();
  });
  // Let any in-flight settling (list joins, read states) finish before counting.
  await waitFor(() => expect(screen.getByTestId('messaging:b').textContent).toBe('b1 (2)'));
  await drained(suite.emu, alice, 'alice');
  const before = snapshot();

  await bob.channel('messaging', 'a').sendMessage({ text: 'a3', id: 'a-new' });
  await waitFor(() => expect(screen.getByTestId('a-new').textContent).toBe('a3 []'));
  await waitFor(() => expect(screen.getByTestId('messaging:a').textContent).toBe('a3 (4)'));
  // Count only once everything that follows has run: a stray render a tick later counts.
  await drained(suite.emu, alice, 'alice');

  expect(renders.get('messaging:b')).toBe(before.get('messaging:b'));
  for (const id of [...aIds, ...bIds]) expect(renders.get(id), id).toBe(before.get(id));
  expect(renders.get('messaging:a')).toBeGreaterThan(before.get('messaging:a')!);
  expect(renders.get('a-new')).toBe(1);

  const afterMessage = snapshot();
  const target = aIds[1]!;
  await bob.channel('messaging', 'a').sendReaction(target, 'like');
  await waitFor(() => expect(screen.getByTestId(target).textContent).toBe('a1 [like:1]'));
  await drained(suite.emu, alice, 'alice');
  for (const [key, count] of afterMessage) {
    if (key === target) expect(renders.get(key)).toBeGreaterThan(count);
    else expect(renders.get(key), key).toBe(count);
  }
});
