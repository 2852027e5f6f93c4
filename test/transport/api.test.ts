import { describe, expect, it } from 'vitest';
import { createChatApi, type ChatApi } from '../../src/transport/api.ts';
import { createTokenManager } from '../../src/transport/auth.ts';
import { createHttpClient } from '../../src/transport/http.ts';
import { fakeFetch, jsonResponse } from './helpers/fakeFetch.ts';
import { signToken } from './helpers/tokens.ts';
import { VirtualClock } from './helpers/virtualClock.ts';

const wireMessage = { id: 'm1', cid: 'messaging:general', type: 'regular', created_at: '2024-05-01T10:00:00Z' };

async function apiWith(...bodies: unknown[]) {
  const f = fakeFetch(...bodies.map((b) => () => jsonResponse(200, b)));
  const http = createHttpClient({
    baseUrl: 'http://127.0.0.1:9',
    apiKey: 'k',
    tokens: createTokenManager({ userId: 'alice', token: await signToken('alice') }),
    getConnectionId: () => 'c1',
    fetch: f.fetch,
    scheduler: new VirtualClock().scheduler,
  });
  return { api: createChatApi(http), requests: f.requests };
}

type Case = [
  name: string,
  call: (api: ChatApi) => Promise<unknown>,
  method: string,
  path: string,
  expectQuery?: Record<string, string>,
  expectBody?: unknown,
];

