// A virtual clock for the client's timers: an rxjs VirtualTimeScheduler that only moves when
// a test says so, so timing rules are checked without real sleeps.
import { VirtualTimeScheduler } from 'rxjs';

export interface VirtualClock {
  scheduler: VirtualTimeScheduler;
  /** Run every timer due within the next `ms` milliseconds, then stand at now + ms. */
  advance(ms: number): void;
}

export function createVirtualClock(): VirtualClock {
  const scheduler = new VirtualTimeScheduler();
  return {
    scheduler,
    advance(ms) {
      const target = scheduler.frame + ms;
      scheduler.maxFrames = target;
      scheduler.flush();
      scheduler.frame = target;
    },
  };
}
