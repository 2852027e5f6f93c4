// Property: whatever order our own sends, edits and soft deletes, their HTTP answers, their
// WebSocket echoes (before or after the answer, sometimes twice), their failures, the
// retries after a failed send and other users' message events interleave in, once everything
// is delivered the channel shows exactly the server's messages, each once, and `pending` is
// empty; on the way, a message still being sent never sits before a confirmed one. Store
// level, as reactionProperties.test.ts: a model server renders the copies the real one
// sends, and the store gets them as the actions the write code dispatches.
import { describe, expect, it } from 'vitest';
import { pendingGet, pendingList } from '../../src/store/pendingTable.ts';
import fc from 'fast-check';
import { queueScheduler } from 'rxjs';
import { tableGet, type MessageResponse } from 'chatstore';
import { createStore, type ChatStore } from '../../src/store/store.ts';
import { selectMessages } from '../../src/store/selectors.ts';
import { channelState, event, iso, message, ownUser, user, BASE_MS } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

const CID = 'messaging:msgprop';
const ERROR = { code: 4, status: 400, message: 'no', endpoint: 'SendMessage', retryable: false };

/** One server-side message, as the service keeps it. */
interface Held {
  id: string;
  user: string;
  text: string;
  type: 'regular' | 'deleted';
  created: number;
  updated: number;
  deleted?: number;
}

/** The server: the channel's messages and a clock shared with the client's store. */
class ModelServer {
  messages = new Map<string, Held>();
  constructor(readonly clock: () => number) {}
  /** Wire JSON of a message (what an event payload carries). */
  wire(id: string): Record<string, unknown> {
    const m = this.messages.get(id)!;
    return {
      id: m.id, cid: CID, type: m.type, text: m.text, user: user(m.user),
      created_at: iso(m.created), updated_at: iso(m.updated),
      ...(m.deleted !== undefined ? { deleted_at: iso(m.deleted) } : {}),
    };
  }
  /** The decoded copy an HTTP answer brings. */
  copy(id: string): MessageResponse {
    const w = this.wire(id);
    return message(CID, 0, w);
  }
  create(id: string, u: string, text: string): void {
    const t = this.clock();
    this.messages.set(id, { id, user: u, text, type: 'regular', created: t, updated: t });
  }
  edit(id: string, text: string): boolean {
    const m = this.messages.get(id);
    if (!m || m.type === 'deleted') return false;
    m.text = text;
    m.updated = this.clock();
    return true;
  }
  softDelete(id: string): boolean {
    const m = this.messages.get(id);
    if (!m || m.type === 'deleted') return false;
    m.type = 'deleted';
    m.text = '';
    m.deleted = this.clock();
    m.updated = m.deleted;
    return true;
  }
  /** The channel as a query returns it: oldest first. */
  list(): Held[] {
    return [...this.messages.values()].sort((a, b) => a.created - b.created);
  }
}

type Failure = 'reject' | 'answerLost';
type Send = { failures: Failure[]; abandon: boolean; dupEcho: boolean };
type Change = { kind: 'edit' | 'delete'; pick: number; reject: boolean };
type Other = { kind: 'new' } | { kind: 'edit' | 'delete'; pick: number };

