// `npm run bench [-- --quick] [--only=W2,W3,bundle] [--impl=chatstore] [--rounds=N]`
//
// Runs every workload for both implementations in this one process: a warm-up pass of each,
// then measured rounds that alternate which implementation goes first. Prints one JSON line
// per workload and implementation (the median round; for the live workloads L1 and L2, the
// round of median CPU), one for the JSON.parse floor of the
// same input, one for our decoders alone on it (W1, W2, W4, W5), and one with the goal
// ratios. Needs `node --expose-gc` for heap figures.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const implFilter = args.find((a) => a.startsWith('--impl='))?.slice(7).split(',');
const roundsArg = args.find((a) => a.startsWith('--rounds='));
const ROUNDS = roundsArg ? Number(roundsArg.slice(9)) : quick ? 1 : 3;

/** The newest mtime under a folder. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// The bench measures the built package as an app imports it: rebuild when src/ is newer.
function ensureBuilt() {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'index.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newest(join(root, 'src'))) {
    process.stderr.write('bench: dist/ is older than src/, building...\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

ensureBuilt();
if (typeof globalThis.gc !== 'function') process.stderr.write('bench: run with node --expose-gc for heap figures\n');

const { emit, median, round } = await import('./measure.mjs');
const { W1, W2, W3, W4, W5 } = await import('./workloads/state.mjs');
const { W6 } = await import('./workloads/fanout.mjs');
const { W7 } = await import('./workloads/endToEnd.mjs');
const { L1, L2 } = await import('./workloads/live.mjs');
const { bundleSizes } = await import('./bundle.mjs');
const { goalsFor } = await import('./goals.mjs');

const WORKLOADS = [L1, L2, W1, W2, W3, W4, W5, W6, W7];
const selected = (key) => !only || only.includes(key);

function withRates(r) {
  const out = { ...r };
  out.per_sec = Math.round((r.n * 1000) / r.ms);
  out.us_per_event = (r.ms * 1000) / r.n;
  return out;
}

/** Round numbers for printing (keeps arrays of ints as they are). */
function tidy(line) {
  const out = {};
  for (const [k, v] of Object.entries(line)) out[k] = typeof v === 'number' && !Number.isInteger(v) ? round(v, v < 10 ? 3 : 1) : v;
  return out;
}

async function runWorkload(w) {
  const impls = (w.impls ?? ['chatstore', 'stream-chat']).filter((i) => !implFilter || implFilter.includes(i));
  if (impls.length === 0) return;
  const key = w.name.split(' ')[0];
  for (const impl of impls) await w.pass(impl, w.warmParams);
  const params = w.params(quick);
  const results = Object.fromEntries(impls.map((i) => [i, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? impls : [...impls].reverse();
    for (const impl of order) results[impl].push(await w.pass(impl, params));
  }
  const lines = {};
  for (const impl of impls) {
    const rounds = results[impl];
    const ms = rounds.map((x) => x.ms);
    const mid = rounds.find((x) => x.ms === median(ms)) ?? rounds[Math.floor(rounds.length / 2)];
    // Live lines carry their own rates (CPU per event, latency, notifications).
    const line = { workload: key, impl, ...(w.live ? mid : withRates(mid)), rounds: rounds.length };
    if (rounds.length > 1) Object.assign(line, { ms_min: Math.min(...ms), ms_max: Math.max(...ms) });
    lines[impl] = line;
    emit(tidy(line));
  }
  const parses = Object.values(results)
    .flat()
    .map((x) => x.parse_ms)
    .filter((x) => x !== undefined);
  if (parses.length > 0) {
    const ms = median(parses);
    const n = lines.chatstore.n;
    lines['JSON.parse'] = { workload: key, impl: 'JSON.parse', n, ms, per_sec: Math.round((n * 1000) / ms), us_per_event: (ms * 1000) / n };
    emit(tidy(lines['JSON.parse']));
  }
  // Our decoders alone on the same input, in passes of their own: the floor of our time.
  if (w.decodeOnly && lines.chatstore) {
    const decodes = [];
    for (let r = 0; r < ROUNDS; r++) decodes.push(await w.decodeOnly(params));
    const ms = median(decodes);
    const n = lines.chatstore.n;
    lines.decode = { workload: key, impl: 'chatstore decode only', n, ms, per_sec: Math.round((n * 1000) / ms), us_per_event: (ms * 1000) / n };
    emit(tidy(lines.decode));
  }
  const goals = lines.chatstore && lines['stream-chat'] || key === 'W7' ? goalsFor(key, lines) : undefined;
  if (goals) emit(tidy({ workload: key, impl: 'goals', goal: w.goal, ...goals }));
}

emit({ bench: 'chatstore vs stream-chat', mode: quick ? 'quick' : 'full', rounds: ROUNDS, node: process.version, date: new Date().toISOString() });
const t0 = Date.now();
for (const w of WORKLOADS) {
  if (selected(w.name.split(' ')[0])) await runWorkload(w);
}
if (selected('bundle')) for (const line of await bundleSizes()) emit(line);
process.stderr.write(`bench: done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
