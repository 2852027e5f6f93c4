// A burst of dispatches shares one draft, finished on the next read: every read still sees
// every dispatch, subscribers hear once per burst, and an action that throws halfway leaves
// no trace while the actions before it in the same burst stay applied.
import { describe, expect, it } from 'vitest';
import { VirtualTimeScheduler } from 'rxjs';
import type { MessageResponse } from '../../src/models/generated/types.ts';
import type { Action } from '../../src/store/reducer.ts';
import { createStore } from '../../src/store/store.ts';
import { selectChannel, selectMessages } from '../../src/store/selectors.ts';
import { BASE_MS, channelState, event, msg, ownUser } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const B = 'messaging:b';
const t = (n: number) => BASE_MS + n * 1_000;

function setup() {
  const scheduler = new VirtualTimeScheduler();
  const errors: Array<{ error: unknown; action: Action }> = [];
  const store = createStore({ scheduler, onError: (error, action) => errors.push({ error, action }) });
  store.dispatch({ type: 'me/set', me: ownUser('me') });
  store.dispatch({ type: 'channels/hydrated', channels: [channelState(A, {}), channelState(B, {})], messageLimit: 25 });
  scheduler.flush();
  const ids = (cid: string) => {
    const ch = selectChannel(store.getState(), cid);
    return ch ? selectMessages(ch).map((m) => m.id) : [];
  };
  const newMessage = (cid: string, id: string, n: number): Action => ({ type: 'event', event: event('message.new', { cid, message: msg(cid, id, t(n)) }) });
  return { scheduler, store, errors, ids, newMessage };
}

describe('store bursts', () => {
  it('shows every dispatch to a read at once, and notifies once per burst', () => {
    const { scheduler, store, ids, newMessage } = setup();
    const seen: unknown[] = [];
    store.subscribe((s) => seen.push(s));
    store.dispatch(newMessage(A, 'a1', 1));
    store.dispatch(newMessage(A, 'a2', 2));
    expect(ids(A)).toEqual(['a1', 'a2']);
    store.dispatch(newMessage(B, 'b1', 3));
    expect(ids(B)).toEqual(['b1']);
    expect(seen).toHaveLength(0);
    scheduler.flush();
    expect(seen).toEqual([store.getState()]);
  });

  it('keeps the state reference when a burst changes nothing, and notifies no one', () => {
    const { scheduler, store, newMessage } = setup();
    store.dispatch(newMessage(A, 'a1', 1));
    scheduler.flush();
    const before = store.getState();
    const seen: unknown[] = [];
    store.subscribe((s) => seen.push(s));
    store.dispatch(newMessage(A, 'a1', 1));
    store.dispatch(newMessage(A, 'a1', 1));
    expect(store.getState()).toBe(before);
    scheduler.flush();
    expect(seen).toEqual([]);
  });

  it('drops the partial changes of an action that throws and keeps the ones before it', () => {
    const { scheduler, store, errors, ids, newMessage } = setup();
    scheduler.flush();
    store.dispatch(newMessage(A, 'a1', 1));
    // A page whose second entry is not a message: the first is stored before the reducer throws.
    const broken = { type: 'messages/paged', cid: B, direction: 'older', window: 0, messages: [msg(B, 'b0', t(0)), null], limit: 25 } as unknown as Action;
    store.dispatch(broken);
    store.dispatch(newMessage(A, 'a2', 2));
    expect(errors.map((e) => e.action)).toEqual([broken]);
    expect(ids(A)).toEqual(['a1', 'a2']);
    const b = selectChannel(store.getState(), B);
    expect(b?.messages.size).toBe(0);
    expect(ids(B)).toEqual([]);
  });

  it('a reset in the middle of a burst leaves nothing of the channels before it', () => {
    const { store, ids, newMessage } = setup();
    store.dispatch(newMessage(A, 'a1', 1));
    store.dispatch({ type: 'state/reset' });
    store.dispatch({ type: 'channels/hydrated', channels: [channelState(A, {})], messageLimit: 25 });
    store.dispatch(newMessage(A, 'a2', 2));
    expect(ids(A)).toEqual(['a2']);
    expect(selectChannel(store.getState(), B)).toBeUndefined();
  });

  it('a read between dispatches freezes what it returns; later dispatches never change it', () => {
    const { store, newMessage } = setup();
    store.dispatch(newMessage(A, 'a1', 1));
    const first = store.getState();
    store.dispatch(newMessage(A, 'a2', 2));
    const a1 = selectChannel(first, A);
    expect(Object.isFrozen(first)).toBe(true);
    expect(a1 && selectMessages(a1).map((m: MessageResponse) => m.id)).toEqual(['a1']);
    expect(store.getState()).not.toBe(first);
  });

  it('finishes every burst deeply frozen, whatever the events touched', () => {
    const { store, newMessage } = setup();
    const bob = { id: 'bob', name: 'bob', role: 'user', created_at: new Date(t(0)).toISOString(), updated_at: new Date(t(0)).toISOString() };
    const bursts: Action[][] = [
      [newMessage(A, 'a1', 1), newMessage(B, 'b1', 2)],
      [{ type: 'event', event: event('typing.start', { cid: A, user: bob }) }],
      [{ type: 'event', event: event('message.read', { cid: A, user: bob }) }],
      [{ type: 'event', event: event('member.added', { cid: B, member: { user_id: 'carol', user: { ...bob, id: 'carol' }, created_at: bob.created_at, updated_at: bob.updated_at } }) }],
      [{ type: 'event', event: event('reaction.new', { cid: A, message: msg(A, 'a1', t(1)), reaction: { message_id: 'a1', user_id: 'bob', user: bob, type: 'like', score: 1, created_at: bob.created_at, updated_at: bob.updated_at } }) }],
    ];
    for (const burst of bursts) {
      store.dispatchMany(burst);
      expect(unfrozenPaths(store.getState())).toEqual([]);
    }
  });
});

/** Paths of the objects under `value` that are not frozen (Object.isFrozen, the full check). */
function unfrozenPaths(value: unknown, path = '$', out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (!Object.isFrozen(value)) out.push(path);
  for (const key of Object.keys(value)) unfrozenPaths((value as Record<string, unknown>)[key], `${path}.${key}`, out, seen);
  return out;
}
