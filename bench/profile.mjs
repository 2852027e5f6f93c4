// Where the time of one workload goes, for finding the cause of a missed goal (issue 9:
// "find the cause with a profile and fix the store, not the benchmark").
//
//   npm run build && node bench/profile.mjs <shape> [--impl=stream-chat] [--burst=N] [--events=N]
//
// shapes: new (message.new over 100 channels, W2), hot (one channel, W3), reaction (W4),
// read (W5), frames (message.new over 1,000 channels, one burst per event as a live app
// receives frames: W6/W7's per-frame cost), hydrate (W1).
//
// It splits our per-event time into decode (timed apart, not profiled), dispatch (decode +
// reducers) and finishing the burst, then profiles dispatch and finishing only (fixtures
// and parsing are built before the profiler starts) with the inspector at 100 us sampling,
// and prints the functions with the most self time and the heaviest call paths. The raw profile goes to
// /tmp/chatstore-<shape>.cpuprofile (open it in Chrome DevTools). Not part of `npm run bench`:
// profiling slows everything down, so its times are for proportions, not for RESULTS.md.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createOurs, createPeer } from './impls.mjs';
import { EventStream, queryBody, startingPoint } from './fixtures.mjs';
import { now, round } from './measure.mjs';

const args = process.argv.slice(2);
const shape = args.find((a) => !a.startsWith('--')) ?? 'new';
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const impl = option('impl', 'chatstore');

const SHAPES = {
  new: { channels: 100, messages: 25, make: (s) => s.messageNew() },
  hot: { channels: 1, messages: 25, make: (s) => s.messageNew(0) },
  reaction: { channels: 1, messages: 5_000, make: (s) => s.reactionNew(0) },
  read: { channels: 500, messages: 25, make: (s, i) => s.read(i), unread: true },
  frames: { channels: 1_000, messages: 25, make: (s) => s.messageNew(), burst: 1 },
  hydrate: { channels: 200, messages: 25 },
};
const spec = SHAPES[shape];
if (!spec) {
  process.stderr.write(`profile: unknown shape "${shape}"; one of ${Object.keys(SHAPES).join(', ')}\n`);
  process.exit(2);
}
const events = Number(option('events', 10_000));
const burst = Number(option('burst', spec.burst ?? 5_000));

function create() {
  const unread = spec.unread ? { unreadTotal: spec.channels * 3, unreadChannels: spec.channels } : {};
  return impl === 'chatstore' ? createOurs({ windowCap: 0, ...unread }) : createPeer(unread);
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });

let report;
if (shape === 'hydrate') {
  const body = JSON.parse(queryBody(spec.channels, spec.messages));
  const subject = create();
  await session.post('Profiler.start');
  const t0 = now();
  await subject.hydrate(body, spec.messages);
  report = { shape, impl, channels: spec.channels, ms: round(now() - t0), us_per_channel: round(((now() - t0) * 1000) / spec.channels) };
} else {
  const subject = create();
  await subject.hydrate(JSON.parse(queryBody(spec.channels, spec.messages)), spec.messages);
  const start = startingPoint(spec.channels, spec.messages);
  const stream = new EventStream(9, start.channels, start.startAt);
  const frames = stream.frames(events, (i) => spec.make(stream, i));
  const parsed = frames.map((f) => JSON.parse(f));
  const decodeOnly = impl === 'chatstore' ? frames.map((f) => JSON.parse(f)) : [];
  const { decodeEvent } = impl === 'chatstore' ? await import('chatstore') : {};
  // Decoding alone, timed before the profiler starts and with dispatchEvent's options (in
  // place, frozen), so the profile holds each event's decoding once, as the bench does.
  let decodeMs = 0;
  if (decodeEvent) {
    const t0 = now();
    for (const e of decodeOnly) decodeEvent(e, { freeze: true, inPlace: true });
    decodeMs = now() - t0;
  }
  await session.post('Profiler.start');
  let dispatchMs = 0;
  let finishMs = 0;
  for (let i = 0; i < parsed.length; i += burst) {
    const t0 = now();
    const end = Math.min(parsed.length, i + burst);
    for (let j = i; j < end; j++) subject.dispatch(parsed[j]);
    const t1 = now();
    subject.settle();
    dispatchMs += t1 - t0;
    finishMs += now() - t1;
  }
  const us = (ms) => round((ms * 1000) / events, 1);
  report = { shape, impl, events, burst, decode_us: us(decodeMs), dispatch_us: us(dispatchMs), finish_us: us(finishMs), total_us: us(dispatchMs + finishMs), errors: subject.errors() };
}
const { profile } = await session.post('Profiler.stop');
const file = `/tmp/chatstore-${shape}${impl === 'chatstore' ? '' : `-${impl}`}.cpuprofile`;
writeFileSync(file, JSON.stringify(profile));
process.stdout.write(`${JSON.stringify(report)}\n`);
printTop(profile);
process.stdout.write(`profile: ${file}\n`);

/** Self time per function and the heaviest call paths (3 frames), as shares of the samples. */
function printTop(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ticks = new Map();
  let total = 0;
  // Samples inside the inspector's own `post` (starting and stopping the profiler) are not
  // the workload's.
  const inspector = new Set();
  for (const n of p.nodes) if (n.callFrame.functionName === 'post' && n.callFrame.url.includes('inspector')) inspector.add(n.id);
  const underInspector = (id) => {
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) if (inspector.has(cur)) return true;
    return false;
  };
  for (let i = 0; i < p.samples.length; i++) {
    if (underInspector(p.samples[i])) continue;
    const dt = p.timeDeltas[i] ?? 0;
    ticks.set(p.samples[i], (ticks.get(p.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map();
  const paths = new Map();
  for (const [id, t] of ticks) {
    const n = byId.get(id);
    self.set(label(n), (self.get(label(n)) ?? 0) + t);
    const chain = [];
    for (let cur = id; cur !== undefined && chain.length < 3; cur = parent.get(cur)) chain.unshift(label(byId.get(cur)).split(' ')[0]);
    const key = chain.join(' > ');
    paths.set(key, (paths.get(key) ?? 0) + t);
  }
  const top = (m, k) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  process.stdout.write(`self time:\n${top(self, 25)}\nheaviest paths:\n${top(paths, 15)}\n`);
}
