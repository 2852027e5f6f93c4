// Property: whatever order local reaction operations, their answers, their echoes, their
// failures and other users' reactions interleave in, once everything is delivered the
// client holds exactly the server's reaction summary, and counts never go negative or
// count an own reaction twice on the way. Store level: a model server renders the copies
// the real one sends, and the store gets them as actions in the generated order.
import { describe, expect, it } from 'vitest';
import { pendingList } from '../../src/store/pendingTable.ts';
import fc from 'fast-check';
import { asapScheduler } from 'rxjs';
import { tableGet, type MessageResponse, type ReactionResponse } from 'chatstore';
import { createStore } from '../../src/store/store.ts';
import { channelState, event, message, ownUser, user, BASE_MS } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

const CID = 'messaging:prop';
const TYPES = ['like', 'love', 'wow'] as const;
type Op = { kind: 'add'; type: string; unique: boolean; score: number } | { kind: 'remove'; type: string };

/** The server: reactions by user and type, rendered as the service renders a message. */
class ModelServer {
  reactions = new Map<string, { type: string; score: number; at: number }>();
  clock = BASE_MS + 10;
  constructor(readonly base: MessageResponse) {}
  key = (u: string, t: string) => `${u}|${t}`;
  render(viewer: string): MessageResponse {
    const counts: Record<string, number> = {};
    const scores: Record<string, number> = {};
    const groups: Record<string, unknown> = {};
    const all: ReactionResponse[] = [];
    for (const [k, r] of this.reactions) {
      const u = k.split('|')[0] as string;
      counts[r.type] = (counts[r.type] ?? 0) + 1;
      scores[r.type] = (scores[r.type] ?? 0) + r.score;
      all.push({ type: r.type, score: r.score, user_id: u, user: user(u) as never, message_id: this.base.id, custom: {}, created_at: r.at, updated_at: r.at });
    }
    for (const t of Object.keys(counts)) groups[t] = { count: counts[t], sum_scores: scores[t] };
    return {
      ...this.base,
      updated_at: this.clock,
      reaction_counts: counts,
      reaction_scores: scores,
      reaction_groups: groups,
      latest_reactions: [...all].sort((a, b) => b.updated_at - a.updated_at),
      own_reactions: all.filter((r) => r.user_id === viewer).sort((a, b) => b.created_at - a.created_at),
    };
  }
  apply(u: string, op: Op): boolean {
    this.clock += 1;
    if (op.kind === 'remove') return this.reactions.delete(this.key(u, op.type));
    if (op.unique) for (const k of [...this.reactions.keys()]) if (k.startsWith(`${u}|`) && k !== this.key(u, op.type)) this.reactions.delete(k);
    const held = this.reactions.get(this.key(u, op.type));
    this.reactions.set(this.key(u, op.type), { type: op.type, score: op.score, at: held?.at ?? this.clock });
    return true;
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), type: fc.constantFrom(...TYPES), unique: fc.boolean(), score: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('remove' as const), type: fc.constantFrom(...TYPES) }),
);

// A scenario: alice's operations (each may be rejected) and bob's, then a schedule that
// picks, at every step, which pending thing happens next.
const scenarioArb = fc.record({
  alice: fc.array(fc.record({ op: opArb, reject: fc.boolean() }), { minLength: 1, maxLength: 5 }),
  bob: fc.array(opArb, { maxLength: 4 }),
  echoLost: fc.boolean(),
  picks: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
});

