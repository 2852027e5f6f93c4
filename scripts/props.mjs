// npm run test:props: the property tests (every test file that takes its fast-check
// parameters from test/helpers/propertyRuns.ts) with a fresh seed and more runs than
// npm test's fixed seeds. Prints the seed; on a failure, how to replay it.
//
//   npm run test:props                              a new seed, 10x the runs
//   CHATSTORE_PROPS_SEED=123 npm run test:props     replay that seed
//   CHATSTORE_PROPS_FACTOR=50 npm run test:props    longer still
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return /\.test\.tsx?$/.test(e.name) && readFileSync(p, 'utf8').includes('propertyRuns(') ? [relative(root, p)] : [];
  });
}

const given = process.env.CHATSTORE_PROPS_SEED;
const seed = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isSafeInteger(seed)) {
  console.error(`CHATSTORE_PROPS_SEED must be an integer, got ${given}`);
  process.exit(2);
}
const factor = process.env.CHATSTORE_PROPS_FACTOR ?? '10';
const files = testFiles(join(root, 'test')).sort();
console.log(`property tests: seed ${seed}, ${factor}x runs, ${files.length} files`);
const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--testTimeout=600000', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHATSTORE_PROPS_SEED: String(seed), CHATSTORE_PROPS_FACTOR: factor },
});
if (run.status !== 0) {
  console.error(`\nproperty tests FAILED with seed ${seed}; replay: CHATSTORE_PROPS_SEED=${seed} CHATSTORE_PROPS_FACTOR=${factor} npm run test:props`);
  process.exit(run.status ?? 1);
}
console.log(`property tests passed with seed ${seed}`);
