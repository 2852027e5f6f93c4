// Mentions and link previews in the example apps, as two people use them: Alice in the React
// app, Bob in the Vue app, one emulator serving the demo data. Alice mentions Bob with the
// keyboard only (the picker opens on `@`, arrows move, Escape closes, Enter picks); Bob sees
// a mention badge on the channel and the mention marked as his; Bob mentions Alice with the
// mouse. A link typed in either composer shows its preview card (read by the emulator from a
// page on loopback), which goes with the message and shows to the other; a dismissed card
// is not sent, and a link without a preview shows nothing. Each step writes a screenshot.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { E2E_SKIP, openChannel, send, shotsFolder, useHarness } from './steps.ts';

const SHOTS = shotsFolder('e2e-mentions');

// A 2x2 PNG, the picture of the article's preview.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

/** A site on loopback with one page that has a preview and one that has none. */
function startSite(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html><head><title>fallback</title>' +
          '<meta property="og:title" content="Release notes 2.0">' +
          '<meta property="og:description" content="Threads, polls and faster sync.">' +
          '<meta property="og:image" content="/cover.png">' +
          '<meta property="og:site_name" content="Chat Blog">' +
          '</head><body>Release notes</body></html>',
      );
    } else if (req.url === '/cover.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
      res.end(PNG);
    } else if (req.url === '/plain') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><head></head><body>nothing to see</body></html>');
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const composer = (page: Page, scope = '.channel-view') => page.locator(`${scope} .composer textarea`);
const message = (page: Page, text: string) => page.locator('.channel-view .messages .message', { hasText: text }).last();
const isSend = (r: Request) => r.method() === 'POST' && /\/channels\/messaging\/[^/]+\/message$/.test(new URL(r.url()).pathname);
const sentMessage = (r: Request) => (r.postDataJSON() as { message: { text: string; mentioned_users?: string[]; attachments?: Array<Record<string, unknown>> } }).message;

/** The picker as assistive technology sees it: expanded state, the list it controls, the active option. */
async function pickerState(page: Page, scope = '.channel-view') {
  const box = composer(page, scope);
  const expanded = await box.getAttribute('aria-expanded');
  const controls = await box.getAttribute('aria-controls');
  const active = await box.getAttribute('aria-activedescendant');
  const list = page.locator(`${scope} .composer [role=listbox]`);
  const options = (await list.count()) > 0 ? await list.locator('[role=option] .mention-name').allInnerTexts() : [];
  const selected = (await list.count()) > 0 ? await list.locator('[role=option][aria-selected=true]').getAttribute('id') : null;
  const listId = (await list.count()) > 0 ? await list.getAttribute('id') : null;
  return { expanded, controlsList: controls !== null && controls === listId, activeIsSelected: active !== null && active === selected, options };
}

