// Pagination windows: pages older/newer, jumps around a message, back to latest; flags
// come from the page sizes the server returned; the window cap trims away from the view.
import { describe, expect, it } from 'vitest';
import { selectMessages } from '../../src/store/selectors.ts';
import { tableHas } from '../../src/store/table.ts';
import { BASE_MS, msg, storeHarness } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const t = (n: number) => BASE_MS + n * 1_000;
const m = (i: number, extra: Record<string, unknown> = {}) => msg(A, `m${String(i).padStart(2, '0')}`, t(i), extra);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => m(from + k));
const idsOf = (from: number, to: number) => range(from, to).map((x) => x.id);

describe('latest page', () => {
  it('a full page leaves older history open, a short one closes it', () => {
    const full = storeHarness();
    full.hydrate(A, { messages: range(20, 24) }, 5);
    expect(full.ids(A)).toEqual(idsOf(20, 24));
    expect(full.pagination(A)).toEqual({ hasOlder: true, hasNewer: false, loadingOlder: false, loadingNewer: false, isLatest: true });
    const short = storeHarness();
    short.hydrate(A, { messages: range(20, 23) }, 5);
    expect(short.pagination(A).hasOlder).toBe(false);
  });
});

describe('messages/paged', () => {
  it('older: prepends a page; a short page ends the history; loading flags reset', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    h.dispatch({ type: 'messages/loading', cid: A, direction: 'older', loading: true });
    expect(h.pagination(A).loadingOlder).toBe(true);
    h.dispatch({ type: 'messages/paged', cid: A, direction: 'older', window: h.ch(A).current, messages: range(15, 19), limit: 5 });
    expect(h.ids(A)).toEqual(idsOf(15, 24));
    expect(h.pagination(A)).toMatchObject({ hasOlder: true, loadingOlder: false, isLatest: true });
    h.dispatch({ type: 'messages/paged', cid: A, direction: 'older', window: h.ch(A).current, messages: range(12, 14), limit: 5 });
    expect(h.ids(A)).toEqual(idsOf(12, 24));
    expect(h.pagination(A).hasOlder).toBe(false);
  });

  it('the same page twice changes nothing', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    const page = () => h.dispatch({ type: 'messages/paged', cid: A, direction: 'older', window: 0, messages: range(15, 19), limit: 5 });
    page();
    const once = h.store.getState();
    page();
    expect(h.store.getState()).toEqual(once);
    expect(h.ids(A)).toEqual(idsOf(15, 24));
  });

  it('for a channel not held creates nothing', () => {
    const h = storeHarness();
    const before = h.store.getState();
    h.dispatch({ type: 'messages/paged', cid: A, direction: 'older', window: 0, messages: range(1, 3), limit: 5 });
    h.dispatch({ type: 'messages/around', cid: A, older: range(1, 3), olderLimit: 3, newer: [], newerLimit: 3 });
    h.dispatch({ type: 'messages/viewLatest', cid: A });
    expect(h.has(A)).toBe(false);
    expect(h.store.getState()).toBe(before);
  });
});

