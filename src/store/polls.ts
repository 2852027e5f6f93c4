// Polls, held once by id (`state.polls`). Messages refer to a poll by `poll_id` and arrive
// with a copy of it embedded (`message.poll`): that copy is taken into this table
// (pollMessages.ts) and then left as it came. The message copy is a snapshot of the moment
// the message was serialized; the table entry is the live poll, and what every view shows
// (selectPollOfMessage joins the two). So a vote on a poll shown in two channels, or in a
// channel and a thread, shows in both at once.
//
// How a poll changes (PROTOCOL.md section 6; the official client's src/poll.ts):
// - Every poll.* event carries the whole poll as the service serialized it once for all
//   recipients: counts per option, latest votes per option, latest answers, answers_count
//   and the poll's own fields are everyone's and are taken from it; `own_votes` in it means
//   nothing and is never read. REST answers (GetPoll, CastPollVote, channel queries) carry
//   the caller's own votes, and those replace the held ones.
// - A snapshot older than the one held (`updated_at`) is not applied, so a REST answer
//   that raced a later event cannot take the poll back. Equal times apply: events on one
//   socket come in order, and the last one is the newest (the official client applies
//   every event; a service that does not move `updated_at` on votes gets that behaviour).
// - Own votes move by the own user's vote events, as sets so that any order converges:
//   a cast adds its vote (unless that vote id was removed: `removedOwn`), a removal takes
//   it away for good. Under enforce_unique_vote (and always for answers: one per user) only
//   the newest own vote counts, and a newer removed one means none does.
// - Optimistic votes are not written into `data`: they wait in `pending` and the view lays
//   them over `data` (pollView.ts). Rolling one back is dropping it, exactly; a confirming
//   event that comes before the HTTP answer is not counted twice, because the overlay skips
//   a cast whose option the own votes already hold.
import type { ChatEvent } from '../models/events.ts';
import { decodeModel } from '../models/decode.ts';
import type { PollOptionResponseData, PollResponseData, PollVoteResponseData } from '../models/generated/types.ts';
import type { ChatState, PollData, PollEntry, PollVoteOp, RemovedVote } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { peek } from './peek.ts';
import { emptyRecord } from './records.ts';
import { tablePeek, tableSet } from './table.ts';
import { pollVoteListsOnEvent } from './pollVoteLists.ts';

export type PollAction =
  /** A poll from a REST answer: its own votes are the caller's. */
  | { type: 'poll/fetched'; poll: PollResponseData }
  /** DeletePoll answered. */
  | { type: 'poll/removed'; pollId: string }
  /** An option the server added (CreatePollOption, UpdatePollOption answered). */
  | { type: 'poll/optionStored'; pollId: string; option: PollOptionResponseData }
  | { type: 'poll/voteStarted'; pollId: string; op: PollVoteOp }
  /** The server took the write; its answer's poll (with own votes) or vote is applied. */
  | { type: 'poll/voteSettled'; pollId: string; opId: string; poll?: PollResponseData | undefined; vote?: PollVoteResponseData | undefined }
  /** The write failed: the overlay is dropped, nothing else changes. */
  | { type: 'poll/voteFailed'; pollId: string; opId: string };

export const POLL_EVENT_TYPES = ['poll.updated', 'poll.closed', 'poll.deleted', 'poll.vote_casted', 'poll.vote_changed', 'poll.vote_removed'] as const;

const NO_VOTES: readonly PollVoteResponseData[] = Object.freeze([]);
const NO_OPS: readonly PollVoteOp[] = Object.freeze([]);

export function newPollEntry(id: string): PollEntry {
  return { id, data: null, deleted: false, removedOwn: emptyRecord(), pending: NO_OPS };
}

function isAnswer(v: PollVoteResponseData): boolean {
  return v.is_answer === true || (v.answer_text !== undefined && v.answer_text !== '');
}

/** Who cast a vote (anonymous polls leave both out). */
export function voterOf(v: PollVoteResponseData): string | undefined {
  return v.user_id ?? v.user?.id;
}

/**
 * `latest_votes_by_option` and `vote_counts_by_option` are open maps in the seeds, so the
 * boundary decoders leave their contents as sent: the votes in them are decoded here
 * (timestamps to epoch ms), counts kept only where they are numbers.
 */
function votesOf(list: unknown): readonly PollVoteResponseData[] {
  if (!Array.isArray(list) || list.length === 0) return NO_VOTES;
  const out: PollVoteResponseData[] = [];
  for (const v of list) {
    const r = decodeModel('PollVoteResponseData', v, { freeze: true });
    if (r.ok) out.push(r.value);
  }
  return out;
}

