// The state types of polls (ChatState.polls and ChatState.pollVoteLists; state.ts holds the
// rest and re-exports these). Reducers: polls.ts, pollVoteLists.ts; views: pollView.ts.
import type { PollOptionResponseData, PollResponseData, PollVoteResponseData } from '../models/generated/types.ts';

/**
 * A poll as the server last described it: `latest_votes_by_option` decoded into votes, and
 * `own_votes` the own user's votes as this client knows them (REST answers carry them;
 * events never do, so the own vote events move them: polls.ts).
 */
export type PollData = Omit<PollResponseData, 'latest_votes_by_option' | 'vote_counts_by_option' | 'own_votes' | 'latest_answers' | 'options'> & {
  options: readonly PollOptionResponseData[];
  latest_votes_by_option: Readonly<Record<string, readonly PollVoteResponseData[]>>;
  vote_counts_by_option: Readonly<Record<string, number>>;
  own_votes: readonly PollVoteResponseData[];
  latest_answers: readonly PollVoteResponseData[];
};

/** A vote or vote removal shown before the server confirmed it (polls.ts overlays it on `data`). */
export interface PollVoteOp {
  /** Client-made operation id. */
  id: string;
  kind: 'cast' | 'remove';
  messageId: string;
  /** cast: the option voted for. */
  optionId?: string;
  /** cast: the vote shown meanwhile (its id is the op id); remove: the vote taken away. */
  vote: PollVoteResponseData;
}

/** An own vote removed: when it was cast, and whether it was an answer. */
export interface RemovedVote {
  at: number;
  answer: boolean;
}

export interface PollEntry {
  id: string;
  /** null while only a vote query or a pending write knows of the poll. */
  data: PollData | null;
  /** Deleted on the server (poll.deleted, DeletePoll): shown as gone, late events ignored. */
  deleted: boolean;
  /**
   * Own vote ids removed, with their created_at: a late poll.vote_casted of a removed vote
   * cannot bring it back, and under enforce_unique_vote a removed vote newer than a held one
   * shows the held one was replaced before (polls.ts, ownVotesAfter).
   */
  removedOwn: Readonly<Record<string, RemovedVote>>;
  /** Own votes and removals not confirmed yet, oldest first (shown over `data`). */
  pending: readonly PollVoteOp[];
}

export interface PollVoteListState {
  key: string;
  pollId: string;
  filter: Readonly<Record<string, unknown>>;
  votes: readonly PollVoteResponseData[];
  next: string | null;
  hasMore: boolean;
  loading: boolean;
  /** The failure of the last page (the shape of state.ts's StoredError). */
  error: Readonly<{ code: number; status: number; message: string; endpoint: string; retryable: boolean }> | null;
}
