// The example apps in a real browser, as two people use them: Alice in the React app, Bob
// in the Vue app, both against one emulator serving the demo data on loopback. Each step
// asserts what a person sees and writes a screenshot (the folder is printed at the start).
// Date starts at the same instant in the emulator and in the pages on every run (so the
// seed's times, day labels and separators are the same) and runs on from there; nothing
// waits on a sleep, only on what appears.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { createChatClient } from 'chatstore';
import { browserMissing, startHarness, type Harness } from './browser.ts';

const NOW = Date.UTC(2026, 2, 2, 9, 30, 0);
const SHOTS = fileURLToPath(new URL('../../test-results/e2e', import.meta.url));
const skip = process.env['CHATSTORE_E2E'] === 'skip';

/** How a page's layout stands: whether the page itself scrolls and where the newest message is. */
async function layout(page: Page, list = '.channel-view .messages') {
  return page.evaluate((selector) => {
    const doc = document.scrollingElement!;
    const box = document.querySelector(selector);
    const items = box?.querySelectorAll('.message');
    const last = items?.[items.length - 1]?.getBoundingClientRect();
    const area = box?.getBoundingClientRect();
    return {
      pageScrolls: doc.scrollHeight > window.innerHeight + 1 || doc.scrollWidth > window.innerWidth + 1,
      listScrolls: box ? box.scrollHeight > box.clientHeight : false,
      atBottom: box ? box.scrollHeight - box.scrollTop - box.clientHeight < 4 : false,
      lastVisible: last && area ? last.bottom <= area.bottom + 1 && last.top >= area.top - 1 : false,
      width: doc.scrollWidth,
    };
  }, list);
}

async function openChannel(page: Page, name: string): Promise<void> {
  await page.locator('button.channel', { hasText: name }).first().click();
  await page.locator('.channel-view h1', { hasText: name }).waitFor();
}

async function send(page: Page, text: string, scope = '.channel-view'): Promise<void> {
  const box = page.locator(`${scope} .composer textarea`);
  await box.fill(text);
  await box.press('Enter');
}

const message = (page: Page, text: string, scope = '.channel-view .messages') => page.locator(`${scope} .message`, { hasText: text }).last();

describe.skipIf(skip)('the example apps in Chromium', () => {
  let h: Harness;

  beforeAll(async () => {
    const missing = browserMissing();
    if (missing) throw new Error(missing);
    // Date starts at NOW and runs on (so messages sent one after another get distinct times).
    vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
    console.log(`e2e screenshots: ${SHOTS}`);
    h = await startHarness({ now: NOW, shots: SHOTS });
    // More than a screen of history in General, from Dave, so the list has to scroll and
    // has older pages to load; and one 3,000-character word.
    const dave = createChatClient({ apiKey: h.emu.apiKey, baseUrl: h.emu.url });
    await dave.connectUser({ id: 'dave' }, await h.emu.createToken('dave'));
    const general = dave.channel('messaging', 'general');
    await general.watch();
    for (let i = 1; i <= 40; i++) await general.sendMessage({ text: `Status update ${i}: all green` });
    await general.sendMessage({ text: `A long word: ${'w'.repeat(3000)}` });
    await dave.disconnectUser();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    vi.useRealTimers();
  });

  it('Alice (React) and Bob (Vue) chat live, each page scrolling only its message list', async () => {
    const alice = await h.open('/?user=alice');
    const bob = await h.open('/vue/?user=bob');
    await alice.locator('.status', { hasText: 'connected' }).waitFor();
    await bob.locator('.status', { hasText: 'connected' }).waitFor();
    await h.shot(alice, 'alice-react-start');

    await openChannel(alice, 'Alice and Bob');
    await openChannel(bob, 'Alice and Bob');
    await message(alice, 'Perfect ☕').waitFor();
    await h.shot(bob, 'bob-vue-dm');

    await send(alice, 'Hello Bob, from the React app');
    await message(bob, 'Hello Bob, from the React app').waitFor();
    await send(bob, 'Hi Alice, Vue here');
    await message(alice, 'Hi Alice, Vue here').waitFor();
    await h.shot(alice, 'alice-sees-bob');
    await h.shot(bob, 'bob-sees-alice');
    const seen = await layout(alice);
    expect(seen.pageScrolls).toBe(false);
    expect(seen.lastVisible).toBe(true);

    expect(h.errors).toEqual([]);
  }, 60_000);

  it('scrolls a long channel inside its message list, long words wrapped', async () => {
    const alice = await h.open('/?user=alice');
    await openChannel(alice, 'General');
    await message(alice, 'A long word').waitFor();
    await h.shot(alice, 'alice-general-long');
    const seen = await layout(alice);
    expect(seen).toMatchObject({ pageScrolls: false, listScrolls: true, width: 1280 });
    expect(h.errors).toEqual([]);
  }, 60_000);

  for (const app of ['/', '/vue/']) {
    it(`fits a 390 px phone screen (${app === '/' ? 'React' : 'Vue'})`, async () => {
      const phone = await h.open(`${app}?user=carol`, { width: 390, height: 844 });
      await phone.locator('.status', { hasText: 'connected' }).waitFor();
      await h.shot(phone, `phone-channels-${app === '/' ? 'react' : 'vue'}`);
      const list = await phone.locator('.sidebar').boundingBox();
      expect(list?.width).toBe(390);
      await openChannel(phone, 'General');
      await message(phone, 'A long word').waitFor();
      await h.shot(phone, `phone-general-${app === '/' ? 'react' : 'vue'}`);
      expect(await phone.locator('.sidebar').isVisible()).toBe(false);
      expect(await layout(phone)).toMatchObject({ pageScrolls: false, listScrolls: true, width: 390 });
      await phone.getByRole('button', { name: 'Back to channels' }).click();
      await phone.locator('button.channel', { hasText: 'Design' }).waitFor();
      expect(h.errors).toEqual([]);
    }, 60_000);
  }
});
