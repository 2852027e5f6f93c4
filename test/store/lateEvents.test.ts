// Events to messages not held yet, while recovery runs (src/connection/lateEvents.ts; found
// by the soak): an answer read before such an event must not put the older copy in for good.
import { describe, expect, it } from 'vitest';
import { createLateEvents } from '../../src/connection/lateEvents.ts';
import { decodeEvent } from '../../src/models/events.ts';
import { BASE_MS, iso, msg, reaction, storeHarness, user } from '../helpers/storeFixtures.ts';
import { tableGet } from 'chatstore';

const A = 'messaging:late';
const at = (n: number) => BASE_MS + n * 1_000;

function reactionEvent(messageId: string, by: string, type: string, updatedAt: number, counts: Record<string, number>) {
  const r = decodeEvent({
    type: 'reaction.new',
    cid: A,
    created_at: iso(updatedAt),
    user: user(by),
    reaction: reaction(messageId, by, type),
    message: msg(A, messageId, at(1), { reaction_counts: counts, reaction_groups: Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, { count: n, sum_scores: n }])), updated_at: iso(updatedAt) }),
  });
  if (!r.ok) throw r.error;
  return r.value;
}

const held = (h: ReturnType<typeof storeHarness>, id: string) => tableGet(h.ch(A).messages, id);

describe('events kept while recovery runs', () => {
  it('a reaction to a message not held yet is applied again after the older answer', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'm5', at(5))] }, 1);
    const late = createLateEvents(h.store);
    late.start();
    // The socket is live: bob reacts to m1, which the client does not hold yet.
    const ev = reactionEvent('m1', 'bob', 'haha', at(20), { haha: 1 });
    h.dispatch({ type: 'event', event: ev });
    late.seen(ev);
    expect(held(h, 'm1')).toBeUndefined();
    // Recovery's answer, read before the reaction, comes in after it.
    h.dispatch({ type: 'messages/paged', cid: A, direction: 'older', window: h.ch(A).current, messages: [msg(A, 'm1', at(1), { updated_at: iso(at(10)) })], limit: 1 });
    expect(held(h, 'm1')?.reaction_counts).toEqual({});
    late.replay();
    expect(held(h, 'm1')?.reaction_counts).toEqual({ haha: 1 });
    expect(held(h, 'm1')?.own_reactions).toEqual([]);
  });

  it('keeps nothing outside a recovery, nor events to held messages, and an answer newer than the event wins', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'm5', at(5))] }, 1);
    const late = createLateEvents(h.store);
    const before = reactionEvent('m1', 'bob', 'haha', at(20), { haha: 1 });
    late.seen(before);
    late.start();
    const onHeld = reactionEvent('m5', 'bob', 'like', at(21), { like: 1 });
    h.dispatch({ type: 'event', event: onHeld });
    late.seen(onHeld);
    const older = reactionEvent('m1', 'bob', 'love', at(22), { love: 1 });
    late.seen(older);
    // The answer was read after that event: it is newer, and stays.
    h.dispatch({ type: 'messages/paged', cid: A, direction: 'older', window: h.ch(A).current, messages: [msg(A, 'm1', at(1), { reaction_counts: { love: 1, like: 2 }, updated_at: iso(at(30)) })], limit: 1 });
    const state = h.store.getState();
    late.replay();
    expect(held(h, 'm1')?.reaction_counts).toEqual({ love: 1, like: 2 });
    expect(h.store.getState().channels).toBe(state.channels);
  });
});
