// UpdatePoll, UpdatePollPartial, DeletePoll, the poll option operations and QueryPollVotes
// (Common API seed). Only the poll's creator changes or deletes it (code 17 otherwise);
// anyone who can see it may suggest an option when the poll allows suggestions. Changes go to
// the watchers of every channel holding a message with the poll: poll.updated, poll.closed
// when it closes, poll.deleted (PROTOCOL.md section 6).
import { randomUUID } from 'node:crypto';
import type { Backend } from '../backend.ts';
import { emitChannelEvent } from '../broadcast.ts';
import { formatTime } from '../clock.ts';
import { cursorPage } from '../cursor.ts';
import { forbidden, inputError, notFound } from '../errors.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { isObject, optArray, optBool, optInt, optObject, optString, optStringArray, reqString, type Body } from '../input.ts';
import type { Handler, RequestContext } from '../router.ts';
import type { PollOptionRecord, PollRecord, PollVoteRecord } from '../state.ts';
import { channelEventBase, compact, eventMessage, pollResponse, userById, type Json } from '../views.ts';

function requirePoll(b: Backend, id: string): PollRecord {
  const poll = b.state.polls.get(id);
  if (!poll) throw notFound(`poll "${id}" does not exist`);
  return poll;
}

function ownPoll(b: Backend, id: string, userId: string): PollRecord {
  const poll = requirePoll(b, id);
  if (poll.created_by_id !== userId) throw forbidden(`only the creator of poll "${id}" may change it`);
  return poll;
}

/** Send a poll event to the watchers of each channel holding the poll. */
function announcePoll(b: Backend, poll: PollRecord, type: string): void {
  const now = b.now();
  for (const m of b.state.messages.values()) {
    if (m.poll_id !== poll.id) continue;
    const channel = b.state.channels.get(m.cid);
    if (!channel) continue;
    emitChannelEvent(b, channel, (uid) => ({ ...channelEventBase(channel, type, now), poll: pollResponse(b, poll, uid, 'event'), message: eventMessage(b, m, uid) }));
  }
}

function readOption(o: unknown, i: number, needId: boolean): PollOptionRecord {
  if (!isObject(o)) throw inputError(`"options[${i}]" must be an object`);
  const text = optString(o, 'text') ?? '';
  const id = optString(o, 'id');
  if (needId && !id) throw inputError(`"options[${i}].id" is required`);
  if (text === '') throw inputError(`"options[${i}].text" is required`);
  const custom = isObject(o['custom']) ? { ...o['custom'] } : isObject(o['Custom']) ? { ...o['Custom'] } : {};
  return { id: id ?? randomUUID(), text, custom };
}

const VISIBILITY = new Set(['public', 'anonymous']);
const POLL_FIELDS = new Set([
  'id', 'name', 'description', 'voting_visibility', 'enforce_unique_vote', 'allow_answers', 'allow_user_suggested_options', 'is_closed',
  'max_votes_allowed', 'Custom', 'custom', 'options', 'user', 'user_id', 'vote_count', 'created_at', 'updated_at', 'created_by_id',
]);

/** Apply poll fields from `set`; returns whether the poll closed. */
function applyFields(poll: PollRecord, set: Body): boolean {
  const wasClosed = poll.is_closed;
  const name = optString(set, 'name');
  if (name !== undefined) {
    if (name === '') throw inputError('"name" cannot be empty');
    poll.name = name;
  }
  const description = optString(set, 'description');
  if (description !== undefined) poll.description = description;
  const visibility = optString(set, 'voting_visibility');
  if (visibility !== undefined) {
    if (!VISIBILITY.has(visibility)) throw inputError('"voting_visibility" must be "public" or "anonymous"');
    poll.voting_visibility = visibility;
  }
  for (const key of ['enforce_unique_vote', 'allow_answers', 'allow_user_suggested_options', 'is_closed'] as const) {
    const v = optBool(set, key);
    if (v !== undefined) poll[key] = v;
  }
  const max = optInt(set, 'max_votes_allowed', 1, 10);
  if (max !== undefined) poll.max_votes_allowed = max;
  const custom = optObject(set, 'Custom') ?? optObject(set, 'custom');
  if (custom) poll.custom = { ...custom };
  // Other fields are custom data, as the service keeps them.
  for (const [key, value] of Object.entries(set)) if (!POLL_FIELDS.has(key) && key !== '__proto__') poll.custom[key] = value;
  return !wasClosed && poll.is_closed;
}

function finish(b: Backend, poll: PollRecord, closed: boolean, ctx: RequestContext): Json {
  poll.updated_at = b.now();
  b.changed();
  announcePoll(b, poll, 'poll.updated');
  if (closed) announcePoll(b, poll, 'poll.closed');
  return { poll: pollResponse(b, poll, ctx.userId) };
}

export const updatePoll: Handler = (b, ctx) => {
  const poll = ownPoll(b, reqString(ctx.body, 'id'), ctx.userId);
  reqString(ctx.body, 'name');
  const options = optArray(ctx.body, 'options')?.map((o, i) => readOption(o, i, true));
  if (options && new Set(options.map((o) => o.text)).size !== options.length) throw inputError('poll options must be unique');
  // A full update: validate on a copy, then apply; unset fields go back to their defaults.
  const next: PollRecord = { ...poll, description: '', custom: {}, enforce_unique_vote: false, allow_answers: false, allow_user_suggested_options: false, is_closed: false, voting_visibility: 'public' };
  delete next.max_votes_allowed;
  applyFields(next, ctx.body);
  const closed = !poll.is_closed && next.is_closed;
  Object.assign(poll, next);
  if (options) {
    poll.options = options;
    const ids = new Set(options.map((o) => o.id));
    poll.votes = poll.votes.filter((v) => v.option_id === undefined || ids.has(v.option_id));
  }
  return finish(b, poll, closed, ctx);
};

