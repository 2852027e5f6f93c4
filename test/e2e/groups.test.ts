// Group channels in the example apps, as people use them: Alice (React) makes a group with
// Bob and Carol; the form says what is missing and why the server refused, keeping what she
// typed; once created the group opens at once for her and appears live in Bob's list (Vue),
// where he chats in it. Each step asserts what a person sees and writes a screenshot.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { aliceAndBob, E2E_NOW, E2E_SKIP, openChannel, send, shotsFolder, useHarness } from './steps.ts';

const SHOTS = shotsFolder('e2e-groups');

const row = (page: Page, name: string) => page.locator('nav.channels button.channel', { hasText: name });
const message = (page: Page, text: string) => page.locator('.channel-view .messages .message', { hasText: text }).last();

describe.skipIf(E2E_SKIP)('group channels in the example apps', () => {
  const h = useHarness(SHOTS);

  it('Alice (React) creates a group with Bob and Carol; Bob (Vue) sees it appear and chats in it', async () => {
    const { alice, bob } = await aliceAndBob(h);

    // The form, folded in the sidebar: it asks for a name, then for people.
    await alice.locator('details.new-group summary').click();
    const form = alice.getByRole('form', { name: 'New group' });
    await form.getByRole('button', { name: 'Create group' }).click();
    await form.getByRole('alert').filter({ hasText: 'Give the group a name.' }).waitFor();
    await form.getByRole('textbox', { name: 'Group name' }).fill('Weekend trip');
    await form.getByRole('button', { name: 'Create group' }).click();
    await form.getByRole('alert').filter({ hasText: 'Pick at least one person.' }).waitFor();
    await form.getByRole('checkbox', { name: 'Bob Baker' }).check();
    await form.getByRole('checkbox', { name: 'Carol Chen' }).check();

    // The server refuses once: the reason shows under the form, and nothing typed is lost.
    h.emu.controls.failNext('GetOrCreateChannel', { status: 403, code: 17, message: 'channel creation is switched off for now' });
    await form.getByRole('button', { name: 'Create group' }).click();
    await form.getByRole('alert').filter({ hasText: 'channel creation is switched off for now' }).waitFor();
    expect(await form.getByRole('textbox', { name: 'Group name' }).inputValue()).toBe('Weekend trip');
    expect(await form.getByRole('checkbox', { name: 'Bob Baker' }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Carol Chen' }).isChecked()).toBe(true);
    await h.shot(alice, 'alice-group-refused');
    h.expectErrors(/status of 403/);

    // Again: the group opens at once for Alice, with a readable id in the URL.
    await form.getByRole('button', { name: 'Create group' }).click();
    await alice.locator('.channel-view h1', { hasText: 'Weekend trip' }).waitFor();
    expect(new URL(alice.url()).searchParams.get('channel')).toMatch(/^messaging:weekend-trip-[a-z0-9]{5}$/);
    await row(alice, 'Weekend trip').waitFor();
    expect(await alice.locator('details.new-group').getAttribute('open')).toBeNull();
    await h.shot(alice, 'alice-group-open');

    // Bob's list shows it without a reload, before anyone wrote in it.
    await row(bob, 'Weekend trip').waitFor();
    await h.shot(bob, 'bob-sees-group');
    await openChannel(bob, 'Weekend trip');
    await send(bob, 'Count me in! Carol, are you coming?');
    await message(alice, 'Count me in!').waitFor();
    await send(alice, 'Great, I will book the cabin');
    await message(bob, 'I will book the cabin').waitFor();
    // The pages run on the emulator's clock (E2E_NOW, 2 March 2026), whatever day the test
    // runs: what was just written is from "Today", and the page's date is that day.
    expect(await bob.locator('.channel-view .messages li.day').allTextContents()).toEqual(['Today']);
    expect(await alice.locator('.channel-view .messages li.day').allTextContents()).toEqual(['Today']);
    expect(await bob.evaluate(() => new Date().toISOString().slice(0, 13))).toBe(new Date(E2E_NOW).toISOString().slice(0, 13));
    await h.shot(bob, 'bob-chats-in-group');

    // Carol, in the React app, has it too, with both messages.
    const carol = await h.open('/?user=carol');
    await openChannel(carol, 'Weekend trip');
    await message(carol, 'I will book the cabin').waitFor();
    await h.shot(carol, 'carol-in-group');

    // The Vue app has the same form: Bob makes a group with Erin, and it opens for him.
    await bob.locator('details.new-group summary').click();
    const bobForm = bob.getByRole('form', { name: 'New group' });
    await bobForm.getByRole('textbox', { name: 'Group name' }).fill('Book club');
    await bobForm.getByRole('button', { name: 'Create group' }).click();
    await bobForm.getByRole('alert').filter({ hasText: 'Pick at least one person.' }).waitFor();
    await bobForm.getByRole('checkbox', { name: 'Erin Evans' }).check();
    await bobForm.getByRole('button', { name: 'Create group' }).click();
    await bob.locator('.channel-view h1', { hasText: 'Book club' }).waitFor();
    expect(new URL(bob.url()).searchParams.get('channel')).toMatch(/^messaging:book-club-[a-z0-9]{5}$/);
    await bob.locator('.channel-view .members-count, .channel-view header', { hasText: '2 members' }).first().waitFor();
    await h.shot(bob, 'bob-vue-group-open');

    expect(h.unexpectedErrors()).toEqual([]);
  }, 60_000);
});
