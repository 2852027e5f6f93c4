// Time inside the emulator is kept in epoch microseconds: the real service sends RFC 3339
// strings with microsecond precision (PROTOCOL.md section 4), and a strictly increasing
// clock gives every message a distinct created_at, so "created before X" is a total order.
import { toEpochMs } from '../models/timestamp.ts';

/** A clock that never returns the same microsecond twice and never goes backwards. */
export class Clock {
  #last = 0;

  /** The current time in epoch microseconds, strictly greater than any earlier answer. */
  now(): number {
    const wall = Date.now() * 1000;
    this.#last = wall > this.#last ? wall : this.#last + 1;
    return this.#last;
  }

  /** Make later answers greater than `us` (used after loading seeded or persisted times). */
  observe(us: number): void {
    if (us > this.#last) this.#last = us;
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
