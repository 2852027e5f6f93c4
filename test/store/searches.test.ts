// Search state: pages of found messages held as copies, kept live by events and REST copies.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectSearchResults, selectSearchStatus } from '../../src/store/searches.ts';
import { BASE_MS, iso, msg, storeHarness } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

const A = 'messaging:found';
const t = (n: number) => BASE_MS + n * 1_000;
const K = 'search-test';

function withSearch(held = false) {
  const h = storeHarness();
  if (held) h.hydrate(A, { messages: [msg(A, 'f1', t(1)), msg(A, 'f2', t(2))] });
  h.dispatch({ type: 'search/requested', key: K, reset: true });
  h.dispatch({ type: 'search/loaded', key: K, messages: [msg(A, 'f2', t(2)), msg(A, 'f1', t(1))], next: 'cursor-1', reset: true });
  return h;
}

const results = (h: ReturnType<typeof storeHarness>) => selectSearchResults(h.store.getState(), K);
const ids = (h: ReturnType<typeof storeHarness>) => results(h).map((m) => m.id);

describe('search pages', () => {
  it('hold the results in the server order with the cursor', () => {
    const h = withSearch();
    expect(ids(h)).toEqual(['f2', 'f1']);
    expect(selectSearchStatus(h.store.getState(), K)).toEqual({ loading: false, hasMore: true });
    h.dispatch({ type: 'search/requested', key: K, reset: false });
    expect(selectSearchStatus(h.store.getState(), K).loading).toBe(true);
    h.dispatch({ type: 'search/loaded', key: K, messages: [msg(A, 'f0', t(0))], next: null, reset: false });
    expect(ids(h)).toEqual(['f2', 'f1', 'f0']);
    expect(selectSearchStatus(h.store.getState(), K)).toEqual({ loading: false, hasMore: false });
  });

  it('a repeated page changes nothing the app sees (same results array)', () => {
    const h = withSearch();
    const before = results(h);
    h.dispatch({ type: 'search/loaded', key: K, messages: [msg(A, 'f2', t(2)), msg(A, 'f1', t(1))], next: 'cursor-1', reset: true });
    expect(results(h)).toBe(before);
  });

  it('a failure keeps the results and says why; dispose forgets the search', () => {
    const h = withSearch();
    const error = { code: 4, status: 400, message: 'bad', endpoint: 'Search', retryable: false };
    h.dispatch({ type: 'search/failed', key: K, error });
    expect(selectSearchStatus(h.store.getState(), K)).toEqual({ loading: false, hasMore: true, error });
    expect(ids(h)).toEqual(['f2', 'f1']);
    h.dispatch({ type: 'search/disposed', key: K });
    expect(h.store.getState().searches[K]).toBeUndefined();
    // A page for a disposed search is dropped.
    h.dispatch({ type: 'search/loaded', key: K, messages: [msg(A, 'f9', t(9))], next: null, reset: false });
    expect(h.store.getState().searches[K]).toBeUndefined();
  });
});

describe('found messages stay live', () => {
  it('an edit of a message in a channel not held shows; an older copy does not overwrite it', () => {
    const h = withSearch();
    h.send('message.updated', { cid: A, message: msg(A, 'f1', t(1), { text: 'edited', updated_at: iso(t(5)) }) });
    expect(results(h).find((m) => m.id === 'f1')?.text).toBe('edited');
    const after = results(h);
    h.send('message.updated', { cid: A, message: msg(A, 'f1', t(1), { text: 'older', updated_at: iso(t(3)) }) });
    expect(results(h)).toBe(after);
  });

  it('soft and hard deletes take the message out', () => {
    const h = withSearch();
    h.send('message.deleted', { cid: A, message: msg(A, 'f1', t(1), { type: 'deleted', deleted_at: iso(t(6)), updated_at: iso(t(6)) }) });
    expect(ids(h)).toEqual(['f2']);
    h.send('message.deleted', { cid: A, hard_delete: true, message: msg(A, 'f2', t(2), { type: 'deleted', updated_at: iso(t(7)) }) });
    expect(ids(h)).toEqual([]);
  });

  it('a REST copy (a write\'s answer) reaches the results; a removal takes it out', () => {
    const h = withSearch();
    h.dispatch({ type: 'message/refreshed', cid: A, message: msg(A, 'f2', t(2), { text: 'via rest', updated_at: iso(t(4)) }) });
    expect(results(h)[0]?.text).toBe('via rest');
    h.dispatch({ type: 'message/removed', cid: A, messageId: 'f2' });
    expect(ids(h)).toEqual(['f1']);
  });

  it('shows the channel\'s copy when it is held and as new (its pending edits show at once)', () => {
    const h = withSearch(true);
    h.send('message.updated', { cid: A, message: msg(A, 'f1', t(1), { text: 'in channel', updated_at: iso(t(5)) }) });
    const fromChannel = results(h).find((m) => m.id === 'f1');
    expect(fromChannel?.text).toBe('in channel');
    // An unrelated event elsewhere keeps the results array.
    const before = results(h);
    h.send('typing.start', { cid: A, user: { id: 'bob', role: 'user', created_at: iso(BASE_MS), updated_at: iso(BASE_MS) } });
    expect(results(h)).toBe(before);
  });

  it('property: edits of found messages in any order converge to the newest copies', () => {
    const edits = fc.array(fc.tuple(fc.constantFrom('f1', 'f2'), fc.integer({ min: 3, max: 30 })), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(edits, fc.infiniteStream(fc.nat()), (list, rand) => {
        const unique = [...new Map(list.map(([id, at]) => [`${id}@${at}`, [id, at] as const])).values()];
        const h1 = withSearch();
        const h2 = withSearch();
        const ev = ([id, at]: readonly [string, number]) => ({ cid: A, message: msg(A, id, id === 'f1' ? t(1) : t(2), { text: `${id} v${at}`, updated_at: iso(t(at)) }) });
        for (const e of unique) h1.send('message.updated', ev(e));
        const shuffled = unique.map((e) => ({ e, k: rand.next().value as number })).sort((x, y) => x.k - y.k).map((x) => x.e);
        for (const e of shuffled) h2.send('message.updated', ev(e));
        const text = (h: ReturnType<typeof storeHarness>) => results(h).map((m) => m.text);
        expect(text(h2)).toEqual(text(h1));
        for (const id of ['f1', 'f2']) {
          const newest = unique.filter(([i]) => i === id).sort((x, y) => x[1] - y[1]).at(-1);
          if (newest) expect(results(h1).find((m) => m.id === id)?.text).toBe(`${id} v${newest[1]}`);
        }
      }),
      propertyRuns({ seed: 2426, numRuns: 100 }),
    );
  });
});
