// The reaction summary of a message (counts, scores, groups, latest and own reactions)
// moved by one own reaction at a time. Both directions are relative to the copy they are
// given: adding then removing the same reaction leaves every field as it was, whatever
// other users changed in between, which is what makes an optimistic reaction exactly
// reversible (PROTOCOL.md section 8).
import type { ReactionResponse } from '../models/generated/types.ts';
import type { LocalMessage } from './state.ts';
import { toRfc3339 } from '../models/timestamp.ts';

interface Group {
  count: number;
  sum_scores: number;
  first_reaction_at?: unknown;
  last_reaction_at?: unknown;
  [field: string]: unknown;
}

type Summary = Pick<LocalMessage, 'reaction_counts' | 'reaction_scores' | 'reaction_groups' | 'latest_reactions' | 'own_reactions'>;

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function sameReaction(a: ReactionResponse, userId: string, type: string): boolean {
  return (a.user_id ?? a.user?.id) === userId && a.type === type;
}

/** Insert keeping the server's order (newest first by `key`), so a restored reaction goes back where it was. */
function insertNewestFirst(list: readonly ReactionResponse[], r: ReactionResponse, key: 'updated_at' | 'created_at'): ReactionResponse[] {
  const out = [...list];
  let i = 0;
  while (i < out.length && (out[i] as ReactionResponse)[key] > r[key]) i++;
  out.splice(i, 0, r);
  return out;
}

function withSummary<M extends LocalMessage>(m: M, s: Summary): M {
  return { ...m, ...s };
}

function summaryOf(m: LocalMessage): Summary {
  // The service always sends reaction_groups; an absent one starts empty.
  return {
    reaction_counts: { ...m.reaction_counts },
    reaction_scores: { ...m.reaction_scores },
    reaction_groups: { ...m.reaction_groups },
    latest_reactions: [...m.latest_reactions],
    own_reactions: [...m.own_reactions],
  };
}

/** The copy with the own reaction `r` counted and listed (a held reaction of that type is replaced). */
export function withOwnReaction<M extends LocalMessage>(m: M, r: ReactionResponse): M {
  const s = summaryOf(m);
  const counts = s.reaction_counts as Record<string, number>;
  const scores = s.reaction_scores as Record<string, number>;
  counts[r.type] = num(counts[r.type]) + 1;
  scores[r.type] = num(scores[r.type]) + r.score;
  const groups = s.reaction_groups as Record<string, Group>;
  const g = groups[r.type];
  // An existing group keeps its timestamps, so removing the reaction restores it exactly.
  groups[r.type] = g
    ? { ...g, count: num(g.count) + 1, sum_scores: num(g.sum_scores) + r.score }
    : { count: 1, sum_scores: r.score, first_reaction_at: toRfc3339(r.created_at), last_reaction_at: toRfc3339(r.created_at) };
  s.latest_reactions = insertNewestFirst(s.latest_reactions.filter((x) => !sameReaction(x, r.user_id, r.type)), r, 'updated_at');
  s.own_reactions = insertNewestFirst(s.own_reactions.filter((x) => x.type !== r.type), r, 'created_at');
  return withSummary(m, s);
}

/** The copy without the own reaction `r` (its count and score taken off, its group emptied at zero). */
export function withoutOwnReaction<M extends LocalMessage>(m: M, r: ReactionResponse): M {
  const s = summaryOf(m);
  const counts = s.reaction_counts as Record<string, number>;
  const scores = s.reaction_scores as Record<string, number>;
  const count = num(counts[r.type]) - 1;
  if (count > 0) {
    counts[r.type] = count;
    scores[r.type] = num(scores[r.type]) - r.score;
  } else {
    delete counts[r.type];
    delete scores[r.type];
  }
  const groups = s.reaction_groups as Record<string, Group>;
  const g = groups[r.type];
  if (g && num(g.count) > 1) groups[r.type] = { ...g, count: num(g.count) - 1, sum_scores: num(g.sum_scores) - r.score };
  else delete groups[r.type];
  s.latest_reactions = s.latest_reactions.filter((x) => !sameReaction(x, r.user_id, r.type));
  s.own_reactions = s.own_reactions.filter((x) => x.type !== r.type);
  return withSummary(m, s);
}
