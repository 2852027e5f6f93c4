// Bundles the Vue example into a static folder with esbuild (no dev server, no SFC
// compiler: the components are render functions in .ts files). `chatstore` and
// `chatstore/vue` resolve to the built package in dist/, as they would from node_modules,
// so the page holds one copy of the store; `vue` is the runtime-only ESM build from
// node_modules. The stylesheet is examples/shared/styles.css, as React's, so both apps look the same.
// Used by scripts/start.mjs; run alone with `node examples/vue-chat/build.mjs [outDir]`.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/**
 * Build the page into `outDir`; `config` (apiKey and demo users with tokens) is written
 * beside it as demo-config.json when given. `source: true` bundles the package from src/
 * instead of dist/ (the end-to-end test runs the sources, as the other tests do).
 */
export async function buildVueChat({ outDir = join(here, 'dist'), config, source = false } = {}) {
  const pkg = source ? join(root, 'src') : join(root, 'dist');
  const ext = source ? 'ts' : 'js';
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'src', 'main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    // Vue's esm-bundler build reads these flags; render functions need no Options API,
    // and a production page carries no devtools hooks.
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    alias: {
      chatstore: join(pkg, `index.${ext}`),
      'chatstore/vue': join(pkg, 'vue', `index.${ext}`),
    },
  });
  copyFileSync(join(here, 'index.html'), join(outDir, 'index.html'));
  copyFileSync(join(root, 'examples', 'shared', 'styles.css'), join(outDir, 'styles.css'));
  if (config) writeFileSync(join(outDir, 'demo-config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildVueChat(process.argv[2] ? { outDir: resolve(process.argv[2]) } : {});
  console.log(`built ${out}`);
}
