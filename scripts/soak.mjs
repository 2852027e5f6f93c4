// `npm run soak [-- --seeds=1,2,3 ...]`: bundles the soak (test/soak/soakCli.ts) with
// esbuild (into node_modules/.soak, so its dependencies resolve), resolving the package
// names to the sources as the tests do, and runs it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules', '.soak', 'soak.mjs');
await build({
  entryPoints: [join(root, 'test/soak/soakCli.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  alias: {
    chatstore: join(root, 'src/index.ts'),
    'chatstore/emulator': join(root, 'src/emulator/index.ts'),
  },
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
