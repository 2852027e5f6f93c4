// A/B of two builds of chatstore, for a change on the live path: CPU per event of
// message.new fed in bursts of a fixed size (a UI frame's worth), with a subscriber on every
// channel's messages$ and on unread$, the flush run by hand after each burst. Both builds
// are loaded into this one process and their rounds alternate (each on a fresh client, the
// first dropped as warm-up): this machine's speed moves by 1.5x within minutes, which
// separate processes cannot tell from a 5% change. Prints the median round of each build,
// split into applying the frames and flushing; TRACE=1 prints every round. Not part of
// `npm run bench` (that compares with stream-chat). The dist copies must sit inside the
// project (they import rxjs and immer from its node_modules):
//
//   node --expose-gc bench/abPair.mjs <distA> <distB> [new|hot] [burst] [rounds]
import { pathToFileURL } from 'node:url';
const [distA, distB] = [process.argv[2], process.argv[3]];
const shape = process.argv[4] ?? 'new';
const BURST = Number(process.argv[5] ?? 32);
const ROUNDS = Number(process.argv[6] ?? 6);
const builds = [await import(pathToFileURL(distA + '/index.js').href), await import(pathToFileURL(distB + '/index.js').href)];
const { EventStream, queryBody, startingPoint, ownUser, rfc3339, channelId } = await import('./fixtures.mjs');
const channels = shape === 'hot' ? 1 : 100, messages = 25, N = shape === "hot" ? Number(process.env.HOT_N ?? 6000) : 12000;
const start = startingPoint(channels, messages);
const stream = new EventStream(7, start.channels, start.startAt);
const frames = stream.frames(N, () => (shape === 'hot' ? stream.messageNew(0) : stream.messageNew()));
const body = queryBody(channels, messages);
function round({ createChatClient }) {
  let pending = [];
  const notifyScheduler = { now: () => Date.now(), schedule(work) { const a = { work, unsubscribe() { pending = pending.filter((x) => x !== a); } }; pending.push(a); return a; } };
  const client = createChatClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9', windowCap: 0, notifyScheduler });
  client.dispatchEvent({ type: 'health.check', connection_id: 'b', me: ownUser(0, 0), created_at: rfc3339(Date.UTC(2025, 0, 1)) });
  client.hydrateChannels(JSON.parse(body).channels, { messageLimit: messages });
  client.getState();
  const subs = [];
  for (let c = 0; c < channels; c++) subs.push(client.channel('messaging', channelId(c)).messages$.subscribe((l) => { if (l.length && l[l.length - 1].id === undefined) throw new Error('x'); }));
  subs.push(client.unread$.subscribe(() => {}));
  const run = () => { const p = pending; pending = []; for (const a of p) a.work(); };
  run();
  globalThis.gc?.();
  let apply = 0, flush = 0;
  const c0 = process.cpuUsage();
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    client.dispatchEvent(JSON.parse(frames[i]));
    if (i % BURST === BURST - 1) { const t1 = performance.now(); apply += t1 - t; run(); t = performance.now(); flush += t - t1; }
  }
  run();
  const c = process.cpuUsage(c0);
  subs.forEach((s) => s.unsubscribe());
  return { cpu: (c.user + c.system) / N, apply: (apply * 1000) / N, flush: (flush * 1000) / N };
}
const res = [[], []];
const trace = process.env.TRACE === '1';
for (let r = 0; r < ROUNDS; r++) {
  for (const b of r % 2 ? [1, 0] : [0, 1]) {
    const x = round(builds[b]);
    if (trace) console.log(JSON.stringify({ build: b, round: r, cpu_us: +x.cpu.toFixed(1) }));
    res[b].push(x);
  }
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return +s[s.length >> 1].toFixed(1); };
for (const b of [0, 1]) {
  const rs = res[b].slice(1);
  console.log(JSON.stringify({ dist: [distA, distB][b].split('/').pop(), shape, burst: BURST, cpu_us: med(rs.map((x) => x.cpu)), apply_us: med(rs.map((x) => x.apply)), flush_us: med(rs.map((x) => x.flush)) }));
}
