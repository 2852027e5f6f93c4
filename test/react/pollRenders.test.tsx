// @vitest-environment happy-dom
// usePoll render counts: a poll component re-renders when its poll changes (a vote by
// someone else, an own vote shown at once), and not for activity elsewhere in the channel
// (a new message, a reaction) nor for a vote on another poll.
import { expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, act } from '@testing-library/react';
import { ChatProvider, usePoll } from 'chatstore/react';
import { renderSuite, drained, registerUsers } from './helpers.tsx';

const suite = renderSuite(cleanup);

const renders = new Map<string, number>();

function PollBox({ id, testId }: { id: string; testId: string }) {
  renders.set(testId, (renders.get(testId) ?? 0) + 1);
  const { data } = usePoll(id);
  const text = data ? data.options.map((o) => `${o.text}:${data.vote_counts_by_option[o.id] ?? 0}`).join(' ') : 'loading';
  return <p data-testid={testId}>{text} own={data?.own_votes.length ?? 0}</p>;
}

it('re-renders for its own poll only', async () => {
  const bob = await suite.client('bob');
  await registerUsers(suite.emu, 'alice');
  const channel = bob.channel('messaging', 'r', { members: ['alice', 'bob'] });
  await channel.watch();
  const one = await bob.createPoll({ name: 'One', options: [{ text: 'x' }, { text: 'y' }] });
  const two = await bob.createPoll({ name: 'Two', options: [{ text: 'p' }, { text: 'q' }] });
  const m1 = await channel.sendMessage({ text: 'one', poll_id: one.id });
  const m2 = await channel.sendMessage({ text: 'two', poll_id: two.id });

  const alice = await suite.client('alice');
  await alice.channel('messaging', 'r').watch();
  render(
    <ChatProvider client={alice}>
      <PollBox id={one.id} testId="one" />
      <PollBox id={two.id} testId="two" />
    </ChatProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('one').textContent).toBe('x:0 y:0 own=0'));
  await drained(suite.emu, alice, 'alice');
  const base = new Map(renders);

  // Activity elsewhere in the channel: no render.
  await channel.sendMessage({ text: 'chatter' });
  await channel.sendReaction(m1.id, 'like');
  await drained(suite.emu, alice, 'alice');
  expect(renders.get('one')).toBe(base.get('one'));
  expect(renders.get('two')).toBe(base.get('two'));

  // Bob votes on poll one: only its box renders, once.
  await bob.poll(one.id).vote(m1.id, one.options[0]!.id);
  await waitFor(() => expect(screen.getByTestId('one').textContent).toBe('x:1 y:0 own=0'));
  await drained(suite.emu, alice, 'alice');
  expect(renders.get('one')).toBe(base.get('one')! + 1);
  expect(renders.get('two')).toBe(base.get('two'));

  // Alice votes on poll two: shown at once, confirmed without another change of what shows.
  const afterBob = new Map(renders);
  await act(async () => {
    await alice.poll(two.id).vote(m2.id, two.options[1]!.id);
  });
  await waitFor(() => expect(screen.getByTestId('two').textContent).toBe('p:0 q:1 own=1'));
  await drained(suite.emu, alice, 'alice');
  expect(renders.get('one')).toBe(afterBob.get('one'));
  // The optimistic copy and the confirmed one differ (the vote's id), so at most two renders.
  expect(renders.get('two')! - afterBob.get('two')!).toBeGreaterThanOrEqual(1);
  expect(renders.get('two')! - afterBob.get('two')!).toBeLessThanOrEqual(2);
});
