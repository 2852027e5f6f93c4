// Thread fixtures: wire-shaped JSON through the real decoders, and a store with an own user.
import { queueScheduler } from 'rxjs';
import { decodeEvent, decodeModel, tableGet, type ChatEvent, type ChatState, type MessageResponse, type ThreadStateResponse } from 'chatstore';
import { createStore, type ChatStore } from '../../src/store/store.ts';
import { BASE_MS, channelState, iso, ownUser, user } from '../helpers/storeFixtures.ts';
import { uid } from '../helpers/fixtures.ts';

export const CID = 'messaging:general';

/** A message as the wire carries it (RFC 3339 times), for events. */
export function wireMessage(at: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uid('m'),
    cid: CID,
    type: 'regular',
    text: `text ${at}`,
    user: user('bob'),
    created_at: iso(at),
    updated_at: iso(at),
    ...extra,
  };
}

export function decodeMessage(wire: Record<string, unknown>): MessageResponse {
  const r = decodeModel('MessageResponse', wire);
  if (!r.ok) throw r.error;
  return r.value;
}

export function ev(type: string, fields: Record<string, unknown>): ChatEvent {
  const r = decodeEvent({ type, created_at: iso(BASE_MS + 9_000_000), cid: CID, ...fields });
  if (!r.ok) throw r.error;
  return r.value;
}

export interface ThreadFixture {
  parent: Record<string, unknown>;
  replies: Record<string, unknown>[];
}

/** A parent at BASE_MS+1s with `count` replies from bob, one second apart. */
export function threadFixture(count: number, extra: Record<string, unknown> = {}): ThreadFixture {
  const parentAt = BASE_MS + 1_000;
  const replies = Array.from({ length: count }, (_, i) => wireMessage(parentAt + (i + 1) * 1_000, { parent_id: 'p1', type: 'reply' }));
  const parent = wireMessage(parentAt, {
    id: 'p1',
    user: user('me'),
    reply_count: count,
    thread_participants: count > 0 ? [user('me'), user('bob')] : [],
    ...extra,
  });
  return { parent, replies };
}

/** A GetThread / QueryThreads thread (wire shape, decoded). */
export function threadState(f: ThreadFixture, options: { latest?: number; unread?: number; lastMessageAt?: number; parentId?: string } = {}): ThreadStateResponse {
  const parentId = options.parentId ?? (f.parent['id'] as string);
  const latest = options.latest ?? f.replies.length;
  const last = f.replies.at(-1);
  const r = decodeModel('ThreadStateResponse', {
    channel_cid: CID,
    parent_message_id: parentId,
    parent_message: f.parent,
    created_by_user_id: 'me',
    title: 'A thread',
    custom: {},
    participant_count: 2,
    active_participant_count: 2,
    reply_count: f.replies.length,
    thread_participants: [
      { channel_cid: CID, thread_id: parentId, user_id: 'me', user: user('me'), created_at: iso(BASE_MS) },
      { channel_cid: CID, thread_id: parentId, user_id: 'bob', user: user('bob'), created_at: iso(BASE_MS) },
    ],
    created_at: iso(BASE_MS + 1_000),
    updated_at: iso(BASE_MS + 1_000),
    last_message_at: options.lastMessageAt !== undefined ? iso(options.lastMessageAt) : last ? last['created_at'] : undefined,
    latest_replies: latest > 0 ? f.replies.slice(-latest) : [],
    read: [
      { user: user('me'), last_read: iso(BASE_MS + 1_000), unread_messages: options.unread ?? 0 },
      { user: user('bob'), last_read: last ? last['created_at'] : iso(BASE_MS), unread_messages: 0 },
    ],
  });
  if (!r.ok) throw r.error;
  return r.value;
}

/** A store with the own user 'me' and the channel CID held (empty, all history loaded). */
export function setupStore(): ChatStore {
  const store = createStore({ scheduler: queueScheduler });
  store.dispatch({ type: 'me/set', me: ownUser('me') });
  store.dispatch({ type: 'channels/hydrated', channels: [channelState(CID, { messages: [] })], messageLimit: 25 });
  return store;
}

export function channelOf(state: ChatState) {
  const ch = tableGet(state.channels, CID);
  if (!ch) throw new Error('channel not held');
  return ch;
}

export function heldMessage(state: ChatState, id: string) {
  return tableGet(channelOf(state).messages, id);
}

export { BASE_MS, iso, user };
