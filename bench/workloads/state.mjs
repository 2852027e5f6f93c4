// W1-W5: hydration and event streams applied to each implementation's state, with no
// subscribers. Only the hydrate call (W1) or the dispatch loop (W2-W5) is timed; parsing
// the same input is timed apart as the floor. Each pass builds a fresh client.
import { createOurs, createPeer, ourDecoders } from '../impls.mjs';
import { cidOf, EventStream, queryBody, startingPoint } from '../fixtures.mjs';
import { breathe, decodeFrames, dispatchAll, mb, now, parseFrames, settledHeap } from '../measure.mjs';

const SEED = 9;

function create(impl, options) {
  return impl === 'chatstore' ? createOurs(options) : createPeer(options);
}

/** Hydrate from a freshly parsed body; its own frame, so nothing of the body lingers. */
async function hydrateFresh(subject, channels, messages) {
  await subject.hydrate(JSON.parse(queryBody(channels, messages)), messages);
}

/** One chunk of events: generate (untimed), parse (timed apart), dispatch (timed). */
function runChunk(subject, stream, n, make, offset) {
  const frames = stream.frames(n, (i) => make(stream, offset + i));
  const parsed = parseFrames(frames);
  return { parseMs: parsed.ms, ms: dispatchAll(subject, parsed.events) };
}

/** Common pass shape: hydrate `channels` x `messages` (untimed), then stream events. */
async function streamPass(impl, { channels, messages, events, chunk, make, ourOptions = {}, unread = false }) {
  const base = settledHeap();
  const unreadOptions = unread ? { unreadTotal: channels * Math.min(3, messages), unreadChannels: channels } : {};
  const subject = create(impl, { ...ourOptions, ...unreadOptions });
  await hydrateFresh(subject, channels, messages);
  const start = startingPoint(channels, messages);
  const stream = new EventStream(SEED, start.channels, start.startAt);
  let ms = 0;
  let parseMs = 0;
  const perChunk = [];
  for (let done = 0; done < events; done += chunk) {
    const n = Math.min(chunk, events - done);
    const r = runChunk(subject, stream, n, make, done);
    parseMs += r.parseMs;
    ms += r.ms;
    perChunk.push((r.ms * 1000) / n);
    await breathe();
  }
  const heap = settledHeap() - base;
  return { subject, stream, ms, parseMs, perChunk, heap };
}

/**
 * The decode floor of a stream workload: the same events (same seed and starting point) put
 * through our decoders alone, chunk by chunk, with no store; a pass of its own, so the timed
 * passes run exactly as they would without it.
 */
async function decodeStream({ channels, messages, events, chunk, make }) {
  const start = startingPoint(channels, messages);
  const stream = new EventStream(SEED, start.channels, start.startAt);
  let ms = 0;
  for (let done = 0; done < events; done += chunk) {
    const n = Math.min(chunk, events - done);
    ms += decodeFrames(ourDecoders.event, stream.frames(n, (i) => make(stream, done + i)));
    await breathe();
  }
  return ms;
}

// Each stream workload's events, shared by its timed passes and its decode floor.
const newAnywhere = (s) => s.messageNew();
const newInFirst = (s) => s.messageNew(0);
const reactionInFirst = (s) => s.reactionNew(0);
const readOrMarkRead = (s, i) => s.read(i);

function sumHeld(subject, channels) {
  let n = 0;
  for (let c = 0; c < channels; c++) n += subject.heldMessages(cidOf(c));
  return n;
}

export const W1 = {
  name: 'W1 hydrate',
  goal: '>= 1.5x faster than stream-chat (issue 22); was <= 0.5x JSON.parse and >= 6x (issue 9)',
  params: (quick) => ({ channels: quick ? 200 : 1_000, messages: 25 }),
  warmParams: { channels: 50, messages: 25 },
  decodeOnly: decodeBody,
  async pass(impl, { channels, messages }) {
    const body = queryBody(channels, messages);
    const base = settledHeap();
    const subject = create(impl, {});
    const { ms, parseMs } = await timedHydrate(subject, body, messages);
    const heap = settledHeap() - base;
    return {
      n: channels,
      ms,
      unit: 'channel',
      heap_mb: mb(heap),
      parse_ms: parseMs,
      body_mb: mb(body.length),
      held_messages: sumHeld(subject, channels),
      errors: subject.errors(),
      http_calls: subject.httpCalls(),
    };
  },
};

/** Parse the body (timed: the floor), then hydrate (timed); the parsed tree dies with the frame. */
async function timedHydrate(subject, body, messages) {
  const t0 = now();
  const response = JSON.parse(body);
  const parseMs = now() - t0;
  const t1 = now();
  await subject.hydrate(response, messages);
  return { ms: now() - t1, parseMs };
}

