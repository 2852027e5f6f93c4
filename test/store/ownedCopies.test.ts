// The store writes its hot collections (message tables, id chunks) as copies owned by the
// open burst (src/store/owned.ts). These tests hold what that must never break: a state
// once read never changes, and two stores in one process (two clients) never see each
// other's writes, whatever the order in which their bursts open and finish.
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { selectChannel, selectMessages } from '../../src/store/selectors.ts';
import { BASE_MS, msg, storeHarness } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const t = (n: number) => BASE_MS + n * 1_000;

function harness() {
  // A scheduler nobody flushes: bursts stay open until the state is read.
  const h = storeHarness({ scheduler: new VirtualTimeScheduler(), windowCap: 0 });
  h.hydrate(A, { messages: [] });
  return h;
}

describe('burst-owned copies', () => {
  it('leave every state already read unchanged', () => {
    const h = harness();
    const snapshots: Array<{ ids: string[]; state: ReturnType<typeof h.store.getState> }> = [];
    for (let i = 0; i < 600; i++) {
      h.send('message.new', { cid: A, message: msg(A, `m${i}`, t(i)) });
      if (i % 97 === 0) snapshots.push({ ids: h.ids(A), state: h.store.getState() });
    }
    expect(h.ids(A)).toHaveLength(600);
    expect(snapshots.length).toBeGreaterThan(5);
    for (const s of snapshots) {
      // Reading the old state again gives what it gave when it was read.
      const entry = selectChannel(s.state, A);
      expect(entry && selectMessages(entry).map((m) => m.id)).toEqual(s.ids);
    }
  });

  it('of two stores interleaved stay apart, whichever finishes first', () => {
    const a = harness();
    const b = harness();
    for (let i = 0; i < 400; i++) {
      a.send('message.new', { cid: A, message: msg(A, `a${i}`, t(i)) });
      b.send('message.new', { cid: A, message: msg(A, `b${i}`, t(i)) });
      // B finishes its burst now and then while A's stays open (and the other way round).
      if (i % 7 === 0) b.store.getState();
      if (i % 11 === 0) a.store.getState();
    }
    expect(a.ids(A)).toEqual(Array.from({ length: 400 }, (_, i) => `a${i}`));
    expect(b.ids(A)).toEqual(Array.from({ length: 400 }, (_, i) => `b${i}`));
  });
});
