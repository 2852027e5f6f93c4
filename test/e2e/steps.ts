// What every browser test file shares: its harness's life (started before the file's tests
// with Date fixed at one instant and running on from there, closed after them) and the few
// steps a person takes in both apps.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { browserMissing, startHarness, type Harness } from './browser.ts';

/** Where the emulator's Date starts in every browser test (the demo seed's times follow it). */
export const E2E_NOW = Date.UTC(2026, 2, 2, 9, 30, 0);

/** The screenshot folder of one test file: `test-results/<name>`. */
export function shotsFolder(name: string): string {
  return fileURLToPath(new URL(`../../test-results/${name}`, import.meta.url));
}

/** Whether the browser tests are off on this machine (CHATSTORE_E2E=skip; see chromium.ts). */
export const E2E_SKIP = process.env['CHATSTORE_E2E'] === 'skip';

/**
 * Start the harness before the file's tests and close it after; `ready` gets it once started.
 * Returns the file's harness, for its tests: each member reads the one started for the file.
 * A missing Chromium fails the file (see browserMissing).
 */
export function useHarness(shots: string, ready?: (h: Harness) => void | Promise<void>): Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    const missing = browserMissing();
    if (missing) throw new Error(missing);
    vi.useFakeTimers({ toFake: ['Date'], now: E2E_NOW, shouldAdvanceTime: true });
    console.log(`e2e screenshots: ${shots}`);
    h = await startHarness({ shots });
    await ready?.(h);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    vi.useRealTimers();
  });
  const started = (): Harness => {
    if (!h) throw new Error('e2e: the harness is used before the file started it');
    return h;
  };
  return {
    get emu() {
      return started().emu;
    },
    get browser() {
      return started().browser;
    },
    shots,
    get errors() {
      return started().errors;
    },
    open: (path, viewport) => started().open(path, viewport),
    shot: (page, name) => started().shot(page, name),
    expectErrors: (pattern) => started().expectErrors(pattern),
    unexpectedErrors: () => started().unexpectedErrors(),
    close: () => started().close(),
  };
}

/** Click a channel in the sidebar and wait until it is open. */
export async function openChannel(page: Page, name: string): Promise<void> {
  await page.locator('button.channel', { hasText: name }).first().click();
  await page.locator('.channel-view h1', { hasText: name }).waitFor();
}

/** Type a message into the composer of `scope` and press Enter. */
export async function send(page: Page, text: string, scope = '.channel-view'): Promise<void> {
  const box = page.locator(`${scope} .composer textarea`);
  await box.fill(text);
  await box.press('Enter');
}

/** Alice in the React app and Bob in the Vue app, each page connected. */
export async function aliceAndBob(h: Harness): Promise<{ alice: Page; bob: Page }> {
  const alice = await h.open('/?user=alice');
  const bob = await h.open('/vue/?user=bob');
  await alice.locator('.status', { hasText: 'connected' }).waitFor();
  await bob.locator('.status', { hasText: 'connected' }).waitFor();
  return { alice, bob };
}