/** W1's decode floor: our decoders alone on a fresh parse of the body, channel by channel. */
async function decodeBody({ channels, messages }) {
  const parsed = JSON.parse(queryBody(channels, messages)).channels;
  const t0 = now();
  for (const c of parsed) ourDecoders.channel(c);
  return now() - t0;
}

export const W2 = {
  name: 'W2 live',
  goal: '>= 1.5x stream-chat; heap <= 0.6x stream-chat (window cap off; issue 22)',
  params: (quick) => ({ channels: 100, messages: 25, events: quick ? 6_000 : 100_000, chunk: quick ? 3_000 : 5_000 }),
  warmParams: { channels: 20, messages: 25, events: 2_000, chunk: 2_000 },
  decodeOnly: (p) => decodeStream({ ...p, make: newAnywhere }),
  async pass(impl, p) {
    const r = await streamPass(impl, { ...p, ourOptions: { windowCap: 0 }, make: newAnywhere });
    return {
      n: p.events,
      ms: r.ms,
      unit: 'event',
      heap_mb: mb(r.heap),
      parse_ms: r.parseMs,
      held_messages: sumHeld(r.subject, p.channels),
      errors: r.subject.errors(),
      http_calls: r.subject.httpCalls(),
    };
  },
};

export const W3 = {
  name: 'W3 hot channel',
  goal: 'us/event of the last 1,000 <= 1.5x the first 1,000, and >= 30x faster than the peer\'s last 1,000 (window cap off; issue 22)',
  params: (quick) => ({ channels: 1, messages: 25, events: quick ? 5_000 : 20_000, chunk: 1_000 }),
  warmParams: { channels: 1, messages: 25, events: 2_000, chunk: 1_000 },
  async pass(impl, p) {
    const r = await streamPass(impl, { ...p, ourOptions: { windowCap: 0 }, make: newInFirst });
    const first = r.perChunk[0];
    const last = r.perChunk[r.perChunk.length - 1];
    return {
      n: p.events,
      ms: r.ms,
      unit: 'event',
      heap_mb: mb(r.heap),
      parse_ms: r.parseMs,
      first_1k_us: first,
      last_1k_us: last,
      last_over_first: last / first,
      us_per_1k: r.perChunk.map((x) => Math.round(x)),
      held_messages: r.subject.heldMessages(cidOf(0)),
      errors: r.subject.errors(),
      http_calls: r.subject.httpCalls(),
    };
  },
};

export const W4 = {
  name: 'W4 reactions',
  goal: '>= 1.1x stream-chat (issue 22; JSON.parse of its frame costs more than the peer\'s handling)',
  params: (quick) => ({ channels: 1, messages: quick ? 2_000 : 5_000, events: quick ? 5_000 : 50_000, chunk: 5_000 }),
  warmParams: { channels: 1, messages: 1_000, events: 2_000, chunk: 2_000 },
  decodeOnly: (p) => decodeStream({ ...p, make: reactionInFirst }),
  async pass(impl, p) {
    const r = await streamPass(impl, { ...p, ourOptions: { windowCap: 0 }, make: reactionInFirst });
    let reactions = 0;
    for (let s = 0; s < p.messages; s++) reactions += r.subject.reactionCount(cidOf(0), `ch-0-m${s}`);
    return {
      n: p.events,
      ms: r.ms,
      unit: 'event',
      heap_mb: mb(r.heap),
      parse_ms: r.parseMs,
      // Every 3rd message starts with 2 reactions; each event adds one.
      reactions_held: reactions,
      reactions_expected: Math.ceil(p.messages / 3) * 2 + p.events,
      held_messages: r.subject.heldMessages(cidOf(0)),
      errors: r.subject.errors(),
      http_calls: r.subject.httpCalls(),
    };
  },
};

export const W5 = {
  name: 'W5 read',
  goal: '>= 1.5x stream-chat, with totals kept (issue 22)',
  params: (quick) => ({ channels: quick ? 300 : 1_000, messages: 25, events: quick ? 6_000 : 20_000, chunk: quick ? 3_000 : 5_000 }),
  warmParams: { channels: 100, messages: 25, events: 2_000, chunk: 1_000 },
  decodeOnly: (p) => decodeStream({ ...p, make: readOrMarkRead }),
  async pass(impl, p) {
    const r = await streamPass(impl, { ...p, unread: true, make: readOrMarkRead });
    // Reading the total: ours is a field of the state; the peer sums its channels' counters.
    const reps = 200;
    let total = 0;
    const t0 = now();
    for (let i = 0; i < reps; i++) total = r.subject.unreadTotal();
    const totalMs = (now() - t0) / reps;
    return {
      n: p.events,
      ms: r.ms,
      unit: 'event',
      heap_mb: mb(r.heap),
      parse_ms: r.parseMs,
      unread_total: total,
      unread_total_expected: r.stream.totalUnread(),
      total_read_ms: totalMs,
      errors: r.subject.errors(),
      http_calls: r.subject.httpCalls(),
    };
  },
};
