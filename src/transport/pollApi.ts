// Polls (Common API seed 002) and poll votes (Chat API seed 000).
import type { ModelTypes } from '../models/generated/types.ts';
import { decoder, seg, signalOf } from './apiRequest.ts';
import type { CallOptions, CastPollVoteRequest, CreatePollRequest, QueryPollsRequest } from './apiTypes.ts';
import type { HttpClient } from './http.ts';

type M = ModelTypes;

export interface PollApi {
  createPoll(body: CreatePollRequest, options?: CallOptions): Promise<M['PollResponse']>;
  getPoll(pollId: string, options?: CallOptions): Promise<M['PollResponse']>;
  queryPolls(body?: QueryPollsRequest, options?: CallOptions): Promise<M['QueryPollsResponse']>;
  castPollVote(messageId: string, pollId: string, body: CastPollVoteRequest, options?: CallOptions): Promise<M['PollVoteResponse']>;
  deletePollVote(messageId: string, pollId: string, voteId: string, options?: CallOptions): Promise<M['PollVoteResponse']>;
}

const votePath = (messageId: string, pollId: string): string =>
  `/api/v2/chat/messages/${seg(messageId)}/polls/${seg(pollId)}/vote`;

export function createPollApi(http: HttpClient): PollApi {
  return {
    createPoll: (body, options) =>
      http.request({
        endpoint: 'CreatePoll',
        method: 'POST',
        path: '/api/v2/polls',
        body,
        decode: decoder('PollResponse'),
        // Like messages: a client-generated id lets the server dedupe a repeat.
        idempotent: typeof body.id === 'string' && body.id !== '',
        ...signalOf(options),
      }),
    getPoll: (pollId, options) =>
      http.request({
        endpoint: 'GetPoll',
        method: 'GET',
        path: `/api/v2/polls/${seg(pollId)}`,
        decode: decoder('PollResponse'),
        ...signalOf(options),
      }),
    queryPolls: (body = {}, options) =>
      http.request({
        endpoint: 'QueryPolls',
        method: 'POST',
        path: '/api/v2/polls/query',
        body,
        decode: decoder('QueryPollsResponse'),
        idempotent: true,
        ...signalOf(options),
      }),
    castPollVote: (messageId, pollId, body, options) =>
      http.request({
        endpoint: 'CastPollVote',
        method: 'POST',
        path: votePath(messageId, pollId),
        body,
        decode: decoder('PollVoteResponse'),
        ...signalOf(options),
      }),
    deletePollVote: (messageId, pollId, voteId, options) =>
      http.request({
        endpoint: 'DeletePollVote',
        method: 'DELETE',
        path: `${votePath(messageId, pollId)}/${seg(voteId)}`,
        decode: decoder('PollVoteResponse'),
        ...signalOf(options),
      }),
  };
}
