// message.delivered in the read states: each member's delivered position, forward only.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectReads } from '../../src/store/selectors.ts';
import { BASE_MS, iso, msg, storeHarness, user } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

const A = 'messaging:deliv';
const t = (n: number) => BASE_MS + n * 1_000;

function withChannel() {
  const h = storeHarness();
  h.hydrate(A, { messages: [msg(A, 'm1', t(1)), msg(A, 'm2', t(2))] });
  return h;
}

const delivered = (h: ReturnType<typeof storeHarness>, who: string, at: number, id: string) =>
  h.send('message.delivered', { cid: A, user: user(who), last_delivered_at: iso(at), last_delivered_message_id: id });

describe('message.delivered', () => {
  it('sets the member\'s delivered position and keeps the rest of the read', () => {
    const h = withChannel();
    const before = selectReads(h.ch(A))['bob'];
    const mine = selectReads(h.ch(A))['me'];
    delivered(h, 'bob', t(3), 'm2');
    const read = selectReads(h.ch(A))['bob'];
    expect(read).toMatchObject({ last_delivered_at: t(3), last_delivered_message_id: 'm2', last_read: before?.last_read, unread_messages: before?.unread_messages });
    // Another member's read state is untouched.
    expect(selectReads(h.ch(A))['me']).toBe(mine);
  });

  it('a repeat or an older position changes nothing (same references)', () => {
    const h = withChannel();
    delivered(h, 'bob', t(3), 'm2');
    const ch = h.ch(A);
    delivered(h, 'bob', t(3), 'm2');
    delivered(h, 'bob', t(2), 'm1');
    expect(h.ch(A)).toBe(ch);
  });

  it('starts a read state for a member the store has none for', () => {
    const h = withChannel();
    delivered(h, 'carol', t(4), 'm2');
    expect(selectReads(h.ch(A))['carol']).toMatchObject({ user: { id: 'carol' }, last_read: 0, unread_messages: 0, last_delivered_message_id: 'm2' });
  });

  it('for a channel not held, or without a message id, does nothing', () => {
    const h = withChannel();
    const state = h.store.getState();
    h.send('message.delivered', { cid: 'messaging:other', user: user('bob'), last_delivered_at: iso(t(3)), last_delivered_message_id: 'm2' });
    h.send('message.delivered', { cid: A, user: user('bob'), last_delivered_at: iso(t(3)) });
    expect(h.store.getState()).toBe(state);
  });

  it('property: deliveries in any order end at the latest one', () => {
    const positions = fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom('m1', 'm2', 'm3')), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(positions, fc.infiniteStream(fc.nat()), (list, rand) => {
        const h1 = withChannel();
        const h2 = withChannel();
        for (const [at, id] of list) delivered(h1, 'bob', t(at), id);
        const shuffled = list.map((p) => ({ p, k: rand.next().value as number })).sort((x, y) => x.k - y.k).map((x) => x.p);
        for (const [at, id] of shuffled) delivered(h2, 'bob', t(at), id);
        const last = [...list].sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1])).at(-1);
        const r1 = selectReads(h1.ch(A))['bob'];
        const r2 = selectReads(h2.ch(A))['bob'];
        expect(r2).toEqual(r1);
        expect(r1).toMatchObject({ last_delivered_at: t(last?.[0] ?? 0), last_delivered_message_id: last?.[1] });
      }),
      propertyRuns({ seed: 2425, numRuns: 150 }),
    );
  });
});
