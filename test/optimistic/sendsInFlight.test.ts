// Many sends in flight at once (issue 9): their echoes and answers settle each one by its
// id, and while they are out the messages still being sent stay after every confirmed one,
// in the order the user sent them. Store level, as messageProperties.test.ts: the store gets
// the actions the write code dispatches and the events the server sends.
import { describe, expect, it } from 'vitest';
import { pendingList } from '../../src/store/pendingTable.ts';
import { queueScheduler } from 'rxjs';
import { tableGet, type MessageResponse } from 'chatstore';
import { createStore, type ChatStore } from '../../src/store/store.ts';
import { selectMessages } from '../../src/store/selectors.ts';
import { channelState, event, iso, message, ownUser, user, BASE_MS } from '../helpers/storeFixtures.ts';

const CID = 'messaging:inflight';
const ERROR = { code: 16, status: 500, message: 'no', endpoint: 'SendMessage', retryable: false };

interface Harness {
  store: ChatStore;
  setClock(ms: number): void;
  send(id: string): void;
  /** The server's copy of a message created at `at` (ms), by `by`. */
  copy(id: string, at: number, by?: string): MessageResponse;
  echo(id: string, at: number, by?: string): void;
  answer(id: string, at: number): void;
  shown(): Array<{ id: string; status: string; at: number }>;
}

function harness(base = 3): Harness {
  let clock = BASE_MS + 1_000;
  const store = createStore({ scheduler: queueScheduler, now: () => clock });
  store.dispatch({ type: 'me/set', me: ownUser('me') });
  const messages = Array.from({ length: base }, (_, i) => message(CID, BASE_MS + i, { id: `b${i}` }));
  store.dispatch({ type: 'channels/hydrated', channels: [channelState(CID, { messages })], messageLimit: 25 });
  const copy = (id: string, at: number, by = 'me') => message(CID, at, { id, text: id, user: user(by) });
  return {
    store,
    setClock: (ms) => {
      clock = ms;
    },
    send: (id) => store.dispatch({ type: 'op/started', op: { kind: 'send', id: `send:${id}`, cid: CID, request: { id, text: id }, queued: false } }),
    copy,
    echo: (id, at, by = 'me') => {
      const wire = { id, cid: CID, type: 'regular', text: id, user: user(by), created_at: iso(at), updated_at: iso(at) };
      store.dispatch({ type: 'event', event: event('message.new', { cid: CID, created_at: iso(at), user: user(by), message: wire }) });
    },
    answer: (id, at) => store.dispatchMany([{ type: 'message/stored', cid: CID, message: copy(id, at) }, { type: 'op/succeeded', opId: `send:${id}` }]),
    shown: () => {
      const ch = tableGet(store.getState().channels, CID)!;
      return selectMessages(ch).map((m) => ({ id: m.id, status: m.status, at: m.created_at }));
    },
  };
}

/**
 * Every id once, times in order, nothing still being sent before a message that
 * is not, and the ones being sent in the order `sentOrder` lists them.
 */
