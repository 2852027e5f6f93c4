// Channels in the example apps, as people use them: Alice (React) starts a direct message
// with Erin (Vue), renames it, adds and removes a member, pins, mutes and archives it; Erin
// hides it until a new message brings it back, pins it on her side, and leaves; Alice
// deletes it. Each step asserts what a person sees and writes a screenshot.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_SKIP, send, shotsFolder, useHarness } from './steps.ts';

const SHOTS = shotsFolder('e2e-channels');

const row = (page: Page, name: string) => page.locator('nav.channels button.channel', { hasText: name });

async function openSettings(page: Page): Promise<void> {
  const toggle = page.locator('.channel-view button.settings-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('.settings-panel section[aria-label="Channel settings"]').waitFor();
}

const settingsButton = (page: Page, name: string) => page.locator('.settings-actions button', { hasText: new RegExp(`^${name}$`) });

describe.skipIf(E2E_SKIP)('channels in the example apps', () => {
  const h = useHarness(SHOTS);

  it('a direct message from React to Vue: rename, members, pin, mute, archive, hide, leave, delete', async () => {
    const alice = await h.open('/?user=alice');
    const erin = await h.open('/vue/?user=erin');
    await alice.locator('.status', { hasText: 'connected' }).waitFor();
    await erin.locator('.status', { hasText: 'connected' }).waitFor();
    alice.on('dialog', (d) => void d.accept());

    // New direct message: Alice picks Erin; the channel opens, titled by the other member.
    await alice.locator('form.new-dm select').selectOption('erin');
    await alice.locator('form.new-dm button', { hasText: 'Start' }).click();
    await alice.locator('.channel-view h1', { hasText: 'Erin Evans' }).waitFor();
    await send(alice, 'Hi Erin, a quick question about the launch');
    await row(erin, 'Alice Archer').waitFor();
    await h.shot(alice, 'alice-started-dm');
    await h.shot(erin, 'erin-sees-dm');
    // Starting it again opens the same channel (distinct by its members), not a new one.
    await alice.locator('form.new-dm button', { hasText: 'Start' }).click();
    expect(await row(alice, 'Erin Evans').count()).toBe(1);

    // Rename: Alice's header and Erin's list follow.
    await openSettings(alice);
    await alice.locator('.settings input').fill('Launch crew');
    await alice.locator('.settings button', { hasText: 'Rename' }).click();
    await alice.locator('.channel-view h1', { hasText: 'Launch crew' }).waitFor();
    await row(erin, 'Launch crew').waitFor();
    await h.shot(alice, 'renamed');

    // Members: add Carol (with a system message), then remove her.
    await alice.locator('.members-panel select').selectOption('carol');
    await alice.locator('.members-panel button', { hasText: 'Add member' }).click();
    await alice.locator('.members-panel li', { hasText: 'Carol Chen' }).waitFor();
    await alice.locator('.members-panel h2', { hasText: 'Members (3)' }).waitFor();
    await alice.locator('.channel-view .message', { hasText: 'alice added carol' }).waitFor();
    await h.shot(alice, 'carol-added');
    await alice.locator('.members-panel button[aria-label="Remove Carol Chen"]').click();
    await alice.locator('.members-panel h2', { hasText: 'Members (2)' }).waitFor();

    // Pin: first in Alice's list with a pin mark; mute: a mute mark.
    await settingsButton(alice, 'Pin').click();
    await row(alice, 'Launch crew').locator('[aria-label="pinned"]').waitFor();
    await expect.poll(() => alice.locator('nav.channels button.channel').first().textContent()).toContain('Launch crew');
    await settingsButton(alice, 'Mute').click();
    await row(alice, 'Launch crew').locator('[aria-label="muted"]').waitFor();
    await h.shot(alice, 'pinned-and-muted');

    // Archive: it leaves the list and shows under "Archived"; unarchive brings it back.
    await settingsButton(alice, 'Archive').click();
    await expect.poll(() => row(alice, 'Launch crew').count()).toBe(0);
    await alice.locator('button.archived-toggle', { hasText: 'Archived' }).click();
    await row(alice, 'Launch crew').waitFor();
    await h.shot(alice, 'archived-list');
    await settingsButton(alice, 'Unarchive').click();
    await expect.poll(() => row(alice, 'Launch crew').count()).toBe(0);
    await alice.locator('button.archived-toggle', { hasText: 'All channels' }).click();
    await row(alice, 'Launch crew').waitFor();

    // Erin (Vue) hides it: it leaves her list until Alice writes again.
    await row(erin, 'Launch crew').click();
    await erin.locator('.channel-view h1', { hasText: 'Launch crew' }).waitFor();
    await openSettings(erin);
    await settingsButton(erin, 'Hide').click();
    await expect.poll(() => row(erin, 'Launch crew').count()).toBe(0);
    await h.shot(erin, 'erin-hid-it');
    await send(alice, 'Are you still there?');
    await row(erin, 'Launch crew').waitFor();
    await h.shot(erin, 'back-on-new-message');

    // Erin pins it on her side (her own membership: Alice's list is not concerned).
    await row(erin, 'Launch crew').click();
    await openSettings(erin);
    await settingsButton(erin, 'Pin').click();
    await row(erin, 'Launch crew').locator('[aria-label="pinned"]').waitFor();

    // Erin leaves: the channel leaves her list, and Alice sees one member left.
    await settingsButton(erin, 'Leave').click();
    await expect.poll(() => row(erin, 'Launch crew').count()).toBe(0);
    await alice.locator('.members-panel h2', { hasText: 'Members (1)' }).waitFor();
    await h.shot(alice, 'erin-left');

    // Alice deletes it (she owns it): gone from her list.
    await settingsButton(alice, 'Delete').click();
    await expect.poll(() => row(alice, 'Launch crew').count()).toBe(0);
    await h.shot(alice, 'deleted');

    expect(h.unexpectedErrors()).toEqual([]);
  }, 120_000);

  it('a refused rename is taken back and says why', async () => {
    const alice = await h.open('/vue/?user=alice');
    await alice.locator('.status', { hasText: 'connected' }).waitFor();
    h.expectErrors(/custom data|400/);
    await alice.locator('button.channel', { hasText: 'General' }).first().click();
    await alice.locator('.channel-view h1', { hasText: 'General' }).waitFor();
    await openSettings(alice);
    await alice.locator('.settings input').fill('x'.repeat(6_000));
    await alice.locator('.settings button', { hasText: 'Rename' }).click();
    await alice.locator('.notice', { hasText: 'custom data' }).waitFor();
    await alice.locator('.channel-view h1', { hasText: 'General' }).waitFor();
    await h.shot(alice, 'rename-refused');
    expect(h.unexpectedErrors()).toEqual([]);
  }, 60_000);
});
