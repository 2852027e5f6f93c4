// The small soak of issue 21 (the large one: `npm run soak`): real clients behind TCP
// proxies that are cut and restored during a seeded random workload end with exactly the
// server's state, and every send that resolved is on the server exactly once.
import { describe, expect, it } from 'vitest';
import { runSoak } from './soakRun.ts';

describe('soak: cuts during a random workload', () => {
  // Three seeds (hard deletes, edits and reactions during cuts in each): well under a minute.
  it.each([21, 22, 23])('seed %i: every client ends with the server state; no send lost or duplicated', async (seed) => {
    const f = await runSoak({ seed, clients: 3, channels: 2, steps: 150, history: 30, cutChance: 0.07, cutSteps: [4, 12] });
    expect(f.examples).toEqual([]);
    expect(f).toMatchObject({ mismatches: 0, lost: 0, duplicated: 0 });
    expect(f.cuts).toBeGreaterThan(2);
    expect(f.resolved).toBeGreaterThan(25);
    expect(f.facts).toBeGreaterThan(800);
  }, 60_000);
});
