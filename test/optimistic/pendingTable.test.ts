// The pending table (issue 9): many sends in flight in several channels settle in any order
// of answers and echoes, an operation on one channel leaves every other channel's state
// and index entries as they were (same references), and "oldest first" is the start order
// whatever happens to the operations meanwhile. Store level: the store gets the actions the
// write code dispatches and the events the server sends.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { queueScheduler } from 'rxjs';
import { tableGet, type ChatState } from 'chatstore';
import { createStore, type ChatStore } from '../../src/store/store.ts';
import { selectMessages } from '../../src/store/selectors.ts';
import { tablePeek } from '../../src/store/table.ts';
import { channelOtherIds, channelSendIds, messageOpIds, pendingGet, pendingList } from '../../src/store/pendingTable.ts';
import { channelState, event, iso, message, ownUser, user, BASE_MS } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

const CIDS = ['messaging:a', 'messaging:b', 'messaging:c'] as const;
const ERROR = { code: 16, status: 500, message: 'no', endpoint: 'SendMessage', retryable: false };

function setup(): { store: ChatStore; setClock(ms: number): void } {
  let clock = BASE_MS + 1_000;
  const store = createStore({ scheduler: queueScheduler, now: () => clock });
  store.dispatch({ type: 'me/set', me: ownUser('me') });
  const channels = CIDS.map((cid) => channelState(cid, { messages: [0, 1, 2].map((i) => message(cid, BASE_MS + i, { id: `${cid}-b${i}` })) }));
  store.dispatch({ type: 'channels/hydrated', channels, messageLimit: 25 });
  return { store, setClock: (ms) => void (clock = ms) };
}

function send(store: ChatStore, cid: string, id: string): void {
  store.dispatch({ type: 'op/started', op: { kind: 'send', id: `send:${id}`, cid, request: { id, text: id }, queued: false } });
}

function wire(cid: string, id: string, at: number): Record<string, unknown> {
  return { id, cid, type: 'regular', text: id, user: user('me'), created_at: iso(at), updated_at: iso(at) };
}

function echo(store: ChatStore, cid: string, id: string, at: number): void {
  store.dispatch({ type: 'event', event: event('message.new', { cid, created_at: iso(at), user: user('me'), message: wire(cid, id, at) }) });
}

function answer(store: ChatStore, cid: string, id: string, at: number): void {
  store.dispatchMany([
    { type: 'message/stored', cid, message: message(cid, at, { id, text: id, user: user('me') }) },
    { type: 'op/succeeded', opId: `send:${id}` },
  ]);
}

function shown(state: ChatState, cid: string): Array<{ id: string; status: string; at: number }> {
  return selectMessages(tableGet(state.channels, cid)!).map((m) => ({ id: m.id, status: m.status, at: m.created_at }));
}

interface Sent {
  cid: string;
  id: string;
  /** The server's created_at: sends reach it in the order they were made. */
  at: number;
}

