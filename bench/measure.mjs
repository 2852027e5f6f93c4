// Timing and heap helpers. Heap figures need `node --expose-gc`: heapUsed after two full
// collections, so garbage does not count, only what the implementation keeps alive.
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

/** Full collections, then heapUsed in bytes. */
export function settledHeap() {
  if (typeof globalThis.gc !== 'function') return Number.NaN;
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

export const mb = (bytes) => round(bytes / (1024 * 1024), 1);

export function round(x, digits = 2) {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Percentile by nearest rank (p in 0..100). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank];
}

/** Let pending timers, microtasks and I/O run, as they would between WebSocket frames. */
export const breathe = () => new Promise((resolve) => setImmediate(resolve));

/** Parse frames (timed: the floor any store pays) into fresh objects. */
export function parseFrames(frames) {
  const t0 = now();
  const out = new Array(frames.length);
  for (let i = 0; i < frames.length; i++) out[i] = JSON.parse(frames[i]);
  return { events: out, ms: now() - t0 };
}

/**
 * Our decoders alone on freshly parsed frames (timed apart from parsing), with the options
 * dispatchEvent uses: the part of our per-event time no store design removes while every
 * frame is validated and its timestamps converted at the boundary.
 */
export function decodeFrames(decode, frames) {
  const parsed = parseFrames(frames).events;
  const t0 = now();
  for (let i = 0; i < parsed.length; i++) decode(parsed[i]);
  return now() - t0;
}

/** Dispatch parsed events one by one, then read the state once (timed). */
export function dispatchAll(impl, events) {
  const t0 = now();
  for (let i = 0; i < events.length; i++) impl.dispatch(events[i]);
  impl.settle();
  return now() - t0;
}

/** One JSON line on stdout. */
export function emit(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
