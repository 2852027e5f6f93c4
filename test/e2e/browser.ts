// The end-to-end harness: Debian's Chromium driven by playwright-core (never a browser that
// playwright downloads), the emulator on loopback with the demo data, and both example apps
// built from the sources and served by it. Pages record console errors and uncaught
// exceptions, and every step writes a screenshot into one folder the test prints.
// The apps' build and the Chromium are shared by all files of a run (globalSetup.ts); each
// file has its own emulator, browser contexts and screenshots.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoSeed, startEmulator, type Emulator } from 'chatstore/emulator';
import { CHROMIUM, FLAGS, browserMissing } from './chromium.ts';
import { SITE, ensureSite, writeSiteConfig } from './site.ts';

export { CHROMIUM, browserMissing };

export interface Harness {
  emu: Emulator;
  browser: Browser;
  /** Where the screenshots go. */
  shots: string;
  /** A page in its own context (its own storage), at this viewport, on the emulator's clock. */
  open(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Write `<nn>-<name>.png` of the page. */
  shot(page: Page, name: string): Promise<void>;
  /** Console errors and page exceptions seen so far, by page label. */
  errors: string[];
  /** Errors the test provoked on purpose (the console logs a refused request). */
  expectErrors(pattern: RegExp): void;
  /** The errors no expectErrors pattern matches. */
  unexpectedErrors(): string[];
  close(): Promise<void>;
}

/** The run's shared Chromium (globalSetup.ts), or one of this file's own when there is none. */
async function connectBrowser(): Promise<{ browser: Browser; shared: boolean }> {
  const endpoint = inject('e2eBrowser');
  if (endpoint) return { browser: await chromium.connect(endpoint), shared: true };
  return { browser: await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS }), shared: false };
}

/**
 * Start the emulator (the caller sets Date to a fixed start first, so the seed's times are the
 * same on every run), make sure the apps are built and point them at it, connect to Chromium.
 */
export async function startHarness(options: { shots: string }): Promise<Harness> {
  await ensureSite();
  const emu = await startEmulator({ port: 0, seed: 'demo', staticDir: SITE });
  const users = await Promise.all((demoSeed().users ?? []).map(async (u) => ({ id: u.id, name: u.name ?? u.id, token: await emu.createToken(u.id) })));
  writeSiteConfig({ apiKey: emu.apiKey, users });
  rmSync(options.shots, { recursive: true, force: true });
  mkdirSync(options.shots, { recursive: true });
  const { browser } = await connectBrowser();
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const expected: RegExp[] = [];
  let step = 0;
  return {
    emu,
    browser,
    shots: options.shots,
    errors,
    expectErrors(pattern) {
      expected.push(pattern);
    },
    unexpectedErrors() {
      return errors.filter((e) => !expected.some((p) => p.test(e)));
    },
    async open(path, viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC', deviceScaleFactor: 1 });
      contexts.push(context);
      // The page runs on the emulator's clock: the test fixes Date at one instant (E2E_NOW)
      // and lets it run on, and the page's clock starts at the same "now" and runs on at the
      // same pace, so "Today", date separators and relative times read the same on any day.
      // install() fakes Date, the timers and requestAnimationFrame, all still flowing in
      // real time (playwright's clock resumes at once), so nothing in the app waits on a
      // clock the test has to move by hand.
      await context.clock.install({ time: Date.now() });
      const page = await context.newPage();
      const label = `${path} @${viewport.width}px`;
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`${label}: console: ${msg.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${label}: exception: ${e.message}`));
      await page.goto(`${emu.url}${path}`);
      return page;
    },
    async shot(page, name) {
      step += 1;
      await page.screenshot({ path: join(options.shots, `${String(step).padStart(2, '0')}-${name}.png`) });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      // A shared browser is only disconnected from here (globalSetup closes it).
      await browser.close().catch(() => undefined);
      await emu.close();
      writeFileSync(join(options.shots, 'errors.txt'), `${errors.join('\n')}\n`);
    },
  };
}
