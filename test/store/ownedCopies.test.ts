// The store writes its hot collections (message tables, id chunks) as copies owned by the
// open burst (src/store/owned.ts). These tests hold what that must never break: a state
// once read never changes, and two stores in one process (two clients) never see each
// other's writes, whatever the order in which their bursts open and finish.
import { Immer, isDraft as isDraftByImmer } from 'immer';
import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { selectChannel, selectMessages } from '../../src/store/selectors.ts';
import { BASE_MS, iso, msg, storeHarness, user } from '../helpers/storeFixtures.ts';
import { createTable, draftTableDelete, draftTableSet, tableGet, tableSet, tableValues, type Table } from '../../src/store/table.ts';
import { child, fastCopyActive, peek } from '../../src/store/peek.ts';
import { collectOwned, sealOwned } from '../../src/store/owned.ts';

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

  it('of one store stay open while another store finishes its burst', () => {
    // A's burst copies the channel's reads (a read event), then writes into that copy in
    // place (an optimistic markRead reads it back through the channel's draft). B finishing
    // a burst in between must not freeze A's copy: the write would be refused and lost.
    const a = storeHarness({ scheduler: new VirtualTimeScheduler(), windowCap: 0 });
    const b = harness();
    a.hydrate(A, { messages: [msg(A, 'm1', t(1)), msg(A, 'm2', t(2))], unread: 2 });
    a.store.getState();
    for (let i = 0; i < 5; i++) {
      a.send('message.read', { cid: A, user: user('bob'), created_at: iso(t(10 + i)) });
      b.send('message.new', { cid: A, message: msg(A, `b${i}`, t(i)) });
      b.store.getState();
      a.dispatch({ type: 'op/started', op: { kind: 'markRead', id: `read-${i}`, cid: A } });
      const ch = a.ch(A);
      expect(ch.unread.messages).toBe(0);
      expect(ch.reads['me']?.last_read).toBe(t(2));
      expect(ch.reads['bob']?.last_read).toBe(t(10 + i));
    }
    expect(b.ids(A)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
  });

  it('finish an entry drafted in place when a later write copies its bucket', () => {
    // A table of 4 buckets and 40 entries: the writes below copy every bucket, including
    // the one holding the entry a reducer is changing through its draft.
    const immer = new Immer({ autoFreeze: true });
    let state = immer.produce({ t: createTable<{ id: string; n: number }>(4) }, (d) => {
      for (let i = 0; i < 40; i++) tableSet(d.t, `k${i}`, { id: `k${i}`, n: i });
    });
    const owned: object[] = [];
    const outer = collectOwned(owned);
    const draft = immer.createDraft(state);
    const changed = tableGet(draft.t, 'k1') as { n: number };
    changed.n = 100;
    for (let i = 0; i < 40; i++) if (i !== 1) tableSet(draft.t, `k${i}`, { id: `k${i}`, n: -i });
    collectOwned(outer);
    sealOwned(owned);
    state = immer.finishDraft(draft);
    expect(tableGet(state.t, 'k1')?.n).toBe(100);
    expect(tableGet(state.t, 'k2')?.n).toBe(-2);
    const values = tableValues(state.t);
    expect(values).toHaveLength(40);
    // No draft left behind: a revoked proxy would throw on any read.
    expect(() => JSON.stringify(values)).not.toThrow();
    expect(values.every((v) => Object.isFrozen(v))).toBe(true);
  });
});

describe('reads of drafts without drafting (peek, child)', () => {
  // peek and child read immer's private draft state (src/store/peek.ts) and fall back to
  // the proxy when its layout is not the one they know: same results, but every frame then
  // drafts everything it reads (5-10x the CPU per event, bench/RESULTS.md, item 35). These
  // fail when an immer upgrade turns the fast path off silently.
  it('peek hands back the plain value behind a draft, before and after a write', () => {
    const immer = new Immer({ autoFreeze: false });
    const inner: { readonly n: number } = Object.freeze({ n: 1 });
    const base: { inner: { readonly n: number }; list: readonly { readonly n: number }[] } = Object.freeze({ inner, list: Object.freeze([inner]) });
    const draft = immer.createDraft(base);
    expect(peek(draft)).toBe(base);
    expect(isDraftByImmer(peek(draft.list))).toBe(false);
    draft.inner = { n: 2 };
    const now = peek(draft);
    expect(isDraftByImmer(now)).toBe(false);
    expect(now).not.toBe(base);
    expect(now.inner).toEqual({ n: 2 });
  });

  it('child hands back the same drafted child as the get trap', () => {
    const immer = new Immer({ autoFreeze: false });
    const base = Object.freeze({ a: Object.freeze({ b: Object.freeze({ n: 1 }) }) });
    const draft = immer.createDraft(base);
    const viaTrap = draft.a;
    expect(child(draft, 'a')).toBe(viaTrap);
  });
});