describe('pending table', () => {
  it('sends in flight in several channels settle in any order of answers and echoes', () => {
    const sent: Sent[] = [];
    for (let i = 0; i < 45; i++) sent.push({ cid: CIDS[i % 3]!, id: `me-${i}`, at: BASE_MS + 5_000 + i * 3 });
    // Each send gets an echo and an answer, in any order (the echo may come first or last).
    const steps = sent.flatMap((s) => [{ ...s, how: 'echo' as const }, { ...s, how: 'answer' as const }]);
    fc.assert(
      fc.property(fc.shuffledSubarray(steps, { minLength: steps.length, maxLength: steps.length }), (order) => {
        const { store } = setup();
        for (const s of sent) send(store, s.cid, s.id);
        const out = new Set(sent.map((s) => s.id));
        for (const step of order) {
          if (step.how === 'echo') echo(store, step.cid, step.id, step.at);
          else answer(store, step.cid, step.id, step.at);
          out.delete(step.id);
          const state = store.getState();
          // Exactly the sends nobody confirmed yet are pending, each in its channel's index.
          expect(new Set(pendingList(state.pending).map((op) => op.id))).toEqual(new Set([...out].map((id) => `send:${id}`)));
          const byCid = CIDS.map((cid) => channelSendIds(state.pending, cid).length);
          expect(byCid.reduce((a, b) => a + b, 0)).toBe(out.size);
          // The ones still out stay after every confirmed message of their channel.
          const list = shown(state, step.cid);
          const first = list.findIndex((m) => m.status === 'sending');
          if (first >= 0) expect(list.slice(first).every((m) => m.status === 'sending')).toBe(true);
        }
        const state = store.getState();
        expect(pendingList(state.pending)).toEqual([]);
        expect([state.pending.ops.size, state.pending.sends.size, state.pending.others.size, state.pending.byMessage.size]).toEqual([0, 0, 0, 0]);
        for (const cid of CIDS) {
          const mine = sent.filter((s) => s.cid === cid);
          expect(shown(state, cid)).toEqual([
            ...[0, 1, 2].map((i) => ({ id: `${cid}-b${i}`, status: 'received', at: BASE_MS + i })),
            ...mine.map((s) => ({ id: s.id, status: 'received', at: s.at })),
          ]);
        }
      }),
      propertyRuns({ numRuns: 10, seed: 20261207 }),
    );
  });

  it("an operation on one channel keeps every other channel's entries and index entries (same references)", () => {
    const { store } = setup();
    for (let i = 0; i < 20; i++) send(store, CIDS[i % 2]!, `me-${i}`);
    store.dispatch({ type: 'op/started', op: { kind: 'reaction', id: 'reaction:1', cid: CIDS[1], messageId: `${CIDS[1]}-b0`, type: 'like', enforceUnique: false } });
    const before = store.getState();
    const bOps = pendingList(before.pending).filter((op) => op.cid === CIDS[1]);
    expect(bOps.length).toBe(11);
    const steps: Array<() => void> = [
      () => send(store, CIDS[0], 'me-new'),
      () => echo(store, CIDS[0], 'me-0', BASE_MS + 9_000),
      () => answer(store, CIDS[0], 'me-2', BASE_MS + 9_001),
      () => store.dispatch({ type: 'op/failed', opId: 'send:me-4', error: ERROR }),
      () => store.dispatch({ type: 'op/retried', opId: 'send:me-4', queued: true }),
      () => store.dispatch({ type: 'op/phase', opId: 'send:me-4', phase: 'sending' }),
      () => store.dispatch({ type: 'op/started', op: { kind: 'update', id: 'update:1', cid: CIDS[0], messageId: `${CIDS[0]}-b1`, patch: { text: 'edited' } } }),
      () => store.dispatch({ type: 'op/succeeded', opId: 'update:1' }),
    ];
    for (const step of steps) {
      step();
      const after = store.getState();
      expect(tableGet(after.channels, CIDS[1])).toBe(tableGet(before.channels, CIDS[1]));
      expect(tableGet(after.channels, CIDS[2])).toBe(tableGet(before.channels, CIDS[2]));
      expect(tablePeek(after.pending.sends, CIDS[1])).toBe(tablePeek(before.pending.sends, CIDS[1]));
      expect(tablePeek(after.pending.others, CIDS[1])).toBe(tablePeek(before.pending.others, CIDS[1]));
      for (const op of bOps) expect(pendingGet(after.pending, op.id)).toBe(op);
    }
    // And the state stays plain frozen data, index tables included.
    const s = store.getState();
    expect(Object.isFrozen(s.pending)).toBe(true);
    expect(s.pending.ops.buckets.every((b) => Object.isFrozen(b))).toBe(true);
    expect(Object.isFrozen(tablePeek(s.pending.sends, CIDS[0]))).toBe(true);
  });

  it('keeps oldest first by start order, whatever phases, failures and retries do to the operations', () => {
    const { store } = setup();
    for (const id of ['me-1', 'me-2', 'me-3']) send(store, CIDS[0], id);
    store.dispatch({ type: 'op/started', op: { kind: 'reaction', id: 'reaction:1', cid: CIDS[1], messageId: `${CIDS[1]}-b0`, type: 'like', enforceUnique: false } });
    store.dispatch({ type: 'op/phase', opId: 'send:me-1', phase: 'queued' });
    store.dispatch({ type: 'op/failed', opId: 'send:me-2', error: ERROR });
    store.dispatch({ type: 'op/retried', opId: 'send:me-2', queued: false });
    const list = pendingList(store.getState().pending);
    expect(list.map((op) => op.id)).toEqual(['send:me-1', 'send:me-2', 'send:me-3', 'reaction:1']);
    expect(list.map((op) => op.seq)).toEqual([...list.map((op) => op.seq)].sort((a, b) => a - b));
    expect(pendingGet(store.getState().pending, 'send:me-1')).toMatchObject({ phase: 'queued' });
    expect(pendingGet(store.getState().pending, 'send:me-2')).toMatchObject({ phase: 'sending' });
  });

  it('finds the operations on a message through its index, oldest first, and forgets them as they settle', () => {
    const { store, setClock } = setup();
    const cid = CIDS[2];
    const target = `${cid}-b1`;
    store.dispatch({ type: 'op/started', op: { kind: 'reaction', id: 'reaction:1', cid, messageId: target, type: 'like', enforceUnique: false } });
    setClock(BASE_MS + 2_000);
    store.dispatch({ type: 'op/started', op: { kind: 'update', id: 'update:1', cid, messageId: target, patch: { text: 'edited' } } });
    store.dispatch({ type: 'op/started', op: { kind: 'markRead', id: 'read:1', cid } });
    let state = store.getState();
    expect(messageOpIds(state.pending, target)).toEqual(['reaction:1', 'update:1']);
    expect(channelOtherIds(state.pending, cid)).toEqual(['reaction:1', 'update:1', 'read:1']);
    expect(tableGet(tableGet(state.channels, cid)!.messages, target)).toMatchObject({ text: 'edited', reaction_counts: { like: 1 }, pendingOps: ['reaction:1', 'update:1'] });
    // The reaction's echo settles it (and only it); the edit's answer settles the edit.
    const reaction = { type: 'like', user_id: 'me', user: user('me'), message_id: target, score: 1, custom: {}, created_at: iso(BASE_MS + 3_000), updated_at: iso(BASE_MS + 3_000) };
    const copy = { ...wire(cid, target, BASE_MS + 1), user: user('bob'), text: `text ${BASE_MS + 1}`, reaction_counts: { like: 1 }, own_reactions: [reaction], latest_reactions: [reaction] };
    store.dispatch({ type: 'event', event: event('reaction.new', { cid, user: user('me'), reaction, message: copy }) });
    state = store.getState();
    expect(messageOpIds(state.pending, target)).toEqual(['update:1']);
    expect(tableGet(tableGet(state.channels, cid)!.messages, target)).toMatchObject({ text: 'edited', reaction_counts: { like: 1 }, pendingOps: ['update:1'] });
    store.dispatchMany([
      { type: 'message/stored', cid, message: message(cid, BASE_MS + 1, { id: target, text: 'edited', reaction_counts: { like: 1 }, own_reactions: [reaction], latest_reactions: [reaction] }) },
      { type: 'op/succeeded', opId: 'update:1' },
    ]);
    store.dispatch({ type: 'op/failed', opId: 'read:1', error: { ...ERROR, endpoint: 'MarkRead' } });
    state = store.getState();
    expect(messageOpIds(state.pending, target)).toEqual([]);
    expect(channelOtherIds(state.pending, cid)).toEqual([]);
    expect(pendingList(state.pending)).toEqual([]);
    expect(tableGet(tableGet(state.channels, cid)!.messages, target)).not.toHaveProperty('pendingOps');
  });
});
