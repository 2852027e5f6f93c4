// Drafts in the store: events, channel and thread states, answers, optimistic writes with
// exact rollback, and the draft a send takes away (src/store/drafts.ts, keyedRecords.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeModel, type DraftResponse, type ThreadStateResponse } from 'chatstore';
import { BASE_MS, channelState, iso, msg, storeHarness } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';
import type { Draft } from '../../src/store/personalState.ts';
import type { SendRequest } from '../../src/store/state.ts';

const A = 'messaging:a';
const t = (n: number) => BASE_MS + n * 1_000;

function wireDraft(cid: string, text: string, at: number, parentId?: string): Record<string, unknown> {
  const d: Record<string, unknown> = { channel_cid: cid, created_at: iso(at), message: { id: 'd1', text, ...(parentId ? { parent_id: parentId } : {}) } };
  if (parentId) d['parent_id'] = parentId;
  return d;
}

function decodedDraft(cid: string, text: string, at: number, parentId?: string): DraftResponse {
  const r = decodeModel('DraftResponse', wireDraft(cid, text, at, parentId));
  if (!r.ok) throw r.error;
  return r.value;
}

function localDraft(text: string, at = t(50)): Draft {
  return { channel_cid: A, created_at: at, message: { id: 'd1', text } };
}

const drafts = (h: ReturnType<typeof storeHarness>) => h.store.getState().drafts;

describe('drafts from events', () => {
  it('draft.updated sets the channel draft; a repeat keeps the state reference', () => {
    const h = storeHarness();
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'hello', t(1)) });
    const once = h.store.getState();
    expect(once.drafts.byKey[A]?.message.text).toBe('hello');
    expect(once.drafts.byKey[A]?.created_at).toBe(t(1));
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'hello', t(1)) });
    expect(h.store.getState()).toBe(once);
  });

  it('a thread draft is apart from the channel draft', () => {
    const h = storeHarness();
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'channel', t(1)) });
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'thread', t(2), 'p1') });
    expect(drafts(h).byKey[A]?.message.text).toBe('channel');
    expect(drafts(h).byKey[`${A}|p1`]?.message.text).toBe('thread');
    expect(drafts(h).byKey[`${A}|p1`]?.parent_id).toBe('p1');
    h.send('draft.deleted', { cid: A, draft: wireDraft(A, 'thread', t(2), 'p1') });
    expect(drafts(h).byKey[`${A}|p1`]).toBeUndefined();
    expect(drafts(h).byKey[A]?.message.text).toBe('channel');
  });

  it('draft.deleted removes it; a repeat changes nothing', () => {
    const h = storeHarness();
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'hello', t(1)) });
    h.send('draft.deleted', { cid: A, draft: wireDraft(A, 'hello', t(1)) });
    const once = h.store.getState();
    expect(once.drafts.byKey[A]).toBeUndefined();
    h.send('draft.deleted', { cid: A, draft: wireDraft(A, 'hello', t(1)) });
    expect(h.store.getState()).toBe(once);
  });
});

describe('drafts from answers', () => {
  it('a channel state with a draft sets it, one without clears it; a repeat keeps the reference', () => {
    const h = storeHarness();
    const withDraft = { ...channelState(A), draft: decodedDraft(A, 'from state', t(1)) };
    h.dispatch({ type: 'channels/hydrated', channels: [withDraft], messageLimit: 25 });
    const once = h.store.getState();
    expect(once.drafts.byKey[A]?.message.text).toBe('from state');
    h.dispatch({ type: 'channels/hydrated', channels: [withDraft], messageLimit: 25 });
    expect(h.store.getState().drafts).toBe(once.drafts);
    h.dispatch({ type: 'channels/hydrated', channels: [channelState(A)], messageLimit: 25 });
    expect(drafts(h).byKey[A]).toBeUndefined();
  });

  it('a thread state carries the thread draft', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'p1', t(1))] });
    const r = decodeModel('ThreadStateResponse', { parent_message_id: 'p1', channel_cid: A, created_at: iso(t(1)), updated_at: iso(t(1)), draft: wireDraft(A, 'reply draft', t(2), 'p1') });
    if (!r.ok) throw r.error;
    const thread: ThreadStateResponse = r.value;
    h.dispatch({ type: 'threads/hydrated', threads: [thread], replyLimit: 0 });
    const once = h.store.getState();
    expect(once.drafts.byKey[`${A}|p1`]?.message.text).toBe('reply draft');
    h.dispatch({ type: 'threads/hydrated', threads: [thread], replyLimit: 0 });
    expect(h.store.getState().drafts).toBe(once.drafts);
  });

  it('a page of QueryDrafts fills its list in order; a repeat keeps the reference', () => {
    const h = storeHarness();
    h.dispatch({ type: 'drafts/requested', key: 'l', filter: {}, reset: true });
    const page = [decodedDraft(A, 'one', t(2)), decodedDraft('messaging:b', 'two', t(1))];
    h.dispatch({ type: 'drafts/loaded', key: 'l', drafts: page, reset: true, next: null });
    const once = h.store.getState();
    expect(once.drafts.lists['l']?.keys).toEqual([A, 'messaging:b']);
    expect(once.drafts.lists['l']?.hasMore).toBe(false);
    h.dispatch({ type: 'drafts/loaded', key: 'l', drafts: page, reset: true, next: null });
    expect(h.store.getState().drafts).toBe(once.drafts);
    // A draft saved elsewhere joins a list without a filter.
    h.send('draft.updated', { cid: 'messaging:c', draft: wireDraft('messaging:c', 'three', t(3)) });
    expect(drafts(h).lists['l']?.keys).toEqual([A, 'messaging:b', 'messaging:c']);
  });
});