const scenarioArb = fc.record({
  sends: fc.array(
    fc.record({
      failures: fc.array(fc.constantFrom<Failure>('reject', 'answerLost'), { maxLength: 2 }),
      abandon: fc.boolean(),
      dupEcho: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  changes: fc.array(fc.record({ kind: fc.constantFrom('edit' as const, 'delete' as const), pick: fc.nat(), reject: fc.boolean() }), { maxLength: 4 }),
  others: fc.array(
    fc.oneof(fc.constant({ kind: 'new' as const }), fc.record({ kind: fc.constantFrom('edit' as const, 'delete' as const), pick: fc.nat() })),
    { maxLength: 4 },
  ),
  picks: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
  // How far the server's clock runs ahead of (or behind) the client's: sends still out
  // take the times the server will likely give them (pendingSends.ts), so skew moves them.
  skew: fc.integer({ min: -3_000, max: 3_000 }),
});

function shown(store: ChatStore) {
  const ch = tableGet(store.getState().channels, CID)!;
  return selectMessages(ch).map((m) => ({ id: m.id, text: m.text, type: m.type, status: m.status }));
}

/** Every id once; nothing still being sent before a confirmed message. */
function checkInvariants(store: ChatStore): void {
  const list = shown(store);
  const ids = list.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  const firstSending = list.findIndex((m) => m.status === 'sending');
  if (firstSending >= 0) {
    const later = list.slice(firstSending).filter((m) => m.status === 'received');
    expect(later.map((m) => m.id)).toEqual([]);
  }
}

describe('optimistic message writes under random interleavings', () => {
  it("end in the server's messages, each once, with nothing pending", () => {
    fc.assert(
      fc.property(scenarioArb, ({ sends, changes, others, picks, skew }) => {
        // One clock ticking for both sides, one tick per step, so every server time is
        // distinct; the server's reads `skew` ms off the client's.
        let clock = BASE_MS + 100;
        const now = () => clock;
        const store = createStore({ scheduler: queueScheduler, now });
        const server = new ModelServer(() => clock + skew);
        const base = [1, 2, 3].map((i) => {
          const at = BASE_MS - 10_000 + i;
          server.messages.set(`b${i}`, { id: `b${i}`, user: 'bob', text: `bob ${i}`, type: 'regular', created: at, updated: at });
          return server.copy(`b${i}`);
        });
        store.dispatch({ type: 'me/set', me: ownUser('me') });
        store.dispatch({ type: 'channels/hydrated', channels: [channelState(CID, { messages: base })], messageLimit: 25 });

        // WebSocket frames arrive in server order; HTTP answers in any order.
        const frames: Array<() => void> = [];
        const answers: Array<() => void> = [];
        const frame = (type: string, id: string, by: string) => {
          const fields = { cid: CID, created_at: iso(clock), user: user(by), message: server.wire(id) };
          frames.push(() => store.dispatch({ type: 'event', event: event(type, fields) }));
        };
        const confirm = (opId: string, id: string) => {
          const copy = server.copy(id);
          answers.push(() => store.dispatchMany([{ type: 'message/stored', cid: CID, message: copy }, { type: 'op/succeeded', opId }]));
        };
        const fail = (opId: string) => answers.push(() => store.dispatch({ type: 'op/failed', opId, error: ERROR }));
        // Requests the server has not processed yet (processed in any order).
        const inFlight: Array<() => void> = [];
        const todo: Array<() => void> = [];

        sends.forEach((s, i) => {
          const id = `mine-${i}`;
          const opId = `send:${id}`;
          let attempt = 0;
          const request = () =>
            inFlight.push(() => {
              // A retry of a message the server already holds: the client fetches it (GetMessage).
              if (server.messages.has(id)) {
                confirm(opId, id);
                return;
              }
              const failure = s.failures[attempt++];
              if (failure === 'reject') {
                answers.push(() => {
                  store.dispatch({ type: 'op/failed', opId, error: ERROR });
                  afterFailure();
                });
                return;
              }
              server.create(id, 'me', `mine ${i}`);
              frame('message.new', id, 'me');
              if (s.dupEcho) frame('message.new', id, 'me');
              if (failure === 'answerLost') {
                answers.push(() => {
                  store.dispatch({ type: 'op/failed', opId, error: { ...ERROR, status: 0, code: -1 } });
                  afterFailure();
                });
              } else confirm(opId, id);
            });
          // After a failure the user retries, or gives up on the last one (deleting a
          // message the server never confirmed only removes the local copy).
          const afterFailure = () =>
            todo.push(() => {
              const op = pendingGet(store.getState().pending, opId);
              if (op?.kind !== 'send' || op.phase !== 'failed') return;
              if (s.abandon && attempt >= s.failures.length) {
                store.dispatch({ type: 'message/removed', cid: CID, messageId: id });
                return;
              }
              store.dispatch({ type: 'op/retried', opId, queued: false });
              request();
            });
          todo.push(() => {
            store.dispatch({ type: 'op/started', op: { kind: 'send', id: opId, cid: CID, request: { id, text: `mine ${i}` }, queued: false } });
            request();
          });
        });

        changes.forEach((c, i) =>
          todo.push(() => {
            // The user changes a message they see as sent and not deleted.
            const targets = shown(store).filter((m) => m.status === 'received' && m.type !== 'deleted');
            if (targets.length === 0) return;
            const id = targets[c.pick % targets.length]!.id;
            const opId = `${c.kind}-${i}`;
            const text = `edited ${i}`;
            store.dispatch({
              type: 'op/started',
              op: c.kind === 'edit' ? { kind: 'update', id: opId, cid: CID, messageId: id, patch: { text } } : { kind: 'delete', id: opId, cid: CID, messageId: id, hard: false },
            });
            inFlight.push(() => {
              const ok = !c.reject && (c.kind === 'edit' ? server.edit(id, text) : server.softDelete(id));
              if (!ok) {
                fail(opId);
                return;
              }
              frame(c.kind === 'edit' ? 'message.updated' : 'message.deleted', id, 'me');
              confirm(opId, id);
            });
          }),
        );

        others.forEach((o, i) =>
          todo.push(() => {
            if (o.kind === 'new') {
              server.create(`bob-${i}`, 'bob', `bob new ${i}`);
              frame('message.new', `bob-${i}`, 'bob');
              return;
            }
            const own = server.list().filter((m) => m.user === 'bob' && m.type !== 'deleted');
            if (own.length === 0) return;
            const id = own[o.pick % own.length]!.id;
            if (o.kind === 'edit') server.edit(id, `bob edit ${i}`);
            else server.softDelete(id);
            frame(o.kind === 'edit' ? 'message.updated' : 'message.deleted', id, 'bob');
          }),
        );

        let step = 0;
        const next = () => picks[step++ % picks.length] as number;
        for (;;) {
          const choices: Array<() => void> = [];
          if (todo.length) choices.push(() => todo.splice(next() % todo.length, 1)[0]!());
          if (inFlight.length) choices.push(() => inFlight.splice(next() % inFlight.length, 1)[0]!());
          if (frames.length) choices.push(() => frames.shift()!());
          if (answers.length) choices.push(() => answers.splice(next() % answers.length, 1)[0]!());
          if (choices.length === 0) break;
          clock += 1;
          choices[next() % choices.length]!();
          checkInvariants(store);
        }

        expect(pendingList(store.getState().pending)).toEqual([]);
        const truth = server.list().map((m) => ({ id: m.id, text: m.text, type: m.type, status: 'received' }));
        expect(shown(store)).toEqual(truth);
      }),
      propertyRuns({ numRuns: 200, seed: 6006 }),
    );
  });
});
