// Polls: CreatePoll, GetPoll, QueryPolls (Common API seed) and CastPollVote, DeletePollVote
// (Chat API seed). Votes are announced to the watchers of the channel that holds the poll's
// message as poll.vote_casted / poll.vote_changed / poll.vote_removed.
import { randomUUID } from 'node:crypto';
import type { Backend } from '../backend.ts';
import { emitChannelEvent } from '../broadcast.ts';
import { inputError, notFound } from '../errors.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { isObject, optArray, optBool, optInt, optObject, optString, reqString } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { MessageRecord, PollRecord, PollVoteRecord } from '../state.ts';
import { formatTime } from '../clock.ts';
import { channelEventBase, compact, eventMessage, pollResponse, userById, type Json } from '../views.ts';

export const createPoll: Handler = (b, ctx) => {
  const body = ctx.body;
  const name = reqString(body, 'name');
  const id = optString(body, 'id') || randomUUID();
  if (b.state.polls.has(id)) throw inputError(`a poll with id "${id}" already exists`);
  const options = (optArray(body, 'options') ?? []).map((o, i) => {
    if (!isObject(o) || typeof o['text'] !== 'string' || o['text'] === '') throw inputError('"options" entries need a "text"');
    return { id: typeof o['id'] === 'string' && o['id'] !== '' ? o['id'] : `${id}-option-${i + 1}`, text: o['text'], custom: isObject(o['custom']) ? { ...o['custom'] } : {} };
  });
  if (new Set(options.map((o) => o.text)).size !== options.length) throw inputError('poll options must be unique');
  const visibility = optString(body, 'voting_visibility') ?? 'public';
  if (visibility !== 'public' && visibility !== 'anonymous') throw inputError('"voting_visibility" must be "public" or "anonymous"');
  const now = b.now();
  const poll: PollRecord = {
    id, name, description: optString(body, 'description') ?? '', created_by_id: ctx.userId,
    custom: isObject(body['Custom']) ? { ...body['Custom'] } : isObject(body['custom']) ? { ...body['custom'] } : {},
    options, votes: [], voting_visibility: visibility, enforce_unique_vote: optBool(body, 'enforce_unique_vote') ?? false,
    allow_answers: optBool(body, 'allow_answers') ?? false, allow_user_suggested_options: optBool(body, 'allow_user_suggested_options') ?? false,
    is_closed: optBool(body, 'is_closed') ?? false, created_at: now, updated_at: now,
  };
  const max = optInt(body, 'max_votes_allowed', 1, 10);
  if (max !== undefined) poll.max_votes_allowed = max;
  b.state.polls.set(id, poll);
  b.changed();
  return { poll: pollResponse(b, poll, ctx.userId) };
};

function requirePoll(b: Backend, id: string): PollRecord {
  const poll = b.state.polls.get(id);
  if (!poll) throw notFound(`poll "${id}" does not exist`);
  return poll;
}

export const getPoll: Handler = (b, ctx) => ({ poll: pollResponse(b, requirePoll(b, ctx.params['poll_id'] ?? ''), ctx.userId) });