describe('optimistic draft writes', () => {
  it('a save shows at once; a failure puts back exactly what was there', () => {
    const h = storeHarness();
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'server', t(1)) });
    const before = drafts(h).byKey[A];
    h.dispatch({ type: 'draft/writing', opId: 'o1', key: A, draft: localDraft('local') });
    expect(drafts(h).byKey[A]?.message.text).toBe('local');
    h.dispatch({ type: 'draft/writeFailed', opId: 'o1', key: A });
    expect(drafts(h).byKey[A]).toBe(before);
    expect(drafts(h).pending[A]).toBeUndefined();
  });

  it('a delete that fails brings the draft back; one that succeeds leaves none', () => {
    const h = storeHarness();
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'server', t(1)) });
    const before = drafts(h).byKey[A];
    h.dispatch({ type: 'draft/writing', opId: 'o1', key: A, draft: null });
    expect(drafts(h).byKey[A]).toBeUndefined();
    h.dispatch({ type: 'draft/writeFailed', opId: 'o1', key: A });
    expect(drafts(h).byKey[A]).toBe(before);
    h.dispatch({ type: 'draft/writing', opId: 'o2', key: A, draft: null });
    h.dispatch({ type: 'draft/written', opId: 'o2', key: A, draft: null });
    expect(drafts(h).byKey[A]).toBeUndefined();
    expect(drafts(h).pending[A]).toBeUndefined();
  });

  it('the echo before the answer changes nothing shown; the answer settles on the server copy', () => {
    const h = storeHarness();
    h.dispatch({ type: 'draft/writing', opId: 'o1', key: A, draft: localDraft('typed') });
    const shown = drafts(h).byKey[A];
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'typed', t(3)) });
    expect(drafts(h).byKey[A]).toBe(shown);
    h.dispatch({ type: 'draft/written', opId: 'o1', key: A, draft: decodedDraft(A, 'typed', t(3)) });
    expect(drafts(h).byKey[A]?.created_at).toBe(t(3));
    expect(drafts(h).pending[A]).toBeUndefined();
  });

  it('a failure after another device saved shows that device\'s draft, not the old one', () => {
    const h = storeHarness();
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'old', t(1)) });
    h.dispatch({ type: 'draft/writing', opId: 'o1', key: A, draft: localDraft('mine') });
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'other device', t(4)) });
    expect(drafts(h).byKey[A]?.message.text).toBe('mine');
    h.dispatch({ type: 'draft/writeFailed', opId: 'o1', key: A });
    expect(drafts(h).byKey[A]?.message.text).toBe('other device');
  });

  it('of two saves, the first failing keeps the second shown', () => {
    const h = storeHarness();
    h.dispatch({ type: 'draft/writing', opId: 'o1', key: A, draft: localDraft('one') });
    h.dispatch({ type: 'draft/writing', opId: 'o2', key: A, draft: localDraft('two') });
    h.dispatch({ type: 'draft/writeFailed', opId: 'o1', key: A });
    expect(drafts(h).byKey[A]?.message.text).toBe('two');
    h.dispatch({ type: 'draft/written', opId: 'o2', key: A, draft: decodedDraft(A, 'two', t(5)) });
    expect(drafts(h).byKey[A]?.message.text).toBe('two');
    expect(drafts(h).pending[A]).toBeUndefined();
  });
});

