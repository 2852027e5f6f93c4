// Virtual time for the transport's timers: the code under test gets `clock.scheduler`
// (an rxjs VirtualTimeScheduler) and the test moves time with `advance`. Between timer
// firings the promise chains they start are allowed to run, so async work (token loads,
// fetch responses) interleaves with timers as it would in real time, with no real waiting.
import { VirtualTimeScheduler } from 'rxjs';

/** Let pending promise callbacks (and in-memory streams) run. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class VirtualClock {
  readonly scheduler = new VirtualTimeScheduler();

  constructor(startMs = 0) {
    this.scheduler.frame = startMs;
  }

  now(): number {
    return this.scheduler.now();
  }

  /** Number of timers waiting. */
  pending(): number {
    return this.scheduler.actions.length;
  }

  /** Due time of the next timer, if any. */
  nextDue(): number | undefined {
    return this.scheduler.actions[0]?.delay;
  }

  /** Move time forward by `ms`, firing every timer due on the way, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.scheduler.frame + ms);
  }

  async advanceTo(target: number): Promise<void> {
    await settle();
    for (;;) {
      const next = this.scheduler.actions[0];
      if (!next || next.delay > target) break;
      this.scheduler.maxFrames = next.delay;
      this.scheduler.flush();
      await settle();
    }
    this.scheduler.maxFrames = Infinity;
    this.scheduler.frame = Math.max(this.scheduler.frame, target);
  }
}
