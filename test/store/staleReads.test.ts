// A channel answer and a read event racing (issue 21): an answer read by the server before a
// message.read that the client applied while the request was out must not take the read
// back; an answer whose reads nothing changed since the request left replaces them all, a
// read moved back (markUnread) included.
import { describe, expect, it } from 'vitest';
import { BASE_MS, channelState, storeHarness, user } from '../helpers/storeFixtures.ts';
import { iso } from '../helpers/storeFixtures.ts';

const cid = 'messaging:r';

describe('reads in a channel answer that raced an event', () => {
  it('a read that changed while the request was out stays', () => {
    const h = storeHarness();
    h.hydrate(cid, { lastReadMs: BASE_MS });
    const before = h.store.getState().channels;
    // The request leaves; bob reads; the event comes before the (older) answer.
    h.send('message.read', { cid, user: user('bob'), created_at: iso(BASE_MS + 5_000) });
    h.dispatch({ type: 'channels/hydrated', channels: [channelState(cid, { lastReadMs: BASE_MS })], messageLimit: 25, before });
    expect(h.ch(cid).reads['bob']?.last_read).toBe(BASE_MS + 5_000);
    // Without knowing when the request left, the answer wins (as before).
    h.dispatch({ type: 'channels/hydrated', channels: [channelState(cid, { lastReadMs: BASE_MS })], messageLimit: 25 });
    expect(h.ch(cid).reads['bob']?.last_read).toBe(BASE_MS);
  });

  it('a read nothing changed since the request left is the answer\'s, also when it moved back', () => {
    const h = storeHarness();
    h.hydrate(cid, { lastReadMs: BASE_MS + 9_000 });
    const before = h.store.getState().channels;
    const kept = h.ch(cid).reads['me'];
    h.dispatch({ type: 'channels/hydrated', channels: [channelState(cid, { lastReadMs: BASE_MS + 1_000 })], messageLimit: 25, before });
    expect(h.ch(cid).reads['bob']?.last_read).toBe(BASE_MS + 1_000);
    expect(h.ch(cid).reads['me']?.last_read).toBe(BASE_MS + 1_000);
    expect(h.ch(cid).reads['me']).not.toBe(kept);
  });
});
