// A channel's message table doubles its buckets as the channel grows past 8 messages per
// bucket (src/store/table.ts, tableGrow): every message stays where readers look for it,
// the state stays frozen, the remembering messages$ selector follows the new layout, and a
// table holding an entry drafted in place waits for a later insert to grow.
import { Immer } from 'immer';
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createMessagesSelector } from '../../src/store/messageView.ts';
import { selectChannel, selectMessages } from '../../src/store/selectors.ts';
import { createTable, tableGet, tableGrow, tablePeek, tableSet, tableValues } from '../../src/store/table.ts';
import { collectOwned, sealOwned } from '../../src/store/owned.ts';
import { BASE_MS, msg, storeHarness } from '../helpers/storeFixtures.ts';

const A = 'messaging:grow';
const at = (n: number) => BASE_MS + n * 1_000;

describe('a growing message table', () => {
  it('doubles its buckets past 16 messages per bucket and keeps every message in order', () => {
    const h = storeHarness({ windowCap: 0 });
    h.hydrate(A, { messages: Array.from({ length: 1_000 }, (_, i) => msg(A, `h${i}`, at(i))) }, 1_000);
    expect(h.ch(A).messages.buckets).toHaveLength(128);
    const select = createMessagesSelector();
    const before = select(h.ch(A));
    // Bursts of 16, as a livestream's frames arrive, read after each.
    for (let i = 0; i < 1_200; i++) {
      h.send('message.new', { cid: A, message: msg(A, `n${i}`, at(2_000 + i)) });
      if (i % 16 === 15) expect(select(h.ch(A))).toEqual(selectMessages(h.ch(A)));
    }
    const ch = h.ch(A);
    // 2,200 messages: grown at 2,049 (to 256).
    expect(ch.messages.size).toBe(2_200);
    expect(ch.messages.buckets).toHaveLength(256);
    expect(Object.isFrozen(ch.messages.buckets)).toBe(true);
    expect(ch.messages.buckets.every((b) => Object.isFrozen(b) && Object.getPrototypeOf(b) === null)).toBe(true);
    for (let i = 0; i < 1_000; i++) expect(tablePeek(ch.messages, `h${i}`)?.id).toBe(`h${i}`);
    for (let i = 0; i < 1_200; i++) expect(tablePeek(ch.messages, `n${i}`)?.id).toBe(`n${i}`);
    const after = select(ch);
    expect(after.map((m) => m.id)).toEqual([...Array.from({ length: 1_000 }, (_, i) => `h${i}`), ...Array.from({ length: 1_200 }, (_, i) => `n${i}`)]);
    // The messages held before are the same objects after the move.
    expect(after.slice(0, 1_000).every((m, i) => m === before[i])).toBe(true);
  });

  it('leaves a state read before the growth as it was', () => {
    const h = storeHarness({ scheduler: new VirtualTimeScheduler(), windowCap: 0 });
    h.hydrate(A, { messages: Array.from({ length: 2_048 }, (_, i) => msg(A, `h${i}`, at(i))) }, 2_048);
    const old = selectChannel(h.store.getState(), A)!;
    h.send('message.new', { cid: A, message: msg(A, 'past', at(5_000)) });
    const now = h.ch(A);
    expect(now.messages.buckets).toHaveLength(256);
    expect(tableValues(now.messages)).toHaveLength(2_049);
    expect(old.messages.buckets).toHaveLength(128);
    expect(tableValues(old.messages)).toHaveLength(2_048);
    expect(tablePeek(old.messages, 'past')).toBeUndefined();
    expect(selectMessages(old)).toHaveLength(2_048);
  });

  it('waits while an entry is drafted in place, and grows on a later insert', () => {
    const immer = new Immer({ autoFreeze: false });
    let state = immer.produce({ t: createTable<{ id: string; n: number }>(2) }, (d) => {
      for (let i = 0; i < 16; i++) tableSet(d.t, `k${i}`, { id: `k${i}`, n: i });
    });
    const burst = (write: (d: typeof state) => void) => {
      const owned: Array<object | undefined> = [];
      const outer = collectOwned(owned);
      const draft = immer.createDraft(state);
      write(draft);
      collectOwned(outer);
      sealOwned(owned);
      state = immer.finishDraft(draft);
    };
    burst((d) => {
      (tableGet(d.t, 'k3') as { n: number }).n = 300;
      tableSet(d.t, 'k16', { id: 'k16', n: 16 });
      tableGrow(d.t, 8);
    });
    expect(state.t.buckets).toHaveLength(2);
    expect(tableGet(state.t, 'k3')?.n).toBe(300);
    burst((d) => {
      tableSet(d.t, 'k17', { id: 'k17', n: 17 });
      tableGrow(d.t, 8);
    });
    expect(state.t.buckets).toHaveLength(4);
    expect(tableValues(state.t).map((v) => v.n).sort((a, b) => a - b)).toEqual([0, 1, 2, ...Array.from({ length: 14 }, (_, i) => i + 4), 300]);
    expect(() => JSON.stringify(state)).not.toThrow();
  });
});