describe('drafted tables (channels, threads) copied the fast way', () => {
  it('is in use with the installed immer once a store exists', () => {
    // prepareFastCopy checks immer's draft layout (with the class a store hands it) and
    // turns itself off if it changed: then every frame pays immer's slow copies again. An
    // immer upgrade that does that must be looked at, not pass unnoticed.
    harness();
    expect(fastCopyActive()).toBe(true);
  });

  it('finishes a drafted table as immer alone would', () => {
    type Entry = { n: number; tags: string[] };
    const entry = (n: number): Entry => ({ n, tags: [] });
    const keys = Array.from({ length: 300 }, (_, i) => `messaging:c${i}`);
    const build = () => {
      let table = createTable<Entry>();
      const immer = new Immer({ autoFreeze: true });
      table = immer.produce(table, (d) => {
        for (const [i, k] of keys.entries()) draftTableSet(d as Table<Entry>, k, entry(i));
      });
      return { table, immer };
    };
    const { table, immer } = build();
    // Through tableGet (fast copies) and, for the reference, through immer's own proxies.
    const fast = immer.produce(table, (d) => {
      const t = d as Table<Entry>;
      tableGet(t, 'messaging:c7')!.n = 700;
      tableGet(t, 'messaging:c8')!.tags.push('x');
      draftTableSet(t, 'messaging:new', entry(-1));
      draftTableDelete(t, 'messaging:c9');
    });
    const plain = immer.produce(table, (d) => {
      const bucketOfKey = (k: string) => d.buckets.find((b) => Object.hasOwn(b, k))!;
      bucketOfKey('messaging:c7')['messaging:c7']!.n = 700;
      bucketOfKey('messaging:c8')['messaging:c8']!.tags.push('x');
      d.buckets[fast.buckets.findIndex((b) => Object.hasOwn(b, 'messaging:new'))]!['messaging:new'] = entry(-1);
      d.size += 1;
      delete bucketOfKey('messaging:c9')['messaging:c9'];
      d.size -= 1;
    });
    expect(fast).toEqual(plain);
    expect(fast.size).toBe(300);
    expect(tableGet(fast, 'messaging:c7')?.n).toBe(700);
    expect(tableGet(fast, 'messaging:c8')?.tags).toEqual(['x']);
    expect(tableGet(fast, 'messaging:c9')).toBeUndefined();
    expect(tableGet(table, 'messaging:c7')?.n).toBe(7);
    // Copied buckets keep their null prototype; untouched ones are the same objects; all frozen.
    fast.buckets.forEach((b, i) => {
      expect(Object.getPrototypeOf(b)).toBeNull();
      expect(Object.isFrozen(b)).toBe(true);
      const touched = ['messaging:c7', 'messaging:c8', 'messaging:c9', 'messaging:new'].some((k) => Object.hasOwn(b, k) || Object.hasOwn(table.buckets[i]!, k));
      if (!touched) expect(b).toBe(table.buckets[i]);
    });
    expect(Object.isFrozen(fast.buckets)).toBe(true);
  });
});

describe('child (a drafted child without the get trap)', () => {
  it('hands out what reading the property through the draft would, in every case', () => {
    type Node = { n: number; inner?: { n: number } };
    const base = Object.freeze({
      drafted: Object.freeze({ n: 1, inner: Object.freeze({ n: 11 }) }),
      untouched: Object.freeze({ n: 2 }),
      replaced: Object.freeze({ n: 3 }),
      owned: Object.freeze({ n: 4 }),
      num: 5,
    }) as Readonly<Record<'drafted' | 'untouched' | 'replaced' | 'owned', Node> & { num: number }>;
    const immer = new Immer({ autoFreeze: true });
    const draft = immer.createDraft(base) as unknown as Record<string, Node> & { num: number };
    // Before the parent has a copy, child drafts as the trap does.
    const first = child(draft, 'drafted');
    expect(first).toBe(draft['drafted']);
    first.n = 10;
    draft['replaced'] = Object.freeze({ n: 30 });
    const fresh = { n: 40 };
    draft['owned'] = fresh;
    for (const key of ['drafted', 'untouched', 'replaced', 'owned', 'num'] as const) {
      expect(child(draft, key)).toBe(draft[key]);
    }
    expect(child(draft, 'owned')).toBe(fresh);
    // Writes through what child handed out land in the finished state; nothing else moves.
    child(child(draft, 'drafted'), 'inner')!.n = 12;
    const done = immer.finishDraft(draft) as unknown as typeof base;
    expect(done.drafted).toEqual({ n: 10, inner: { n: 12 } });
    expect(done.untouched).toBe(base.untouched);
    expect(done.replaced).toEqual({ n: 30 });
    expect(done.owned).toEqual({ n: 40 });
    expect(base.drafted).toEqual({ n: 1, inner: { n: 11 } });
    // A plain (not drafted) parent is read as it is.
    expect(child(base, 'untouched')).toBe(base.untouched);
  });
});
