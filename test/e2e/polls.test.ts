// Polls in the example apps, in a real browser: Alice creates a poll in the React app from
// the form beside the composer, Bob votes in the Vue app, and Alice sees the count move
// live; Alice votes too and Bob sees it; a closed poll refuses votes. Each step asserts
// what a person sees and writes a screenshot.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { aliceAndBob, E2E_SKIP, openChannel, shotsFolder, useHarness } from './steps.ts';

const SHOTS = shotsFolder('e2e-polls');

const QUESTION = 'Which day for the retro?';
const pollOf = (page: Page) => page.locator('.channel-view .messages').getByRole('figure', { name: `Poll: ${QUESTION}` });
const option = (page: Page, text: RegExp) => pollOf(page).getByRole('button', { name: text });

describe.skipIf(E2E_SKIP)('polls in the example apps', () => {
  const h = useHarness(SHOTS);

  it('Alice creates a poll in React, Bob votes in Vue, Alice sees the count', async () => {
    const { alice, bob } = await aliceAndBob(h);
    await openChannel(alice, 'General');
    await openChannel(bob, 'General');

    // Alice opens the poll form and creates a poll with three options.
    await alice.locator('.channel-view').getByRole('button', { name: '📊 New poll' }).click();
    const form = alice.getByRole('form', { name: 'New poll' });
    await form.getByLabel('Poll question').fill(QUESTION);
    await form.getByLabel('Option 1').fill('Monday');
    await form.getByLabel('Option 2').fill('Friday');
    await form.getByRole('button', { name: '+ Add option' }).click();
    await form.getByLabel('Option 3').fill('Friday');
    await form.getByRole('button', { name: 'Create poll' }).click();
    // Two options alike: the form says so and creates nothing.
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Options must differ');
    await form.getByLabel('Option 3').fill('Wednesday');
    await form.getByRole('button', { name: 'Create poll' }).click();
    await pollOf(alice).waitFor();
    expect(await pollOf(alice).locator('li').allTextContents()).toEqual(['Monday0', 'Friday0', 'Wednesday0']);
    await h.shot(alice, 'alice-created-poll');

    // Bob sees it arrive and votes for Friday.
    await pollOf(bob).waitFor();
    await option(bob, /^Friday: 0 votes$/).click();
    await option(bob, /^Friday: 1 vote$/).waitFor();
    expect(await option(bob, /^Friday/).getAttribute('aria-pressed')).toBe('true');
    await h.shot(bob, 'bob-voted-friday');

    // Alice sees the count move, not as her own vote.
    await option(alice, /^Friday: 1 vote$/).waitFor();
    expect(await option(alice, /^Friday/).getAttribute('aria-pressed')).toBe('false');
    await h.shot(alice, 'alice-sees-bobs-vote');

    // One vote per person: Bob changes his mind, the vote moves for both.
    await option(bob, /^Monday: 0 votes$/).click();
    await option(alice, /^Monday: 1 vote$/).waitFor();
    await option(alice, /^Friday: 0 votes$/).waitFor();
    expect(await pollOf(bob).locator('li').allTextContents()).toEqual(['Monday1', 'Friday0', 'Wednesday0']);

    // Alice votes Monday too; Bob sees two.
    await option(alice, /^Monday: 1 vote$/).click();
    await option(bob, /^Monday: 2 votes$/).waitFor();
    await h.shot(bob, 'bob-sees-two-votes');

    // Alice closes her poll: Bob's buttons turn off and the caption says closed.
    await pollOf(alice).getByRole('button', { name: 'Close poll' }).click();
    await pollOf(bob).locator('figcaption', { hasText: 'closed' }).waitFor();
    expect(await option(bob, /^Wednesday/).isDisabled()).toBe(true);
    await h.shot(bob, 'bob-sees-poll-closed');

    expect(h.unexpectedErrors()).toEqual([]);
  }, 90_000);
});
