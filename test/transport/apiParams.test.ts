// The boundary of the generated API: parameters checked against their seed types before
// anything is sent (ChatError code 4 naming the parameter), and encoded as the service
// reads them (JSON-in-query payloads, comma-joined id lists, RFC 3339 timestamps).
import { describe, expect, it } from 'vitest';
import { createChatApi, type ChatApi } from '../../src/transport/api.ts';
import { createTokenManager } from '../../src/transport/auth.ts';
import { ChatError } from '../../src/transport/chatError.ts';
import { createHttpClient } from '../../src/transport/http.ts';
import { errorBody, fakeFetch, jsonResponse } from './helpers/fakeFetch.ts';
import { signToken } from './helpers/tokens.ts';
import { VirtualClock } from './helpers/virtualClock.ts';

async function setup(...bodies: unknown[]) {
  const f = fakeFetch(...bodies.map((b) => () => jsonResponse(200, b)));
  const clock = new VirtualClock();
  const http = createHttpClient({
    baseUrl: 'http://127.0.0.1:9',
    apiKey: 'k',
    tokens: createTokenManager({ userId: 'alice', token: await signToken('alice') }),
    getConnectionId: () => 'c1',
    fetch: f.fetch,
    scheduler: clock.scheduler,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
  });
  return { api: createChatApi(http), f, clock };
}

async function rejection(p: Promise<unknown>): Promise<ChatError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ChatError);
  return e as ChatError;
}

type Bad = [what: string, call: (api: ChatApi) => Promise<unknown>, endpoint: string, message: RegExp];

// Each call is wrong in one parameter; `as never` stands for a caller without types (plain JS).
const bad: Bad[] = [
  ['a number for a string', (a) => a.getOG({ url: 42 as never }), 'GetOG', /url must be a string, got a number/],
  ['a required body field missing', (a) => a.sendMessage('messaging', 'general', {} as never), 'SendMessage', /message is required/],
  ['a required query field missing', (a) => a.getOG({} as never), 'GetOG', /url is required/],
  ['a string for a boolean', (a) => a.deleteMessage('m1', { hard: 'yes' as never }), 'DeleteMessage', /hard must be a boolean, got a string/],
  ['a string for a number', (a) => a.getReactions('m1', { limit: '10' as never }), 'GetReactions', /limit must be a number/],
  ['NaN for a number', (a) => a.queryChannels({ limit: Number.NaN }), 'QueryChannels', /limit must be a number, got NaN/],
  ['a string for a string list', (a) => a.muteChannel({ channel_cids: 'messaging:general' as never }), 'MuteChannel', /channel_cids must be an array of string/],
  ['a wrong element of a list', (a) => a.getManyMessages('messaging', 'general', { ids: ['a', 7 as never] }), 'GetManyMessages', /ids\[1\] must be a string/],
  ['a wrong field inside a model', (a) => a.sendMessage('messaging', 'general', { message: { text: 5 as never } }), 'SendMessage', /message\.text must be a string/],
  [
    'a wrong field deep inside a model',
    (a) => a.sendMessage('messaging', 'general', { message: { attachments: [{ title: false } as never] } }),
    'SendMessage',
    /message\.attachments\[0\]\.title must be a string/,
  ],
  ['a list for an object', (a) => a.queryChannels({ filter_conditions: [] as never }), 'QueryChannels', /filter_conditions must be an object, got an array/],
  ['an empty path parameter', (a) => a.getMessage(''), 'GetMessage', /id must be a non-empty string/],
  ['a number as a path parameter', (a) => a.getMessage(7 as never), 'GetMessage', /id must be a non-empty string/],
  ['a parameter a GET does not have', (a) => a.getMessage('m1', { shoe_size: 3 } as never), 'GetMessage', /shoe_size is not a parameter of GetMessage/],
  ['a request that is not an object', (a) => a.queryUsers('bob' as never), 'QueryUsers', /the request must be an object/],
  ['a text for a timestamp', (a) => a.truncateChannel('messaging', 'general', { truncated_at: true as never }), 'TruncateChannel', /truncated_at must be a timestamp/],
  ['a wrong upload', (a) => a.uploadFile({ file: 'not a blob' as never }), 'UploadFile', /file must be a Blob or File/],
];

describe('generated API: parameters are checked before sending', () => {
  it.each(bad)('%s rejects with code 4 naming the parameter, and sends nothing', async (_what, call, endpoint, message) => {
    const { api, f } = await setup();
    const e = await rejection(call(api));
    expect(e).toMatchObject({ code: 4, endpoint, retryable: false, status: 0 });
    expect(e.message).toMatch(message);
    expect(f.requests).toHaveLength(0);
  });

  it('lets optional fields be null and custom fields through', async () => {
    const { api, f } = await setup({ duration: '1ms', message: { id: 'm1', cid: 'messaging:general', type: 'regular', created_at: '2024-05-01T10:00:00Z' } });
    await api.sendMessage('messaging', 'general', { message: { id: 'm1', text: 'hi', quoted_message_id: null as never, mood: 'happy' } as never });
    expect(JSON.parse(f.requests[0]!.body)).toEqual({ message: { id: 'm1', text: 'hi', quoted_message_id: null, mood: 'happy' } });
  });
});