export function toPollData(raw: PollResponseData): PollData {
  const latest: Record<string, readonly PollVoteResponseData[]> = {};
  for (const [option, list] of Object.entries(raw.latest_votes_by_option ?? {})) latest[option] = votesOf(list);
  const counts: Record<string, number> = {};
  for (const [option, n] of Object.entries(raw.vote_counts_by_option ?? {})) if (typeof n === 'number') counts[option] = n;
  return { ...raw, latest_votes_by_option: latest, vote_counts_by_option: counts, own_votes: raw.own_votes ?? NO_VOTES };
}

function entryOf(state: ChatState, id: string): PollEntry | undefined {
  return tablePeek(peek(state).polls, id);
}

function put(state: ChatState, prev: PollEntry | undefined, next: PollEntry): void {
  if (next !== prev) tableSet(state.polls, next.id, next);
}

/** Replace `data` by `next` unless equal (a repeat keeps every reference). */
function withData(entry: PollEntry, next: PollData): PollEntry {
  return deepEqual(entry.data, next) ? entry : { ...entry, data: next };
}

/**
 * Take a poll snapshot. `own`: the snapshot's own_votes are the own user's (a REST answer);
 * otherwise the held own votes stay. Returns whether the snapshot was applied (not older).
 */
export function applyPollSnapshot(state: ChatState, raw: PollResponseData, own: boolean): boolean {
  if (!raw.id) return false;
  const prev = entryOf(state, raw.id);
  const entry = prev ?? newPollEntry(raw.id);
  if (entry.deleted) return false;
  const held = entry.data;
  if (held && raw.updated_at < held.updated_at) return false;
  const data = toPollData(raw);
  const ownVotes = own ? data.own_votes.filter((v) => !entry.removedOwn[v.id]) : (held?.own_votes ?? NO_VOTES);
  put(state, prev, withData(entry, { ...data, own_votes: ownVotes.length === 0 ? NO_VOTES : ownVotes }));
  return true;
}

/**
 * The own votes after an own vote event. Sets, not sequences: the same events in any
 * order give the same votes (see the file comment).
 */
export function ownVotesAfter(
  entry: PollEntry,
  data: PollData,
  vote: PollVoteResponseData,
  removed: boolean,
): { own: readonly PollVoteResponseData[]; removedOwn: Readonly<Record<string, RemovedVote>> } {
  let removedOwn = entry.removedOwn;
  let own = data.own_votes;
  if (removed) {
    if (!removedOwn[vote.id]) removedOwn = { ...removedOwn, [vote.id]: { at: vote.created_at, answer: isAnswer(vote) } };
    own = own.filter((v) => v.id !== vote.id);
  } else if (!removedOwn[vote.id]) {
    const i = own.findIndex((v) => v.id === vote.id);
    if (i < 0) own = [...own, vote];
    else if (!deepEqual(own[i], vote)) own = own.map((v, j) => (j === i ? vote : v));
  }
  own = keepNewest(own, removedOwn, true, true);
  if (data.enforce_unique_vote) own = keepNewest(own, removedOwn, false, false);
  return { own: own.length === 0 ? NO_VOTES : own, removedOwn };
}

/** Of the own votes of one kind (answers, or option votes), keep only the newest, if alive. */
function keepNewest(
  own: readonly PollVoteResponseData[],
  removedOwn: Readonly<Record<string, RemovedVote>>,
  answers: boolean,
  always: boolean,
): readonly PollVoteResponseData[] {
  if (!always && own.length === 0) return own;
  const ofKind = own.filter((v) => isAnswer(v) === answers);
  let newest = -Infinity;
  let newestId: string | undefined;
  for (const v of ofKind) {
    if (v.created_at > newest || (v.created_at === newest && newestId !== undefined && v.id > newestId)) {
      newest = v.created_at;
      newestId = v.id;
    }
  }
  for (const [id, r] of Object.entries(removedOwn)) {
    if (r.answer !== answers) continue;
    if (r.at > newest || (r.at === newest && newestId !== undefined && id > newestId)) {
      newest = r.at;
      newestId = undefined;
    }
  }
  if (ofKind.length <= 1 && (newestId !== undefined || ofKind.length === 0)) return own;
  const next = own.filter((v) => isAnswer(v) !== answers || v.id === newestId);
  return next.length === own.length ? own : next;
}