function checkList(list: Array<{ id: string; status: string; at: number }>, sentOrder: readonly string[]): void {
  const ids = list.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (let i = 1; i < list.length; i++) expect(list[i]!.at).toBeGreaterThanOrEqual(list[i - 1]!.at);
  const firstSending = list.findIndex((m) => m.status === 'sending');
  if (firstSending < 0) return;
  const tail = list.slice(firstSending);
  expect(tail.filter((m) => m.status !== 'sending').map((m) => m.id)).toEqual([]);
  const rank = new Map(sentOrder.map((id, i) => [id, i]));
  const ranks = tail.map((m) => rank.get(m.id) ?? -1);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

describe('many sends in flight', () => {
  it('200 sends, then their echoes in reverse order: each confirmed once, in server order, nothing left pending', () => {
    const h = harness();
    const sent = Array.from({ length: 200 }, (_, i) => `me-${i}`);
    // One burst within a single millisecond, as a fast sender makes them.
    for (const id of sent) h.send(id);
    expect(h.shown().slice(3).map((m) => m.id)).toEqual(sent);
    checkList(h.shown(), sent);
    let at = BASE_MS + 2_000;
    for (const id of [...sent].reverse()) {
      h.echo(id, (at += 1));
      checkList(h.shown(), sent);
    }
    const list = h.shown();
    expect(list.map((m) => m.id)).toEqual(['b0', 'b1', 'b2', ...[...sent].reverse()]);
    expect(list.every((m) => m.status === 'received')).toBe(true);
    expect(pendingList(h.store.getState().pending)).toEqual([]);
  });

  it("keeps sends last while the server's clock runs ahead of them and others write meanwhile", () => {
    const h = harness();
    const sent = Array.from({ length: 120 }, (_, i) => `me-${i}`);
    for (const id of sent) h.send(id);
    // The server stamps each one 3 ms after the previous: every echo passes sends still out.
    let at = BASE_MS + 1_000;
    sent.forEach((id, i) => {
      at += 3;
      if (i % 2 === 0) h.answer(id, at);
      h.echo(id, at);
      if (i % 2 === 1) h.answer(id, at);
      if (i % 10 === 0) h.echo(`bob-${i}`, (at += 1), 'bob');
      checkList(h.shown(), sent);
      expect(h.shown().filter((m) => m.status === 'sending').map((m) => m.id)).toEqual(sent.slice(i + 1));
    });
    expect(h.shown().every((m) => m.status === 'received' && Number.isInteger(m.at))).toBe(true);
    expect(h.shown()).toHaveLength(3 + 120 + 12);
    expect(pendingList(h.store.getState().pending)).toEqual([]);
  });

  it('a failed send in the middle lets the older ones still out pass it; a retry goes last', () => {
    const h = harness();
    const sent = ['me-0', 'me-1', 'me-2', 'me-3', 'me-4'];
    for (const id of sent) h.send(id);
    h.store.dispatch({ type: 'op/failed', opId: 'send:me-2', error: ERROR });
    expect(h.shown().slice(3).map((m) => [m.id, m.status])).toEqual([
      ['me-2', 'failed'],
      ['me-0', 'sending'],
      ['me-1', 'sending'],
      ['me-3', 'sending'],
      ['me-4', 'sending'],
    ]);
    h.store.dispatch({ type: 'op/retried', opId: 'send:me-2', queued: false });
    const order = ['me-0', 'me-1', 'me-3', 'me-4', 'me-2'];
    expect(h.shown().slice(3).map((m) => m.id)).toEqual(order);
    checkList(h.shown(), order);
    let at = BASE_MS + 5_000;
    for (const id of order) h.answer(id, (at += 1));
    expect(h.shown().map((m) => m.id)).toEqual(['b0', 'b1', 'b2', ...order]);
    expect(pendingList(h.store.getState().pending)).toEqual([]);
  });

  it('a recovery query that holds some of them confirms those; the rest stay last', () => {
    const h = harness();
    const sent = ['me-0', 'me-1', 'me-2', 'me-3'];
    for (const id of sent) h.send(id);
    const base = [0, 1, 2].map((i) => message(CID, BASE_MS + i, { id: `b${i}` }));
    // The server got the first two (stamped after a message from bob) before the socket dropped.
    const page = [...base, h.copy('bob-x', BASE_MS + 5_000, 'bob'), h.copy('me-0', BASE_MS + 5_001), h.copy('me-1', BASE_MS + 5_002)];
    h.store.dispatch({ type: 'channels/hydrated', channels: [channelState(CID, { messages: page })], messageLimit: 25 });
    expect(h.shown().map((m) => [m.id, m.status])).toEqual([
      ['b0', 'received'],
      ['b1', 'received'],
      ['b2', 'received'],
      ['bob-x', 'received'],
      ['me-0', 'received'],
      ['me-1', 'received'],
      ['me-2', 'sending'],
      ['me-3', 'sending'],
    ]);
    checkList(h.shown(), sent);
    expect(pendingList(h.store.getState().pending).map((op) => op.id)).toEqual(['send:me-2', 'send:me-3']);
  });

  it('a send made while earlier ones were moved past a newer confirmed time still goes after them', () => {
    const h = harness();
    h.send('me-0');
    h.send('me-1');
    // Bob's message has a later server time than the clock: both sends move after it.
    h.echo('bob-late', BASE_MS + 60_000, 'bob');
    h.send('me-2');
    const order = ['me-0', 'me-1', 'me-2'];
    expect(h.shown().slice(3).map((m) => m.id)).toEqual(['bob-late', ...order]);
    checkList(h.shown(), order);
  });
});

describe('the time a send still out shows', () => {
  const T = BASE_MS + 1_000;
  const timeOf = (h: Harness, id: string) => h.shown().find((m) => m.id === id)?.at;
  const heldCopy = (h: Harness, id: string) => tableGet(tableGet(h.store.getState().channels, CID)!.messages, id);

  it('once an echo shows the server ahead, the sends it passed take their send time plus that lead; the next echoes move none', () => {
    const h = harness();
    ['me-0', 'me-1', 'me-2', 'me-3'].forEach((id, i) => {
      h.setClock(T + 4 * i);
      h.send(id);
    });
    // The server stamped me-0 300 ms after it went out: the other three were passed.
    h.setClock(T + 330);
    h.echo('me-0', T + 300);
    expect(['me-1', 'me-2', 'me-3'].map((id) => timeOf(h, id))).toEqual([T + 304, T + 308, T + 312]);
    const later = ['me-2', 'me-3'].map((id) => heldCopy(h, id));
    // me-1 comes back a millisecond late: it passes nothing, so no send still out moves.
    h.echo('me-1', T + 305);
    expect(['me-2', 'me-3'].map((id) => heldCopy(h, id))).toEqual(later);
    expect(heldCopy(h, 'me-2')).toBe(later[0]);
    expect(heldCopy(h, 'me-3')).toBe(later[1]);
    // A new send shows its send time plus the last lead (me-1: 301 ms).
    h.setClock(T + 340);
    h.send('me-4');
    expect(timeOf(h, 'me-4')).toBe(T + 340 + 301);
    checkList(h.shown(), ['me-2', 'me-3', 'me-4']);
  });

  it('a retried send goes last at its new send time plus the lead', () => {
    const h = harness();
    h.send('me-0');
    h.send('me-1');
    h.store.dispatch({ type: 'op/failed', opId: 'send:me-1', error: ERROR });
    h.setClock(T + 250);
    h.echo('me-0', T + 200);
    h.echo('bob-0', T + 260, 'bob');
    h.setClock(T + 1_000);
    h.store.dispatch({ type: 'op/retried', opId: 'send:me-1', queued: false });
    expect(h.shown().slice(-2).map((m) => [m.id, m.status])).toEqual([
      ['bob-0', 'received'],
      ['me-1', 'sending'],
    ]);
    expect(timeOf(h, 'me-1')).toBe(T + 1_000 + 200);
  });

  it('a send that waited in the queue counts its lead from when it went out, not from when it was written', () => {
    const h = harness();
    h.store.dispatch({ type: 'op/started', op: { kind: 'send', id: 'send:me-q', cid: CID, request: { id: 'me-q', text: 'q' }, queued: true } });
    // Offline for ten seconds, then the outbox sends it; the server stamps it 200 ms later.
    h.setClock(T + 10_000);
    h.store.dispatch({ type: 'op/phase', opId: 'send:me-q', phase: 'sending' });
    h.setClock(T + 10_250);
    h.echo('me-q', T + 10_200);
    h.setClock(T + 10_300);
    h.send('me-next');
    expect(timeOf(h, 'me-next')).toBe(T + 10_300 + 200);
  });

  it('a server behind the local clock: sends show the earlier time, still after every confirmed message', () => {
    const h = harness();
    h.send('me-0');
    h.setClock(T + 100);
    h.echo('me-0', T - 500);
    h.echo('bob-0', T - 490, 'bob');
    h.setClock(T + 200);
    h.send('me-1');
    // Sent at T + 200 with a lead of -500 ms: the server will likely stamp it at T - 300.
    expect(timeOf(h, 'me-1')).toBe(T - 300);
    h.send('me-2');
    expect(timeOf(h, 'me-2')).toBe(T - 299);
    expect(h.shown().slice(-3).map((m) => m.id)).toEqual(['bob-0', 'me-1', 'me-2']);
    checkList(h.shown(), ['me-1', 'me-2']);
  });
});

