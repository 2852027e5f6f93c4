// Pins, search and delivery receipts in the example apps, as two people use them: Alice in
// the React app, Bob in the Vue app, one emulator serving the demo data. Each step asserts
// what a person sees and writes a screenshot.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { aliceAndBob, E2E_SKIP, openChannel, shotsFolder, useHarness } from './steps.ts';

const SHOTS = shotsFolder('e2e-pins');

const message = (page: Page, text: string) => page.locator('.channel-view .messages .message', { hasText: text }).last();
const pinCount = (page: Page, n: number) => page.locator('.channel-view .pinned-toggle', { hasText: `📌 ${n}` }).waitFor();

describe.skipIf(E2E_SKIP)('pins, search and receipts in Chromium', () => {
  const h = useHarness(SHOTS);

  it('Alice pins a message, Bob sees it and unpins it; Alice finds a message by search; receipts say delivered, then seen', async () => {
    const { alice, bob } = await aliceAndBob(h);
    await openChannel(alice, 'General');
    await openChannel(bob, 'General');
    // The demo has one pinned message.
    await pinCount(alice, 1);
    await pinCount(bob, 1);

    // Alice pins Bob's message from its toolbar: her count moves at once, Bob's follows.
    const thanks = message(alice, 'Thanks! Glad to be here.');
    await thanks.hover();
    await thanks.getByRole('button', { name: 'Pin message' }).click();
    await pinCount(alice, 2);
    await thanks.locator('.pin-mark').waitFor();
    await pinCount(bob, 2);
    await bob.locator('.channel-view .pinned-toggle').click();
    await bob.locator('.pinned-list li', { hasText: 'Thanks! Glad to be here.' }).waitFor();
    await h.shot(bob, 'bob-sees-pinned-list');

    // Bob unpins it from the pinned list: both counts go back to 1.
    await bob.getByRole('button', { name: 'Unpin the message from Bob Baker' }).click();
    await pinCount(bob, 1);
    await pinCount(alice, 1);
    await thanks.locator('.pin-mark').waitFor({ state: 'detached' });

    // Alice searches from another channel; the result opens General at the message.
    await openChannel(alice, 'Alice and Bob');
    await alice.getByRole('searchbox', { name: 'Search messages' }).fill('feedback');
    const result = alice.locator('.search-result', { hasText: 'Customer feedback on the beta' });
    await result.waitFor();
    await h.shot(alice, 'alice-search-results');
    await result.click();
    await alice.locator('.channel-view h1', { hasText: 'General' }).waitFor();
    await message(alice, 'Customer feedback on the beta').waitFor();
    expect(new URL(alice.url()).searchParams.get('channel')).toBe('messaging:general');

    // Bob edits a message the search found: Alice's result changes without searching again.
    await alice.getByRole('searchbox', { name: 'Search messages' }).fill('pull request');
    await alice.locator('.search-result', { hasText: 'can you review my pull request' }).waitFor();
    const pr = bob.locator('.channel-view .messages .message', { hasText: 'can you review my pull request' }).last();
    await pr.hover();
    await pr.getByRole('button', { name: 'Edit message' }).click();
    const edit = bob.getByRole('textbox', { name: 'Edit message' });
    await edit.fill('@alice can you review my pull request #42?');
    await edit.press('Enter');
    await alice.locator('.search-result', { hasText: 'pull request #42?' }).waitFor();

    // Receipts: Bob is in General; Alice writes to him in their DM. His app reports the
    // message delivered, so Alice sees "Delivered to Bob Baker"; when he opens it, "Seen by".
    await openChannel(alice, 'Alice and Bob');
    const box = alice.locator('.channel-view .composer textarea');
    await box.fill('Are you around for a quick call?');
    await box.press('Enter');
    const mine = message(alice, 'Are you around for a quick call?');
    await mine.locator('.seen', { hasText: 'Delivered to Bob Baker' }).waitFor();
    await h.shot(alice, 'alice-sees-delivered');
    await openChannel(bob, 'Alice and Bob');
    await mine.locator('.seen', { hasText: 'Seen by Bob Baker' }).waitFor();
    expect(await mine.locator('.seen').textContent()).not.toContain('Delivered');
    await h.shot(alice, 'alice-sees-seen');

    expect(h.unexpectedErrors()).toEqual([]);
  }, 120_000);
});
