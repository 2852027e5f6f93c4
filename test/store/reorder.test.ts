// Reorders converge (ARCHITECTURE.md, reliability rules): the same events, delivered in
// another order, leave the same state. The order that may change is the one between
// independent events; each message's own events keep their order (its message.new comes
// before its edits, reactions and deletion, as the service emits them on one connection),
// while events of other messages, other channels and read events interleave freely: what
// arrives over REST and over the socket, or from two devices, interleaves like that.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BASE_MS, msg, type StoreHarness } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';
import { CIDS, type Catalog, type Cmd, arbCatalog, arbCommands, freshHarness, threadParentId, toEvent } from './propertyModel.ts';

const RUNS = propertyRuns({ numRuns: 150, seed: 20261122 });

function apply(catalog: Catalog, cmds: readonly Cmd[], threads = false): StoreHarness {
  const h = freshHarness();
  if (threads) openThreads(h);
  for (const cmd of cmds) h.send(...toEvent(catalog, cmd));
  return h;
}

/**
 * Every channel also holds the parent the model's thread-only replies answer, with its
 * thread open (as the thread view does), so replies also move thread state: the run of
 * replies, reply_count and the thread's reads and unread count.
 */
function openThreads(h: StoreHarness): void {
  for (const cid of CIDS) {
    const parent = msg(cid, threadParentId(cid), BASE_MS);
    h.send('message.new', { cid, message: parent });
    h.dispatch({ type: 'thread/started', parent });
  }
}

/** The events of one message share a key (their order is kept); each read is its own. */
function orderKey(c: Cmd, position: number): string {
  return c.kind === 'read' ? `read#${position}` : `${c.cid}/${c.index}`;
}

/**
 * `cmds` interleaved by `ranks` (one random number per command): the commands sorted by
 * rank, then each message's commands put back into their own order at the places its
 * commands took. The result is a permutation that keeps every message's order.
 */
function interleave(cmds: readonly Cmd[], ranks: readonly number[]): Cmd[] {
  const positions = cmds.map((_, i) => i).sort((x, y) => (ranks[x] ?? 0) - (ranks[y] ?? 0) || x - y);
  const queues = new Map<string, Cmd[]>();
  cmds.forEach((c, i) => {
    const key = orderKey(c, i);
    const q = queues.get(key);
    if (q) q.push(c);
    else queues.set(key, [c]);
  });
  return positions.map((i) => {
    const c = cmds[i] as Cmd;
    return queues.get(orderKey(c, i))?.shift() as Cmd;
  });
}

const arbReordered = arbCommands(CIDS).chain((cmds) =>
  fc.array(fc.integer(), { minLength: cmds.length, maxLength: cmds.length }).map((ranks) => ({ cmds, reordered: interleave(cmds, ranks) })),
);

describe('reorders converge (fast-check)', () => {
  it('the interleaving keeps every command, and each message its own order', () => {
    fc.assert(
      fc.property(arbReordered, ({ cmds, reordered }) => {
        expect([...reordered].sort(byJson)).toEqual([...cmds].sort(byJson));
        const ofMessage = (list: readonly Cmd[], c: Cmd) => list.filter((x) => x.kind !== 'read' && x.cid === c.cid && x.index === c.index);
        for (const c of cmds) if (c.kind !== 'read') expect(ofMessage(reordered, c)).toEqual(ofMessage(cmds, c));
      }),
      RUNS,
    );
  });

  it('the same events in another order leave the same state', () => {
    fc.assert(
      fc.property(arbCatalog(CIDS), arbReordered, (catalog, { cmds, reordered }) => {
        const inOrder = apply(catalog, cmds).store.getState();
        const other = apply(catalog, reordered).store.getState();
        expect(other).toEqual(inOrder);
      }),
      RUNS,
    );
  });

  it('the same, with the threads of the replies open', () => {
    fc.assert(
      fc.property(arbCatalog(CIDS), arbReordered, (catalog, { cmds, reordered }) => {
        const inOrder = apply(catalog, cmds, true).store.getState();
        const other = apply(catalog, reordered, true).store.getState();
        expect(participantsAsSets(other)).toEqual(participantsAsSets(inOrder));
      }),
      RUNS,
    );
  });
});

/**
 * The state as plain data with every thread_participants list sorted by id. Left as it is:
 * a thread lists its participants in the order their first replies arrived, not by when
 * they were written, so reordered replies list the same people in another order.
 */
function participantsAsSets(state: unknown): unknown {
  return JSON.parse(JSON.stringify(state), (key, value: unknown) =>
    key === 'thread_participants' && Array.isArray(value) ? [...(value as Array<{ id: string }>)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : value,
  );
}

function byJson(a: Cmd, b: Cmd): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