const cases: Case[] = [
  ['queryChannels', (a) => a.queryChannels({ filter_conditions: { type: 'messaging' }, watch: true }), 'POST', '/api/v2/chat/channels', {}, { filter_conditions: { type: 'messaging' }, watch: true }],
  ['getOrCreateChannel', (a) => a.getOrCreateChannel('messaging', 'general', { state: true }), 'POST', '/api/v2/chat/channels/messaging/general/query', {}, { state: true }],
  ['getOrCreateDistinctChannel', (a) => a.getOrCreateDistinctChannel('messaging', { data: { members: [{ user_id: 'a' }] } }), 'POST', '/api/v2/chat/channels/messaging/query'],
  ['updateChannel', (a) => a.updateChannel('messaging', 'general', { add_members: [{ user_id: 'b' }] }), 'POST', '/api/v2/chat/channels/messaging/general'],
  ['updateChannelPartial', (a) => a.updateChannelPartial('messaging', 'general', { set: { name: 'x' } }), 'PATCH', '/api/v2/chat/channels/messaging/general'],
  ['deleteChannel', (a) => a.deleteChannel('messaging', 'general', { hard_delete: true }), 'DELETE', '/api/v2/chat/channels/messaging/general', { hard_delete: 'true' }],
  ['hideChannel', (a) => a.hideChannel('messaging', 'general', { clear_history: true }), 'POST', '/api/v2/chat/channels/messaging/general/hide'],
  ['showChannel', (a) => a.showChannel('messaging', 'general'), 'POST', '/api/v2/chat/channels/messaging/general/show'],
  ['truncateChannel', (a) => a.truncateChannel('messaging', 'general'), 'POST', '/api/v2/chat/channels/messaging/general/truncate'],
  ['getMessage', (a) => a.getMessage('m 1'), 'GET', '/api/v2/chat/messages/m%201'],
  ['getManyMessages', (a) => a.getManyMessages('messaging', 'general', { ids: ['a', 'b'] }), 'GET', '/api/v2/chat/channels/messaging/general/messages', { ids: 'a,b' }],
  ['updateMessage', (a) => a.updateMessage('m1', { message: { text: 'edited' } }), 'POST', '/api/v2/chat/messages/m1'],
  ['updateMessagePartial', (a) => a.updateMessagePartial('m1', { set: { text: 'x' } }), 'PUT', '/api/v2/chat/messages/m1'],
  ['deleteMessage', (a) => a.deleteMessage('m1', { hard: true }), 'DELETE', '/api/v2/chat/messages/m1', { hard: 'true' }],
  ['undeleteMessage', (a) => a.undeleteMessage('m1', { undeleted_by: 'alice' }), 'POST', '/api/v2/chat/messages/m1/undelete'],
  ['sendReaction', (a) => a.sendReaction('m1', { reaction: { type: 'like' }, enforce_unique: true }), 'POST', '/api/v2/chat/messages/m1/reaction'],
  ['deleteReaction', (a) => a.deleteReaction('m1', 'like'), 'DELETE', '/api/v2/chat/messages/m1/reaction/like'],
  ['getReactions', (a) => a.getReactions('m1', { limit: 10 }), 'GET', '/api/v2/chat/messages/m1/reactions', { limit: '10' }],
  ['getReplies', (a) => a.getReplies('p1', { limit: 20, id_lt: 'r9' }), 'GET', '/api/v2/chat/messages/p1/replies', { limit: '20', id_lt: 'r9' }],
  ['markRead', (a) => a.markRead('messaging', 'general', { message_id: 'm1' }), 'POST', '/api/v2/chat/channels/messaging/general/read', {}, { message_id: 'm1' }],
  ['markUnread', (a) => a.markUnread('messaging', 'general', { message_id: 'm1' }), 'POST', '/api/v2/chat/channels/messaging/general/unread'],
  ['markChannelsRead', (a) => a.markChannelsRead(), 'POST', '/api/v2/chat/channels/read'],
  ['markDelivered', (a) => a.markDelivered({ latest_delivered_messages: [{ cid: 'messaging:general', id: 'm1' }] }), 'POST', '/api/v2/chat/channels/delivered'],
  ['sendEvent', (a) => a.sendEvent('messaging', 'general', { event: { type: 'typing.start' } }), 'POST', '/api/v2/chat/channels/messaging/general/event', {}, { event: { type: 'typing.start' } }],
  ['queryMembers', (a) => a.queryMembers({ payload: { type: 'messaging', id: 'general', filter_conditions: {} } }), 'GET', '/api/v2/chat/members', { payload: JSON.stringify({ type: 'messaging', id: 'general', filter_conditions: {} }) }],
  ['updateMemberPartial', (a) => a.updateMemberPartial('messaging', 'general', { set: { pinned: true } }), 'PATCH', '/api/v2/chat/channels/messaging/general/member'],
  ['queryThreads', (a) => a.queryThreads({ limit: 10 }), 'POST', '/api/v2/chat/threads'],
  ['getThread', (a) => a.getThread('p1', { reply_limit: 3 }), 'GET', '/api/v2/chat/threads/p1', { reply_limit: '3' }],
  ['updateThreadPartial', (a) => a.updateThreadPartial('p1', { set: { title: 't' } }), 'PATCH', '/api/v2/chat/threads/p1'],
  ['unreadCounts', (a) => a.unreadCounts(), 'GET', '/api/v2/chat/unread'],
  ['unreadCountsBatch', (a) => a.unreadCountsBatch({ user_ids: ['alice'] }), 'POST', '/api/v2/chat/unread_batch'],
  ['search', (a) => a.search({ payload: { filter_conditions: { cid: 'messaging:general' }, query: 'hi' } }), 'GET', '/api/v2/chat/search'],
  ['getDraft', (a) => a.getDraft('messaging', 'general', { parent_id: 'p1' }), 'GET', '/api/v2/chat/channels/messaging/general/draft', { parent_id: 'p1' }],
  ['deleteDraft', (a) => a.deleteDraft('messaging', 'general'), 'DELETE', '/api/v2/chat/channels/messaging/general/draft'],
  ['queryDrafts', (a) => a.queryDrafts(), 'POST', '/api/v2/chat/drafts/query'],
  ['muteChannel', (a) => a.muteChannel({ channel_cids: ['messaging:general'] }), 'POST', '/api/v2/chat/moderation/mute/channel'],
  ['unmuteChannel', (a) => a.unmuteChannel({ channel_cids: ['messaging:general'] }), 'POST', '/api/v2/chat/moderation/unmute/channel'],
  ['castPollVote', (a) => a.castPollVote('m1', 'poll1', { vote: { option_id: 'o1' } }), 'POST', '/api/v2/chat/messages/m1/polls/poll1/vote'],
  ['deletePollVote', (a) => a.deletePollVote('m1', 'poll1', 'v1'), 'DELETE', '/api/v2/chat/messages/m1/polls/poll1/vote/v1'],
  ['createPoll', (a) => a.createPoll({ name: 'lunch?' }), 'POST', '/api/v2/polls'],
  ['getPoll', (a) => a.getPoll('poll1'), 'GET', '/api/v2/polls/poll1'],
  ['queryPolls', (a) => a.queryPolls(), 'POST', '/api/v2/polls/query'],
  ['queryUsers', (a) => a.queryUsers({ payload: { filter_conditions: { id: { $in: ['bob'] } } } }), 'GET', '/api/v2/users', { payload: '{"filter_conditions":{"id":{"$in":["bob"]}}}' }],
  ['updateUsers', (a) => a.updateUsers({ users: { alice: { id: 'alice', name: 'A' } } }), 'POST', '/api/v2/users'],
  ['updateUsersPartial', (a) => a.updateUsersPartial({ users: [{ id: 'alice', set: { name: 'A' } }] }), 'PATCH', '/api/v2/users'],
];

