import { describe, expect, it } from 'vitest';
import { queueScheduler } from 'rxjs';
import { createStore } from '../../src/store/store.ts';
import { selectMessages, selectPagination } from '../../src/store/selectors.ts';
import { BASE_MS, channelState, event, message, ownUser } from '../helpers/storeFixtures.ts';

function setup() {
  const store = createStore({ scheduler: queueScheduler });
  store.dispatch({ type: 'me/set', me: ownUser('me') });
  return store;
}

describe('store smoke', () => {
  it('hydrates, appends a new message, counts unread, clears on read', () => {
    const store = setup();
    const cid = 'messaging:a';
    const msgs = [1, 2, 3].map((i) => message(cid, BASE_MS + i * 1000));
    store.dispatch({ type: 'channels/hydrated', channels: [channelState(cid, { messages: msgs })], messageLimit: 25 });
    const entry = () => {
      const s = store.getState();
      for (const b of s.channels.buckets) if (b[cid]) return b[cid];
      throw new Error('missing');
    };
    expect(selectMessages(entry()).map((m) => m.id)).toEqual(msgs.map((m) => m.id));
    expect(selectPagination(entry())).toMatchObject({ hasOlder: false, isLatest: true });
    const m4 = message(cid, BASE_MS + 10_000);
    store.dispatch({ type: 'event', event: event('message.new', { cid, message: { ...m4, created_at: new Date(m4.created_at).toISOString(), updated_at: new Date(m4.updated_at).toISOString() } }) });
    expect(selectMessages(entry()).at(-1)?.id).toBe(m4.id);
    expect(entry().unread).toEqual({ messages: 1, mentions: 0 });
    expect(store.getState().unread.totalMessages).toBe(1);
    const before = store.getState();
    store.dispatch({ type: 'event', event: event('message.new', { cid, message: { ...m4, created_at: new Date(m4.created_at).toISOString(), updated_at: new Date(m4.updated_at).toISOString() } }) });
    expect(store.getState().unread.totalMessages).toBe(1);
    expect(selectMessages(entry())).toBe(selectMessages(before.channels.buckets.find((b) => b[cid])![cid]!));
    store.dispatch({ type: 'event', event: event('message.read', { cid, user: { id: 'me' } }) });
    expect(entry().unread).toEqual({ messages: 0, mentions: 0 });
    expect(store.getState().unread).toMatchObject({ totalMessages: 0, channels: 0 });
    // The own read moved to the read event's time (fixtures: BASE_MS + 1,000 s).
    expect(entry().reads['me']).toMatchObject({ last_read: BASE_MS + 1_000_000, unread_messages: 0 });
  });
});