describe('a sent message clears its draft', () => {
  const request = (id: string, parentId?: string): SendRequest => ({ id, text: 'sent', ...(parentId ? { parent_id: parentId } : {}) });

  function withDraft() {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'p1', t(1))] });
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'draft', t(2)) });
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'thread draft', t(2), 'p1') });
    return h;
  }

  it('the draft goes when the send starts and comes back exactly if the send fails', () => {
    const h = withDraft();
    const before = drafts(h).byKey[A];
    h.dispatch({ type: 'op/started', op: { kind: 'send', id: 'send:m1', cid: A, request: request('m1'), queued: false } });
    expect(drafts(h).byKey[A]).toBeUndefined();
    expect(drafts(h).byKey[`${A}|p1`]).toBeDefined();
    h.dispatch({ type: 'op/failed', opId: 'send:m1', error: { code: -1, status: 0, message: 'offline', endpoint: 'SendMessage', retryable: true } });
    expect(drafts(h).byKey[A]).toBe(before);
  });

  it('a reply takes the thread draft only; its echo confirms the clearing', () => {
    const h = withDraft();
    h.dispatch({ type: 'op/started', op: { kind: 'send', id: 'send:r1', cid: A, request: request('r1', 'p1'), queued: false } });
    expect(drafts(h).byKey[`${A}|p1`]).toBeUndefined();
    expect(drafts(h).byKey[A]?.message.text).toBe('draft');
    h.send('message.new', { cid: A, message: msg(A, 'r1', t(3), { parent_id: 'p1', user: { id: 'me' } }) });
    expect(drafts(h).pending[`${A}|p1`]).toBeUndefined();
    expect(drafts(h).byKey[`${A}|p1`]).toBeUndefined();
  });

  it('a send that succeeds after another device saved a new draft keeps that draft', () => {
    const h = withDraft();
    h.dispatch({ type: 'op/started', op: { kind: 'send', id: 'send:m1', cid: A, request: request('m1'), queued: false } });
    h.send('draft.deleted', { cid: A, draft: wireDraft(A, 'draft', t(2)) });
    h.send('draft.updated', { cid: A, draft: wireDraft(A, 'newer', t(4)) });
    h.dispatch({ type: 'op/succeeded', opId: 'send:m1' });
    expect(drafts(h).byKey[A]?.message.text).toBe('newer');
  });
});

describe('property: writes and server events in any order', () => {
  type Step =
    | { kind: 'write'; text: string | null }
    | { kind: 'settle'; index: number; ok: boolean }
    | { kind: 'server'; text: string | null };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('write' as const), text: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }) }),
    fc.record({ kind: fc.constant('settle' as const), index: fc.nat(8), ok: fc.boolean() }),
    fc.record({ kind: fc.constant('server' as const), text: fc.option(fc.constantFrom('x', 'y'), { nil: null }) }),
  );

  it('shows the newest unsettled write, and when all settle exactly the server\'s last value', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const h = storeHarness();
        let server: string | null = null;
        const open: Array<{ id: string; text: string | null }> = [];
        let n = 0;
        const shownText = () => drafts(h).byKey[A]?.message.text ?? null;
        for (const s of steps) {
          if (s.kind === 'write') {
            const id = `o${++n}`;
            open.push({ id, text: s.text });
            h.dispatch({ type: 'draft/writing', opId: id, key: A, draft: s.text === null ? null : localDraft(s.text) });
          } else if (s.kind === 'server') {
            server = s.text;
            if (s.text === null) h.send('draft.deleted', { cid: A, draft: wireDraft(A, '', t(1)) });
            else h.send('draft.updated', { cid: A, draft: wireDraft(A, s.text, t(1)) });
          } else if (open.length > 0) {
            const [w] = open.splice(s.index % open.length, 1);
            if (!w) continue;
            if (s.ok) {
              // The server stored the write: its answer is the server's value now.
              server = w.text;
              h.dispatch({ type: 'draft/written', opId: w.id, key: A, draft: w.text === null ? null : decodedDraft(A, w.text, t(1)) });
            } else h.dispatch({ type: 'draft/writeFailed', opId: w.id, key: A });
          }
          const expected = open.length > 0 ? (open[open.length - 1] as { text: string | null }).text : server;
          expect(shownText()).toBe(expected);
        }
        for (const w of open.splice(0)) h.dispatch({ type: 'draft/writeFailed', opId: w.id, key: A });
        expect(shownText()).toBe(server);
        expect(Object.keys(drafts(h).pending)).toEqual([]);
      }),
      propertyRuns({ seed: 24_001, numRuns: 200 }),
    );
  });
});
