// Time inside the emulator is kept in epoch microseconds: the real service sends RFC 3339
// strings with microsecond precision (PROTOCOL.md section 4), and a strictly increasing
// clock gives every message a distinct created_at, so "created before X" is a total order.
import { toEpochMs } from '../models/timestamp.ts';

interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

/**
 * A clock that never returns the same microsecond twice and never goes backwards. It runs
 * with the wall clock, plus whatever `advance` moved it ahead (tests move it virtually
 * instead of sleeping), and runs timers (`at`) when its time reaches theirs, on either.
 */
export class Clock {
  #last = 0;
  #offset = 0;
  #timers: Timer[] = [];
  #seq = 0;
  #wake: ReturnType<typeof setTimeout> | undefined;

  /** The current time in epoch microseconds, strictly greater than any earlier answer. */
  now(): number {
    const wall = this.#wall();
    this.#last = wall > this.#last ? wall : this.#last + 1;
    return this.#last;
  }

  /** Make later answers greater than `us` (used after loading seeded or persisted times). */
  observe(us: number): void {
    if (us > this.#last) this.#last = us;
  }

  #wall(): number {
    return Date.now() * 1000 + this.#offset;
  }

  /** Move the clock `ms` milliseconds ahead at once, running the timers that come due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance: ms must be a non-negative number');
    this.#offset += Math.round(ms * 1000);
    this.#fire();
  }

  /** Run `run` once the clock reaches `us` (epoch microseconds); returns a cancel function. */
  at(us: number, run: () => void): () => void {
    const timer: Timer = { at: us, seq: ++this.#seq, run };
    this.#timers.push(timer);
    this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.#arm();
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
      this.#arm();
    };
  }

  /** Stop waiting on the wall clock (the emulator closes); timers not run are dropped. */
  dispose(): void {
    this.#timers = [];
    this.#arm();
  }

  #fire(): void {
    const now = Math.max(this.#wall(), this.#last);
    while (this.#timers.length > 0 && (this.#timers[0] as Timer).at <= now) {
      const t = this.#timers.shift() as Timer;
      t.run();
    }
    this.#arm();
  }

  #arm(): void {
    if (this.#wake !== undefined) clearTimeout(this.#wake);
    this.#wake = undefined;
    const next = this.#timers[0];
    if (!next) return;
    const ms = Math.min(Math.max(0, Math.ceil((next.at - this.#wall()) / 1000)), 2 ** 31 - 1);
    this.#wake = setTimeout(() => this.#fire(), ms);
    // Waiting for a reminder must not keep a process (a test run, a script) alive.
    (this.#wake as { unref?: () => void }).unref?.();
  }
}

/** Epoch microseconds as RFC 3339 UTC with six fractional digits, as the service writes them. */
export function formatTime(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString(); // 2024-05-01T10:20:30.123Z
  const micros = String(Math.floor(us) - ms * 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${micros}Z`;
}

/** Optional variant of formatTime for optional fields. */
export function formatOptional(us: number | undefined): string | undefined {
  return us === undefined ? undefined : formatTime(us);
}

/**
 * A wire timestamp as epoch microseconds: an RFC 3339 string (sub-millisecond digits kept)
 * or a number of epoch milliseconds (PROTOCOL.md section 4). `undefined` when invalid.
 */
export function parseTime(value: unknown): number | undefined {
  const ms = toEpochMs(value);
  if (ms === undefined) return undefined;
  if (typeof value !== 'string') return Math.round(ms * 1000);
  const frac = /\.(\d+)/.exec(value)?.[1] ?? '';
  const extra = Number(`${frac.slice(3, 6)}000`.slice(0, 3));
  return ms * 1000 + extra;
}