describe('jumps: messages/around, paging newer, messages/viewLatest', () => {
  function jumped() {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    // Jump to m10: six up to it (asked 6: more may precede), five after (asked 5).
    h.dispatch({ type: 'messages/around', cid: A, older: range(5, 10), olderLimit: 6, newer: range(11, 15), newerLimit: 5 });
    return h;
  }

  it('the jump window becomes current, flags from both page sizes', () => {
    const h = jumped();
    expect(h.ids(A)).toEqual(idsOf(5, 15));
    expect(h.pagination(A)).toMatchObject({ hasOlder: true, hasNewer: true, isLatest: false });
    expect(h.ch(A).windows).toHaveLength(2);
  });

  it('short pages around the start of history close the older side', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    h.dispatch({ type: 'messages/around', cid: A, older: range(1, 3), olderLimit: 6, newer: range(4, 8), newerLimit: 5 });
    expect(h.pagination(A)).toMatchObject({ hasOlder: false, hasNewer: true, isLatest: false });
  });

  it('message.new while viewing an older window goes to the latest window', () => {
    const h = jumped();
    h.send('message.new', { cid: A, message: m(30) });
    expect(h.ids(A)).toEqual(idsOf(5, 15));
    h.dispatch({ type: 'messages/viewLatest', cid: A });
    expect(h.ids(A)).toEqual([...idsOf(20, 24), 'm30']);
    expect(h.pagination(A)).toMatchObject({ isLatest: true, hasNewer: false });
    const latest = h.store.getState();
    h.dispatch({ type: 'messages/viewLatest', cid: A });
    expect(h.store.getState()).toBe(latest);
  });

  it('paging newer until the page is short joins the latest window', () => {
    const h = jumped();
    h.dispatch({ type: 'messages/paged', cid: A, direction: 'newer', window: h.ch(A).current, messages: range(16, 19), limit: 5 });
    expect(h.ids(A)).toEqual(idsOf(5, 24));
    expect(h.pagination(A)).toMatchObject({ hasOlder: true, hasNewer: false, isLatest: true });
    expect(h.ch(A).windows).toHaveLength(1);
  });

  it('a page that overlaps the latest window merges with it', () => {
    const h = jumped();
    h.dispatch({ type: 'messages/paged', cid: A, direction: 'newer', window: h.ch(A).current, messages: range(16, 21), limit: 6 });
    expect(h.ids(A)).toEqual(idsOf(5, 24));
    expect(h.pagination(A).isLatest).toBe(true);
  });

  it('jumping to a message already held in the latest window reuses it', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(10, 24) }, 15);
    h.dispatch({ type: 'messages/around', cid: A, older: range(12, 14), olderLimit: 3, newer: range(15, 17), newerLimit: 3 });
    expect(h.ch(A).windows).toHaveLength(1);
    expect(h.ids(A)).toEqual(idsOf(10, 24));
    expect(h.pagination(A).isLatest).toBe(true);
  });
});

describe('window cap', () => {
  it('new messages trim the oldest of the latest window and reopen older history', () => {
    const h = storeHarness({ windowCap: 5 });
    h.hydrate(A, { messages: range(1, 5) }, 10);
    expect(h.pagination(A).hasOlder).toBe(false);
    h.send('message.new', { cid: A, message: m(6) });
    h.send('message.new', { cid: A, message: m(7) });
    expect(h.ids(A)).toEqual(idsOf(3, 7));
    expect(h.pagination(A).hasOlder).toBe(true);
    // Trimmed messages are forgotten.
    expect(tableHas(h.ch(A).messages, 'm01')).toBe(false);
  });

  it('a trimmed pinned message stays in the pinned list', () => {
    const h = storeHarness({ windowCap: 3 });
    h.hydrate(A, { messages: [m(1, { pinned: true, pinned_at: new Date(t(1)).toISOString() }), m(2), m(3)] }, 10);
    h.send('message.new', { cid: A, message: m(4) });
    expect(h.ids(A)).toEqual(idsOf(2, 4));
    expect(h.pinnedIds(A)).toEqual(['m01']);
  });

  it('a trimmed thread parent stays held for its thread', () => {
    const h = storeHarness({ windowCap: 3 });
    h.hydrate(A, { messages: [m(1, { reply_count: 2 }), m(2), m(3)] }, 10);
    h.send('message.new', { cid: A, message: m(4) });
    h.send('message.new', { cid: A, message: m(5) });
    expect(h.ids(A)).toEqual(idsOf(3, 5));
    expect(tableHas(h.ch(A).messages, 'm01')).toBe(true);
    expect(tableHas(h.ch(A).messages, 'm02')).toBe(false);
  });

  it('paging older past the cap drops the newest side, away from the view', () => {
    const h = storeHarness({ windowCap: 6 });
    h.hydrate(A, { messages: range(20, 24) }, 5);
    h.dispatch({ type: 'messages/paged', cid: A, direction: 'older', window: 0, messages: range(15, 19), limit: 5 });
    expect(h.ids(A)).toEqual(idsOf(15, 20));
    expect(h.pagination(A)).toMatchObject({ hasOlder: true, hasNewer: true, isLatest: false });
    // New messages then start a latest window of their own.
    h.send('message.new', { cid: A, message: m(30) });
    expect(h.ids(A)).toEqual(idsOf(15, 20));
    h.dispatch({ type: 'messages/viewLatest', cid: A });
    expect(selectMessages(h.ch(A)).map((x) => x.id)).toEqual(['m30']);
  });
});
