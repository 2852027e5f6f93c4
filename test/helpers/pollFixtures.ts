// Polls as the wire carries them, built from a list of votes the way the service counts
// them: counts per option, the latest votes per option (newest first, at most 10), latest
// answers, and the viewer's own votes (empty for events, which the service serializes once).
import { decodeModel } from '../../src/models/decode.ts';
import type { PollResponseData } from '../../src/models/generated/types.ts';
import { BASE_MS, iso, user } from './storeFixtures.ts';

export interface WireVote {
  id: string;
  user: string;
  option?: string;
  answer?: string;
  at: number;
}

export interface WirePollOptions {
  options?: string[];
  votes?: WireVote[];
  /** Whose own_votes to include; undefined for an event's copy (none). */
  viewer?: string;
  updatedAt?: number;
  name?: string;
  enforce_unique_vote?: boolean;
  max_votes_allowed?: number;
  is_closed?: boolean;
  allow_answers?: boolean;
}

export function wireVote(pollId: string, v: WireVote): Record<string, unknown> {
  return {
    id: v.id,
    poll_id: pollId,
    option_id: v.option ?? '',
    ...(v.answer !== undefined ? { answer_text: v.answer, is_answer: true } : {}),
    user_id: v.user,
    user: user(v.user),
    created_at: iso(v.at),
    updated_at: iso(v.at),
  };
}

export function wirePoll(id: string, o: WirePollOptions = {}): Record<string, unknown> {
  const options = o.options ?? ['a', 'b', 'c'];
  const votes = [...(o.votes ?? [])].sort((x, y) => y.at - x.at);
  const counts: Record<string, number> = {};
  const latest: Record<string, unknown[]> = {};
  for (const opt of options) {
    counts[opt] = 0;
    latest[opt] = [];
  }
  for (const v of votes) {
    if (v.option === undefined) continue;
    counts[v.option] = (counts[v.option] ?? 0) + 1;
    const list = latest[v.option];
    if (list && list.length < 10) list.push(wireVote(id, v));
  }
  const answers = votes.filter((v) => v.answer !== undefined);
  return {
    id,
    name: o.name ?? `poll ${id}`,
    description: '',
    custom: {},
    created_by_id: 'carol',
    created_by: user('carol'),
    options: options.map((opt) => ({ id: opt, text: `option ${opt}`, custom: {} })),
    voting_visibility: 'public',
    enforce_unique_vote: o.enforce_unique_vote ?? false,
    ...(o.max_votes_allowed !== undefined ? { max_votes_allowed: o.max_votes_allowed } : {}),
    allow_answers: o.allow_answers ?? false,
    allow_user_suggested_options: false,
    is_closed: o.is_closed ?? false,
    vote_count: votes.filter((v) => v.option !== undefined).length,
    answers_count: answers.length,
    vote_counts_by_option: counts,
    latest_votes_by_option: latest,
    latest_answers: answers.slice(0, 10).map((v) => wireVote(id, v)),
    own_votes: o.viewer === undefined ? [] : votes.filter((v) => v.user === o.viewer).map((v) => wireVote(id, v)),
    created_at: iso(BASE_MS),
    updated_at: iso(o.updatedAt ?? BASE_MS),
  };
}

/** The same poll decoded, as a REST answer's poll reaches the store. */
export function decodedPoll(id: string, o: WirePollOptions = {}): PollResponseData {
  const r = decodeModel('PollResponseData', wirePoll(id, o), { freeze: true });
  if (!r.ok) throw r.error;
  return r.value;
}
