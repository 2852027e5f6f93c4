// The two implementations behind one small interface, each fed through its own public
// entry points and nothing else:
// - ours: the built package (`chatstore`), `hydrateChannels` and `dispatchEvent` (which take
//   their input over and decode it in place, as the socket does with a frame), no
//   connection; the own user comes from a health.check carrying `me`.
// - stream-chat 9.53 (the peer): its own client without a server, exactly as
//   /work/shared/research/peer-baseline.md describes: `_setUser`, a resolved `wsPromise`,
//   an axios adapter that counts calls and never touches the network, and its real
//   `queryChannels` path with only `queryChannelsRequestWithResponse` answering from memory.
import { createRequire } from 'node:module';
import { createChatClient, decodeEvent, decodeModel, selectChannel, tableGet } from 'chatstore';
import { ownUser, rfc3339 } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const { StreamChat } = require('stream-chat');

/**
 * Our client, ready for events. `windowCap: 0` keeps every message (the peer never prunes);
 * `notifyScheduler` decides when subscribers hear of a change (default: the UI frame, a 16 ms
 * tick in Node, as an app gets it; src/notifyPacing.ts).
 */
export function createOurs({ windowCap, notifyScheduler, unreadTotal = 0, unreadChannels = 0 } = {}) {
  const client = createChatClient({
    apiKey: 'bench-key',
    baseUrl: 'http://127.0.0.1:9',
    ...(windowCap !== undefined ? { windowCap } : {}),
    ...(notifyScheduler ? { notifyScheduler } : {}),
  });
  let errors = 0;
  let firstError;
  client.errors$.subscribe((e) => {
    errors += 1;
    firstError ??= e;
  });
  client.dispatchEvent({ type: 'health.check', connection_id: 'bench', me: ownUser(unreadTotal, unreadChannels), created_at: rfc3339(Date.UTC(2025, 0, 1)) });
  return {
    impl: 'chatstore',
    client,
    /** `response` is a parsed query body; the whole call is what is timed. */
    async hydrate(response, messageLimit) {
      client.hydrateChannels(response.channels, { messageLimit });
      client.getState();
    },
    dispatch(event) {
      client.dispatchEvent(event);
    },
    /** Read the state once: it is finished lazily, so timing must include the first read. */
    settle() {
      client.getState();
    },
    /** Messages held in a channel (every window), for checking both did the same work. */
    heldMessages(cid) {
      const ch = findChannel(client, cid);
      return ch ? ch.messages.size : 0;
    },
    channelCount() {
      return client.getState().channels.size;
    },
    /** Reactions counted on one held message. */
    reactionCount(cid, messageId) {
      const ch = findChannel(client, cid);
      const m = ch ? tableGet(ch.messages, messageId) : undefined;
      return m ? sumCounts(m.reaction_counts) : 0;
    },
    unreadTotal() {
      return client.getState().unread.totalMessages;
    },
    unreadOf(cid) {
      return findChannel(client, cid)?.unread.messages ?? 0;
    },
    errors: () => errors,
    firstError: () => firstError,
    httpCalls: () => 0,
  };
}

// Our decoders alone, with the options dispatchEvent and hydrateChannels use (in place,
// frozen): the floor of our own per-event time (bench/measure.mjs decodeFrames). A frame
// that fails to decode throws, so a failure never passes for a fast decode.
const DECODE = { freeze: true, inPlace: true };

function mustDecode(result) {
  if (!result.ok) throw new Error(`bench: decoding failed: ${result.error.message}`);
}

export const ourDecoders = {
  event: (e) => mustDecode(decodeEvent(e, DECODE)),
  channel: (c) => mustDecode(decodeModel('ChannelStateResponse', c, DECODE)),
};

function findChannel(client, cid) {
  return selectChannel(client.getState(), cid);
}

function sumCounts(counts) {
  let n = 0;
  for (const k in counts ?? {}) n += counts[k];
  return n;
}

/** The peer, fed without a server. */
export function createPeer({ unreadTotal = 0, unreadChannels = 0 } = {}) {
  const client = new StreamChat('bench-key', { allowServerSideConnect: true, browser: false, baseURL: 'http://127.0.0.1:9' });
  let httpCalls = 0;
  client.axiosInstance.defaults.adapter = async (config) => {
    httpCalls += 1;
    return { data: {}, status: 200, statusText: 'OK', headers: {}, config };
  };
  client._setUser(ownUser(unreadTotal, unreadChannels));
  // userMuteStatus() (run on every message.new) throws without it.
  client.wsPromise = Promise.resolve();
  let pending;
  client.queryChannelsRequestWithResponse = async () => pending;
  return {
    impl: 'stream-chat',
    client,
    /** Through `client.queryChannels`, or a ChannelManager's query when one is given (W6). */
    async hydrate(response, messageLimit, manager) {
      pending = response;
      const args = [{ type: 'messaging' }, [{ last_message_at: -1 }], { limit: response.channels.length, message_limit: messageLimit }];
      await (manager ? manager.queryChannels(...args) : client.queryChannels(...args));
      pending = undefined;
    },
    dispatch(event) {
      client.dispatchEvent(event);
    },
    settle() {},
    heldMessages(cid) {
      const ch = client.activeChannels[cid];
      if (!ch) return 0;
      let n = 0;
      for (const set of ch.state.messageSets) n += set.messages.length;
      return n;
    },
    channelCount() {
      return Object.keys(client.activeChannels).length;
    },
    reactionCount(cid, messageId) {
      const ch = client.activeChannels[cid];
      const m = ch?.state.findMessage(messageId);
      return m ? sumCounts(m.reaction_counts) : 0;
    },
    /** The peer keeps no client-side total: the sum of its cached per-channel counters. */
    unreadTotal() {
      let n = 0;
      for (const ch of Object.values(client.activeChannels)) n += ch.countUnread();
      return n;
    },
    unreadOf(cid) {
      return client.activeChannels[cid]?.countUnread() ?? 0;
    },
    errors: () => 0,
    firstError: () => undefined,
    httpCalls: () => httpCalls,
  };
}

export const IMPLS = { chatstore: createOurs, 'stream-chat': createPeer };