describe.skipIf(E2E_SKIP)('mentions and link previews in Chromium', () => {
  let site: { server: Server; url: string };
  // One page each for the whole file (the tests go on from where the one before left off).
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await new Promise((r) => site.server.close(r));
  });

  const h = useHarness(SHOTS);

  it('Alice mentions Bob with the keyboard, Bob sees the badge and his mention; Bob mentions Alice with the mouse', async () => {
    alice = await h.open('/?user=alice');
    bob = await h.open('/vue/?user=bob');
    await alice.locator('.status', { hasText: 'connected' }).waitFor();
    await bob.locator('.status', { hasText: 'connected' }).waitFor();
    await openChannel(alice, 'General');
    // Bob is elsewhere, so General's badge can tell him he was mentioned.
    await openChannel(bob, 'Alice and Bob');

    const box = composer(alice);
    await box.focus();
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await alice.keyboard.type('Hi @');
    // Everyone in General but Alice herself, by name; the first is active.
    await alice.locator('.channel-view [role=listbox]').waitFor();
    expect(await pickerState(alice)).toEqual({ expanded: 'true', controlsList: true, activeIsSelected: true, options: ['Bob Baker', 'Carol Chen', 'Dave Diaz'] });
    await h.shot(alice, 'alice-picker-open');
    // Arrows move the selection (wrapping), Escape closes, a new @ opens again.
    await alice.keyboard.press('ArrowDown');
    expect(await alice.locator('.channel-view [role=option][aria-selected=true]').innerText()).toContain('Carol Chen');
    expect((await pickerState(alice)).activeIsSelected).toBe(true);
    await alice.keyboard.press('ArrowUp');
    await alice.keyboard.press('ArrowUp');
    expect(await alice.locator('.channel-view [role=option][aria-selected=true]').innerText()).toContain('Dave Diaz');
    await alice.keyboard.press('Escape');
    await alice.locator('.channel-view [role=listbox]').waitFor({ state: 'detached' });
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.inputValue()).toBe('Hi @');
    await alice.keyboard.press('Backspace');
    // Typing narrows the list by name prefix; Enter picks.
    await alice.keyboard.type('@ba');
    await alice.locator('.channel-view [role=listbox]').waitFor();
    expect((await pickerState(alice)).options).toEqual(['Bob Baker']);
    await alice.keyboard.press('Enter');
    await alice.locator('.channel-view [role=listbox]').waitFor({ state: 'detached' });
    expect(await box.inputValue()).toBe('Hi @Bob Baker ');
    // The caret is after the name: typing goes on from there.
    await alice.keyboard.type('the build is green');
    const sending = alice.waitForRequest(isSend);
    await alice.keyboard.press('Enter');
    const sent = sentMessage(await sending);
    expect(sent.text).toBe('Hi @Bob Baker the build is green');
    expect(sent.mentioned_users).toEqual(['bob']);
    await message(alice, 'the build is green').locator('.mention', { hasText: '@Bob Baker' }).waitFor();
    await h.shot(alice, 'alice-sent-mention');

    // Bob: General carries a mention badge; opened, the message is marked as mentioning him.
    const general = bob.locator('button.channel', { hasText: 'General' });
    await general.locator('.badge.mention').waitFor();
    expect(await general.locator('.badge.mention').getAttribute('aria-label')).toMatch(/1 mentioning you/);
    await h.shot(bob, 'bob-sees-mention-badge');
    await openChannel(bob, 'General');
    const his = message(bob, 'the build is green');
    await his.locator('.mention.me', { hasText: '@Bob Baker' }).waitFor();
    expect(await his.getAttribute('class')).toContain('mentions-me');
    await h.shot(bob, 'bob-sees-his-mention');

    // Bob mentions Alice with the mouse: click the box, type, click her in the list.
    const bobBox = composer(bob);
    await bobBox.click();
    await bob.keyboard.type('Thanks @al');
    await bob.locator('.channel-view [role=listbox]').waitFor();
    expect(await pickerState(bob)).toEqual({ expanded: 'true', controlsList: true, activeIsSelected: true, options: ['Alice Archer'] });
    await h.shot(bob, 'bob-picker-open');
    await bob.locator('.channel-view [role=option]', { hasText: 'Alice Archer' }).click();
    expect(await bobBox.inputValue()).toBe('Thanks @Alice Archer ');
    // A mention picked and then deleted from the text is not sent.
    await bob.keyboard.type('and @ca');
    await bob.locator('.channel-view [role=option]', { hasText: 'Carol Chen' }).click();
    await bobBox.fill('Thanks @Alice Archer, on it');
    const bobSending = bob.waitForRequest(isSend);
    await bobBox.press('Enter');
    expect(sentMessage(await bobSending).mentioned_users).toEqual(['alice']);
    const toAlice = message(alice, 'on it');
    await toAlice.locator('.mention.me', { hasText: '@Alice Archer' }).waitFor();
    expect(await toAlice.getAttribute('class')).toContain('mentions-me');
    await h.shot(alice, 'alice-sees-her-mention');

    // The thread composer has the picker too: Bob replies to Carol's thread mentioning Dave (Tab picks).
    await message(bob, 'Release planning').locator('.thread-link').click();
    const reply = composer(bob, '.thread');
    await reply.click();
    await bob.keyboard.type('@da');
    await bob.locator('.thread [role=listbox]').waitFor();
    expect(await pickerState(bob, '.thread')).toMatchObject({ expanded: 'true', controlsList: true, activeIsSelected: true, options: ['Dave Diaz'] });
    await bob.keyboard.press('Tab');
    await bob.keyboard.type('can you check?');
    const replying = bob.waitForRequest(isSend);
    await bob.keyboard.press('Enter');
    expect(sentMessage(await replying)).toMatchObject({ text: '@Dave Diaz can you check?', mentioned_users: ['dave'] });
    await bob.locator('.thread .message .mention', { hasText: '@Dave Diaz' }).waitFor();
    await h.shot(bob, 'bob-mentions-in-thread');
    await bob.getByRole('button', { name: 'Close thread' }).click();

    // A pick survives leaving the channel: the draft keeps it, and the send still names Carol.
    const saving = bob.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/channels/messaging/general/draft'));
    await bobBox.click();
    await bob.keyboard.type('@ca');
    await bob.keyboard.press('Enter');
    await bob.keyboard.type('please review');
    expect((await saving).postDataJSON()).toMatchObject({ message: { mentioned_users: ['carol'] } });
    await openChannel(bob, 'Alice and Bob');
    await openChannel(bob, 'General');
    await bob.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('.channel-view .composer textarea')?.value.startsWith('@Carol Chen '));
    const fromDraft = bob.waitForRequest(isSend);
    await bobBox.press('End');
    await bobBox.press('Enter');
    expect(sentMessage(await fromDraft)).toMatchObject({ mentioned_users: ['carol'] });
    expect(h.unexpectedErrors()).toEqual([]);
  }, 60_000);

  it('a link typed shows its preview card, sent with the message; a dismissed one is not sent; no preview shows nothing', async () => {
    await openChannel(alice, 'Alice and Bob');
    await openChannel(bob, 'Alice and Bob');

    // Alice (React): the card shows above the box with title, description, site and picture.
    const article = `${site.url}/article`;
    await composer(alice).fill(`Have a look: ${article}`);
    const card = alice.locator('.channel-view .composer .link-preview');
    await card.waitFor();
    expect(await card.locator('.og-title').innerText()).toBe('Release notes 2.0');
    expect(await card.locator('.og-text').innerText()).toBe('Threads, polls and faster sync.');
    expect(await card.locator('.og-site').innerText()).toMatch(/chat blog/i);
    expect(await card.locator('img').getAttribute('src')).toBe(`${site.url}/cover.png`);
    await h.shot(alice, 'alice-composer-preview');
    const sending = alice.waitForRequest(isSend);
    await composer(alice).press('Enter');
    const sent = sentMessage(await sending);
    expect(sent.attachments).toEqual([expect.objectContaining({ og_scrape_url: article, title: 'Release notes 2.0', image_url: `${site.url}/cover.png` })]);
    await card.waitFor({ state: 'detached' });
    await message(alice, 'Have a look').locator('.link-preview .og-title', { hasText: 'Release notes 2.0' }).waitFor();
    // Bob (Vue) sees the card in the list.
    const bobsCard = message(bob, 'Have a look').locator('.link-preview');
    await bobsCard.locator('.og-title', { hasText: 'Release notes 2.0' }).waitFor();
    expect(await bobsCard.locator('.og-title').getAttribute('href')).toBe(article);
    await bob.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.messages .link-preview img')].some((i) => i.complete && i.naturalWidth > 0));
    await h.shot(bob, 'bob-sees-preview-card');

    // Bob (Vue) writes a link: his card shows and goes with his message to Alice.
    await composer(bob).fill('Also https://example.com');
    const bobCard = bob.locator('.channel-view .composer .link-preview');
    await bobCard.locator('.og-title', { hasText: 'Example Domain' }).waitFor();
    await h.shot(bob, 'bob-composer-preview');
    await composer(bob).press('Enter');
    await bobCard.waitFor({ state: 'detached' });
    await message(alice, 'Also https://example.com').locator('.link-preview .og-title', { hasText: 'Example Domain' }).waitFor();
    await h.shot(alice, 'alice-sees-preview-card');

    // Bob dismisses a card: the message goes without it.
    await composer(bob).fill(`Once more ${article}`);
    await bobCard.waitFor();
    await bobCard.getByRole('button', { name: `Remove the preview of ${article}` }).click();
    await bobCard.waitFor({ state: 'detached' });
    const bobSending = bob.waitForRequest(isSend);
    await composer(bob).press('Enter');
    expect(sentMessage(await bobSending).attachments).toBeUndefined();
    await message(alice, 'Once more').waitFor();
    expect(await message(alice, 'Once more').locator('.link-preview').count()).toBe(0);

    // A page without a preview: the look-up fails (the browser logs the 400), nothing shows,
    // and the message is sent as typed.
    h.expectErrors(/status of 400/);
    const lookUp = alice.waitForResponse((r) => new URL(r.url()).pathname === '/api/v2/og');
    await composer(alice).fill(`Nothing here ${site.url}/plain`);
    expect((await lookUp).status()).toBe(400);
    await send(alice, `Nothing here ${site.url}/plain`);
    await message(bob, 'Nothing here').waitFor();
    expect(await alice.locator('.channel-view .composer .link-preview').count()).toBe(0);
    expect(await message(alice, 'Nothing here').locator('.link-preview').count()).toBe(0);
    expect(await message(bob, 'Nothing here').locator('.link-preview').count()).toBe(0);
    expect(h.unexpectedErrors()).toEqual([]);
  }, 60_000);

  it('at 390 px the picker and the card fit the screen', async () => {
    await alice.setViewportSize({ width: 390, height: 780 });
    // At 390 px the open channel fills the screen; back to the list, then General.
    await alice.getByRole('button', { name: 'Back to channels' }).click();
    await openChannel(alice, 'General');
    await composer(alice).fill('');
    await alice.keyboard.type('@');
    const list = alice.locator('.channel-view [role=listbox]');
    await list.waitFor();
    const box = await list.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await h.shot(alice, 'phone-picker');
    await alice.keyboard.press('Escape');
    await composer(alice).fill('https://example.com');
    const card = alice.locator('.channel-view .composer .link-preview');
    await card.waitFor();
    const cardBox = await card.boundingBox();
    expect(cardBox!.x + cardBox!.width).toBeLessThanOrEqual(390);
    const pageWidth = await alice.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await h.shot(alice, 'phone-preview');
    expect(h.unexpectedErrors()).toEqual([]);
  }, 30_000);
});
