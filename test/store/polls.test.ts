// Polls in the store: held once by id, taken from the messages that embed them, moved by
// poll.* events and REST answers, with optimistic votes laid over the held poll.
import { describe, expect, it } from 'vitest';
import { createMessagePollSelector, selectPoll } from '../../src/store/pollView.ts';
import { tableGet } from '../../src/store/table.ts';
import { decodeModel } from '../../src/models/decode.ts';
import { BASE_MS, msg, storeHarness } from '../helpers/storeFixtures.ts';
import { decodedPoll, wirePoll, wireVote, type WirePollOptions, type WireVote } from '../helpers/pollFixtures.ts';
import type { PollVoteResponseData } from '../../src/models/generated/types.ts';

const A = 'messaging:a';
const B = 'messaging:b';
const t = (n: number) => BASE_MS + n * 1_000;

function held(o: WirePollOptions = {}) {
  const h = storeHarness();
  h.hydrate(A, { messages: [msg(A, 'm1', t(1), { poll_id: 'p1', poll: wirePoll('p1', { viewer: 'me', ...o }) })] });
  return h;
}

function voteEvent(type: string, vote: WireVote, o: WirePollOptions) {
  return { cid: A, poll: wirePoll('p1', o), poll_vote: wireVote('p1', vote) };
}

const view = (h: ReturnType<typeof storeHarness>) => selectPoll(h.store.getState(), 'p1');
const ids = (votes: readonly PollVoteResponseData[] | undefined) => (votes ?? []).map((v) => v.id).sort();

describe('polls held once by id', () => {
  it('takes the poll of a queried message, with the caller own votes', () => {
    const h = held({ votes: [{ id: 'v1', user: 'me', option: 'a', at: t(1) }, { id: 'v2', user: 'bob', option: 'a', at: t(2) }] });
    const p = view(h);
    expect(p?.vote_counts_by_option).toEqual({ a: 2, b: 0, c: 0 });
    expect(ids(p?.own_votes)).toEqual(['v1']);
    // Votes inside latest_votes_by_option are decoded like every other (epoch ms).
    expect(p?.latest_votes_by_option['a']?.[0]?.created_at).toBe(t(2));
  });

  it('two messages in two channels show the same live poll object', () => {
    const h = held();
    h.hydrate(B, { messages: [msg(B, 'm2', t(2), { poll_id: 'p1', poll: wirePoll('p1', { viewer: 'me' }) })] });
    h.send('poll.vote_casted', voteEvent('poll.vote_casted', { id: 'v9', user: 'bob', option: 'b', at: t(5) }, { votes: [{ id: 'v9', user: 'bob', option: 'b', at: t(5) }], updatedAt: t(5) }));
    const s = h.store.getState();
    const one = createMessagePollSelector(A, 'm1')(s);
    const two = createMessagePollSelector(B, 'm2')(s);
    expect(one?.poll).toBe(two?.poll);
    expect(one?.poll?.vote_counts_by_option['b']).toBe(1);
    // The message copy keeps what it came with; the table is the live poll.
    expect(one?.message.poll?.vote_counts_by_option).toEqual({ a: 0, b: 0, c: 0 });
  });

  it('the message selector keeps its object while neither the message nor the poll changes', () => {
    const h = held();
    const select = createMessagePollSelector(A, 'm1');
    const first = select(h.store.getState());
    h.hydrate(B, { messages: [msg(B, 'x', t(3))] });
    expect(select(h.store.getState())).toBe(first);
  });
});

