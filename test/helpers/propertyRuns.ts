// The fast-check parameters of every property test. Under `npm test` each property runs
// its own fixed seed, so a run is repeatable and a failure is the code's, not the dice's.
// `npm run test:props` (scripts/props.mjs) sets CHATSTORE_PROPS_SEED to a fresh seed and
// CHATSTORE_PROPS_FACTOR to a multiple of the runs: the same properties explore new cases,
// and a failure prints the seed that replays it.
/** The seed and run count for one property: the fixed ones, or test:props's. */
export function propertyRuns(fixed: { seed: number; numRuns: number }): { seed: number; numRuns: number } {
  const seed = process.env['CHATSTORE_PROPS_SEED'];
  if (seed === undefined || seed === '') return { ...fixed };
  const factor = Number(process.env['CHATSTORE_PROPS_FACTOR'] ?? '10');
  return { seed: Number(seed), numRuns: Math.max(1, Math.round(fixed.numRuns * (Number.isFinite(factor) && factor > 0 ? factor : 10))) };
}