export const updatePollPartial: Handler = (b, ctx) => {
  const poll = ownPoll(b, ctx.params['poll_id'] ?? '', ctx.userId);
  const set = optObject(ctx.body, 'set') ?? {};
  const unset = optStringArray(ctx.body, 'unset') ?? [];
  for (const key of unset) if (key === 'name' || key === 'id') throw inputError(`"${key}" cannot be unset`);
  const next: PollRecord = { ...poll, custom: { ...poll.custom } };
  const closed = applyFields(next, set);
  for (const key of unset) {
    if (key === 'description') next.description = '';
    else if (key === 'max_votes_allowed') delete next.max_votes_allowed;
    else if (key === 'enforce_unique_vote' || key === 'allow_answers' || key === 'allow_user_suggested_options' || key === 'is_closed') next[key] = false;
    else delete next.custom[key];
  }
  Object.assign(poll, next);
  return finish(b, poll, closed, ctx);
};

export const deletePoll: Handler = (b, ctx) => {
  const poll = ownPoll(b, ctx.params['poll_id'] ?? '', ctx.userId);
  announcePoll(b, poll, 'poll.deleted');
  for (const m of b.state.messages.values()) if (m.poll_id === poll.id) delete m.poll_id;
  b.state.polls.delete(poll.id);
  b.changed();
  return {};
};

const optionJson = (o: PollOptionRecord): Json => ({ id: o.id, text: o.text, custom: { ...o.custom } });

export const createPollOption: Handler = (b, ctx) => {
  const poll = requirePoll(b, ctx.params['poll_id'] ?? '');
  if (poll.created_by_id !== ctx.userId && !poll.allow_user_suggested_options) throw forbidden(`poll "${poll.id}" does not take suggested options`);
  if (poll.is_closed) throw inputError('the poll is closed');
  const option = readOption({ ...ctx.body, id: undefined }, 0, false);
  if (poll.options.some((o) => o.text === option.text)) throw inputError(`poll "${poll.id}" already has the option "${option.text}"`);
  poll.options.push(option);
  finish(b, poll, false, ctx);
  return { poll_option: optionJson(option) };
};

function requireOption(poll: PollRecord, id: string): PollOptionRecord {
  const option = poll.options.find((o) => o.id === id);
  if (!option) throw notFound(`poll "${poll.id}" has no option "${id}"`);
  return option;
}

export const updatePollOption: Handler = (b, ctx) => {
  const poll = ownPoll(b, ctx.params['poll_id'] ?? '', ctx.userId);
  const next = readOption(ctx.body, 0, true);
  const option = requireOption(poll, next.id);
  if (poll.options.some((o) => o !== option && o.text === next.text)) throw inputError(`poll "${poll.id}" already has the option "${next.text}"`);
  option.text = next.text;
  option.custom = next.custom;
  finish(b, poll, false, ctx);
  return { poll_option: optionJson(option) };
};

export const getPollOption: Handler = (b, ctx) => {
  const poll = requirePoll(b, ctx.params['poll_id'] ?? '');
  return { poll_option: optionJson(requireOption(poll, ctx.params['option_id'] ?? '')) };
};

export const deletePollOption: Handler = (b, ctx) => {
  const poll = ownPoll(b, ctx.params['poll_id'] ?? '', ctx.userId);
  const option = requireOption(poll, ctx.params['option_id'] ?? '');
  poll.options = poll.options.filter((o) => o !== option);
  poll.votes = poll.votes.filter((v) => v.option_id !== option.id);
  finish(b, poll, false, ctx);
  return {};
};

export const queryPollVotes: Handler = (b, ctx) => {
  const poll = requirePoll(b, ctx.params['poll_id'] ?? '');
  const filter = optObject(ctx.body, 'filter') ?? {};
  const sort = parseSort(ctx.body['sort'], ['created_at', 'updated_at']);
  const anonymous = poll.voting_visibility === 'anonymous';
  const get = (v: PollVoteRecord, f: string): unknown =>
    f === 'option_id' ? v.option_id : f === 'user_id' ? (anonymous ? undefined : v.user_id) : f === 'is_answer' ? v.answer_text !== undefined
      : f === 'id' ? v.id : f === 'created_at' ? v.created_at : f === 'updated_at' ? v.updated_at : undefined;
  const list = poll.votes.filter((v) => matchFilter(v, filter, get));
  list.sort(compareBy([...(sort.length > 0 ? sort : [{ field: 'created_at', direction: -1 as const }]), { field: 'id', direction: 1 }], (v, f) => {
    const x = get(v, f);
    return typeof x === 'number' || typeof x === 'string' ? x : undefined;
  }));
  const page = cursorPage(list, ctx.body);
  const votes = page.items.map((v) => compact({
    id: v.id, poll_id: v.poll_id, option_id: v.option_id ?? '', answer_text: v.answer_text, is_answer: v.answer_text !== undefined || undefined,
    user_id: anonymous ? undefined : v.user_id, user: anonymous ? undefined : userById(b, v.user_id),
    created_at: formatTime(v.created_at), updated_at: formatTime(v.updated_at),
  }));
  return compact({ votes, next: page.next, prev: page.prev });
};
