// Which browser the end-to-end tests drive and how: Debian's Chromium (never a browser that
// playwright downloads), headless, with these flags.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/**
 * Why the browser tests cannot run here, or undefined when they can. A missing Chromium is
 * a failure, not a skip (CI installs it with scripts/setup-chromium.sh); only an explicit
 * CHATSTORE_E2E=skip turns the suite off on a machine without it.
 */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `${CHROMIUM} is missing: run scripts/setup-chromium.sh (as root), or set CHATSTORE_E2E=skip to leave the browser tests out`;
}
