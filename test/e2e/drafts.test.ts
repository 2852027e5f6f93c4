// Drafts and reminders in the example apps, in Chromium, as people use them: Alice in the
// React app and Bob in the Vue app. A half-written message survives switching channels and
// reloading the page, and goes when it is sent; "remind me" on a message puts it in the
// reminders panel, which marks it due when its time comes (the emulator's clock is moved
// ahead by the test control, nothing sleeps). Screenshots go to test-results/e2e-drafts.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing, startHarness, type Harness } from './browser.ts';
import { E2E_SKIP, openChannel, shotsFolder } from './steps.ts';

const SHOTS = shotsFolder('e2e-drafts');

const composer = (page: Page) => page.locator('.channel-view .composer textarea');

/** What the box holds, once it holds it (the draft loads with the channel). */
async function boxShows(page: Page, text: string): Promise<void> {
  await expect.poll(() => composer(page).inputValue(), { timeout: 10_000 }).toBe(text);
}

describe.skipIf(E2E_SKIP)('drafts and reminders in the example apps', () => {
  let h: Harness;

  beforeAll(async () => {
    const missing = browserMissing();
    if (missing) throw new Error(missing);
    console.log(`e2e screenshots: ${SHOTS}`);
    h = await startHarness({ shots: SHOTS });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  for (const app of [
    { who: 'Alice', path: '/?user=alice', ui: 'React', other: 'Design' },
    { who: 'Bob', path: '/vue/?user=bob', ui: 'Vue', other: 'Engineering' },
  ]) {
    it(`${app.who} (${app.ui}): a draft survives switching channels and reloading, and goes when sent`, async () => {
      const page = await h.open(app.path);
      await page.locator('.status', { hasText: 'connected' }).waitFor();
      await openChannel(page, 'General');
      const text = `Half a thought from ${app.who}`;
      await composer(page).fill(text);
      await h.shot(page, `${app.ui}-draft-typed`);

      // Away and back: the box holds the draft again.
      await openChannel(page, app.other);
      await boxShows(page, '');
      await openChannel(page, 'General');
      await boxShows(page, text);
      await h.shot(page, `${app.ui}-draft-back`);

      // Reload: the draft comes back from the server with the channel.
      await page.reload();
      await page.locator('.status', { hasText: 'connected' }).waitFor();
      await page.locator('.channel-view h1', { hasText: 'General' }).waitFor();
      await boxShows(page, text);
      await h.shot(page, `${app.ui}-draft-after-reload`);

      // Sent: the message shows, and after a reload the box is empty.
      await composer(page).press('Enter');
      await page.locator('.channel-view .messages .message', { hasText: text }).last().waitFor();
      await boxShows(page, '');
      await page.reload();
      await page.locator('.status', { hasText: 'connected' }).waitFor();
      await page.locator('.channel-view .messages .message', { hasText: text }).last().waitFor();
      await boxShows(page, '');
      await h.shot(page, `${app.ui}-draft-sent`);
    }, 60_000);
  }

  it('Alice (React) and Bob (Vue) set reminders on messages; the panel lists them and marks one due when its time comes', async () => {
    const alice = await h.open('/?user=alice');
    const bob = await h.open('/vue/?user=bob');
    for (const page of [alice, bob]) {
      await page.locator('.status', { hasText: 'connected' }).waitFor();
      await openChannel(page, 'General');
    }
    const remind = async (page: Page, text: string, choice: string) => {
      const row = page.locator('.channel-view .messages .message', { hasText: text }).first();
      await row.hover();
      await row.getByRole('button', { name: 'Remind me' }).click();
      await row.getByRole('button', { name: choice }).click();
    };

    await remind(alice, 'Customer feedback on the beta', 'in 20 seconds');
    const alicePanel = alice.locator('.reminders');
    await alicePanel.locator('li', { hasText: 'Customer feedback on the beta' }).waitFor();
    await expect.poll(() => alicePanel.locator('li').first().textContent()).toContain('In under a minute');
    await h.shot(alice, 'React-reminder-set');

    await remind(bob, 'Thanks! Glad to be here.', 'save for later');
    const bobPanel = bob.locator('.reminders');
    await bobPanel.locator('li', { hasText: 'Glad to be here' }).waitFor();
    await expect.poll(() => bobPanel.locator('li').first().textContent()).toContain('Saved for later');
    await h.shot(bob, 'Vue-reminder-saved');

    // Twenty seconds on the emulator's clock: the service's reminder_due marks it due.
    h.emu.controls.advanceTime(21_000);
    await alicePanel.locator('li.due', { hasText: 'Customer feedback on the beta' }).waitFor();
    expect(await alicePanel.locator('li.due').textContent()).toContain('Due now');
    await h.shot(alice, 'React-reminder-due');

    // Removing it from the message takes it off the panel.
    const row = alice.locator('.channel-view .messages .message', { hasText: 'Customer feedback on the beta' }).first();
    await row.hover();
    await row.getByRole('button', { name: /Remove reminder/ }).click();
    await alicePanel.waitFor({ state: 'detached' });
    await h.shot(alice, 'React-reminder-removed');
    expect(h.unexpectedErrors()).toEqual([]);
  }, 60_000);
});
