// The pin expiry timer (src/handles/pinExpiry.ts) over a store, on a virtual clock.
import { describe, expect, it } from 'vitest';
import { watchPinExpiry } from '../../src/handles/pinExpiry.ts';
import { BASE_MS, iso, msg, storeHarness } from '../helpers/storeFixtures.ts';
import { createVirtualClock } from '../helpers/virtualClock.ts';

const A = 'messaging:pins';
const B = 'messaging:other';
const t = (n: number) => BASE_MS + n * 1_000;

describe('pin expiry timer', () => {
  it('ends each pin at its pin_expires, one timer at a time', () => {
    const clock = createVirtualClock();
    clock.scheduler.frame = BASE_MS;
    const h = storeHarness();
    const stop = watchPinExpiry(h.store, clock.scheduler);
    h.hydrate(A, { messages: [msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(1)), pin_expires: iso(t(10)) }), msg(A, 'a2', t(2), { pinned: true, pinned_at: iso(t(2)) })] });
    h.hydrate(B, { messages: [msg(B, 'b1', t(1), { pinned: true, pinned_at: iso(t(1)), pin_expires: iso(t(5)) })] });
    h.store.flush();
    expect(clock.scheduler.actions.length).toBe(1);
    clock.advance(4_999);
    expect(h.pinnedIds(B)).toEqual(['b1']);
    clock.advance(1);
    expect(h.pinnedIds(B)).toEqual([]);
    expect(h.pinnedIds(A)).toEqual(['a1', 'a2']);
    h.store.flush();
    clock.advance(5_000);
    expect(h.pinnedIds(A)).toEqual(['a2']);
    h.store.flush();
    expect(clock.scheduler.actions.length).toBe(0);
    stop();
  });

  it('follows a changed expiry and a pin taken away before it ends', () => {
    const clock = createVirtualClock();
    clock.scheduler.frame = BASE_MS;
    const h = storeHarness();
    const stop = watchPinExpiry(h.store, clock.scheduler);
    h.hydrate(A, { messages: [msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(1)), pin_expires: iso(t(10)) })] });
    h.store.flush();
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(1)), pin_expires: iso(t(3)), updated_at: iso(t(2)) }) });
    h.store.flush();
    clock.advance(3_000);
    expect(h.pinnedIds(A)).toEqual([]);
    // Pinned again without expiry: no timer.
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(4)), updated_at: iso(t(4)) }) });
    h.store.flush();
    expect(clock.scheduler.actions.length).toBe(0);
    stop();
  });

  it('expires at once a pin that arrives already expired', () => {
    const clock = createVirtualClock();
    clock.scheduler.frame = t(100);
    const h = storeHarness();
    const stop = watchPinExpiry(h.store, clock.scheduler);
    h.hydrate(A, { messages: [msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(1)), pin_expires: iso(t(10)) })] });
    h.store.flush();
    clock.advance(0);
    expect(h.pinnedIds(A)).toEqual([]);
    stop();
  });
  it('expires without another tick a pin heard of only after the clock passed its expiry', () => {
    const clock = createVirtualClock();
    clock.scheduler.frame = BASE_MS;
    // The store notifies on its own clock (a frame), which this test runs by hand.
    const h = storeHarness({ scheduler: createVirtualClock().scheduler });
    const stop = watchPinExpiry(h.store, clock.scheduler);
    h.hydrate(A, { messages: [msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(1)), pin_expires: iso(t(10)) })] });
    // The clock passes the expiry before the store's notification (a frame later) is heard.
    clock.advance(20_000);
    h.store.flush();
    expect(h.pinnedIds(A)).toEqual([]);
    expect(clock.scheduler.actions.length).toBe(0);
    stop();
  });
});
