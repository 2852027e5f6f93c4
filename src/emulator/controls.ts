// Test controls (the brief's EmulatorControls): faults queued per operation name (the seed's
// operation names, e.g. 'SendMessage'), socket drops, refused upgrades and raw frames. They
// let the client's reliability tests provoke every failure path over real sockets.
import type { Hub } from './hub.ts';
import type { Backend } from './backend.ts';
import { addFlag, setBan, type BanOptions } from './moderationControls.ts';

export type { BanOptions } from './moderationControls.ts';
import type { Clock } from './clock.ts';

export interface FaultError {
  status: number;
  code: number;
  message?: string;
  retryAfterSeconds?: number;
}

export interface EmulatorControls {
  /** Terminate every WebSocket abruptly (no close frame). */
  dropSockets(): void;
  /** Reject WebSocket upgrades with HTTP 503 for `ms` milliseconds (0 stops refusing). */
  refuseConnections(ms: number): void;
  /** The next `count` (default 1) requests of `operation` get this error and change nothing. */
  failNext(operation: string, error: FaultError, count?: number): void;
  /**
   * Delay the next `count` (default 1) requests of `operation`: 'response' (default) applies
   * the change and sends its events at once, then holds the HTTP response; 'request' waits
   * before applying. With `until`, the hold lasts `ms` and then until that promise settles:
   * a gate the test opens, so an ordering is made explicit rather than raced against the
   * clock. The returned promise resolves when the first of those requests is being held.
   */
  delayNext(operation: string, ms: number, options?: DelayOptions): Promise<void>;
  /** Send raw text to every socket of that user. */
  injectFrame(userId: string, raw: string): void;
  /** Clear pending faults (failures, delays, refused connections). */
  reset(): void;
  /**
   * Ban a user in a channel (`options.channel`, a cid) or app-wide, as a moderator would with
   * the server-side API (not in the seeds); sends user.banned as the service does.
   */
  banUser(userId: string, options?: BanOptions): void;
  /** Lift a ban; sends user.unbanned. */
  unbanUser(userId: string, options?: Pick<BanOptions, 'channel'>): void;
  /** Flag a message as `userId` (QueryMessageFlags lists it). */
  flagMessage(userId: string, messageId: string, reason?: string): void;
  /**
   * Move the emulator's clock `ms` milliseconds ahead at once: what is due by then happens
   * now (reminders send notification.reminder_due), and later timestamps follow the new time.
   */
  advanceTime(ms: number): void;
}

export interface DelayOptions {
  count?: number;
  phase?: 'response' | 'request';
  /** Hold until this settles too (after `ms`). */
  until?: PromiseLike<unknown>;
  /**
   * Hold only a request whose raw body contains this text (a file's name in an upload of
   * several at once, whose order of arrival is not fixed); others pass.
   */
  bodyIncludes?: string;
}

interface Queued<T> {
  value: T;
  remaining: number;
}

export interface Delay {
  ms: number;
  phase: 'response' | 'request';
  until?: PromiseLike<unknown>;
  /** Only for a request whose raw body contains this text. */
  bodyIncludes?: string;
  /** Called each time a request starts being held. */
  held?: () => void;
}

/** Wait out a delay: its time, then its gate (a rejected gate ends the hold too). */
export async function hold(delay: Delay): Promise<void> {
  delay.held?.();
  await new Promise((r) => setTimeout(r, delay.ms));
  if (delay.until) await Promise.resolve(delay.until).catch(() => undefined);
}

function take<T>(queues: Map<string, Array<Queued<T>>>, operation: string, accepts: (value: T) => boolean = () => true): T | undefined {
  const queue = queues.get(operation);
  const at = queue ? queue.findIndex((q) => accepts(q.value)) : -1;
  const head = queue?.[at];
  if (!queue || !head) return undefined;
  head.remaining -= 1;
  if (head.remaining <= 0) queue.splice(at, 1);
  if (queue.length === 0) queues.delete(operation);
  return head.value;
}

/** Pending faults, consumed by the server as requests arrive. */
export class Faults {
  readonly #failures = new Map<string, Array<Queued<FaultError>>>();
  readonly #delays = new Map<string, Array<Queued<Delay>>>();
  #refusedUntil = 0;

  fail(operation: string, error: FaultError, count: number): void {
    const queue = this.#failures.get(operation) ?? [];
    queue.push({ value: error, remaining: count });
    this.#failures.set(operation, queue);
  }

  delay(operation: string, delay: Delay, count: number): void {
    const queue = this.#delays.get(operation) ?? [];
    queue.push({ value: delay, remaining: count });
    this.#delays.set(operation, queue);
  }

  refuse(ms: number): void {
    this.#refusedUntil = ms > 0 ? Date.now() + ms : 0;
  }

  /** Whether WebSocket upgrades are refused now (read from Date, so fake timers can end it). */
  refusing(): boolean {
    return Date.now() < this.#refusedUntil;
  }

  takeFailure(operation: string): FaultError | undefined {
    return take(this.#failures, operation);
  }

  takeDelay(operation: string, rawBody?: Buffer): Delay | undefined {
    return take(this.#delays, operation, (d) => d.bodyIncludes === undefined || (rawBody !== undefined && rawBody.includes(d.bodyIncludes)));
  }

  reset(): void {
    this.#failures.clear();
    this.#delays.clear();
    this.#refusedUntil = 0;
  }
}

function need(backend: Backend | undefined): Backend {
  if (!backend) throw new Error('these controls need the emulator backend');
  return backend;
}

/** The public controls over a hub and a fault queue (the clock, to move time; the backend, for bans and flags). */
export function createControls(hub: Hub, faults: Faults, clock?: Clock, backend?: Backend): EmulatorControls {
  const count = (n: number | undefined): number => {
    const c = n ?? 1;
    if (!Number.isInteger(c) || c < 1) throw new RangeError('count must be a positive integer');
    return c;
  };
  return {
    dropSockets: () => {
      for (const conn of hub.all()) conn.socket.terminate();
    },
    refuseConnections: (ms) => faults.refuse(ms),
    failNext: (operation, error, n) => faults.fail(operation, error, count(n)),
    delayNext: (operation, ms, options) => {
      const n = count(options?.count);
      return new Promise<void>((held) => {
        const delay: Delay = { ms, phase: options?.phase ?? 'response', held: () => held() };
        if (options?.until) delay.until = options.until;
        if (options?.bodyIncludes !== undefined) delay.bodyIncludes = options.bodyIncludes;
        faults.delay(operation, delay, n);
      });
    },
    injectFrame: (userId, raw) => {
      for (const conn of hub.connectionsOf(userId)) hub.send(conn, raw);
    },
    reset: () => faults.reset(),
    banUser: (userId, options) => setBan(need(backend), userId, true, options),
    unbanUser: (userId, options) => setBan(need(backend), userId, false, options),
    flagMessage: (userId, messageId, reason) => addFlag(need(backend), userId, messageId, reason),
    advanceTime: (ms) => {
      if (!clock) throw new Error('advanceTime: this emulator has no clock to move');
      clock.advance(ms);
    },
  };
}
