// A/B of two builds of chatstore, for a change on the live path: CPU per event of
// message.new fed in bursts of a fixed size (a UI frame's worth), with a subscriber on every
// channel's messages$ and on unread$, the flush run by hand after each burst. Not part of
// `npm run bench` (that compares with stream-chat); run it on copies of dist/ made before and
// after a change, alternating, on a quiet machine:
//
//   node --expose-gc bench/abBuilds.mjs <dist folder under the project> [new|hot] [burst]
//
// The dist copy must sit inside the project (it imports rxjs and immer from node_modules).
import { pathToFileURL } from 'node:url';
const dist = process.argv[2];
const shape = process.argv[3] ?? 'new';
const BURST = Number(process.argv[4] ?? 32);
const { createChatClient } = await import(pathToFileURL(dist + '/index.js').href);
const { EventStream, queryBody, startingPoint, ownUser, rfc3339, channelId } = await import('./fixtures.mjs');
const channels = shape === 'hot' ? 1 : 100, messages = 25, N = shape === 'hot' ? 10000 : 30000;
let pending = [];
const notifyScheduler = { now: () => Date.now(), schedule(work) { const a = { work, unsubscribe() { pending = pending.filter((x) => x !== a); } }; pending.push(a); return a; } };
const client = createChatClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9', windowCap: 0, notifyScheduler });
client.dispatchEvent({ type: 'health.check', connection_id: 'b', me: ownUser(0, 0), created_at: rfc3339(Date.UTC(2025, 0, 1)) });
client.hydrateChannels(JSON.parse(queryBody(channels, messages)).channels, { messageLimit: messages });
client.getState();
const start = startingPoint(channels, messages);
const stream = new EventStream(7, start.channels, start.startAt);
const frames = stream.frames(N, () => (shape === 'hot' ? stream.messageNew(0) : stream.messageNew()));
let notes = 0;
for (let c = 0; c < channels; c++) client.channel('messaging', channelId(c)).messages$.subscribe((l) => { notes++; if (l.length && l[l.length - 1].id === undefined) throw new Error('x'); });
client.unread$.subscribe(() => notes++);
const run = () => { const p = pending; pending = []; for (const a of p) a.work(); };
run();
globalThis.gc?.();
const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) {
  client.dispatchEvent(JSON.parse(frames[i]));
  if (i % BURST === BURST - 1) run();
}
run();
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ dist: dist.split('/').slice(-2).join('/'), shape, notes, us: +((c.user + c.system) / N).toFixed(1) }));