describe('poll.* events', () => {
  it('another user vote replaces counts and latest votes, keeps own votes; a repeat keeps the state', () => {
    const h = held({ votes: [{ id: 'v1', user: 'me', option: 'a', at: t(1) }] });
    const votes = [{ id: 'v1', user: 'me', option: 'a', at: t(1) }, { id: 'v2', user: 'bob', option: 'b', at: t(4) }];
    const ev = voteEvent('poll.vote_casted', votes[1]!, { votes, updatedAt: t(4) });
    h.send('poll.vote_casted', ev);
    const once = h.store.getState();
    expect(view(h)?.vote_counts_by_option).toEqual({ a: 1, b: 1, c: 0 });
    expect(view(h)?.vote_count).toBe(2);
    expect(ids(view(h)?.own_votes)).toEqual(['v1']);
    expect(view(h)?.latest_votes_by_option['b']?.map((v) => v.id)).toEqual(['v2']);
    h.send('poll.vote_casted', ev);
    expect(h.store.getState()).toBe(once);
  });

  it('an own vote event adds the own vote; its removal takes it away for good', () => {
    const h = held();
    const v = { id: 'v1', user: 'me', option: 'a', at: t(3) };
    h.send('poll.vote_casted', voteEvent('poll.vote_casted', v, { votes: [v], updatedAt: t(3) }));
    expect(ids(view(h)?.own_votes)).toEqual(['v1']);
    h.send('poll.vote_removed', voteEvent('poll.vote_removed', v, { updatedAt: t(4) }));
    expect(view(h)?.own_votes).toEqual([]);
    expect(view(h)?.vote_count).toBe(0);
    // The cast event again, late: neither the vote nor the old counts come back.
    h.send('poll.vote_casted', voteEvent('poll.vote_casted', v, { votes: [v], updatedAt: t(3) }));
    expect(view(h)?.own_votes).toEqual([]);
    expect(view(h)?.vote_count).toBe(0);
  });

  it('under enforce_unique_vote a changed vote replaces the own previous one', () => {
    const h = held({ enforce_unique_vote: true, votes: [{ id: 'v1', user: 'me', option: 'a', at: t(1) }] });
    const v2 = { id: 'v2', user: 'me', option: 'b', at: t(5) };
    h.send('poll.vote_changed', voteEvent('poll.vote_changed', v2, { enforce_unique_vote: true, votes: [v2], updatedAt: t(5) }));
    expect(ids(view(h)?.own_votes)).toEqual(['v2']);
    expect(view(h)?.vote_counts_by_option).toEqual({ a: 0, b: 1, c: 0 });
  });

  it('a snapshot older than the held one changes nothing', () => {
    const h = held({ votes: [{ id: 'v2', user: 'bob', option: 'b', at: t(6) }], updatedAt: t(6) });
    const before = h.store.getState();
    h.send('poll.updated', { cid: A, poll: wirePoll('p1', { name: 'old name', updatedAt: t(2) }) });
    expect(h.store.getState()).toBe(before);
  });

  it('poll.updated renames, poll.closed closes, poll.deleted removes it from every view', () => {
    const h = held();
    h.send('poll.updated', { cid: A, poll: wirePoll('p1', { name: 'Renamed', updatedAt: t(2) }) });
    expect(view(h)?.name).toBe('Renamed');
    h.send('poll.closed', { cid: A, poll: wirePoll('p1', { name: 'Renamed', is_closed: true, updatedAt: t(3) }) });
    expect(view(h)?.is_closed).toBe(true);
    h.send('poll.deleted', { cid: A, poll: wirePoll('p1', { updatedAt: t(4) }) });
    expect(view(h)).toBeNull();
    expect(createMessagePollSelector(A, 'm1')(h.store.getState())?.poll).toBeNull();
    // A late event does not bring it back.
    const gone = h.store.getState();
    h.send('poll.vote_casted', voteEvent('poll.vote_casted', { id: 'v5', user: 'bob', option: 'a', at: t(5) }, { updatedAt: t(5) }));
    expect(view(h)).toBeNull();
    expect(tableGet(h.store.getState().polls, 'p1')).toBe(tableGet(gone.polls, 'p1'));
  });

  it('a message.new event brings its poll without own votes; REST answers bring them', () => {
    const h = storeHarness();
    h.hydrate(A);
    h.send('message.new', { cid: A, message: { ...wireMsg('m5'), poll_id: 'p2', poll: wirePoll('p2', { viewer: 'me', votes: [{ id: 'x', user: 'me', option: 'a', at: t(1) }] }) } });
    expect(selectPoll(h.store.getState(), 'p2')?.own_votes).toEqual([]);
    h.dispatch({ type: 'poll/fetched', poll: decodedPoll('p2', { viewer: 'me', votes: [{ id: 'x', user: 'me', option: 'a', at: t(1) }] }) });
    expect(ids(selectPoll(h.store.getState(), 'p2')?.own_votes)).toEqual(['x']);
  });
});

