// Who hears about a change, and how often: an event in channel A does not wake channel B's
// subscribers; channel$, select and state$ emit once per burst (virtual time, no sleeps).
import { describe, expect, it } from 'vitest';
import { queueScheduler, VirtualTimeScheduler, type Observable } from 'rxjs';
import { selectChannel, selectMessages, selectUnread } from '../../src/store/selectors.ts';
import { BASE_MS, event, msg, storeHarness, type StoreHarness } from '../helpers/storeFixtures.ts';

const [A, B] = ['messaging:a', 'messaging:b'];
const t = (n: number) => BASE_MS + n * 1_000;

function record<T>(source: Observable<T>): { values: T[]; stop: () => void } {
  const values: T[] = [];
  const sub = source.subscribe((v) => values.push(v));
  return { values, stop: () => sub.unsubscribe() };
}

function twoChannels(h: StoreHarness): void {
  h.hydrate(A, { messages: [msg(A, 'a1', t(1))] });
  h.hydrate(B, { messages: [msg(B, 'b1', t(1))] });
}

describe('isolation between channels', () => {
  it("an event in A does not emit on B's channel$ or on selects of B", () => {
    const h = storeHarness({ scheduler: queueScheduler });
    twoChannels(h);
    const a = record(h.store.channel$(A));
    const b = record(h.store.channel$(B));
    const bMessages = record(h.store.select((s) => {
      const ch = selectChannel(s, B);
      return ch ? selectMessages(ch) : [];
    }));
    const bUnread = record(h.store.select((s) => selectChannel(s, B)?.unread));
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { text: 'edited', updated_at: t(3) }) });
    h.send('message.read', { cid: A, user: { id: 'me' } });
    expect(a.values).toHaveLength(4);
    expect(b.values).toHaveLength(1);
    expect(bMessages.values).toHaveLength(1);
    expect(bUnread.values).toHaveLength(1);
    // ... and the other way round.
    h.send('message.new', { cid: B, message: msg(B, 'b2', t(2)) });
    expect(a.values).toHaveLength(4);
    expect(b.values).toHaveLength(2);
    expect(bMessages.values.at(-1)?.map((m) => m.id)).toEqual(['b1', 'b2']);
    expect(bUnread.values.at(-1)).toEqual({ messages: 1, mentions: 0 });
    for (const r of [a, b, bMessages, bUnread]) r.stop();
  });

  it("an unchanged channel keeps its entry and its selectors' outputs", () => {
    const h = storeHarness({ scheduler: queueScheduler });
    twoChannels(h);
    const entryB = h.ch(B);
    const messagesB = selectMessages(entryB);
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    expect(h.ch(B)).toBe(entryB);
    expect(selectMessages(h.ch(B))).toBe(messagesB);
  });

  it('a duplicate event wakes nobody', () => {
    const h = storeHarness({ scheduler: queueScheduler });
    twoChannels(h);
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    const a = record(h.store.channel$(A));
    const all = record(h.store.state$);
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    expect(a.values).toHaveLength(1);
    expect(all.values).toHaveLength(1);
  });

  it('channel$ of a channel not held yet emits undefined, then the channel once it appears', () => {
    const h = storeHarness({ scheduler: queueScheduler });
    const a = record(h.store.channel$(A));
    expect(a.values).toEqual([undefined]);
    h.hydrate(A, { messages: [msg(A, 'a1', t(1))] });
    expect(a.values).toHaveLength(2);
    expect(a.values[1]?.cid).toBe(A);
  });
});

describe('one notification per burst', () => {
  function onVirtualTime() {
    const scheduler = new VirtualTimeScheduler();
    const h = storeHarness({ scheduler });
    twoChannels(h);
    scheduler.flush();
    return { h, scheduler };
  }

  it('channel$, select and state$ emit once for several dispatches in one burst', () => {
    const { h, scheduler } = onVirtualTime();
    const a = record(h.store.channel$(A));
    const unreadA = record(h.store.select((s) => {
      const ch = selectChannel(s, A);
      return ch ? selectUnread(ch) : undefined;
    }));
    const all = record(h.store.state$);
    for (const i of [2, 3, 4]) h.send('message.new', { cid: A, message: msg(A, `a${i}`, t(i)) });
    // Applied synchronously, announced later.
    expect(h.ids(A)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(a.values).toHaveLength(1);
    expect(unreadA.values).toHaveLength(1);
    expect(all.values).toHaveLength(1);
    scheduler.flush();
    expect(a.values).toHaveLength(2);
    expect(unreadA.values).toEqual([{ messages: 0, mentions: 0 }, { messages: 3, mentions: 0 }]);
    expect(all.values).toHaveLength(2);
    expect(all.values[1]).toBe(h.store.getState());
    // Nothing more is pending.
    scheduler.flush();
    expect(all.values).toHaveLength(2);
  });

  it('flush() notifies at once; the scheduled flush then has nothing to say', () => {
    const { h, scheduler } = onVirtualTime();
    const a = record(h.store.channel$(A));
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    h.store.flush();
    expect(a.values).toHaveLength(2);
    scheduler.flush();
    expect(a.values).toHaveLength(2);
  });

  it('dispatchMany is one change and one notification', () => {
    const h = storeHarness({ scheduler: queueScheduler });
    twoChannels(h);
    const all = record(h.store.state$);
    const a = record(h.store.channel$(A));
    h.store.dispatchMany([2, 3, 4].map((i) => ({ type: 'event' as const, event: event('message.new', { cid: A, message: msg(A, `a${i}`, t(i)) }) })));
    expect(all.values).toHaveLength(2);
    expect(a.values).toHaveLength(2);
    expect(h.ids(A)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(h.ch(A).unread.messages).toBe(3);
    h.store.dispatchMany([]);
    expect(all.values).toHaveLength(2);
  });

  it('a burst touching A and B wakes each channel once, and no one else', () => {
    const { h, scheduler } = onVirtualTime();
    h.hydrate('messaging:c');
    scheduler.flush();
    const a = record(h.store.channel$(A));
    const b = record(h.store.channel$(B));
    const c = record(h.store.channel$('messaging:c'));
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    h.send('message.new', { cid: B, message: msg(B, 'b2', t(2)) });
    h.send('message.new', { cid: A, message: msg(A, 'a3', t(3)) });
    scheduler.flush();
    expect([a.values.length, b.values.length, c.values.length]).toEqual([2, 2, 1]);
  });

  it('state/reset wakes every channel subscriber', () => {
    const { h, scheduler } = onVirtualTime();
    const a = record(h.store.channel$(A));
    h.dispatch({ type: 'state/reset' });
    scheduler.flush();
    expect(a.values).toHaveLength(2);
    expect(a.values[1]).toBeUndefined();
  });
});
