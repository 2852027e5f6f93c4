// People in a real browser: Alice in the React app, Bob in the Vue app, one emulator with the
// demo data. Presence dots and names update live, each edits their own profile, a user search
// finds people, and blocking an author from a message's menu hides their messages until
// unblocked. Each step asserts what a person sees and writes a screenshot.
import { afterAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createChatClient, type ChatClient } from 'chatstore';
import { aliceAndBob, E2E_SKIP, openChannel, shotsFolder, useHarness } from './steps.ts';

const SHOTS = shotsFolder('e2e-users');

const message = (page: Page, text: string) => page.locator('.channel-view .messages .message', { hasText: text }).last();

async function openPeople(page: Page): Promise<void> {
  await page.locator('.people-panel summary').click();
  await page.getByRole('textbox', { name: 'Your name' }).waitFor();
}

describe.skipIf(E2E_SKIP)('people in the example apps', () => {
  let carol: ChatClient | undefined;

  const h = useHarness(SHOTS);
  // After hooks run last-registered first: Carol leaves before the harness closes.
  afterAll(async () => {
    await carol?.disconnectUser();
  });

  it('presence and names update live; own profile edits; user search; block and unblock from the author menu', async () => {
    const { alice, bob } = await aliceAndBob(h);

    // Alice searches for Carol: found, shown offline.
    await openPeople(alice);
    await alice.getByRole('searchbox', { name: 'Search people' }).fill('car');
    const carolRow = alice.locator('.people [data-user="carol"]');
    await carolRow.waitFor();
    await carolRow.locator('.presence:not(.online)').waitFor();
    // Carol comes online: the dot turns green without a new search.
    carol = createChatClient({ apiKey: h.emu.apiKey, baseUrl: h.emu.url });
    await carol.connectUser({ id: 'carol' }, await h.emu.createToken('carol'));
    await carolRow.locator('.presence.online').waitFor();
    await h.shot(alice, 'alice-search-carol-online');

    // Bob (Vue) renames himself: his header shows it at once, and Alice sees the new name
    // on his messages in their DM, live.
    await openChannel(alice, 'Alice and Bob');
    await message(alice, 'Perfect').locator('.author', { hasText: 'Bob Baker' }).waitFor();
    await message(alice, 'Perfect').locator('.presence-dot.online').waitFor();
    await openPeople(bob);
    await bob.getByRole('textbox', { name: 'Your name' }).fill('Bobby B.');
    await bob.getByRole('button', { name: 'Save profile' }).click();
    await bob.locator('.sidebar .me', { hasText: 'Bobby B.' }).waitFor();
    await message(alice, 'Perfect').locator('.author', { hasText: 'Bobby B.' }).waitFor();
    await h.shot(alice, 'alice-sees-bob-renamed');

    // Alice (React) renames herself too; Bob sees it on her messages.
    await alice.getByRole('textbox', { name: 'Your name' }).fill('Ali A.');
    await alice.getByRole('button', { name: 'Save profile' }).click();
    await alice.locator('.sidebar .me', { hasText: 'Ali A.' }).waitFor();
    await openChannel(bob, 'Alice and Bob');
    await bob.locator('.channel-view .message .author', { hasText: 'Ali A.' }).first().waitFor();

    // Alice blocks Dave from his message's author menu in General: his messages are hidden.
    await openChannel(alice, 'General');
    const daves = message(alice, 'Customer feedback on the beta');
    await daves.getByRole('button', { name: 'Actions for Dave Diaz' }).click();
    await daves.getByRole('menuitem', { name: 'Block Dave Diaz' }).click();
    await alice.locator('.channel-view .message .text.blocked').first().waitFor();
    await alice.locator('.people-panel summary', { hasText: '1 blocked' }).waitFor();
    await alice.locator('.people[aria-label="Blocked people"] [data-user="dave"]').waitFor();
    await h.shot(alice, 'alice-blocked-dave');
    // And unblocks him from the People panel: his message is back.
    await alice.locator('.people[aria-label="Blocked people"] [data-user="dave"]').getByRole('button', { name: 'Unblock' }).click();
    await message(alice, 'Customer feedback on the beta').locator('.text:not(.blocked)').first().waitFor();

    // Bob (Vue) blocks Carol from her message's menu in General, then unblocks her.
    await openChannel(bob, 'General');
    const carols = message(bob, 'Great, let us aim for Thursday').or(message(bob, 'Lunch on Friday'));
    await carols.first().getByRole('button', { name: 'Actions for Carol Chen' }).click();
    await carols.first().getByRole('menuitem', { name: 'Block Carol Chen' }).click();
    await bob.locator('.channel-view .message .text.blocked').first().waitFor();
    await h.shot(bob, 'bob-blocked-carol');
    await bob.locator('.people[aria-label="Blocked people"] [data-user="carol"]').getByRole('button', { name: 'Unblock' }).click();
    await bob.locator('.channel-view .message .text.blocked').first().waitFor({ state: 'detached' });

    const unexpected = h.unexpectedErrors();
    if (unexpected.length) throw new Error(`console errors: ${unexpected.join('\n')}`);
  }, 120_000);
});
