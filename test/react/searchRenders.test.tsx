// @vitest-environment happy-dom
// useSearch render counts: the search component renders once per change of its results or
// status; an edit of one found message re-renders only that row; a message elsewhere
// re-renders nothing.
import { expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { memo } from 'react';
import type { LocalMessage } from 'chatstore';
import { ChatProvider, useSearch } from 'chatstore/react';
import { renderSuite, drained, registerUsers, seedChannel } from './helpers.tsx';

const suite = renderSuite(cleanup);

const renders = new Map<string, number>();
const bump = (key: string) => renders.set(key, (renders.get(key) ?? 0) + 1);

const Row = memo(function Row({ message }: { message: LocalMessage }) {
  bump(message.id);
  return <li data-testid={message.id}>{message.text}</li>;
});

function Search({ text }: { text: string }) {
  const { results, status } = useSearch({ cid: 'messaging:s' }, text, { sort: [{ field: 'created_at', direction: 1 }] });
  bump('search');
  return (
    <div>
      <span data-testid="status">{status.loading ? 'loading' : `${results.length} found`}</span>
      <ol>
        {results.map((m) => (
          <Row key={m.id} message={m} />
        ))}
      </ol>
    </div>
  );
}

it('useSearch renders per change of what it shows, and an edit re-renders only its row', async () => {
  const bob = await suite.client('bob');
  await registerUsers(suite.emu, 'alice');
  const ids = await seedChannel(bob, 's', ['alice', 'bob'], ['lunch one', 'lunch two', 'other']);
  const alice = await suite.client('alice');
  await alice.channel('messaging', 's').watch();

  render(
    <ChatProvider client={alice}>
      <Search text="lunch" />
    </ChatProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('2 found'));
  await drained(suite.emu, alice, 'alice');
  // Mount, the search created, its results: a handful, not one per store change.
  expect(renders.get('search')).toBeLessThanOrEqual(4);
  const before = new Map(renders);

  // A new message does not change a search's results: nothing re-renders.
  await bob.channel('messaging', 's').sendMessage({ text: 'lunch three' });
  await drained(suite.emu, alice, 'alice');
  expect(renders).toEqual(before);

  await bob.channel('messaging', 's').updateMessage(ids[1]!, { text: 'lunch two, edited' });
  await waitFor(() => expect(screen.getByTestId(ids[1]!).textContent).toBe('lunch two, edited'));
  await drained(suite.emu, alice, 'alice');
  expect(renders.get(ids[1]!)).toBe((before.get(ids[1]!) ?? 0) + 1);
  expect(renders.get(ids[0]!)).toBe(before.get(ids[0]!));
  expect(renders.get('search')).toBe((before.get('search') ?? 0) + 1);
});