describe('optimistic reactions under random interleavings', () => {
  it('end in the server\'s state, never negative, never double counted', () => {
    fc.assert(
      fc.property(scenarioArb, ({ alice, bob, echoLost, picks }) => {
        const store = createStore({ scheduler: asapScheduler });
        const base = message(CID, BASE_MS + 1, { id: 'target', user: user('bob') });
        store.dispatch({ type: 'me/set', me: ownUser('me') });
        store.dispatch({ type: 'channels/hydrated', channels: [channelState(CID, { messages: [base] })], messageLimit: 25 });
        const server = new ModelServer(base);
        const held = () => tableGet(tableGet(store.getState().channels, CID)!.messages, 'target')!;
        // WebSocket frames arrive in server order; HTTP answers in any order after processing.
        const frames: Array<() => void> = [];
        // A lost echo means the socket dropped: nothing later arrives on it, and the
        // client recovers with a REST query at the end (PROTOCOL.md section 7).
        let socketDown = false;
        const ws = { push: (f: () => void) => { if (!socketDown) frames.push(f); } };
        const answers: Array<() => void> = [];
        const issued: Array<{ id: string; op: Op; reject: boolean }> = [];
        const todo: Array<() => void> = [];
        alice.forEach(({ op, reject }, i) =>
          todo.push(() => {
            const id = `op-${i}`;
            const start = op.kind === 'add'
              ? { kind: 'reaction' as const, id, cid: CID, messageId: 'target', type: op.type, score: op.score, enforceUnique: op.unique }
              : { kind: 'unreaction' as const, id, cid: CID, messageId: 'target', type: op.type };
            store.dispatch({ type: 'op/started', op: start });
            issued.push({ id, op, reject });
          }),
        );
        bob.forEach((op) =>
          todo.push(() => {
            if (!server.apply('bob', op)) return;
            const copy = { ...server.render('bob'), own_reactions: [] };
            ws.push(() => store.dispatch({ type: 'event', event: event(op.kind === 'add' ? 'reaction.new' : 'reaction.deleted', { cid: CID, user: user('bob'), reaction: { type: op.type, user_id: 'bob', user: user('bob'), message_id: 'target', score: 1, custom: {}, created_at: new Date(server.clock).toISOString(), updated_at: new Date(server.clock).toISOString() }, message: toWire(copy) }) }));
          }),
        );
        let step = 0;
        const next = () => picks[step++ % picks.length] as number;
        for (;;) {
          // Choices: start the next local/bob action, let the server process one issued op,
          // deliver the next frame, deliver any answer.
          const choices: Array<() => void> = [];
          if (todo.length) choices.push(() => todo.shift()!());
          if (issued.length) choices.push(() => {
            const { id, op, reject } = issued.splice(next() % issued.length, 1)[0]!;
            if (reject || !server.apply('me', op)) {
              answers.push(() => store.dispatch({ type: 'op/failed', opId: id, error: { code: 4, status: 400, message: 'no', endpoint: 'SendReaction', retryable: false } }));
              return;
            }
            const copy = server.render('me');
            // The echo is serialized once for all recipients: own_reactions [] (PROTOCOL.md
            // section 6); an enforce_unique send comes back as reaction.updated.
            const echoType = op.kind === 'remove' ? 'reaction.deleted' : op.unique ? 'reaction.updated' : 'reaction.new';
            if (echoLost) socketDown = true;
            else ws.push(() => store.dispatch({ type: 'event', event: event(echoType, { cid: CID, user: user('me'), reaction: { type: op.type, user_id: 'me', user: user('me'), message_id: 'target', score: op.kind === 'add' ? op.score : 1, custom: {}, created_at: new Date(server.clock).toISOString(), updated_at: new Date(server.clock).toISOString() }, message: toWire({ ...copy, own_reactions: [] }) }) }));
            answers.push(() => store.dispatchMany([{ type: 'message/stored', cid: CID, message: copy }, { type: 'op/succeeded', opId: id }]));
          });
          if (frames.length) choices.push(() => frames.shift()!());
          if (answers.length) choices.push(() => answers.splice(next() % answers.length, 1)[0]!());
          if (choices.length === 0) {
            if (!socketDown) break;
            socketDown = false;
            const recovered = channelState(CID, { messages: [server.render('me')] });
            store.dispatch({ type: 'channels/hydrated', channels: [recovered], messageLimit: 25 });
            continue;
          }
          const c = next() % choices.length;
          choices[c]!();
          for (const n of Object.values(held().reaction_counts)) expect(n).toBeGreaterThan(0);
          const own = held().own_reactions.map((r) => r.type);
          expect(new Set(own).size).toBe(own.length);
        }
        const truth = server.render('me');
        const m = held();
        expect(pendingList(store.getState().pending)).toEqual([]);
        expect(m.reaction_counts).toEqual(truth.reaction_counts);
        expect(m.reaction_scores).toEqual(truth.reaction_scores);
        expect(m.own_reactions.map((r) => `${r.type}:${r.score}`).sort()).toEqual(truth.own_reactions.map((r) => `${r.type}:${r.score}`).sort());
        expect(m.latest_reactions.map((r) => `${r.user_id}:${r.type}`).sort()).toEqual(truth.latest_reactions.map((r) => `${r.user_id}:${r.type}`).sort());
      }),
      propertyRuns({ numRuns: 300, seed: 3003 }),
    );
  });
});

/** A decoded copy back to wire JSON (timestamps as RFC 3339) for an event payload. */
function toWire(m: MessageResponse): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ...m,
    created_at: iso(m.created_at),
    updated_at: iso(m.updated_at),
    user: user('bob'),
    latest_reactions: m.latest_reactions.map((r) => ({ ...r, user: user(r.user_id), created_at: iso(r.created_at), updated_at: iso(r.updated_at) })),
    own_reactions: m.own_reactions.map((r) => ({ ...r, user: user(r.user_id), created_at: iso(r.created_at), updated_at: iso(r.updated_at) })),
  };
}
