// Vote queries of a poll (PollHandle.queryVotes): pages of QueryPollVotes held in the store
// by key, kept live by the poll's vote events. A removed vote leaves every list of its poll.
// A new or changed vote goes first into the lists whose filter it matches, when the filter
// is one the client can check (equality on option_id, user_id, is_answer, or none) and the
// list is in the service's default order (newest first); other lists show it when they are
// refreshed.
import type { PollVoteResponseData } from '../models/generated/types.ts';
import type { ChatState, PollVoteListState, StoredError } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { peek } from './peek.ts';

export type PollVoteListAction =
  | { type: 'pollVotes/requested'; key: string; pollId: string; filter: Readonly<Record<string, unknown>>; reset: boolean }
  | { type: 'pollVotes/loaded'; key: string; votes: readonly PollVoteResponseData[]; next: string | null; reset: boolean }
  | { type: 'pollVotes/failed'; key: string; error: StoredError }
  | { type: 'pollVotes/disposed'; key: string };

const CHECKABLE = new Set(['option_id', 'user_id', 'is_answer']);

/** Whether `vote` matches `filter`: true, false, or undefined when the client cannot tell. */
function matches(filter: Readonly<Record<string, unknown>>, vote: PollVoteResponseData): boolean | undefined {
  for (const [field, want] of Object.entries(filter)) {
    if (!CHECKABLE.has(field)) return undefined;
    const cond = typeof want === 'object' && want !== null && '$eq' in want ? (want as { $eq: unknown }).$eq : want;
    if (typeof cond === 'object' && cond !== null) return undefined;
    const have = field === 'option_id' ? vote.option_id : field === 'user_id' ? (vote.user_id ?? vote.user?.id) : vote.is_answer === true || (vote.answer_text ?? '') !== '';
    if (have !== cond) return false;
  }
  return true;
}

export function reducePollVoteList(state: ChatState, action: PollVoteListAction): void {
  const lists = state.pollVoteLists as Record<string, PollVoteListState>;
  const held = peek(peek(state).pollVoteLists)[action.key];
  switch (action.type) {
    case 'pollVotes/requested': {
      const base: PollVoteListState = held && !action.reset && held.pollId === action.pollId
        ? held
        : { key: action.key, pollId: action.pollId, filter: action.filter, votes: [], next: null, hasMore: true, loading: false, error: null };
      if (base === held && held.loading && held.error === null) return;
      lists[action.key] = { ...base, loading: true, error: null };
      return;
    }
    case 'pollVotes/loaded': {
      if (!held) return;
      const before = action.reset ? [] : held.votes;
      const seen = new Set(before.map((v) => v.id));
      const votes = [...before, ...action.votes.filter((v) => !seen.has(v.id))];
      const next: PollVoteListState = { ...held, votes: deepEqual(votes, held.votes) ? held.votes : votes, next: action.next, hasMore: action.next !== null, loading: false, error: null };
      if (!deepEqual(next, held)) lists[action.key] = next;
      return;
    }
    case 'pollVotes/failed':
      if (held) lists[action.key] = { ...held, loading: false, error: action.error };
      return;
    case 'pollVotes/disposed':
      if (held) delete lists[action.key];
      return;
  }
}

/** A vote event on the lists of its poll. O(lists of all polls held): a handful. */
export function pollVoteListsOnEvent(state: ChatState, pollId: string, vote: PollVoteResponseData, removed: boolean): void {
  const held = peek(peek(state).pollVoteLists);
  for (const key in held) {
    const list = held[key];
    if (!list || list.pollId !== pollId) continue;
    const match = removed ? false : matches(list.filter, vote);
    if (match === undefined) continue;
    const without = list.votes.filter((v) => v.id !== vote.id);
    const votes = match ? [vote, ...without] : without;
    if (deepEqual(votes, list.votes)) continue;
    (state.pollVoteLists as Record<string, PollVoteListState>)[key] = { ...list, votes };
  }
}
