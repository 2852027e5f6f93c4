// The end-to-end harness: Debian's Chromium driven by playwright-core (never a browser that
// playwright downloads), the emulator on loopback with the demo data, and both example apps
// built from the sources and served by it. Pages record console errors and uncaught
// exceptions, and every step writes a screenshot into one folder the test prints.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoSeed, startEmulator, type Emulator } from 'chatstore/emulator';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Why the browser tests cannot run here, or undefined when they can. A missing Chromium is
 * a failure, not a skip (CI installs it with scripts/setup-chromium.sh); only an explicit
 * CHATSTORE_E2E=skip turns the suite off on a machine without it.
 */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `${CHROMIUM} is missing: run scripts/setup-chromium.sh (as root), or set CHATSTORE_E2E=skip to leave the browser tests out`;
}

interface BuildModule {
  buildReactChat(options: { outDir: string; config: unknown; source: boolean }): Promise<string>;
  buildVueChat(options: { outDir: string; config: unknown; source: boolean }): Promise<string>;
}

/** Build both apps from the sources into `outDir` (React at /, Vue at /vue/), with tokens for the demo users. */
export async function buildApps(emu: Emulator, outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const users = await Promise.all((demoSeed().users ?? []).map(async (u) => ({ id: u.id, name: u.name ?? u.id, token: await emu.createToken(u.id) })));
  const config = { apiKey: emu.apiKey, users };
  const react = (await import(pathToFileURL(join(root, 'examples', 'react-chat', 'build.mjs')).href)) as BuildModule;
  const vue = (await import(pathToFileURL(join(root, 'examples', 'vue-chat', 'build.mjs')).href)) as BuildModule;
  await react.buildReactChat({ outDir, config, source: true });
  await vue.buildVueChat({ outDir: join(outDir, 'vue'), config, source: true });
}

export interface Harness {
  emu: Emulator;
  browser: Browser;
  /** Where the screenshots go. */
  shots: string;
  /** A page in its own context (its own storage), at this viewport. */
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

/**
 * Start the emulator (the caller sets Date to a fixed start first, so the seed's times are the
 * same on every run), build and serve the apps, launch Chromium.
 */
export async function startHarness(options: { shots: string }): Promise<Harness> {
  const outDir = join(root, 'test-results', 'e2e-site');
  const emu = await startEmulator({ port: 0, seed: 'demo', staticDir: outDir });
  await buildApps(emu, outDir);
  rmSync(options.shots, { recursive: true, force: true });
  mkdirSync(options.shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
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
      const page = await context.newPage();
      // The page keeps the machine's clock: playwright's fake clock also replaces
      // requestAnimationFrame, on which the client paces its notifications, and the
      // server's times (which the apps show) already start at the same instant every run.
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
      await browser.close().catch(() => undefined);
      await emu.close();
      writeFileSync(join(options.shots, 'errors.txt'), `${errors.join('\n')}\n`);
    },
  };
}
