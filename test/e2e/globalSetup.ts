// Once per run of the browser tests (the e2e project's globalSetup, which vitest runs only
// when that project has files to run): build the apps (test/e2e/site.ts) and start one
// Chromium that every file connects to, each in its own browser contexts and with its own
// emulator. Starting both per file cost several seconds a file. A file run alone gets the
// same (the setup runs for it too).
import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { CHROMIUM, FLAGS, browserMissing } from './chromium.ts';
import { ensureSite } from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's endpoint (playwright's browser server), when the setup started one. */
    e2eBrowser: string | undefined;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('e2eBrowser', undefined);
  // Without Chromium each file fails with the reason (browserMissing); nothing to start here.
  if (process.env['CHATSTORE_E2E'] === 'skip' || browserMissing()) return undefined;
  const [server] = await Promise.all([chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: FLAGS }), ensureSite()]);
  project.provide('e2eBrowser', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
