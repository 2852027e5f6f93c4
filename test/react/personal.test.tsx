// @vitest-environment happy-dom
// Render counts of useDraft and useReminders against the real emulator: an event about
// something else renders nothing; a change renders what shows it, and rows of reminders
// that did not change keep their render count.
import { expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { memo } from 'react';
import type { ChatClient, Reminder } from 'chatstore';
import { ChatProvider, useDraft, useReminders } from 'chatstore/react';
import { renderSuite, drained, registerUsers, seedChannel } from './helpers.tsx';

const suite = renderSuite(cleanup);

const renders = new Map<string, number>();
const bump = (key: string) => renders.set(key, (renders.get(key) ?? 0) + 1);

const client = (id: string): Promise<ChatClient> => suite.client(id);

function DraftView({ cid }: { cid: string }) {
  const { draft } = useDraft(cid);
  bump('draft');
  return <p data-testid="draft">{draft?.message.text ?? '(none)'}</p>;
}

it('useDraft renders when the draft changes, not when a message arrives', async () => {
  await registerUsers(suite.emu, 'bob');
  const alice = await client('alice');
  const other = await client('alice');
  const bob = await client('bob');
  await seedChannel(alice, 'p', ['alice', 'bob'], ['hello']);
  await other.channel('messaging', 'p').watch();
  await bob.channel('messaging', 'p').watch();
  renders.clear();
  render(
    <ChatProvider client={alice}>
      <DraftView cid="messaging:p" />
    </ChatProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('draft').textContent).toBe('(none)'));
  await drained(suite.emu, alice, 'alice');
  const start = renders.get('draft')!;

  await bob.channel('messaging', 'p').sendMessage({ text: 'unrelated' });
  await drained(suite.emu, alice, 'alice');
  expect(renders.get('draft')).toBe(start);

  await other.channel('messaging', 'p').saveDraft({ text: 'from my phone' });
  await waitFor(() => expect(screen.getByTestId('draft').textContent).toBe('from my phone'));
  await drained(suite.emu, alice, 'alice');
  expect(renders.get('draft')).toBe(start + 1);
});

const ReminderRow = memo(function ReminderRow({ reminder }: { reminder: Reminder }) {
  bump(reminder.message_id);
  return <li data-testid={reminder.message_id}>{reminder.due ? 'due' : 'later'}</li>;
});

function Reminders() {
  const { reminders } = useReminders();
  bump('panel');
  return (
    <ul>
      {reminders.map((r) => (
        <ReminderRow key={r.message_id} reminder={r} />
      ))}
    </ul>
  );
}

it('useReminders re-renders the panel and only the row that changed', async () => {
  await registerUsers(suite.emu, 'bob');
  const alice = await client('alice');
  const bob = await client('bob');
  const [m1, m2] = await seedChannel(alice, 'r', ['alice', 'bob'], ['one', 'two']);
  await bob.channel('messaging', 'r').watch();
  const soon = Date.now() + 60_000;
  await alice.createReminder(m1!, { remindAt: soon });
  renders.clear();
  render(
    <ChatProvider client={alice}>
      <Reminders />
    </ChatProvider>,
  );
  await waitFor(() => expect(screen.getByTestId(m1!).textContent).toBe('later'));
  await drained(suite.emu, alice, 'alice');
  const panel = renders.get('panel')!;
  const row1 = renders.get(m1!)!;

  await bob.channel('messaging', 'r').sendMessage({ text: 'unrelated' });
  await drained(suite.emu, alice, 'alice');
  expect(renders.get('panel')).toBe(panel);

  await act(async () => {
    await alice.createReminder(m2!, { remindAt: soon + 60_000 });
  });
  await waitFor(() => expect(screen.getByTestId(m2!).textContent).toBe('later'));
  await drained(suite.emu, alice, 'alice');
  expect(renders.get(m1!)).toBe(row1);
  expect(renders.get('panel')).toBeGreaterThan(panel);

  const beforeDue = new Map(renders);
  suite.emu.controls.advanceTime(61_000);
  await waitFor(() => expect(screen.getByTestId(m1!).textContent).toBe('due'));
  await drained(suite.emu, alice, 'alice');
  expect(renders.get(m2!)).toBe(beforeDue.get(m2!));
  expect(renders.get(m1!)).toBe(beforeDue.get(m1!)! + 1);
});
