// Liveness of an open socket (PROTOCOL.md section 5.3): 25 s after each received frame the
// client sends a health.check, which the server answers; if nothing at all arrives for
// 35 s the connection is presumed dead. Both timers restart on every frame, so a busy
// connection sends no pings.
import type { SchedulerLike, Subscription } from 'rxjs';
import { scheduleOnce } from './schedulerDelay.ts';

export const HEALTH_CHECK_INTERVAL_MS = 25_000;
export const WATCHDOG_TIMEOUT_MS = 35_000;

export interface HealthMonitorOptions {
  scheduler: SchedulerLike;
  /** Send a health.check. */
  ping: () => void;
  /** Nothing arrived within the watchdog time. */
  silent: () => void;
  intervalMs?: number;
  watchdogMs?: number;
}

export class HealthMonitor {
  readonly #options: HealthMonitorOptions;
  #ping: Subscription | undefined;
  #watchdog: Subscription | undefined;

  constructor(options: HealthMonitorOptions) {
    this.#options = options;
  }

  /** A frame arrived: restart both timers. */
  frameReceived(): void {
    this.stop();
    const o = this.#options;
    this.#ping = scheduleOnce(o.scheduler, o.intervalMs ?? HEALTH_CHECK_INTERVAL_MS, o.ping);
    this.#watchdog = scheduleOnce(o.scheduler, o.watchdogMs ?? WATCHDOG_TIMEOUT_MS, () => {
      this.stop();
      o.silent();
    });
  }

  stop(): void {
    this.#ping?.unsubscribe();
    this.#watchdog?.unsubscribe();
    this.#ping = undefined;
    this.#watchdog = undefined;
  }
}
