// L1, L2: live mode, as an app runs. Each WebSocket frame is a JSON string that arrives in
// a task of its own (setImmediate per frame) at a fixed rate, is parsed there and handed to
// the client, with subscribers listening the whole time:
// - ours: `client.unread$` and every hydrated channel's `messages$` (a channel list's badge
//   and each open message list), with the default notification scheduler: what an app gets;
// - the peer: the state it offers for the same purpose, `client.on` (every event; the
//   badge reads the event channel's cached unread counter) and `channel.on` on every channel
//   (the message list reads `state.latestMessages`), as stream-chat-react listens.
// Measured over the run: process CPU (user + system, `process.cpuUsage`) per event, the
// latency from a frame's scheduled arrival to the first notification of its channel's
// message subscriber that follows it (so a backlog of frames counts), and notifications
// per subscriber per second. `windowCap: 0` keeps every message, like the peer.
import { createOurs, createPeer } from '../impls.mjs';
import { channelId, cidOf, EventStream, queryBody, startingPoint } from '../fixtures.mjs';
import { now, percentile } from '../measure.mjs';

const SEED = 22;
/** How long after the last frame the run waits for the notifications it caused. */
const TAIL_MS = 100;

function subscribeOurs(subject, channels, onMessages) {
  const counts = new Array(channels + 1).fill(0);
  const subs = [];
  let first = true;
  subs.push(
    subject.client.unread$.subscribe(() => {
      if (first) first = false;
      else counts[channels] += 1;
    }),
  );
  for (let c = 0; c < channels; c++) {
    let initial = true;
    subs.push(
      subject.client.channel('messaging', channelId(c)).messages$.subscribe((list) => {
        if (initial) {
          initial = false;
          return;
        }
        counts[c] += 1;
        // Read what a message list renders: the newest message.
        if (list.length > 0 && list[list.length - 1].id === undefined) throw new Error('bench: no id');
        onMessages(c);
      }),
    );
  }
  return { counts, stop: () => subs.forEach((s) => s.unsubscribe()) };
}

function subscribePeer(subject, channels, onMessages) {
  const counts = new Array(channels + 1).fill(0);
  const offs = [];
  const { client } = subject;
  offs.push(
    client.on((e) => {
      counts[channels] += 1;
      if (e.cid) client.activeChannels[e.cid]?.countUnread();
    }),
  );
  for (let c = 0; c < channels; c++) {
    const ch = client.activeChannels[cidOf(c)];
    offs.push(
      ch.on(() => {
        counts[c] += 1;
        const list = ch.state.latestMessages;
        if (list.length > 0 && list[list.length - 1].id === undefined) throw new Error('bench: no id');
        onMessages(c);
      }),
    );
  }
  return { counts, stop: () => offs.forEach((o) => o.unsubscribe()) };
}

/** Frames at `rate` per second for `seconds`, one task each; resolves after the tail. */
function feed(frames, rate, deliver) {
  const interval = 1000 / rate;
  const n = frames.length;
  return new Promise((resolve) => {
    const t0 = now();
    let next = 0;
    const pump = () => {
      const t = now() - t0;
      while (next < n && next * interval <= t) setImmediate(deliver, next, t0 + next++ * interval);
      if (next < n) setTimeout(pump, Math.max(0, next * interval - (now() - t0)));
      else setImmediate(() => setTimeout(() => resolve(now() - t0), TAIL_MS));
    };
    pump();
  });
}

/**
 * The floor both implementations stand on: the same frames at the same rate, each parsed in
 * a task of its own and handed to no client. What an implementation costs beyond this line
 * is its own work (the goal ratio counts the floor in both).
 */
async function floorPass({ channels, rate, seconds, hot }) {
  const start = startingPoint(channels, 25);
  const stream = new EventStream(SEED, start.channels, start.startAt);
  const n = Math.round(rate * seconds);
  const frames = stream.frames(n, () => (hot ? stream.messageNew(0) : stream.messageNew()));
  let held = 0;
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const wallMs = await feed(frames, rate, (i) => {
    if (JSON.parse(frames[i]).type !== undefined) held++;
  });
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { n, ms: cpuMs, unit: 'event', rate, channels, wall_ms: wallMs, cpu_us_per_event: (cpuMs * 1000) / n, cpu_share: cpuMs / wallMs, parsed: held };
}

async function livePass(impl, params) {
  if (impl === 'frames only') return floorPass(params);
  const { channels, messages, rate, seconds, hot } = params;
  const subject = impl === 'chatstore' ? createOurs({ windowCap: 0 }) : createPeer();
  await subject.hydrate(JSON.parse(queryBody(channels, messages)), messages);
  const start = startingPoint(channels, messages);
  const stream = new EventStream(SEED, start.channels, start.startAt);
  const n = Math.round(rate * seconds);
  const target = new Array(n);
  const frames = stream.frames(n, (i) => {
    const e = hot ? stream.messageNew(0) : stream.messageNew();
    target[i] = Number(e.channel_id.slice(e.channel_id.lastIndexOf('-') + 1));
    return e;
  });
  // Frames waiting for their channel's message subscriber: scheduled arrival times.
  const waiting = Array.from({ length: channels }, () => []);
  const latencies = [];
  const onMessages = (c) => {
    const w = waiting[c];
    if (w.length === 0) return;
    const t = now();
    for (const a of w) latencies.push(t - a);
    w.length = 0;
  };
  const subs = impl === 'chatstore' ? subscribeOurs(subject, channels, onMessages) : subscribePeer(subject, channels, onMessages);
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const wallMs = await feed(frames, rate, (i, arrival) => {
    waiting[target[i]].push(arrival);
    subject.dispatch(JSON.parse(frames[i]));
  });
  const cpu = process.cpuUsage(cpu0);
  subs.stop();
  const held = subject.heldMessages(cidOf(0));
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perSub = subs.counts.map((k) => k / seconds);
  return {
    n,
    ms: cpuMs,
    unit: 'event',
    rate,
    channels,
    wall_ms: wallMs,
    cpu_us_per_event: (cpuMs * 1000) / n,
    cpu_share: cpuMs / wallMs,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    max_ms: percentile(latencies, 100),
    delivered: latencies.length,
    subscribers: subs.counts.length,
    notify_per_sub_s_max: Math.max(...perSub),
    notify_per_sub_s_mean: perSub.reduce((a, b) => a + b, 0) / perSub.length,
    notify_per_s_unread: perSub[channels],
    held_in_first: held,
    errors: subject.errors(),
    http_calls: subject.httpCalls(),
  };
}

export const L1 = {
  name: 'L1 live 2,000/s over 100 channels',
  live: true,
  impls: ['chatstore', 'stream-chat', 'frames only'],
  goal: 'cpu per event <= 0.5x stream-chat; p99 <= 25 ms; <= 60 notifications per subscriber per second',
  params: (quick) => ({ channels: 100, messages: 25, rate: 2_000, seconds: quick ? 2 : 8, hot: false }),
  warmParams: { channels: 100, messages: 25, rate: 2_000, seconds: 1, hot: false },
  pass: livePass,
};

export const L2 = {
  name: 'L2 live 1,000/s into one hot channel',
  live: true,
  impls: ['chatstore', 'stream-chat', 'frames only'],
  goal: 'cpu per event <= 0.5x stream-chat; p99 <= 25 ms; <= 60 notifications per subscriber per second',
  params: (quick) => ({ channels: 1, messages: 25, rate: 1_000, seconds: quick ? 2 : 8, hot: true }),
  warmParams: { channels: 1, messages: 25, rate: 1_000, seconds: 1, hot: true },
  pass: livePass,
};
