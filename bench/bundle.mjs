// Bundle sizes: each browser entry of the built package bundled by esbuild with its
// dependencies, minified, rxjs (and the UI frameworks) left external as peer dependencies
// an app already has; gzip -9 of the result. The peer: stream-chat bundled the same way
// for the browser, and its shipped browser build as published.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXTERNAL = ['rxjs', 'rxjs/*', 'react', 'react-dom', 'react/*', 'vue'];

const kb = (n) => Math.round(n / 102.4) / 10;

async function bundle(entry, { platform = 'browser', external = EXTERNAL } = {}) {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: 'es2022',
    external,
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(result.metafile.inputs);
  const deps = new Set();
  for (const [path] of inputs) {
    if (path === '<stdin>') continue;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    deps.add(m ? m[1] : 'chatstore');
  }
  return { min_kb: kb(code.length), gzip_kb: kb(gzipSync(code, { level: 9 }).length), modules: inputs.length, packages: [...deps].sort() };
}

/** One line per entry: ours, then the peer. */
export async function bundleSizes() {
  const lines = [];
  for (const entry of ['chatstore', 'chatstore/react', 'chatstore/vue']) {
    lines.push({ workload: 'bundle', impl: 'chatstore', entry, external: 'rxjs, react, vue', ...(await bundle(entry)) });
  }
  lines.push({ workload: 'bundle', impl: 'chatstore', entry: 'chatstore/emulator', platform: 'node', note: 'Node only, not shipped to browsers', ...(await bundle('chatstore/emulator', { platform: 'node', external: [...EXTERNAL, 'ws', 'jose'] })) });
  lines.push({ workload: 'bundle', impl: 'stream-chat', entry: 'stream-chat', external: 'none needed', ...(await bundle('stream-chat')) });
  const shipped = readFileSync(join(join(root, 'node_modules', 'stream-chat'), 'dist/cjs/index.browser.js'));
  lines.push({
    workload: 'bundle',
    impl: 'stream-chat',
    entry: 'stream-chat/dist/cjs/index.browser.js (as published, deps not included, not minified)',
    min_kb: null,
    raw_kb: kb(shipped.length),
    gzip_kb: kb(gzipSync(shipped, { level: 9 }).length),
  });
  return lines;
}
