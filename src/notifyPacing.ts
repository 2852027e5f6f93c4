// When subscribers hear of a burst of changes (ARCHITECTURE.md, "How data flows" point 4).
// Socket frames are applied to the store's open burst as they arrive, one task each; the
// burst is finished and subscribers are notified at most once per frame of the UI: on the
// next animation frame in a browser, after a short tick in Node (a timer, so a flood of
// frames is one notification per tick instead of one per frame). Reads never wait for it:
// getState() finishes the open burst itself, so a dispatch or a write's promise sees its
// own effect at once.
import { animationFrameScheduler, asyncScheduler, type SchedulerLike } from 'rxjs';

/**
 * Node's stand-in for an animation frame: about one frame of a 60 Hz display. 17, not 16:
 * with frames arriving without pause, a flush runs one tick after the first frame that
 * follows the last flush, so 16 ms ticks notified a busy subscriber up to 62 times a
 * second (bench L2 measured 60.5); 17 keeps it at most 1,000 / 17 = 58.8.
 */
export const NODE_TICK_MS = 17;

export interface NotifyPacing {
  /** Runs the flush. */
  scheduler: SchedulerLike;
  /** How long after a burst's first change the flush runs, on `scheduler`. */
  delay: number;
}

/**
 * The pacing of notifications: `injected` (the client's `notifyScheduler`) runs the flush as
 * soon as it runs a task; without one, the UI frame of the platform.
 */
export function notifyPacing(injected?: SchedulerLike): NotifyPacing {
  if (injected) return { scheduler: injected, delay: 0 };
  if (typeof (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame === 'function') {
    return { scheduler: animationFrameScheduler, delay: 0 };
  }
  return { scheduler: asyncScheduler, delay: NODE_TICK_MS };
}
