// `npm run soak [-- --seeds=1,2,3 --clients=5 --channels=3 --steps=4000 --history=600 --cuts=50]`
// The large soak of issue 21: one JSON line of figures per seed (sends, cuts, facts compared,
// mismatches, lost, duplicated, ...), and a last line with the sums. Exit code 1 when any
// figure that must be zero is not.
import { runSoak, type SoakFigures } from './soakRun.ts';

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const steps = Number(arg('steps', '4000'));
const cuts = Number(arg('cuts', '50'));
const options = {
  clients: Number(arg('clients', '5')),
  channels: Number(arg('channels', '3')),
  steps,
  history: Number(arg('history', '600')),
  cutChance: cuts / steps,
  cutSteps: [10, 60] as const,
  settleMs: 30_000,
};

const all: SoakFigures[] = [];
for (const seed of seeds) {
  const f = await runSoak({ ...options, seed });
  all.push(f);
  const { examples, ...figures } = f;
  process.stdout.write(`${JSON.stringify(f.mismatches + f.lost + f.duplicated > 0 ? { ...figures, examples } : figures)}\n`);
}
const sum = (k: keyof SoakFigures) => all.reduce((n, f) => n + (f[k] as number), 0);
const total = { seeds: seeds.length, sends: sum('sends'), resolved: sum('resolved'), cuts: sum('cuts'), facts: sum('facts'), mismatches: sum('mismatches'), lost: sum('lost'), duplicated: sum('duplicated') };
process.stdout.write(`${JSON.stringify({ total })}\n`);
process.exit(total.mismatches + total.lost + total.duplicated > 0 ? 1 : 0);
