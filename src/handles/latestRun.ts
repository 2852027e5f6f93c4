// The page loads of a list handle: `run` starts one and remembers it while it is under way,
// so a caller that finds the list already loading can wait for that same load.

export interface LatestRun {
  /** The load under way, if any. */
  readonly current: Promise<void> | undefined;
  run(load: () => Promise<void>): Promise<void>;
}

export function createLatestRun(): LatestRun {
  let inFlight: Promise<void> | undefined;
  return {
    get current() {
      return inFlight;
    },
    run(load) {
      const p = load().finally(() => {
        if (inFlight === p) inFlight = undefined;
      });
      inFlight = p;
      return p;
    },
  };
}