function pollIdOf(ev: ChatEvent): string | undefined {
  const id = ev.poll?.id ?? ev.poll_vote?.poll_id ?? ev['poll_id'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** A poll.* event (PROTOCOL.md section 6). */
export function applyPollEvent(state: ChatState, ev: ChatEvent): void {
  const id = pollIdOf(ev);
  if (!id) return;
  switch (ev.type) {
    case 'poll.deleted': {
      const prev = entryOf(state, id) ?? newPollEntry(id);
      if (!prev.deleted) put(state, entryOf(state, id), { ...prev, deleted: true });
      return;
    }
    case 'poll.updated':
      if (ev.poll) applyPollSnapshot(state, ev.poll, false);
      return;
    case 'poll.closed': {
      const applied = ev.poll ? applyPollSnapshot(state, ev.poll, false) : true;
      const prev = entryOf(state, id);
      if (applied && prev?.data && prev.data.is_closed !== true) put(state, prev, { ...prev, data: { ...prev.data, is_closed: true } });
      return;
    }
    case 'poll.vote_casted':
    case 'poll.vote_changed':
    case 'poll.vote_removed': {
      if (ev.poll) applyPollSnapshot(state, ev.poll, false);
      const raw = ev.poll_vote;
      if (!raw) return;
      // The service stamps every vote; a vote without a time is placed at the event's.
      const vote: PollVoteResponseData = raw.created_at === undefined ? { ...raw, created_at: ev.created_at, updated_at: raw.updated_at ?? ev.created_at } : raw;
      const removed = ev.type === 'poll.vote_removed';
      pollVoteListsOnEvent(state, id, vote, removed);
      const me = peek(peek(state).me)?.id;
      const prev = entryOf(state, id);
      if (!me || voterOf(vote) !== me || !prev?.data || prev.deleted) return;
      const { own, removedOwn } = ownVotesAfter(prev, prev.data, vote, removed);
      if (own === prev.data.own_votes && removedOwn === prev.removedOwn) return;
      put(state, prev, { ...prev, removedOwn, data: { ...prev.data, own_votes: own } });
      return;
    }
  }
}

/** The poll actions (REST answers and the optimistic writes). */
export function reducePollAction(state: ChatState, action: PollAction): void {
  switch (action.type) {
    case 'poll/fetched':
      applyPollSnapshot(state, action.poll, true);
      return;
    case 'poll/removed': {
      const prev = entryOf(state, action.pollId);
      if (!prev?.deleted) put(state, prev, { ...(prev ?? newPollEntry(action.pollId)), deleted: true });
      return;
    }
    case 'poll/optionStored': {
      const prev = entryOf(state, action.pollId);
      if (!prev?.data) return;
      const options = prev.data.options;
      const i = options.findIndex((o) => o.id === action.option.id);
      if (i >= 0 && deepEqual(options[i], action.option)) return;
      const next = i >= 0 ? options.map((o, j) => (j === i ? action.option : o)) : [...options, action.option];
      put(state, prev, { ...prev, data: { ...prev.data, options: next } });
      return;
    }
    case 'poll/voteStarted': {
      const prev = entryOf(state, action.pollId) ?? newPollEntry(action.pollId);
      if (prev.pending.some((op) => op.id === action.op.id)) return;
      put(state, entryOf(state, action.pollId), { ...prev, pending: [...prev.pending, action.op] });
      return;
    }
    case 'poll/voteSettled':
    case 'poll/voteFailed': {
      const prev = entryOf(state, action.pollId);
      if (!prev) return;
      const op = prev.pending.find((o) => o.id === action.opId);
      if (op) {
        const pending = prev.pending.filter((o) => o !== op);
        put(state, prev, { ...prev, pending: pending.length === 0 ? NO_OPS : pending });
      }
      if (action.type === 'poll/voteSettled' && op) settle(state, action.pollId, op, action.poll, action.vote);
      return;
    }
  }
}

/**
 * A confirmed write: the answer's poll carries the caller's own votes and is applied as
 * any REST snapshot. An answer without a poll moves the own votes by its vote, as the own
 * vote event will (the event's counts then replace the held ones).
 */
function settle(state: ChatState, pollId: string, op: PollVoteOp, poll: PollResponseData | undefined, vote: PollVoteResponseData | undefined): void {
  if (poll && applyPollSnapshot(state, poll, true)) return;
  const prev = entryOf(state, pollId);
  if (!prev?.data || prev.deleted) return;
  const confirmed = op.kind === 'remove' ? op.vote : vote && vote.id ? { ...op.vote, ...vote, created_at: vote.created_at ?? op.vote.created_at } : undefined;
  if (!confirmed) return;
  const { own, removedOwn } = ownVotesAfter(prev, prev.data, confirmed, op.kind === 'remove');
  if (own === prev.data.own_votes && removedOwn === prev.removedOwn) return;
  put(state, prev, { ...prev, removedOwn, data: { ...prev.data, own_votes: own } });
}
