// Property: votes and removals by several users, on a poll with or without
// enforce_unique_vote, reach the client as poll.* events in any order, some twice, with the
// own user's writes shown optimistically and confirmed by REST answers at any point. Once
// everything has arrived the poll shows exactly the server's counts, latest votes and the
// own user's votes, with nothing pending.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectPoll } from '../../src/store/pollView.ts';
import { decodeModel } from '../../src/models/decode.ts';
import { decodeEvent } from '../../src/models/events.ts';
import type { PollVoteResponseData } from '../../src/models/generated/types.ts';
import type { Action } from '../../src/store/reducer.ts';
import { BASE_MS, msg, storeHarness } from '../helpers/storeFixtures.ts';
import { decodedPoll, wirePoll, wireVote, type WireVote } from '../helpers/pollFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

const A = 'messaging:a';
const USERS = ['me', 'bob', 'carol'] as const;
const OPTIONS = ['a', 'b', 'c'] as const;
const t = (n: number) => BASE_MS + 10_000 + n * 1_000;

type Step = { user: number; cast: boolean; option: number };

interface Delivery {
  /** Where it lands among the events (a fraction; ties keep generation order). */
  at: number;
  action: Action;
}

function decodedVote(v: WireVote): PollVoteResponseData {
  const r = decodeModel('PollVoteResponseData', wireVote('p1', v), { freeze: true });
  if (!r.ok) throw r.error;
  return r.value;
}

/** Run the steps on a model of the service (the emulator's rules), collecting what it sends. */
function serve(steps: Step[], unique: boolean) {
  let votes: WireVote[] = [];
  const events: Array<{ type: string; fields: Record<string, unknown> }> = [];
  // Each own write is confirmed by an answer with the poll (as the emulator answers) or with
  // only the vote (the seeds make the poll optional), so own votes also rest on the events.
  const own: Array<{ start: Action; settle: Action; settleBare: Action }> = [];
  steps.forEach((s, i) => {
    const user = USERS[s.user]!;
    const at = t(i + 1);
    const mine = votes.filter((v) => v.user === user);
    let type: string;
    let vote: WireVote;
    let removed = false;
    if (s.cast) {
      const option = OPTIONS[s.option]!;
      if (mine.some((v) => v.option === option)) return; // no change, no event
      vote = { id: `v${i}`, user, option, at };
      type = 'poll.vote_casted';
      if (unique && mine.length > 0) {
        votes = votes.filter((v) => v.user !== user);
        type = 'poll.vote_changed';
      }
      votes = [...votes, vote];
    } else {
      const target = mine[s.option % Math.max(1, mine.length)];
      if (!target) return;
      vote = target;
      votes = votes.filter((v) => v !== target);
      type = 'poll.vote_removed';
      removed = true;
    }
    const o = { votes, updatedAt: at, enforce_unique_vote: unique };
    events.push({ type, fields: { cid: A, created_at: new Date(at).toISOString(), poll: wirePoll('p1', o), poll_vote: wireVote('p1', vote) } });
    if (user === 'me') {
      const opId = `op${i}`;
      const shown = removed ? decodedVote(vote) : { ...decodedVote(vote), id: opId };
      own.push({
        start: { type: 'poll/voteStarted', pollId: 'p1', op: { id: opId, kind: removed ? 'remove' : 'cast', messageId: 'm1', ...(removed ? {} : { optionId: vote.option! }), vote: shown } },
        settle: { type: 'poll/voteSettled', pollId: 'p1', opId, poll: decodedPoll('p1', { ...o, viewer: 'me' }), vote: decodedVote(vote) },
        settleBare: { type: 'poll/voteSettled', pollId: 'p1', opId, vote: decodedVote(vote) },
      });
    }
  });
  return { votes, events, own };
}

const steps = fc.array(fc.record({ user: fc.integer({ min: 0, max: 2 }), cast: fc.boolean(), option: fc.integer({ min: 0, max: 2 }) }), { maxLength: 24 });

describe('poll votes in any order', () => {
  it('converge to the server counts, latest votes and own votes', () => {
    fc.assert(
      fc.property(steps, fc.boolean(), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), fc.infiniteStream(fc.boolean()), (list, unique, places, repeats) => {
        const { votes, events, own } = serve(list, unique);
        const h = storeHarness();
        h.hydrate(A, { messages: [msg(A, 'm1', BASE_MS, { poll_id: 'p1', poll: wirePoll('p1', { viewer: 'me', enforce_unique_vote: unique }) })] });
        const deliveries: Delivery[] = [];
        const place = () => places.next().value as number;
        for (const e of events) {
          deliveries.push({ at: place(), action: { type: 'event', event: eventOf(e) } });
          if (repeats.next().value) deliveries.push({ at: place(), action: { type: 'event', event: eventOf(e) } });
        }
        for (const o of own) {
          const a = place();
          const b = place();
          const settle = repeats.next().value ? o.settle : o.settleBare;
          deliveries.push({ at: Math.min(a, b), action: o.start }, { at: Math.max(a, b) + 1e-9, action: settle });
        }
        deliveries.sort((x, y) => x.at - y.at);
        for (const d of deliveries) h.dispatch(d.action);

        const shown = selectPoll(h.store.getState(), 'p1');
        const server = decodedPoll('p1', { votes, viewer: 'me', enforce_unique_vote: unique });
        expect(shown?.pendingVotes).toBe(0);
        expect(shown?.vote_counts_by_option).toEqual(server.vote_counts_by_option);
        expect(shown?.vote_count).toBe(server.vote_count);
        const latest = Object.fromEntries(Object.entries(shown?.latest_votes_by_option ?? {}).map(([k, l]) => [k, l.map((v) => v.id)]));
        const want = Object.fromEntries(OPTIONS.map((k) => [k, votes.filter((v) => v.option === k).sort((x, y) => y.at - x.at).slice(0, 10).map((v) => v.id)]));
        expect(latest).toEqual(want);
        expect((shown?.own_votes ?? []).map((v) => v.id).sort()).toEqual(server.own_votes.map((v) => v.id).sort());
      }),
      propertyRuns({ numRuns: 200, seed: 2424 }),
    );
  });
});

function eventOf(e: { type: string; fields: Record<string, unknown> }) {
  const r = decodeEvent({ type: e.type, ...e.fields });
  if (!r.ok) throw r.error;
  return r.value;
}
