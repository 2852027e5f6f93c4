// Polls: `client.createPoll` and `client.poll(id)`, the handle of one poll (the same object
// per id). The handle holds no state: the poll lives once in the store's polls table and
// every message with its poll_id shows it (src/store/polls.ts).
//
// Votes are optimistic (PROTOCOL.md section 8): the vote shows at once, laid over the held
// poll until the server answers, and is dropped exactly if the request fails. Rules checked
// before any request, with a ChatError (code 4) and no change to state, as the official
// client checks the vote limit before calling (its src/poll.ts castVote):
// - the option must be one of the poll's, the poll must be open and not deleted;
// - `max_votes_allowed`: a vote beyond it is refused; under `enforce_unique_vote` a new
//   vote replaces the own previous one instead (the service answers poll.vote_changed).
import { defer, type Observable } from 'rxjs';
import type { CreatePollRequest } from '../models/generated/api.ts';
import type { PollOptionResponseData, PollVoteResponseData } from '../models/generated/types.ts';
import { ownOptionVotes, pollViewOf, selectPoll, type PollView } from '../store/pollView.ts';
import { tableGet } from '../store/table.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import type { ClientContext } from './clientContext.ts';
import { createPollVoteList, type PollVoteList, type PollVoteListOptions } from './pollVotes.ts';

export type CreatePollInput = CreatePollRequest;

export interface PollHandle {
  readonly id: string;
  /**
   * The poll (options, vote counts per option, latest votes per option, own votes, closed,
   * answers), live from poll.* events; null until known or once deleted. The first
   * subscription loads a poll not held yet.
   */
  readonly poll$: Observable<PollView | null>;
  /** Fetch the poll with the own votes (GetPoll). */
  load(): Promise<PollView | null>;
  /** Vote for an option on the poll of message `messageId`; resolves with the stored vote. */
  vote(messageId: string, optionId: string): Promise<PollVoteResponseData>;
  /** Take an own vote back (a vote still on its way is taken back once stored). */
  removeVote(messageId: string, voteId: string): Promise<void>;
  /** Add a free-text answer (polls with allow_answers); it replaces the own earlier answer. */
  addAnswer(messageId: string, text: string): Promise<PollVoteResponseData>;
  /** Add an option (the creator, or anyone when the poll takes suggestions). */
  addOption(option: { text: string; custom?: Record<string, unknown> }): Promise<PollOptionResponseData>;
  /** Close the poll to votes (UpdatePollPartial is_closed). */
  close(): Promise<PollView | null>;
  delete(): Promise<void>;
  /** The poll's votes, paged (QueryPollVotes); `filter` e.g. `{ option_id: 'x' }`. */
  queryVotes(filter?: Record<string, unknown>, options?: PollVoteListOptions): PollVoteList;
}

export interface PollsApi {
  /**
   * Create a poll, then send it in a message with `poll_id`.
   * @example
   * const poll = await client.createPoll({ name: 'Lunch?', options: [{ text: 'Tacos' }, { text: 'Noodles' }] });
   * await channel.sendMessage({ text: 'Vote!', poll_id: poll.id });
   */
  createPoll(input: CreatePollInput): Promise<PollView>;
  /** The handle of a poll: the same object for the same id. */
  poll(pollId: string): PollHandle;
}

