// W6: 1,000 subscribers, each following one of 1,000 channels, then random message.new.
// Ours: each subscriber is a channel handle's `messages$` (the way an app's message list
// listens), notified per event (queueScheduler: the flush runs inside dispatch, so every
// callback can be attributed to the event that caused it). The peer: its reactive channel
// list store (ChannelManager's StateStore) with one `subscribeWithSelector` per channel, and
// for reference its keyed `channel.on('message.new')`. Cost per event is compared with the
// same client and events without subscribers.
import { queueScheduler } from 'rxjs';
import { createOurs, createPeer } from '../impls.mjs';
import { channelId, EventStream, queryBody, startingPoint } from '../fixtures.mjs';
import { breathe, dispatchAll, now, parseFrames } from '../measure.mjs';

const SEED = 6;

async function eventsFor(channels, messages, events) {
  const start = startingPoint(channels, messages);
  const stream = new EventStream(SEED, start.channels, start.startAt);
  return stream.frames(events, () => stream.messageNew());
}

/** Ours with `subscribers` handles' messages$ subscribed; counts callbacks after the first emission. */
async function oursPass({ channels, messages, events, subscribers }) {
  const subject = createOurs({ notifyScheduler: queueScheduler });
  await subject.hydrate(JSON.parse(queryBody(channels, messages)), messages);
  let callbacks = 0;
  const subs = [];
  for (let c = 0; c < subscribers; c++) {
    let first = true;
    subs.push(
      subject.client.channel('messaging', channelId(c)).messages$.subscribe(() => {
        if (first) first = false;
        else callbacks += 1;
      }),
    );
  }
  const { events: parsed } = parseFrames(await eventsFor(channels, messages, events));
  await breathe();
  const ms = dispatchAll(subject, parsed);
  for (const s of subs) s.unsubscribe();
  return { ms, callbacks, selectorCalls: callbacks, errors: subject.errors(), httpCalls: 0 };
}

/** The peer with its channel-list store and `subscribers` selector subscriptions. */
async function peerStorePass({ channels, messages, events, subscribers }) {
  const subject = createPeer();
  const manager = subject.client.createChannelManager({});
  await subject.hydrate(JSON.parse(queryBody(channels, messages)), messages, manager);
  manager.registerSubscriptions();
  let selectorCalls = 0;
  let callbacks = 0;
  const unsubs = [];
  for (let c = 0; c < subscribers; c++) {
    const cid = `messaging:${channelId(c)}`;
    let first = true;
    unsubs.push(
      manager.state.subscribeWithSelector(
        (s) => {
          selectorCalls += 1;
          return { channel: s.channels.find((ch) => ch.cid === cid) };
        },
        () => {
          if (first) first = false;
          else callbacks += 1;
        },
      ),
    );
  }
  selectorCalls = 0;
  const { events: parsed } = parseFrames(await eventsFor(channels, messages, events));
  await breathe();
  const ms = dispatchAll(subject, parsed);
  for (const u of unsubs) u();
  manager.unregisterSubscriptions();
  return { ms, callbacks, selectorCalls, errors: 0, httpCalls: subject.httpCalls() };
}

/** The peer with one `channel.on('message.new')` listener per channel (keyed, not a store). */
async function peerOnPass({ channels, messages, events, subscribers }) {
  const subject = createPeer();
  await subject.hydrate(JSON.parse(queryBody(channels, messages)), messages);
  let callbacks = 0;
  const offs = [];
  for (let c = 0; c < subscribers; c++) {
    const ch = subject.client.activeChannels[`messaging:${channelId(c)}`];
    offs.push(ch.on('message.new', () => (callbacks += 1)));
  }
  const { events: parsed } = parseFrames(await eventsFor(channels, messages, events));
  await breathe();
  const ms = dispatchAll(subject, parsed);
  for (const o of offs) o.unsubscribe();
  return { ms, callbacks, selectorCalls: 0, errors: 0, httpCalls: subject.httpCalls() };
}

const VARIANTS = {
  chatstore: oursPass,
  'stream-chat': peerStorePass,
  'stream-chat:channel.on': peerOnPass,
};

export const W6 = {
  name: 'W6 fan-out',
  goal: 'callbacks per event = 1; cost per event <= 2x the cost with no subscribers',
  impls: Object.keys(VARIANTS),
  // Quick mode holds 200 channels: hydrating 1,000 for each variant was half of the quick run.
  params: (quick) => ({ channels: quick ? 200 : 1_000, messages: 25, events: quick ? 200 : 2_000, subscribers: quick ? 200 : 1_000 }),
  warmParams: { channels: 100, messages: 25, events: 200, subscribers: 100 },
  async pass(impl, p) {
    const run = VARIANTS[impl];
    const withSubs = await run(p);
    const without = await run({ ...p, subscribers: 0 });
    return {
      n: p.events,
      ms: withSubs.ms,
      unit: 'event',
      subscribers: p.subscribers,
      callbacks_per_event: withSubs.callbacks / p.events,
      selector_calls_per_event: withSubs.selectorCalls / p.events,
      ms_no_subscribers: without.ms,
      cost_over_no_subscribers: withSubs.ms / without.ms,
      errors: withSubs.errors,
      http_calls: withSubs.httpCalls,
    };
  },
};