describe('createChatApi', () => {
  it.each(cases)('%s: %s %s', async (_name, call, method, path, expectQuery = {}, expectBody) => {
    const { api, requests } = await apiWith({ duration: '1ms' });
    await call(api);
    const req = requests[0];
    expect(req?.method).toBe(method);
    expect(req?.url.pathname).toBe(path);
    expect(req?.url.searchParams.get('api_key')).toBe('k');
    expect(req?.url.searchParams.get('connection_id')).toBe('c1');
    for (const [k, v] of Object.entries(expectQuery)) expect(req?.url.searchParams.get(k)).toBe(v);
    if (expectBody !== undefined) expect(JSON.parse(req?.body ?? 'null')).toEqual(expectBody);
    if (method === 'GET' || method === 'DELETE') expect(req?.body).toBe('');
  });

  it('returns decoded models (epoch ms) from sendMessage', async () => {
    const { api } = await apiWith({ duration: '1ms', message: wireMessage });
    const res = await api.sendMessage('messaging', 'general', { message: { id: 'alice-1', text: 'hi' } });
    expect(res.message.created_at).toBe(Date.parse('2024-05-01T10:00:00Z'));
  });

  it('sends request timestamps as RFC 3339 without touching the caller object', async () => {
    const { api, requests } = await apiWith({ duration: '1ms' }, { duration: '1ms' }, { duration: '1ms' });
    const at = Date.parse('2024-05-01T10:00:00.250Z');
    const body = { messages: { limit: 5, created_at_before: at } };
    await api.getOrCreateChannel('messaging', 'general', body);
    await api.truncateChannel('messaging', 'general', { truncated_at: at, message: { text: 'cut', pin_expires: at } });
    await api.markUnread('messaging', 'general', { message_timestamp: at });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ messages: { limit: 5, created_at_before: '2024-05-01T10:00:00.250Z' } });
    expect(body.messages.created_at_before).toBe(at);
    expect(JSON.parse(requests[1]?.body ?? '')).toEqual({
      truncated_at: '2024-05-01T10:00:00.250Z',
      message: { text: 'cut', pin_expires: '2024-05-01T10:00:00.250Z' },
    });
    expect(JSON.parse(requests[2]?.body ?? '')).toEqual({ message_timestamp: '2024-05-01T10:00:00.250Z' });
  });

  it('uploads a file as multipart with its name', async () => {
    const { api, requests } = await apiWith({ duration: '1ms', file: 'http://cdn/x.txt' });
    const res = await api.uploadChannelFile('messaging', 'general', { file: new Blob(['hello'], { type: 'text/plain' }) }, { name: 'x.txt' });
    expect(res.file).toBe('http://cdn/x.txt');
    expect(requests[0]?.url.pathname).toBe('/api/v2/chat/channels/messaging/general/file');
    expect(requests[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(requests[0]?.body).toContain('filename="x.txt"');
    expect(requests[0]?.body).toContain('hello');
  });

  it('reports upload progress up to the whole body', async () => {
    const { api, requests } = await apiWith({ duration: '1ms', file: 'http://cdn/y.png' });
    const progress: { loaded: number; total: number }[] = [];
    await api.uploadChannelImage(
      'messaging',
      'general',
      { file: new Blob([new Uint8Array(4096)], { type: 'image/png' }), upload_sizes: [{ width: 100, height: 100 }] },
      { onProgress: (p) => progress.push(p) },
    );
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1];
    expect(last?.loaded).toBeGreaterThan(4096);
    expect(last?.loaded).toBe(last?.total);
    expect(requests[0]?.body).toContain('upload_sizes');
  });
});
