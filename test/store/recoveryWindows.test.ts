// Joining a recovery page to the held windows (issue 21, PROTOCOL.md section 7): a window
// is contiguous only where server pages prove it (local messages never count as a page's
// edge), and a view that followed the latest messages keeps following them.
import { describe, expect, it } from 'vitest';
import { idsToArray } from '../../src/store/sortedIds.ts';
import type { ChannelEntry } from '../../src/store/state.ts';
import { BASE_MS, msg, storeHarness } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const t = (n: number) => BASE_MS + n * 1_000;
const m = (i: number) => msg(A, `m${String(i).padStart(2, '0')}`, t(i));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => m(from + k));
const idsOf = (from: number, to: number) => range(from, to).map((x) => x.id);
const windows = (ch: ChannelEntry) => ch.windows.map((w) => ({ ids: idsToArray(w.ids), isLatest: w.isLatest, hasOlder: w.hasOlder, hasNewer: w.hasNewer }));

function sendLocal(h: ReturnType<typeof storeHarness>, id: string): void {
  h.dispatch({ type: 'op/started', op: { kind: 'send', id: `send:${id}`, cid: A, request: { id, text: id }, queued: true } });
}

describe('a recovery page after a gap (issue 21, cause 2: no silent holes)', () => {
  it('an unsent own message is no page edge: a page that does not reach the held messages starts a new window', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    sendLocal(h, 'mine');
    // The local copy's time lies after everything, so after the page's oldest message too.
    expect(h.ch(A).messages.buckets.some((b) => 'mine' in b)).toBe(true);
    h.hydrate(A, { messages: range(40, 44) }, 5);
    const ws = windows(h.ch(A));
    // No window holds m24 and m40 as neighbours: the 15 messages between were never read.
    for (const w of ws) expect(w.ids.includes('m24') && w.ids.includes('m40')).toBe(false);
    const latest = ws.find((w) => w.isLatest);
    expect(latest).toMatchObject({ ids: [...idsOf(40, 44), 'mine'], hasOlder: true, hasNewer: false });
  });

  it('a page that does reach the held messages still joins them', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    sendLocal(h, 'mine');
    h.hydrate(A, { messages: range(23, 27) }, 5);
    expect(windows(h.ch(A))).toEqual([{ ids: [...idsOf(20, 27), 'mine'], isLatest: true, hasOlder: true, hasNewer: false }]);
  });
});

describe('a view that followed the latest messages (issue 21, cause 3)', () => {
  it('keeps following them when a page after a long gap starts a new latest window', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    expect(h.pagination(A).isLatest).toBe(true);
    h.hydrate(A, { messages: range(40, 44) }, 5);
    expect(h.pagination(A)).toMatchObject({ isLatest: true, hasNewer: false, hasOlder: true });
    expect(h.ids(A)).toEqual(idsOf(40, 44));
  });

  it('a view scrolled back stays where it was, and says newer messages exist', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    h.dispatch({ type: 'messages/around', cid: A, older: range(3, 5), olderLimit: 3, newer: range(6, 8), newerLimit: 3 });
    expect(h.ids(A)).toEqual(idsOf(3, 8));
    h.hydrate(A, { messages: range(40, 44) }, 5);
    expect(h.ids(A)).toEqual(idsOf(3, 8));
    expect(h.pagination(A)).toMatchObject({ isLatest: false, hasNewer: true });
  });
});

describe('re-reading after a gap (issue 21, cause 1)', () => {
  it('a re-read page replaces its span: a held message it lacks is gone, one past its end is not judged', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(10, 24) }, 15);
    h.hydrate(A, { messages: range(20, 24) }, 5);
    // Older than m20: m15..m19 re-read, m17 was hard-deleted on the server.
    h.dispatch({ type: 'messages/reread', cid: A, target: 'latest', direction: 'older', bound: { id: 'm20', at: t(20) }, messages: range(15, 19).filter((x) => x.id !== 'm17'), limit: 4 });
    expect(h.ids(A)).toEqual([...idsOf(10, 16), ...idsOf(18, 24)]);
    // A short page ends the history: whatever is held before it is gone on the server.
    h.dispatch({ type: 'messages/reread', cid: A, target: 'latest', direction: 'older', bound: { id: 'm15', at: t(15) }, messages: range(12, 14), limit: 5 });
    expect(h.ids(A)).toEqual([...idsOf(12, 16), ...idsOf(18, 24)]);
    expect(h.pagination(A).hasOlder).toBe(false);
  });

  it('the end of a recovery drops what was not re-read, never a local message', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    sendLocal(h, 'mine');
    // A gap: the recovery page starts a new latest window; the old one is no longer viewed.
    h.hydrate(A, { messages: range(40, 44) }, 5);
    h.dispatch({ type: 'messages/recovered', cid: A, latestFrom: { id: 'm42', at: t(42) }, current: null });
    expect(windows(h.ch(A))).toEqual([{ ids: [...idsOf(42, 44), 'mine'], isLatest: true, hasOlder: true, hasNewer: false }]);
    expect(h.ch(A).messages.buckets.some((b) => 'm20' in b || 'm40' in b)).toBe(false);
    expect(h.ids(A)).toEqual([...idsOf(42, 44), 'mine']);
  });
});

describe('a page read before an event that changed a message (found by the soak)', () => {
  it('does not take the change back', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: range(20, 24) }, 5);
    const reacted = msg(A, 'm22', t(22), { reaction_counts: { haha: 1 }, updated_at: t(30) });
    h.send('reaction.new', { cid: A, message: reacted, reaction: { type: 'haha', message_id: 'm22', user_id: 'bob', user: { id: 'bob' }, score: 1, created_at: t(30), updated_at: t(30) }, user: { id: 'bob' } });
    h.hydrate(A, { messages: range(20, 24) }, 5);
    h.dispatch({ type: 'messages/reread', cid: A, target: 'latest', direction: 'older', bound: { id: 'm23', at: t(23) }, messages: range(20, 22), limit: 3 });
    expect(h.ch(A).messages.buckets.map((b) => b['m22']).find(Boolean)?.reaction_counts).toEqual({ haha: 1 });
    expect(h.ids(A)).toEqual(idsOf(20, 24));
  });
});
