import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/transport/backoff.ts';

const socketBackoff = (attempt: number, r: number) =>
  backoffDelay(attempt, { baseMs: 500, capMs: 25_000, random: () => r });

describe('backoffDelay', () => {
  it('puts the first attempt within 0.5 s (PROTOCOL.md section 5)', () => {
    expect(socketBackoff(1, 0)).toBe(250);
    expect(socketBackoff(1, 0.999_999)).toBe(500);
  });

  it('doubles the ceiling with each attempt', () => {
    const maxima = [1, 2, 3, 4, 5].map((n) => socketBackoff(n, 0.999_999));
    expect(maxima).toEqual([500, 1000, 2000, 4000, 8000]);
    const minima = [1, 2, 3, 4, 5].map((n) => socketBackoff(n, 0));
    expect(minima).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    for (const n of [7, 10, 50, 1000, 1e9]) {
      expect(socketBackoff(n, 0.999_999)).toBeLessThanOrEqual(25_000);
      expect(socketBackoff(n, 0)).toBe(12_500);
    }
  });

  it('spreads clients with different random draws', () => {
    const draws = [0.1, 0.5, 0.9].map((r) => socketBackoff(4, r));
    expect(new Set(draws).size).toBe(3);
    for (const d of draws) expect(d).toBeGreaterThanOrEqual(2000);
  });

  it('treats attempt numbers below 1 as the first attempt', () => {
    expect(socketBackoff(0, 0)).toBe(socketBackoff(1, 0));
    expect(socketBackoff(-3, 0.5)).toBe(socketBackoff(1, 0.5));
  });
});