function inputError(message: string, endpoint: string): ChatError {
  return new ChatError({ message, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

/** Checks of a CreatePoll request that the service would refuse (code 4). */
function checkCreate(input: CreatePollInput): void {
  const e = (m: string) => inputError(m, 'CreatePoll');
  if (typeof input?.name !== 'string' || input.name.trim() === '') throw e('a poll needs a "name"');
  const texts = (input.options ?? []).map((o) => o?.text);
  if (texts.some((t) => typeof t !== 'string' || t.trim() === '')) throw e('every poll option needs a "text"');
  if (new Set(texts).size !== texts.length) throw e('poll options must be unique');
  const max = input.max_votes_allowed;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10)) throw e('"max_votes_allowed" must be an integer from 1 to 10');
}

/**
 * The client's poll methods. Handles outlive a disconnect: they hold no user's state (the
 * store's reset drops the polls), and the next user's subscriptions load them again.
 */
export function createPollsApi(ctx: ClientContext): PollsApi {
  const handles = new Map<string, PollHandle>();
  return {
    async createPoll(input) {
      try {
        checkCreate(input);
      } catch (e) {
        throw ctx.report(e, 'CreatePoll');
      }
      let res;
      try {
        res = await ctx.api('CreatePoll').createPoll(input);
      } catch (e) {
        throw ctx.report(e, 'CreatePoll');
      }
      ctx.store.dispatch({ type: 'poll/fetched', poll: res.poll });
      const view = selectPoll(ctx.store.getState(), res.poll.id);
      if (!view) throw ctx.report(new Error(`poll ${res.poll.id} was created but could not be held`), 'CreatePoll');
      return view;
    },
    poll(pollId) {
      let h = handles.get(pollId);
      if (!h) handles.set(pollId, (h = createPollHandle(ctx, pollId)));
      return h;
    },
  };
}

export function createPollHandle(ctx: ClientContext, pollId: string): PollHandle {
  const view = (): PollView | null => selectPoll(ctx.store.getState(), pollId);
  const held = (): boolean => tableGet(ctx.store.getState().polls, pollId)?.data != null;
  let loading: Promise<PollView | null> | undefined;
  /** Casts still on their way: op id -> the stored vote, so removeVote can wait for it. */
  const casts = new Map<string, Promise<PollVoteResponseData>>();

  async function call<T>(endpoint: string, run: (api: ReturnType<ClientContext['api']>) => Promise<T>): Promise<T> {
    try {
      return await run(ctx.api(endpoint));
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  }

  function load(): Promise<PollView | null> {
    if (loading) return loading;
    const p = (async () => {
      const res = await call('GetPoll', (api) => api.getPoll(pollId));
      ctx.store.dispatch({ type: 'poll/fetched', poll: res.poll });
      return view();
    })().finally(() => {
      loading = undefined;
    });
    loading = p;
    return p;
  }

  function refuse(error: ChatError): never {
    throw ctx.report(error, error.endpoint);
  }

  /** The poll as shown, checked open; a refusal when it is not known, deleted or closed. */
  function openNow(endpoint: string): PollView {
    const p = view();
    if (!p) refuse(new ChatError({ message: `poll ${pollId} does not exist`, code: ChatErrorCode.DoesNotExist, status: 0, endpoint, retryable: false }));
    if (p.is_closed) refuse(inputError(`poll ${pollId} is closed`, endpoint));
    return p;
  }

  /** `run` on the open poll: at once when it is held (so a vote shows synchronously), after loading it otherwise. */
  function withOpen<T>(endpoint: string, run: (p: PollView) => Promise<T>): Promise<T> {
    try {
      if (view() || tableGet(ctx.store.getState().polls, pollId)?.deleted) return run(openNow(endpoint));
    } catch (e) {
      return Promise.reject(e);
    }
    return load().then(() => run(openNow(endpoint)));
  }

  function newOpId(): string {
    return `${ctx.meId() ?? 'me'}-${globalThis.crypto.randomUUID()}`;
  }

  function vote(messageId: string, optionId: string): Promise<PollVoteResponseData> {
    const endpoint = 'CastPollVote';
    return withOpen(endpoint, (p) => {
      if (typeof messageId !== 'string' || messageId === '') refuse(inputError('vote needs the id of the message holding the poll', endpoint));
      if (!p.options.some((o) => o.id === optionId)) refuse(inputError(`poll ${pollId} has no option "${String(optionId)}"`, endpoint));
      const mine = ownOptionVotes(p);
      const same = mine.find((v) => v.option_id === optionId);
      // Voting again for an own option changes nothing on the server; no request needed.
      if (same) return casts.get(same.id) ?? Promise.resolve(same);
      const max = p.max_votes_allowed;
      if (!p.enforce_unique_vote && max !== undefined && mine.length >= max) {
        refuse(inputError(`at most ${max} vote${max === 1 ? '' : 's'} per user on poll ${pollId}: remove one first`, endpoint));
      }
      const me = ctx.meId();
      const id = newOpId();
      const at = ctx.scheduler.now();
      const shown: PollVoteResponseData = { id, poll_id: pollId, option_id: optionId, created_at: at, updated_at: at, ...(me ? { user_id: me } : {}) };
      ctx.store.dispatch({ type: 'poll/voteStarted', pollId, op: { id, kind: 'cast', messageId, optionId, vote: shown } });
      const run = (async () => {
        try {
          const res = await call(endpoint, (api) => api.castPollVote(messageId, pollId, { vote: { option_id: optionId } }));
          ctx.store.dispatch({ type: 'poll/voteSettled', pollId, opId: id, poll: res.poll, vote: res.vote });
          return res.vote ?? ownOptionVotes(view() ?? p).find((v) => v.option_id === optionId) ?? shown;
        } catch (e) {
          ctx.store.dispatch({ type: 'poll/voteFailed', pollId, opId: id });
          throw e;
        } finally {
          casts.delete(id);
        }
      })();
      casts.set(id, run);
      return run;
    });
  }

  function removeVote(messageId: string, voteId: string): Promise<void> {
    const endpoint = 'DeletePollVote';
    // A vote still on its way: wait for the server's id, then take that back.
    const inFlight = casts.get(voteId);
    if (inFlight) return inFlight.then((stored) => removeVote(messageId, stored.id));
    const p = view();
    const vote = p?.own_votes.find((v) => v.id === voteId);
    if (!p || !vote) return Promise.reject(ctx.report(inputError(`vote "${String(voteId)}" is not an own vote on poll ${pollId}`, endpoint), endpoint));
    const id = newOpId();
    ctx.store.dispatch({ type: 'poll/voteStarted', pollId, op: { id, kind: 'remove', messageId, vote } });
    return (async () => {
      try {
        const res = await call(endpoint, (api) => api.deletePollVote(messageId, pollId, voteId));
        ctx.store.dispatch({ type: 'poll/voteSettled', pollId, opId: id, poll: res.poll, vote: res.vote });
      } catch (e) {
        ctx.store.dispatch({ type: 'poll/voteFailed', pollId, opId: id });
        throw e;
      }
    })();
  }

  return {
    id: pollId,
    poll$: defer(() => {
      // The first subscriber of a poll not held starts loading it (a failure is on errors$).
      if (!loading && !held() && ctx.isConnected() && !tableGet(ctx.store.getState().polls, pollId)?.deleted) load().catch(() => undefined);
      return ctx.store.select((s) => pollViewOf(tableGet(s.polls, pollId)));
    }),
    load,
    vote,
    removeVote,

    async addAnswer(messageId, text) {
      const endpoint = 'CastPollVote';
      const p = await withOpen(endpoint, async (x) => x);
      if (!p.allow_answers) throw ctx.report(inputError(`poll ${pollId} does not take answers`, endpoint), endpoint);
      if (typeof text !== 'string' || text.trim() === '') throw ctx.report(inputError('an answer needs a text', endpoint), endpoint);
      const res = await call(endpoint, (api) => api.castPollVote(messageId, pollId, { vote: { answer_text: text } }));
      if (res.poll) ctx.store.dispatch({ type: 'poll/fetched', poll: res.poll });
      if (!res.vote) throw ctx.report(new Error('the server stored the answer but did not return it'), endpoint);
      return res.vote;
    },

    async addOption(option) {
      const endpoint = 'CreatePollOption';
      const p = await withOpen(endpoint, async (x) => x);
      const text = option?.text;
      if (typeof text !== 'string' || text.trim() === '') throw ctx.report(inputError('an option needs a text', endpoint), endpoint);
      if (p.options.some((o) => o.text === text)) throw ctx.report(inputError(`poll ${pollId} already has the option "${text}"`, endpoint), endpoint);
      const body: { text: string; Custom?: Record<string, unknown> } = { text };
      if (option.custom) body.Custom = option.custom;
      const res = await call(endpoint, (api) => api.createPollOption(pollId, body));
      ctx.store.dispatch({ type: 'poll/optionStored', pollId, option: res.poll_option });
      return res.poll_option;
    },

    async close() {
      const endpoint = 'UpdatePollPartial';
      await withOpen(endpoint, async (x) => x);
      const res = await call(endpoint, (api) => api.updatePollPartial(pollId, { set: { is_closed: true } }));
      ctx.store.dispatch({ type: 'poll/fetched', poll: res.poll });
      return view();
    },

    async delete() {
      await call('DeletePoll', (api) => api.deletePoll(pollId));
      ctx.store.dispatch({ type: 'poll/removed', pollId });
    },

    queryVotes: (filter, options) => createPollVoteList(ctx, pollId, filter ?? {}, options ?? {}),
  };
}
