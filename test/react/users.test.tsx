// @vitest-environment happy-dom
// useUser: a row per user re-renders only when that user changes (name, presence), never for
// another user's change or for messages.
import { expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { ChatProvider, useUser } from 'chatstore/react';
import { renderSuite, drained, registerUsers, seedChannel } from './helpers.tsx';

const suite = renderSuite(cleanup);

const renders = new Map<string, number>();

function UserRow({ id }: { id: string }) {
  renders.set(id, (renders.get(id) ?? 0) + 1);
  const user = useUser(id);
  return (
    <li data-testid={id}>
      {user?.name ?? '?'} {user?.online ? 'online' : 'offline'}
    </li>
  );
}

it('useUser re-renders the row of the user who changed, and only it', async () => {
  await registerUsers(suite.emu, 'bob', 'carol');
  const alice = await suite.client('alice');
  await seedChannel(alice, 'abc', ['alice', 'bob', 'carol'], ['hi']);
  render(
    <ChatProvider client={alice}>
      <UserRow id="bob" />
      <UserRow id="carol" />
    </ChatProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('bob').textContent).toBe('bob offline'));
  await waitFor(() => expect(screen.getByTestId('carol').textContent).toBe('carol offline'));
  await drained(suite.emu, alice, 'alice');
  const before = new Map(renders);

  const bob = await suite.client('bob');
  await waitFor(() => expect(screen.getByTestId('bob').textContent).toBe('bob online'));
  await bob.updateUser({ set: { name: 'Robert' } });
  await waitFor(() => expect(screen.getByTestId('bob').textContent).toBe('Robert online'));
  // A message in a shared channel changes no user: no row re-renders for it.
  await bob.channel('messaging', 'abc').watch();
  const afterBob = renders.get('bob');
  await bob.channel('messaging', 'abc').sendMessage({ text: 'hello' });
  await drained(suite.emu, alice, 'alice');

  expect(renders.get('carol')).toBe(before.get('carol'));
  expect(renders.get('bob')!).toBeGreaterThan(before.get('bob')!);
  // Two changes (presence, then the name): at most one render each.
  expect(renders.get('bob')! - before.get('bob')!).toBeLessThanOrEqual(2);
  expect(renders.get('bob')).toBe(afterBob);
});
