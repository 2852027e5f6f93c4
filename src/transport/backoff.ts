// Jittered exponential backoff shared by the socket's reconnects and the HTTP retries.
// "Equal jitter": the wait is at least half the ceiling, so attempt n never fires sooner
// than intended, and two clients that dropped together spread over the other half.

export interface BackoffOptions {
  /** Ceiling of the first attempt (PROTOCOL.md section 5: the first try within 0.5 s). */
  baseMs: number;
  /** Ceiling of any attempt (PROTOCOL.md section 5: 25 s for the socket). */
  capMs: number;
  /** A source in [0, 1); tests inject a fixed one. */
  random: () => number;
}

/**
 * The wait before attempt `attempt` (1-based): uniform in [c/2, c] with
 * c = min(capMs, baseMs * 2^(attempt-1)).
 * @example backoffDelay(1, { baseMs: 500, capMs: 25_000, random: Math.random }) // 250..500
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity for huge n; min() keeps it at the cap.
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (n - 1));
  const r = Math.min(Math.max(options.random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
