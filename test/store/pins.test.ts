// Pins in the store: the pinned list hydrated from channel states, kept by events and
// edits, and ended by `pins/expired` (the client's expiry timer, src/handles/pinExpiry.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectPinned } from '../../src/store/selectors.ts';
import { nextPinExpiry } from '../../src/store/pins.ts';
import { BASE_MS, channelState, iso, msg, storeHarness } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

const A = 'messaging:pins';
const t = (n: number) => BASE_MS + n * 1_000;

function withPins() {
  const h = storeHarness();
  const a1 = msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(5)), pin_expires: iso(t(100)) });
  const a2 = msg(A, 'a2', t(2), { pinned: true, pinned_at: iso(t(4)) });
  h.hydrate(A, { messages: [a1, a2, msg(A, 'a3', t(3))] });
  return h;
}

describe('pinned messages from channel states', () => {
  it('hydrates pinned_messages, also those outside the loaded page, ordered by pinned_at', () => {
    const h = storeHarness();
    const old = msg(A, 'old', t(-100), { pinned: true, pinned_at: iso(t(9)) });
    const state = { ...channelState(A, { messages: [msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(3)) })] }), pinned_messages: [old] };
    h.store.dispatch({ type: 'channels/hydrated', messageLimit: 25, channels: [state] });
    expect(h.pinnedIds(A)).toEqual(['a1', 'old']);
    // The pinned message outside the page is held for the pinned list, not put in the window.
    expect(h.ids(A)).toEqual(['a1']);
  });

  it('a repeated channel state changes nothing (same references)', () => {
    const h = withPins();
    const before = h.ch(A);
    h.hydrate(A, { messages: [msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(5)), pin_expires: iso(t(100)) }), msg(A, 'a2', t(2), { pinned: true, pinned_at: iso(t(4)) }), msg(A, 'a3', t(3))] });
    expect(h.ch(A).pinned).toBe(before.pinned);
    expect(selectPinned(h.ch(A))).toBe(selectPinned(before));
  });
});

describe('pins by events', () => {
  it('message.updated pins and unpins; a repeat keeps the references', () => {
    const h = withPins();
    h.send('message.updated', { cid: A, message: msg(A, 'a3', t(3), { pinned: true, pinned_at: iso(t(6)), updated_at: iso(t(6)) }) });
    expect(h.pinnedIds(A)).toEqual(['a2', 'a1', 'a3']);
    const ch = h.ch(A);
    h.send('message.updated', { cid: A, message: msg(A, 'a3', t(3), { pinned: true, pinned_at: iso(t(6)), updated_at: iso(t(6)) }) });
    expect(h.ch(A)).toBe(ch);
    h.send('message.updated', { cid: A, message: msg(A, 'a2', t(2), { pinned: false, updated_at: iso(t(7)) }) });
    expect(h.pinnedIds(A)).toEqual(['a1', 'a3']);
  });

  it('a new pin_expires re-files the pin, so the expiry timer sees it', () => {
    const h = withPins();
    const before = h.ch(A).pinned;
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { pinned: true, pinned_at: iso(t(5)), pin_expires: iso(t(50)), updated_at: iso(t(8)) }) });
    expect(h.ch(A).pinned).not.toBe(before);
    expect(h.pinnedIds(A)).toEqual(['a2', 'a1']);
    expect(nextPinExpiry(h.ch(A))).toBe(t(50));
  });

  it('message.deleted (soft or hard) takes the pin away', () => {
    const h = withPins();
    h.send('message.deleted', { cid: A, message: msg(A, 'a1', t(1), { type: 'deleted', pinned: true, pinned_at: iso(t(5)), updated_at: iso(t(9)) }) });
    expect(h.pinnedIds(A)).toEqual(['a2']);
    h.send('message.deleted', { cid: A, hard_delete: true, message: msg(A, 'a2', t(2), { type: 'deleted', updated_at: iso(t(9)) }) });
    expect(h.pinnedIds(A)).toEqual([]);
  });

  it('channel.truncated drops the pins of the messages it removes', () => {
    const h = withPins();
    h.send('channel.truncated', { cid: A, channel: { cid: A, type: 'messaging', id: 'pins', created_at: iso(BASE_MS), updated_at: iso(BASE_MS), truncated_at: iso(t(1)) } });
    expect(h.pinnedIds(A)).toEqual(['a2']);
  });
});

describe('pins/expired', () => {
  it('unpins what is due by then and nothing else', () => {
    const h = withPins();
    expect(nextPinExpiry(h.ch(A))).toBe(t(100));
    const before = h.ch(A);
    h.dispatch({ type: 'pins/expired', cid: A, at: t(99) });
    expect(h.ch(A)).toBe(before);
    h.dispatch({ type: 'pins/expired', cid: A, at: t(100) });
    expect(h.pinnedIds(A)).toEqual(['a2']);
    // Still held and shown in the window, only no longer pinned.
    expect(h.ids(A)).toContain('a1');
    expect(heldMessage(h, 'a1')?.pinned).toBe(false);
    expect(nextPinExpiry(h.ch(A))).toBeUndefined();
  });

  it('leaves the message as the server renders it after expiry; a repeat changes nothing', () => {
    const h = withPins();
    h.dispatch({ type: 'pins/expired', cid: A, at: t(200) });
    const m = heldMessage(h, 'a1');
    expect(m).toMatchObject({ id: 'a1', pinned: false });
    expect(m && 'pinned_at' in m).toBe(false);
    expect(m && 'pin_expires' in m).toBe(false);
    const after = h.ch(A);
    h.dispatch({ type: 'pins/expired', cid: A, at: t(300) });
    expect(h.ch(A)).toBe(after);
  });

  it('for a channel not held does nothing', () => {
    const h = withPins();
    const state = h.store.getState();
    h.dispatch({ type: 'pins/expired', cid: 'messaging:other', at: t(200) });
    expect(h.store.getState()).toBe(state);
  });
});

describe('property: pin changes in any order', () => {
  it('converge to the pins of the newest copy of each message', () => {
    // Each message gets a sequence of copies (pinned or not, updated_at increasing); the
    // events arrive shuffled. The newest copy of each decides whether it is pinned.
    const copies = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean()), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(copies, fc.infiniteStream(fc.nat()), (list, rand) => {
        const events = list.map(([i, pinned], n) =>
          msg(A, `a${i}`, t(i), pinned ? { pinned: true, pinned_at: iso(t(10 + n)), updated_at: iso(t(10 + n)) } : { pinned: false, updated_at: iso(t(10 + n)) }),
        );
        const h = storeHarness();
        h.hydrate(A, { messages: [0, 1, 2, 3].map((i) => msg(A, `a${i}`, t(i))) });
        const order = events.map((e, k) => ({ e, k: rand.next().value as number, n: k })).sort((x, y) => x.k - y.k || x.n - y.n);
        for (const { e } of order) h.send('message.updated', { cid: A, message: e });
        const newest = new Map<string, (typeof events)[number]>();
        for (const e of events) newest.set(e.id, e);
        const expected = [...newest.values()].filter((e) => e.pinned).sort((x, y) => (x.pinned_at ?? 0) - (y.pinned_at ?? 0)).map((e) => e.id);
        expect(h.pinnedIds(A)).toEqual(expected);
      }),
      propertyRuns({ seed: 2424, numRuns: 150 }),
    );
  });
});

function heldMessage(h: ReturnType<typeof storeHarness>, id: string) {
  const ch = h.ch(A);
  for (const b of ch.messages.buckets) if (b[id]) return b[id];
  return undefined;
}