export const queryPolls: Handler = (b, ctx) => {
  const filter = optObject(ctx.body, 'filter') ?? {};
  const sort = parseSort(ctx.body['sort'], ['created_at', 'updated_at', 'name', 'is_closed']);
  const limit = optInt(ctx.body, 'limit', 1, 100) ?? 10;
  const next = optString(ctx.body, 'next');
  const offset = next ? Number(Buffer.from(next, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw inputError('"next" is not a cursor this server issued');
  const get = (p: PollRecord, f: string): unknown =>
    f === 'id' ? p.id : f === 'name' ? p.name : f === 'is_closed' ? p.is_closed : f === 'created_by_id' ? p.created_by_id : f === 'created_at' ? p.created_at : f === 'updated_at' ? p.updated_at : p.custom[f];
  const list = [...b.state.polls.values()].filter((p) => matchFilter(p, filter, get));
  list.sort(compareBy(sort.length > 0 ? sort : [{ field: 'created_at', direction: -1 }], (p, f) => {
    const v = get(p, f);
    return typeof v === 'boolean' ? Number(v) : typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  const out: Json = { polls: list.slice(offset, offset + limit).map((p) => pollResponse(b, p, ctx.userId)) };
  if (offset + limit < list.length) out['next'] = Buffer.from(String(offset + limit)).toString('base64url');
  return out;
};

function pollMessage(b: Backend, messageId: string, pollId: string, userId: string): { m: MessageRecord; poll: PollRecord } {
  const m = b.requireMessage(messageId);
  requireAccess(b.channelOf(m), userId, 'vote');
  if (m.poll_id !== pollId) throw inputError(`message "${messageId}" does not hold poll "${pollId}"`);
  return { m, poll: requirePoll(b, pollId) };
}

/** A vote as the service returns it: stamped, the answer flagged, the voter left out of anonymous polls. */
function voteJson(b: Backend, poll: PollRecord, vote: PollVoteRecord): Json {
  const anonymous = poll.voting_visibility === 'anonymous';
  return compact({
    id: vote.id,
    poll_id: poll.id,
    option_id: vote.option_id ?? '',
    answer_text: vote.answer_text,
    is_answer: vote.answer_text !== undefined || undefined,
    user_id: anonymous ? undefined : vote.user_id,
    user: anonymous ? undefined : userById(b, vote.user_id),
    created_at: formatTime(vote.created_at),
    updated_at: formatTime(vote.updated_at),
  });
}

function announceVote(b: Backend, m: MessageRecord, poll: PollRecord, type: string, vote: PollVoteRecord): void {
  const channel = b.channelOf(m);
  const now = b.now();
  emitChannelEvent(b, channel, (uid) => ({
    ...channelEventBase(channel, type, now),
    poll: pollResponse(b, poll, uid, 'event'),
    poll_vote: voteJson(b, poll, vote),
    message: eventMessage(b, m, uid),
  }));
}

export const castPollVote: Handler = (b, ctx) => {
  const { m, poll } = pollMessage(b, ctx.params['message_id'] ?? '', ctx.params['poll_id'] ?? '', ctx.userId);
  if (poll.is_closed) throw inputError('the poll is closed');
  const vote = optObject(ctx.body, 'vote') ?? {};
  const optionId = optString(vote, 'option_id');
  const answer = optString(vote, 'answer_text');
  if ((optionId === undefined) === (answer === undefined)) throw inputError('a vote needs exactly one of "option_id" or "answer_text"');
  if (optionId !== undefined && !poll.options.some((o) => o.id === optionId)) throw inputError(`poll "${poll.id}" has no option "${optionId}"`);
  if (answer !== undefined && !poll.allow_answers) throw inputError('the poll does not allow answers');
  const own = poll.votes.filter((v) => v.user_id === ctx.userId && v.option_id !== undefined);
  const now = b.now();
  let type = 'poll.vote_casted';
  let record: PollVoteRecord;
  if (optionId !== undefined) {
    const same = own.find((v) => v.option_id === optionId);
    if (same) return { poll: pollResponse(b, poll, ctx.userId), vote: voteJson(b, poll, same) };
    const max = poll.enforce_unique_vote ? 1 : poll.max_votes_allowed;
    if (max !== undefined && own.length >= max) {
      if (max !== 1) throw inputError(`at most ${max} votes per user`);
      // A unique vote moves to the new option.
      poll.votes = poll.votes.filter((v) => v !== own[0]);
      type = 'poll.vote_changed';
    }
    record = { id: randomUUID(), poll_id: poll.id, option_id: optionId, user_id: ctx.userId, created_at: now, updated_at: now };
  } else {
    poll.votes = poll.votes.filter((v) => !(v.user_id === ctx.userId && v.answer_text !== undefined));
    record = { id: randomUUID(), poll_id: poll.id, answer_text: answer ?? '', user_id: ctx.userId, created_at: now, updated_at: now };
  }
  poll.votes.push(record);
  poll.updated_at = now;
  b.changed();
  announceVote(b, m, poll, type, record);
  return { poll: pollResponse(b, poll, ctx.userId), vote: voteJson(b, poll, record) };
};

export const deletePollVote: Handler = (b, ctx) => {
  const { m, poll } = pollMessage(b, ctx.params['message_id'] ?? '', ctx.params['poll_id'] ?? '', ctx.userId);
  const vote = poll.votes.find((v) => v.id === ctx.params['vote_id']);
  if (!vote) throw notFound(`vote "${ctx.params['vote_id'] ?? ''}" does not exist`);
  if (vote.user_id !== ctx.userId) throw inputError('a user can only remove their own vote');
  poll.votes = poll.votes.filter((v) => v !== vote);
  poll.updated_at = b.now();
  b.changed();
  announceVote(b, m, poll, 'poll.vote_removed', vote);
  return { poll: pollResponse(b, poll, ctx.userId), vote: voteJson(b, poll, vote) };
};
