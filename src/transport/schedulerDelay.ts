// Waiting through the injected rxjs scheduler instead of setTimeout, so that every timer of
// the transport runs in virtual time under test (ARCHITECTURE.md, "Reliability rules").
import type { SchedulerLike, Subscription } from 'rxjs';

/** Run `work` after `ms` on `scheduler`; the returned subscription cancels it. */
export function scheduleOnce(scheduler: SchedulerLike, ms: number, work: () => void): Subscription {
  return scheduler.schedule(() => {
    work();
  }, Math.max(0, ms));
}

/**
 * Resolve after `ms` on `scheduler`; reject with the signal's reason as soon as `signal`
 * aborts (the timer is cancelled, so nothing fires later).
 */
export function schedulerDelay(scheduler: SchedulerLike, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let done = false;
    const onAbort = (): void => {
      done = true;
      timer.unsubscribe();
      reject(signal?.reason);
    };
    const timer = scheduleOnce(scheduler, ms, () => {
      done = true;
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    // A synchronous scheduler may already have run the work.
    if (!done) signal?.addEventListener('abort', onAbort, { once: true });
  });
}