describe('generated API: encoding', () => {
  it('sends JSON-in-query payloads as the service reads them', async () => {
    const { api, f } = await setup({ duration: '1ms', users: [] }, { duration: '1ms', results: [] });
    await api.queryUsers({ payload: { filter_conditions: { id: { $in: ['bob'] } }, sort: [{ field: 'name', direction: 1 }], limit: 5 } });
    await api.search({ payload: { filter_conditions: { cid: 'messaging:general' }, query: 'a&b' } });
    expect(f.requests[0]!.url.searchParams.get('payload')).toBe('{"filter_conditions":{"id":{"$in":["bob"]}},"sort":[{"field":"name","direction":1}],"limit":5}');
    expect(f.requests[1]!.url.searchParams.get('payload')).toBe('{"filter_conditions":{"cid":"messaging:general"},"query":"a&b"}');
    // Nothing but the URL: a GET has no body.
    expect(f.requests[0]!.body).toBe('');
  });

  it('comma-joins lists of ids, JSON-encodes lists of objects, and escapes path segments', async () => {
    const { api, f } = await setup({ duration: '1ms', messages: [] }, { duration: '1ms', messages: [] });
    await api.getManyMessages('messaging', 'a b/c', { ids: ['m1', 'm2'] });
    await api.getReplies('p1', { sort: [{ field: 'created_at', direction: -1 }], limit: 3 });
    expect(f.requests[0]!.url.pathname).toBe('/api/v2/chat/channels/messaging/a%20b%2Fc/messages');
    expect(f.requests[0]!.url.searchParams.get('ids')).toBe('m1,m2');
    expect(f.requests[1]!.url.searchParams.get('sort')).toBe('[{"field":"created_at","direction":-1}]');
    expect(f.requests[1]!.url.searchParams.get('limit')).toBe('3');
  });

  it('sends timestamps as RFC 3339 at the top level and inside models, leaving the caller object alone', async () => {
    const { api, f } = await setup({ duration: '1ms' }, { duration: '1ms' });
    const at = Date.parse('2024-05-01T10:00:00.250Z');
    const request = { remind_at: at };
    await api.createReminder('m1', request);
    await api.updateChannel('messaging', 'general', { hide_history_before: at, message: { text: 'x', pin_expires: at } });
    expect(JSON.parse(f.requests[0]!.body)).toEqual({ remind_at: '2024-05-01T10:00:00.250Z' });
    expect(request.remind_at).toBe(at);
    expect(JSON.parse(f.requests[1]!.body)).toEqual({ hide_history_before: '2024-05-01T10:00:00.250Z', message: { text: 'x', pin_expires: '2024-05-01T10:00:00.250Z' } });
  });

  it('sends an empty JSON body on a write without parameters', async () => {
    const { api, f } = await setup({ duration: '1ms' });
    await api.commitMessage('m1');
    expect(f.requests[0]!.method).toBe('POST');
    expect(JSON.parse(f.requests[0]!.body)).toEqual({});
  });
});

describe('generated API: errors and retries', () => {
  it('names the operation in a server error', async () => {
    const { api, f } = await setup();
    f.respond(() => jsonResponse(404, errorBody(16, 404, 'no such poll')));
    const e = await rejection(api.getPoll('nope'));
    expect(e).toMatchObject({ code: 16, status: 404, endpoint: 'GetPoll' });
  });

  it('retries a query sent as POST, and a send only with a client id', async () => {
    const { api, f, clock } = await setup();
    const fail = () => jsonResponse(503, errorBody(-1, 503, 'busy'));
    const ok = { duration: '1ms', channels: [] };
    f.respond(fail, () => jsonResponse(200, ok));
    const query = api.queryChannels({});
    await clock.advance(10);
    await query;
    expect(f.requests).toHaveLength(2);

    f.respond(fail);
    const e = await rejection(api.sendMessage('messaging', 'general', { message: { text: 'no id' } }));
    expect(e.status).toBe(503);
    expect(f.requests).toHaveLength(3);

    const message = { id: 'alice-1', cid: 'messaging:general', type: 'regular', created_at: '2024-05-01T10:00:00Z' };
    f.respond(fail, () => jsonResponse(200, { duration: '1ms', message }));
    const sent = api.sendMessage('messaging', 'general', { message: { id: 'alice-1', text: 'with id' } });
    await clock.advance(10);
    expect((await sent).message.id).toBe('alice-1');
  });
});