function wireMsg(id: string) {
  return { id, cid: A, type: 'regular', text: 'poll!', user: { id: 'bob' }, created_at: new Date(t(5)).toISOString(), updated_at: new Date(t(5)).toISOString() };
}

describe('REST answers', () => {
  it('poll/fetched and poll/optionStored; a repeat keeps every reference', () => {
    const h = storeHarness();
    h.dispatch({ type: 'poll/fetched', poll: decodedPoll('p1', { viewer: 'me' }) });
    const once = h.store.getState();
    h.dispatch({ type: 'poll/fetched', poll: decodedPoll('p1', { viewer: 'me' }) });
    expect(h.store.getState()).toBe(once);
    h.dispatch({ type: 'poll/optionStored', pollId: 'p1', option: { id: 'd', text: 'option d', custom: {} } });
    expect(view(h)?.options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
    const twice = h.store.getState();
    h.dispatch({ type: 'poll/optionStored', pollId: 'p1', option: { id: 'd', text: 'option d', custom: {} } });
    expect(h.store.getState()).toBe(twice);
    h.dispatch({ type: 'poll/removed', pollId: 'p1' });
    expect(view(h)).toBeNull();
  });
});

describe('optimistic votes', () => {
  const shown = (id: string, option: string): PollVoteResponseData => ({ id, poll_id: 'p1', option_id: option, user_id: 'me', created_at: t(9), updated_at: t(9) });

  it('a vote shows at once and a failure takes it back exactly', () => {
    const h = held({ votes: [{ id: 'v2', user: 'bob', option: 'a', at: t(2) }] });
    const before = view(h);
    h.dispatch({ type: 'poll/voteStarted', pollId: 'p1', op: { id: 'op1', kind: 'cast', messageId: 'm1', optionId: 'b', vote: shown('op1', 'b') } });
    expect(view(h)?.vote_counts_by_option).toEqual({ a: 1, b: 1, c: 0 });
    expect(ids(view(h)?.own_votes)).toEqual(['op1']);
    // Another user's vote arrives meanwhile: kept through the rollback.
    const bob2 = { id: 'v3', user: 'carol', option: 'c', at: t(3) };
    h.send('poll.vote_casted', voteEvent('poll.vote_casted', bob2, { votes: [{ id: 'v2', user: 'bob', option: 'a', at: t(2) }, bob2], updatedAt: t(3) }));
    expect(view(h)?.vote_counts_by_option).toEqual({ a: 1, b: 1, c: 1 });
    h.dispatch({ type: 'poll/voteFailed', pollId: 'p1', opId: 'op1' });
    expect(view(h)?.vote_counts_by_option).toEqual({ a: 1, b: 0, c: 1 });
    expect(view(h)?.own_votes).toEqual([]);
    expect(before?.vote_counts_by_option).toEqual({ a: 1, b: 0, c: 0 });
  });

  it('a rollback with nothing else in between gives back the same poll object', () => {
    const h = held();
    const entry = tableGet(h.store.getState().polls, 'p1');
    h.dispatch({ type: 'poll/voteStarted', pollId: 'p1', op: { id: 'op1', kind: 'cast', messageId: 'm1', optionId: 'a', vote: shown('op1', 'a') } });
    h.dispatch({ type: 'poll/voteFailed', pollId: 'p1', opId: 'op1' });
    expect(tableGet(h.store.getState().polls, 'p1')?.data).toBe(entry?.data);
  });

  it('the own vote event before the HTTP answer is not counted twice', () => {
    const h = held();
    h.dispatch({ type: 'poll/voteStarted', pollId: 'p1', op: { id: 'op1', kind: 'cast', messageId: 'm1', optionId: 'a', vote: shown('op1', 'a') } });
    const v = { id: 'real', user: 'me', option: 'a', at: t(9) };
    h.send('poll.vote_casted', voteEvent('poll.vote_casted', v, { votes: [v], updatedAt: t(9) }));
    expect(view(h)?.vote_count).toBe(1);
    expect(ids(view(h)?.own_votes)).toEqual(['real']);
    h.dispatch({ type: 'poll/voteSettled', pollId: 'p1', opId: 'op1', poll: decodedPoll('p1', { viewer: 'me', votes: [v], updatedAt: t(9) }) });
    expect(view(h)?.vote_count).toBe(1);
    expect(view(h)?.pendingVotes).toBe(0);
  });

  it('under enforce_unique_vote an optimistic vote replaces the own previous one', () => {
    const h = held({ enforce_unique_vote: true, votes: [{ id: 'v1', user: 'me', option: 'a', at: t(1) }] });
    h.dispatch({ type: 'poll/voteStarted', pollId: 'p1', op: { id: 'op1', kind: 'cast', messageId: 'm1', optionId: 'b', vote: shown('op1', 'b') } });
    expect(view(h)?.vote_counts_by_option).toEqual({ a: 0, b: 1, c: 0 });
    expect(ids(view(h)?.own_votes)).toEqual(['op1']);
    h.dispatch({ type: 'poll/voteFailed', pollId: 'p1', opId: 'op1' });
    expect(ids(view(h)?.own_votes)).toEqual(['v1']);
    expect(view(h)?.vote_counts_by_option).toEqual({ a: 1, b: 0, c: 0 });
  });

  it('an optimistic removal shows at once and is not taken twice when its event comes first', () => {
    const v1 = { id: 'v1', user: 'me', option: 'a', at: t(1) };
    const h = held({ votes: [v1, { id: 'v2', user: 'bob', option: 'a', at: t(2) }] });
    const mine = view(h)?.own_votes[0];
    if (!mine) throw new Error('fixture');
    h.dispatch({ type: 'poll/voteStarted', pollId: 'p1', op: { id: 'op1', kind: 'remove', messageId: 'm1', vote: mine } });
    expect(view(h)?.vote_counts_by_option['a']).toBe(1);
    h.send('poll.vote_removed', voteEvent('poll.vote_removed', v1, { votes: [{ id: 'v2', user: 'bob', option: 'a', at: t(2) }], updatedAt: t(3) }));
    expect(view(h)?.vote_counts_by_option['a']).toBe(1);
    h.dispatch({ type: 'poll/voteSettled', pollId: 'p1', opId: 'op1' });
    expect(view(h)?.vote_counts_by_option['a']).toBe(1);
    expect(view(h)?.own_votes).toEqual([]);
  });
});

describe('vote lists', () => {
  it('hold pages, drop removed votes and take new matching ones first', () => {
    const h = held();
    h.dispatch({ type: 'pollVotes/requested', key: 'k', pollId: 'p1', filter: { option_id: 'a' }, reset: true });
    const r = decodeModel('PollVoteResponseData', wireVote('p1', { id: 'v1', user: 'bob', option: 'a', at: t(1) }));
    if (!r.ok) throw r.error;
    h.dispatch({ type: 'pollVotes/loaded', key: 'k', votes: [r.value], next: null, reset: true });
    const list = () => h.store.getState().pollVoteLists['k'];
    const v1 = { id: 'v1', user: 'bob', option: 'a', at: t(1) };
    const v2 = { id: 'v2', user: 'carol', option: 'a', at: t(2) };
    const v3 = { id: 'v3', user: 'carol', option: 'b', at: t(3) };
    h.dispatch({ type: 'pollVotes/loaded', key: 'k', votes: [], next: null, reset: false });
    h.send('poll.vote_casted', voteEvent('poll.vote_casted', v2, { votes: [v1, v2], updatedAt: t(2) }));
    h.send('poll.vote_casted', voteEvent('poll.vote_casted', v3, { votes: [v1, v2, v3], updatedAt: t(3) }));
    expect(list()?.votes.map((v) => v.id)).toEqual(['v2', 'v1']);
    h.send('poll.vote_removed', voteEvent('poll.vote_removed', v1, { votes: [v2, v3], updatedAt: t(4) }));
    expect(list()?.votes.map((v) => v.id)).toEqual(['v2']);
    h.dispatch({ type: 'pollVotes/disposed', key: 'k' });
    expect(list()).toBeUndefined();
  });
});
