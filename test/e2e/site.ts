// The site the browser tests load: both example apps built from the sources (React at /,
// Vue at /vue/) into one folder that every test file's emulator serves. Building takes a
// few seconds and is the same for every file, so it happens once per run (globalSetup.ts)
// and again only when the sources changed since: a hash of the sources is kept beside the
// build. The demo users' tokens depend on each file's emulator, so demo-config.json is
// written by each file's harness (writeSiteConfig), not here.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the built apps go. */
export const SITE = join(root, 'test-results', 'e2e-site');
const STAMP = join(SITE, '.sources-hash');

interface BuildModule {
  buildReactChat(options: { outDir: string; source: boolean }): Promise<string>;
  buildVueChat(options: { outDir: string; source: boolean }): Promise<string>;
}

function files(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}

/** A hash of everything the build reads: the library's sources, the apps, and the lock file. */
export function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const path of [...files(join(root, 'src'), []), ...files(join(root, 'examples'), []), join(root, 'package-lock.json')]) {
    hash.update(path.slice(root.length));
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Build both apps into SITE unless the build there is of the current sources. Returns whether it built. */
export async function ensureSite(): Promise<boolean> {
  const hash = sourcesHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash && existsSync(join(SITE, 'main.js')) && existsSync(join(SITE, 'vue', 'main.js'))) return false;
  rmSync(SITE, { recursive: true, force: true });
  const react = (await import(pathToFileURL(join(root, 'examples', 'react-chat', 'build.mjs')).href)) as BuildModule;
  const vue = (await import(pathToFileURL(join(root, 'examples', 'vue-chat', 'build.mjs')).href)) as BuildModule;
  await Promise.all([react.buildReactChat({ outDir: SITE, source: true }), vue.buildVueChat({ outDir: join(SITE, 'vue'), source: true })]);
  writeFileSync(STAMP, hash);
  return true;
}

/** The API key and the demo users with tokens of this emulator, beside both apps. */
export function writeSiteConfig(config: unknown): void {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  writeFileSync(join(SITE, 'demo-config.json'), text);
  writeFileSync(join(SITE, 'vue', 'demo-config.json'), text);
}
