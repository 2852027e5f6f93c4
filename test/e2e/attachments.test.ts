// Files and giphy in the example apps, as two people use them: Alice in the React app, Bob
// in the Vue app, against one emulator on loopback. Alice sends a picture and a document:
// her message shows at once with the picture's local preview and the upload's progress,
// then both see the files served by the emulator. Bob's upload fails and he retries it; he
// cancels another. Alice previews a giphy only she sees, shuffles it and sends it; Bob
// cancels one of his own. Each step asserts what a person sees and writes a screenshot.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { aliceAndBob, E2E_SKIP, openChannel, send, shotsFolder, useHarness } from './steps.ts';

const SHOTS = shotsFolder('e2e-attachments');

// A 2x2 PNG (red, green, blue, white).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

async function attach(page: Page, files: Array<{ name: string; mimeType: string; buffer: Buffer }>): Promise<void> {
  await page.locator('.channel-view .composer input[type=file]').setInputFiles(files);
  for (const f of files) await page.locator('.channel-view .composer .picked', { hasText: f.name }).waitFor();
}

const message = (page: Page, text: string) => page.locator('.channel-view .messages .message', { hasText: text }).last();

/** Whether an image element has loaded real pixels. */
const loaded = (page: Page, selector: string) =>
  page.waitForFunction((sel) => {
    const img = document.querySelector(sel) as HTMLImageElement | null;
    return img !== null && img.complete && img.naturalWidth > 0;
  }, selector);

describe.skipIf(E2E_SKIP)('files and giphy in the example apps', () => {
  const h = useHarness(SHOTS);

  it('Alice sends a picture and a document with a preview and progress; Bob retries a failed upload and cancels one', async () => {
    const { alice, bob } = await aliceAndBob(h);
    await openChannel(alice, 'Alice and Bob');
    await openChannel(bob, 'Alice and Bob');

    // The picture's upload is held by the emulator until the test lets it go, so what the
    // message shows while uploading can be seen.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const holding = h.emu.controls.delayNext('UploadChannelImage', 0, { phase: 'request', until: gate });
    await attach(alice, [
      { name: 'beach.png', mimeType: 'image/png', buffer: PNG },
      { name: 'plan.txt', mimeType: 'text/plain', buffer: Buffer.from('1. sun\n2. sea\n') },
    ]);
    await send(alice, 'Holiday pictures');
    const mine = message(alice, 'Holiday pictures');
    await mine.locator('.sending').waitFor();
    await holding;
    // The local preview of the picture (a Blob URL) and its upload line.
    const preview = mine.locator('.upload[data-upload="beach.png"] img');
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    await loaded(alice, '.message .upload[data-upload="beach.png"] img');
    await mine.locator('.upload[data-upload="beach.png"] .upload-state', { hasText: 'Uploading' }).waitFor();
    await mine.locator('.upload[data-upload="plan.txt"] .upload-state', { hasText: 'Uploaded' }).waitFor();
    await h.shot(alice, 'alice-uploading-with-preview');
    release();
    // Sent: both see the picture from the emulator's URL and the document as a link.
    await mine.locator('.attachments img[alt="beach.png"]').waitFor();
    await mine.locator('.uploads').waitFor({ state: 'detached' });
    const bobs = message(bob, 'Holiday pictures');
    await bobs.locator('.attachments img[alt="beach.png"]').waitFor();
    await loaded(bob, '.message .attachments img[alt="beach.png"]');
    const link = bobs.locator('a.file', { hasText: 'plan.txt' });
    const url = await link.getAttribute('href');
    expect(url).toMatch(/\/uploads\//);
    expect(await (await fetch(url as string)).text()).toBe('1. sun\n2. sea\n');
    await h.shot(bob, 'bob-sees-files');

    // Bob's upload fails once: his message says why and offers Retry; the retry goes through.
    h.emu.controls.failNext('UploadChannelFile', { status: 500, code: -1, message: 'storage unavailable' });
    h.expectErrors(/500|storage unavailable/);
    await attach(bob, [{ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# notes') }]);
    await send(bob, 'My notes');
    const failed = message(bob, 'My notes');
    await failed.locator('.failure', { hasText: 'storage unavailable' }).waitFor();
    await failed.locator('.upload.failed').waitFor();
    await h.shot(bob, 'bob-upload-failed');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await message(alice, 'My notes').locator('a.file', { hasText: 'notes.md' }).waitFor();
    await failed.locator('.failure').waitFor({ state: 'detached' });

    // Bob cancels an upload that takes long: the message is not sent; he discards it.
    const holdAgain = h.emu.controls.delayNext('UploadChannelFile', 0, { phase: 'request', until: new Promise(() => undefined) });
    await attach(bob, [{ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(64 * 1024, 1) }]);
    await send(bob, 'A big one');
    const big = message(bob, 'A big one');
    await holdAgain;
    await big.getByRole('button', { name: 'Cancel upload' }).click();
    await big.locator('.upload.cancelled').waitFor();
    await big.locator('.failure', { hasText: 'cancelled' }).waitFor();
    await h.shot(bob, 'bob-cancelled-upload');
    await big.getByRole('button', { name: 'Discard' }).click();
    await big.waitFor({ state: 'detached' });
    h.emu.controls.reset();
    expect(await message(alice, 'A big one').count()).toBe(0);
    expect(h.unexpectedErrors()).toEqual([]);
  }, 90_000);

  it('a giphy preview only its sender sees: shuffle, send, or cancel', async () => {
    const alice = await h.open('/?user=alice');
    const bob = await h.open('/vue/?user=bob');
    await openChannel(alice, 'Alice and Bob');
    await openChannel(bob, 'Alice and Bob');

    await send(alice, '/giphy party');
    const preview = alice.locator('.channel-view .message', { has: alice.locator('.giphy-actions') }).last();
    await preview.locator('.note', { hasText: 'Only visible to you' }).waitFor();
    await loaded(alice, '.message:has(.giphy-actions) .attachments img');
    const first = await preview.locator('.attachments img').getAttribute('src');
    await h.shot(alice, 'alice-giphy-preview');
    await preview.getByRole('button', { name: 'Shuffle' }).click();
    await alice.waitForFunction(
      (src) => [...document.querySelectorAll('.message .giphy-actions')].some((g) => g.closest('.message')?.querySelector('.attachments img')?.getAttribute('src') !== src),
      first,
    );
    expect(await bob.locator('.channel-view .message .giphy-actions').count()).toBe(0);
    await preview.getByRole('button', { name: 'Send' }).click();
    await alice.locator('.channel-view .giphy-actions').waitFor({ state: 'detached' });
    // Bob sees the sent giphy (the emulator serves its image locally).
    const sent = await alice.locator('.channel-view .message .attachments img[alt="party"]').last().getAttribute('src');
    expect(sent).not.toBe(first);
    await bob.locator(`.channel-view .message .attachments img[src="${sent}"]`).waitFor();
    await loaded(bob, `.message .attachments img[src="${sent}"]`);
    await h.shot(bob, 'bob-sees-giphy');

    // Bob previews one of his own and cancels it: it goes, and Alice never saw it.
    await send(bob, '/giphy dogs');
    const his = bob.locator('.channel-view .message', { has: bob.locator('.giphy-actions') }).last();
    await his.getByRole('button', { name: 'Cancel' }).click();
    await bob.locator('.channel-view .giphy-actions').waitFor({ state: 'detached' });
    expect(await alice.locator('.channel-view .message .attachments img[alt="dogs"]').count()).toBe(0);
    expect(h.unexpectedErrors()).toEqual([]);
  }, 90_000);
});
