// What a poll looks like to a consumer: the held poll with the own votes still on their way
// laid over it (polls.ts keeps them apart so that a rollback is exact). Selectors are
// memoized on the poll entry's identity: an unchanged poll gives the same object, and a
// change elsewhere in the store wakes nobody.
import type { PollVoteResponseData } from '../models/generated/types.ts';
import type { ChatState, LocalMessage, PollData, PollEntry, PollVoteOp } from './state.ts';
import { tableGet } from './table.ts';

/** A poll as shown: the server's poll with the own votes not confirmed yet counted in. */
export type PollView = PollData & {
  /** Own votes and removals still on their way to the server. */
  readonly pendingVotes: number;
};

function isAnswer(v: PollVoteResponseData): boolean {
  return v.is_answer === true || (v.answer_text !== undefined && v.answer_text !== '');
}

/** The own votes on options (answers left out). */
export function ownOptionVotes(poll: PollData): readonly PollVoteResponseData[] {
  return poll.own_votes.filter((v) => !isAnswer(v) && v.option_id !== '');
}

interface Draft {
  counts: Record<string, number>;
  latest: Record<string, readonly PollVoteResponseData[]>;
  own: PollVoteResponseData[];
  voteCount: number;
}

function take(d: Draft, vote: PollVoteResponseData): void {
  d.own = d.own.filter((v) => v.id !== vote.id);
  const option = vote.option_id;
  d.counts[option] = Math.max(0, (d.counts[option] ?? 0) - 1);
  d.voteCount = Math.max(0, d.voteCount - 1);
  const list = d.latest[option];
  if (list) d.latest[option] = list.filter((v) => v.id !== vote.id);
}

function apply(d: Draft, op: PollVoteOp, unique: boolean): void {
  if (op.kind === 'remove') {
    const held = d.own.find((v) => v.id === op.vote.id);
    // Gone already (its removal event came first): nothing left to take away.
    if (held) take(d, held);
    return;
  }
  const option = op.optionId ?? op.vote.option_id;
  // The option holds an own vote already (the confirming event came before the answer).
  if (d.own.some((v) => !isAnswer(v) && v.option_id === option)) return;
  if (unique) for (const v of d.own.filter((x) => !isAnswer(x))) take(d, v);
  d.own = [...d.own, op.vote];
  d.counts[option] = (d.counts[option] ?? 0) + 1;
  d.voteCount += 1;
  d.latest[option] = [op.vote, ...(d.latest[option] ?? [])];
}

const views = new WeakMap<PollEntry, PollView | null>();

/** The poll of an entry as consumers see it (null when it is not known or was deleted). */
export function pollViewOf(entry: PollEntry | undefined): PollView | null {
  if (!entry) return null;
  const cached = views.get(entry);
  if (cached !== undefined) return cached;
  let view: PollView | null = null;
  const data = entry.data;
  if (data && !entry.deleted) {
    if (entry.pending.length === 0) view = Object.freeze({ ...data, pendingVotes: 0 });
    else {
      const d: Draft = { counts: { ...data.vote_counts_by_option }, latest: { ...data.latest_votes_by_option }, own: [...data.own_votes], voteCount: data.vote_count };
      for (const op of entry.pending) apply(d, op, data.enforce_unique_vote);
      view = Object.freeze({
        ...data,
        vote_counts_by_option: Object.freeze(d.counts),
        latest_votes_by_option: Object.freeze(d.latest),
        own_votes: Object.freeze(d.own),
        vote_count: d.voteCount,
        pendingVotes: entry.pending.length,
      });
    }
  }
  views.set(entry, view);
  return view;
}

/** The poll as shown, by id. */
export function selectPoll(state: ChatState, pollId: string): PollView | null {
  return pollViewOf(tableGet(state.polls, pollId));
}

/** A message with the live poll it shows (null when it has none, or it is not known). */
export interface MessageWithPoll {
  message: LocalMessage;
  poll: PollView | null;
}

/**
 * A selector of one message with its live poll (the table's, not the copy embedded in the
 * message), memoized on both: the same object until either changes.
 * @example
 * client.select(createMessagePollSelector(cid, messageId)).subscribe(({ poll }) => render(poll));
 */
export function createMessagePollSelector(cid: string, messageId: string): (state: ChatState) => MessageWithPoll | null {
  let last: MessageWithPoll | null = null;
  return (state) => {
    const ch = tableGet(state.channels, cid);
    const message = ch ? tableGet(ch.messages, messageId) : undefined;
    if (!message) return (last = null);
    const pollId = message.poll_id ?? message.poll?.id;
    const poll = pollId ? selectPoll(state, pollId) : null;
    if (last && last.message === message && last.poll === poll) return last;
    return (last = Object.freeze({ message, poll }));
  };
}
