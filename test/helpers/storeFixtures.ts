// Decoded fixtures for store tests: wire-shaped JSON run through the real decoders, so the
// store sees exactly what the transport hands it.
import { decodeEvent, decodeModel, type ChannelStateResponse, type ChatEvent, type MessageResponse, type OwnUserResponse } from 'chatstore';
import { uid } from './fixtures.ts';
import { queueScheduler, type SchedulerLike } from 'rxjs';
import { createStore, type ChatStore } from '../../src/store/store.ts';
import type { Action } from '../../src/store/reducer.ts';
import type { ChannelEntry } from '../../src/store/state.ts';
import { selectChannel, selectMessages, selectPagination, selectPinned } from '../../src/store/selectors.ts';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export const BASE_MS = Date.UTC(2024, 4, 1, 10, 0, 0);

export function user(id: string): Record<string, unknown> {
  return { id, name: id, role: 'user', created_at: iso(BASE_MS), updated_at: iso(BASE_MS) };
}

export function message(cid: string, at: number, extra: Record<string, unknown> = {}): MessageResponse {
  const r = decodeModel('MessageResponse', {
    id: uid('m'),
    cid,
    type: 'regular',
    text: `text ${at}`,
    user: user('bob'),
    created_at: iso(at),
    updated_at: iso(at),
    ...extra,
  });
  if (!r.ok) throw r.error;
  return r.value;
}

export function ownUser(id = 'me', extra: Record<string, unknown> = {}): OwnUserResponse {
  const r = decodeModel('OwnUserResponse', {
    ...user(id),
    total_unread_count: 0,
    unread_channels: 0,
    unread_threads: 0,
    unread_count: 0,
    channel_mutes: [],
    mutes: [],
    ...extra,
  });
  if (!r.ok) throw r.error;
  return r.value;
}

export function channelState(
  cid: string,
  options: { messages?: MessageResponse[]; members?: string[]; lastReadMs?: number; unread?: number; extra?: Record<string, unknown> } = {},
): ChannelStateResponse {
  const [type, id] = cid.split(':') as [string, string];
  const members = options.members ?? ['me', 'bob'];
  const msgs = options.messages ?? [];
  const r = decodeModel('ChannelStateResponse', {
    channel: {
      cid,
      type,
      id,
      created_at: iso(BASE_MS),
      updated_at: iso(BASE_MS),
      last_message_at: msgs.length ? iso(Math.max(...msgs.map((m) => m.created_at))) : undefined,
      member_count: members.length,
      ...options.extra,
    },
    members: members.map((m) => ({ user_id: m, user: user(m), created_at: iso(BASE_MS), updated_at: iso(BASE_MS), channel_role: 'channel_member' })),
    messages: [],
    pinned_messages: [],
    threads: [],
    read: members.map((m) => ({
      user: user(m),
      last_read: iso(options.lastReadMs ?? BASE_MS),
      unread_messages: m === 'me' ? (options.unread ?? 0) : 0,
    })),
  });
  if (!r.ok) throw r.error;
  return { ...r.value, messages: msgs };
}

export function event(type: string, fields: Record<string, unknown> = {}): ChatEvent {
  const r = decodeEvent({ type, created_at: iso(BASE_MS + 1_000_000), ...fields });
  if (!r.ok) throw r.error;
  return r.value;
}

// ---- Store harness -----------------------------------------------------------------------
// A store wired the way the client wires it, with a synchronous or virtual scheduler so
// tests read state right after dispatching, plus shorthands to read it back through the
// public selectors.

export interface StoreHarness {
  store: ChatStore;
  /** The channel entry; throws when it is not held (use `has` to test absence). */
  ch(cid: string): ChannelEntry;
  has(cid: string): boolean;
  /** Ids of the channel's current window, oldest first. */
  ids(cid: string): string[];
  pinnedIds(cid: string): string[];
  pagination(cid: string): ReturnType<typeof selectPagination>;
  /** Decode a wire event and dispatch it. */
  send(type: string, fields?: Record<string, unknown>): void;
  dispatch(action: Action): void;
  hydrate(cid: string, options?: Parameters<typeof channelState>[1], messageLimit?: number): void;
}

export function storeHarness(options: { me?: string | null; windowCap?: number; scheduler?: SchedulerLike; meExtra?: Record<string, unknown> } = {}): StoreHarness {
  const store = createStore({ scheduler: options.scheduler ?? queueScheduler, ...(options.windowCap !== undefined ? { windowCap: options.windowCap } : {}) });
  const meId = options.me === undefined ? 'me' : options.me;
  if (meId !== null) store.dispatch({ type: 'me/set', me: ownUser(meId, options.meExtra) });
  const ch = (cid: string): ChannelEntry => {
    const entry = selectChannel(store.getState(), cid);
    if (!entry) throw new Error(`channel ${cid} is not held`);
    return entry;
  };
  return {
    store,
    ch,
    has: (cid) => selectChannel(store.getState(), cid) !== undefined,
    ids: (cid) => selectMessages(ch(cid)).map((m) => m.id),
    pinnedIds: (cid) => selectPinned(ch(cid)).map((m) => m.id),
    pagination: (cid) => selectPagination(ch(cid)),
    send: (type, fields = {}) => store.dispatch({ type: 'event', event: event(type, fields) }),
    dispatch: (action) => store.dispatch(action),
    hydrate: (cid, opts = {}, messageLimit = 25) =>
      store.dispatch({ type: 'channels/hydrated', channels: [channelState(cid, opts)], messageLimit }),
  };
}

/** A message with a fixed id (deterministic tests), sent by `from` (default bob). */
export function msg(cid: string, id: string, at: number, extra: Record<string, unknown> = {}): MessageResponse {
  return message(cid, at, { id, ...extra });
}

/** A member record as the wire carries it. */
export function member(userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { user_id: userId, user: user(userId), created_at: iso(BASE_MS), updated_at: iso(BASE_MS), channel_role: 'channel_member', ...extra };
}

/** Channel data as an event carries it. */
export function channelData(cid: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const [type, id] = cid.split(':') as [string, string];
  return { cid, type, id, created_at: iso(BASE_MS), updated_at: iso(BASE_MS), ...extra };
}

/** A reaction by `userId` on message `messageId`. */
export function reaction(messageId: string, userId: string, type = 'like'): Record<string, unknown> {
  return { type, message_id: messageId, user_id: userId, user: user(userId), score: 1, created_at: iso(BASE_MS), updated_at: iso(BASE_MS) };
}
