// The example apps in a real browser, as two people use them: Alice in the React app, Bob
// in the Vue app, both against one emulator serving the demo data on loopback. Each step
// asserts what a person sees and writes a screenshot (the folder is printed at the start).
// The emulator's Date starts at the same instant on every run (so the seed's times are the
// same) and runs on from there; nothing waits on a sleep, only on what appears.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createChatClient } from 'chatstore';
import { aliceAndBob, E2E_SKIP, openChannel, send, shotsFolder, useHarness } from './steps.ts';

const SHOTS = shotsFolder('e2e');

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
      // The end of the newest message is in the list's area (a long one may start above it).
      lastVisible: last && area ? last.bottom <= area.bottom + 1 && last.bottom > area.top : false,
      width: doc.scrollWidth,
    };
  }, list);
}

const message = (page: Page, text: string, scope = '.channel-view .messages') => page.locator(`${scope} .message`, { hasText: text }).last();

describe.skipIf(E2E_SKIP)('the example apps in Chromium', () => {
  // More than a screen of history in General, from Dave, so the list has to scroll and has
  // older pages to load; and one 3,000-character word.
  const h = useHarness(SHOTS, async (started) => {
    const dave = createChatClient({ apiKey: started.emu.apiKey, baseUrl: started.emu.url });
    await dave.connectUser({ id: 'dave' }, await started.emu.createToken('dave'));
    const general = dave.channel('messaging', 'general');
    await general.watch();
    for (let i = 1; i <= 40; i++) await general.sendMessage({ text: `Status update ${i}: all green` });
    await general.sendMessage({ text: `A long word: ${'w'.repeat(3000)}` });
    await dave.disconnectUser();
  });

  /**
   * General as a reader meets it, the same in both apps: it opens at the newest message, the
   * page is the window's height and the list scrolls in its own area; scrolling to the top
   * loads older messages and the message that was in view stays where it was.
   */
  async function readLongChannel(page: Page, who: string): Promise<void> {
    await openChannel(page, 'General');
    await message(page, 'A long word').waitFor();
    await page.waitForFunction(() => document.querySelector('.channel-view .messages')!.scrollTop > 0);
    expect(await layout(page)).toMatchObject({ pageScrolls: false, listScrolls: true, atBottom: true, lastVisible: true, width: 1280 });
    expect(await page.evaluate(() => [document.scrollingElement!.scrollHeight, window.innerHeight])).toEqual([800, 800]);
    await h.shot(page, `${who}-general-newest`);

    const count = await page.locator('.channel-view .message').count();
    const list = page.locator('.channel-view .messages');
    // At the top, before older messages can arrive: which message is first, and where.
    const before = await list.evaluate((el) => {
      el.scrollTo({ top: 0 });
      const first = el.querySelector<HTMLElement>('.message[data-id]')!;
      return { id: first.dataset['id']!, top: first.getBoundingClientRect().top - el.getBoundingClientRect().top };
    });
    await page.waitForFunction((n) => document.querySelectorAll('.channel-view .message').length > n, count);
    const after = await list.evaluate((el, id) => {
      const node = [...el.querySelectorAll<HTMLElement>('.message[data-id]')].find((n) => n.dataset['id'] === id);
      return { scrollTop: el.scrollTop, top: node ? node.getBoundingClientRect().top - el.getBoundingClientRect().top : null };
    }, before.id);
    expect(after.scrollTop).toBeGreaterThan(0);
    expect(after.top).not.toBeNull();
    expect(Math.abs(after.top! - before.top)).toBeLessThanOrEqual(2);
    await page.getByRole('button', { name: '↓ Jump to latest' }).waitFor();
    await h.shot(page, `${who}-general-older`);
  }

  it('Alice (React) and Bob (Vue) chat live: links, seen by, reactions, edits, deletes, threads, typing, errors', async () => {
    const { alice, bob } = await aliceAndBob(h);
    // Alice had not read Bob's last message: the list shows it as unread.
    const dm = alice.locator('button.channel', { hasText: 'Alice and Bob' });
    expect(await dm.locator('.badge').textContent()).toBe('1');
    await h.shot(alice, 'alice-react-start');

    await openChannel(alice, 'Alice and Bob');
    await openChannel(bob, 'Alice and Bob');
    // The divider stands before what was unread when she opened it, and the badge goes.
    await alice.locator('.unread-divider + .message', { hasText: 'Perfect ☕' }).waitFor();
    await dm.locator('.badge').waitFor({ state: 'detached' });
    expect(new URL(alice.url()).searchParams.get('channel')).toBe('messaging:alice-bob');
    await h.shot(bob, 'bob-vue-dm');

    // Alice sends a link; Bob's app shows it clickable; Bob has read it, so Alice sees "seen by".
    await send(alice, 'Hello Bob, the plan is at https://example.com/plan');
    await bob.locator('.message a[href="https://example.com/plan"]').waitFor();
    await message(alice, 'the plan is at').locator('.seen', { hasText: 'Seen by Bob Baker' }).waitFor();
    // Bob types: Alice sees it; he sends, and his message arrives.
    await bob.locator('.channel-view .composer textarea').pressSequentially('Hi Al');
    await alice.locator('.typing', { hasText: 'Bob Baker is typing' }).waitFor();
    await h.shot(alice, 'alice-sees-typing');
    await bob.locator('.channel-view .composer textarea').fill('Hi Alice, Vue here');
    await bob.locator('.channel-view .composer textarea').press('Enter');
    await message(alice, 'Hi Alice, Vue here').waitFor();
    const seen = await layout(alice);
    expect(seen.pageScrolls).toBe(false);
    expect(seen.lastVisible).toBe(true);

    // Alice reacts with the picker; Bob sees the reaction.
    const bobsLine = message(alice, 'Hi Alice, Vue here');
    await bobsLine.hover();
    await bobsLine.getByRole('button', { name: 'Add reaction' }).click();
    await bobsLine.getByRole('button', { name: 'React with heart' }).click();
    await message(bob, 'Hi Alice, Vue here').locator('.reaction', { hasText: '❤️ 1' }).waitFor();
    // The demo's thumbsup is drawn as a thumb.
    // Alice edits her last message with Arrow Up in the empty composer; Bob sees "(edited)".
    await alice.locator('.channel-view .composer textarea').press('ArrowUp');
    const edit = alice.getByRole('textbox', { name: 'Edit message' });
    await edit.fill('Hello Bob, the plan moved to https://example.com/plan2');
    await edit.press('Enter');
    await message(bob, 'the plan moved to').locator('.edited', { hasText: '(edited)' }).waitFor();
    await h.shot(bob, 'bob-sees-edit-and-reaction');

    // Bob deletes his message: Alice sees it deleted, and her channel list says so.
    const own = message(bob, 'Hi Alice, Vue here');
    await own.hover();
    await own.getByRole('button', { name: 'Delete message' }).click();
    await own.getByRole('button', { name: 'Delete', exact: true }).click();
    await alice.locator('.message .text.deleted').waitFor();
    await dm.locator('.preview', { hasText: 'Bob Baker: message deleted' }).waitFor();

    // A thread: Alice replies in one, the URL holds it, Bob sees the reply count.
    const mine = message(alice, 'the plan moved to');
    await mine.hover();
    await mine.getByRole('button', { name: 'Reply in thread' }).click();
    await send(alice, 'First point: dates', '.thread');
    await alice.locator('.thread .replies .message', { hasText: 'First point: dates' }).waitFor();
    expect(new URL(alice.url()).searchParams.get('thread')).toBeTruthy();
    await message(bob, 'the plan moved to').locator('.thread-link', { hasText: '1 reply' }).waitFor();
    // A reload comes back to the same channel and thread; Escape closes the thread.
    await alice.reload();
    await alice.locator('.thread .replies .message', { hasText: 'First point: dates' }).waitFor();
    await alice.locator('.channel-view h1', { hasText: 'Alice and Bob' }).waitFor();
    await h.shot(alice, 'alice-thread-after-reload');
    await alice.keyboard.press('Escape');
    await alice.locator('.thread').waitFor({ state: 'detached' });

    // Too long for the server: the composer says so before sending.
    const box = alice.locator('.channel-view .composer textarea');
    await box.fill('x'.repeat(5001));
    await alice.locator('.composer .limit.over', { hasText: '1 characters too long' }).waitFor();
    expect(await alice.locator('.channel-view .composer button[type=submit]').isDisabled()).toBe(true);
    // A message the server refuses shows why, and offers no retry that cannot succeed.
    h.emu.controls.failNext('SendMessage', { status: 400, code: 4, message: 'text contains a blocked word' });
    await box.fill('something blocked');
    await box.press('Enter');
    const failed = message(alice, 'something blocked').locator('.failure');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('text contains a blocked word');
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await h.shot(alice, 'alice-refused-message');
    h.expectErrors(/status of 400/);

    // Mark unread from Bob's first message: the divider moves there and the badge returns.
    const first = message(alice, 'Coffee later?');
    await first.hover();
    await first.getByRole('button', { name: 'Mark unread from here' }).click();
    await alice.locator('.unread-divider + .message', { hasText: 'Coffee later?' }).waitFor();
    await dm.locator('.badge').waitFor();
    await h.shot(alice, 'alice-marked-unread');

    expect(h.unexpectedErrors()).toEqual([]);
  }, 90_000);

  it('opens a long channel at the newest message, loads older ones on scroll, and shows the demo data', async () => {
    const alice = await h.open('/?user=alice');
    await readLongChannel(alice, 'alice-react');

    // Unread from before: the banner jumps to the first unread message (the poll).
    await alice.getByRole('button', { name: '↑ Jump to first unread' }).click();
    await alice.locator('.unread-divider + .message', { hasText: 'Lunch on Friday?' }).waitFor();
    const poll = alice.getByRole('figure', { name: 'Poll: Where do we go for lunch on Friday?' });
    await poll.waitFor();
    expect(await poll.locator('li').allTextContents()).toEqual(['Noodle bar1', 'Taco truck2', 'Salad place0']);
    // The mention of Alice is marked; the pinned message and the thumbsup are shown.
    await alice.locator('.message.mentions-me .mention.me', { hasText: '@alice' }).waitFor();
    await alice.locator('.message', { hasText: 'Release planning' }).locator('.reaction', { hasText: '👍 1' }).waitFor();
    await alice.locator('.message', { hasText: 'Welcome to the team chat' }).locator('.pin-mark').waitFor();
    await alice.locator('.pinned-toggle', { hasText: '📌 1' }).click();
    await alice.getByRole('list', { name: 'Pinned messages' }).getByText('Welcome to the team chat').waitFor();
    // Presence: Alice sees herself online among the members.
    await h.shot(alice, 'alice-general-unread-poll-pinned');

    await alice.getByRole('button', { name: '↓ Jump to latest' }).click();
    await alice.waitForFunction(() => {
      const el = document.querySelector('.channel-view .messages')!;
      return el.scrollHeight - el.scrollTop - el.clientHeight < 4;
    });
    expect(h.unexpectedErrors()).toEqual([]);
  }, 60_000);

  it('opens a long channel at the newest message and loads older ones on scroll in the Vue app too', async () => {
    const bob = await h.open('/vue/?user=bob');
    await readLongChannel(bob, 'bob-vue');
    await bob.getByRole('button', { name: '↓ Jump to latest' }).click();
    await bob.waitForFunction(() => {
      const el = document.querySelector('.channel-view .messages')!;
      return el.scrollHeight - el.scrollTop - el.clientHeight < 4;
    });
    await message(bob, 'A long word').waitFor();
    expect(h.unexpectedErrors()).toEqual([]);
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
      expect(h.unexpectedErrors()).toEqual([]);
    }, 60_000);
  }
});
