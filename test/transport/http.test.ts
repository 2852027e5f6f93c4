import { describe, expect, it, vi } from 'vitest';
import { decodeModel } from '../../src/models/decode.ts';
import { createTokenManager, type TokenManager } from '../../src/transport/auth.ts';
import { ChatError } from '../../src/transport/chatError.ts';
import { createHttpClient, type HttpClientOptions } from '../../src/transport/http.ts';
import { errorBody, fakeFetch, jsonResponse } from './helpers/fakeFetch.ts';
import { signToken } from './helpers/tokens.ts';
import { settle, VirtualClock } from './helpers/virtualClock.ts';

const BASE = 'http://127.0.0.1:9/';

async function setup(
  fetchFn: typeof fetch,
  overrides: Partial<HttpClientOptions> & { tokens?: TokenManager } = {},
) {
  const clock = new VirtualClock();
  const tokens = overrides.tokens ?? createTokenManager({ userId: 'alice', token: await signToken('alice') });
  const http = createHttpClient({
    baseUrl: BASE,
    apiKey: 'key-1',
    tokens,
    getConnectionId: () => undefined,
    fetch: fetchFn,
    scheduler: clock.scheduler,
    random: () => 0.5,
    ...overrides,
  });
  return { http, clock, tokens };
}

const getMessage = { endpoint: 'GetMessage', method: 'GET', path: '/api/v2/chat/messages/m1' } as const;
const sendMessage = {
  endpoint: 'SendMessage',
  method: 'POST',
  path: '/api/v2/chat/channels/messaging/general/message',
  body: { message: { text: 'hi' } },
} as const;

/** Start a request and keep its outcome, so time can be advanced while it runs. */
function track<T>(promise: Promise<T>) {
  const out: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (v) => Object.assign(out, { value: v, done: true }),
    (e: unknown) => Object.assign(out, { error: e, done: true }),
  );
  return out;
}

describe('createHttpClient: the request on the wire', () => {
  it('sends auth headers, api_key, connection_id once known, and JSON', async () => {
    const token = await signToken('alice');
    const f = fakeFetch(
      () => jsonResponse(201, { ok: 1 }),
      () => jsonResponse(200, { ok: 2 }),
    );
    let connectionId: string | undefined;
    const { http } = await setup(f.fetch, {
      tokens: createTokenManager({ userId: 'alice', token }),
      getConnectionId: () => connectionId,
    });
    await expect(http.request({ ...sendMessage, query: { skip: undefined, limit: 5 } })).resolves.toEqual({ ok: 1 });
    connectionId = 'conn-7';
    await http.request(getMessage);

    const [first, second] = f.requests;
    expect(first?.url.origin + (first?.url.pathname ?? '')).toBe(
      'http://127.0.0.1:9/api/v2/chat/channels/messaging/general/message',
    );
    expect(first?.method).toBe('POST');
    expect(first?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(first?.headers.get('stream-auth-type')).toBe('jwt');
    expect(first?.contentType).toContain('application/json');
    expect(JSON.parse(first?.body ?? '')).toEqual({ message: { text: 'hi' } });
    expect(first?.url.searchParams.get('api_key')).toBe('key-1');
    expect(first?.url.searchParams.get('limit')).toBe('5');
    expect(first?.url.searchParams.has('skip')).toBe(false);
    expect(first?.url.searchParams.has('connection_id')).toBe(false);
    expect(second?.url.searchParams.get('connection_id')).toBe('conn-7');
  });

  it('decodes the response with the given decoder (timestamps to epoch ms)', async () => {
    const f = fakeFetch(() =>
      jsonResponse(200, { duration: '1ms', message: { id: 'm1', cid: 'messaging:x', type: 'regular', created_at: '2024-05-01T10:00:00.5Z' } }),
    );
    const { http } = await setup(f.fetch);
    const res = await http.request({ ...getMessage, decode: (j) => decodeModel('GetMessageResponse', j) });
    expect(res.message.created_at).toBe(Date.parse('2024-05-01T10:00:00.500Z'));
  });

  it('turns a response that fails decoding into code -1 with the DecodeError as cause', async () => {
    const f = fakeFetch(() => jsonResponse(200, { duration: '1ms', message: { id: 7 } }));
    const { http } = await setup(f.fetch);
    const error = await http
      .request({ ...getMessage, decode: (j) => decodeModel('GetMessageResponse', j) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: -1, status: 200, endpoint: 'GetMessage', retryable: false });
    expect((error as ChatError).cause).toMatchObject({ name: 'DecodeError' });
  });
});

describe('createHttpClient: errors', () => {
  it.each([
    [4, 400],
    [5, 403],
    [16, 404],
    [17, 403],
    [43, 401],
  ])('rejects with code %i / HTTP %i and does not retry it', async (code, status) => {
    const f = fakeFetch(() => jsonResponse(status, errorBody(code, status, 'nope')));
    const { http } = await setup(f.fetch);
    const error = await http.request(getMessage).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code, status, message: 'nope', endpoint: 'GetMessage', retryable: false });
    expect(f.requests).toHaveLength(1);
  });

  it('maps a network failure to code -1, status 0, retryable', async () => {
    const f = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const { http } = await setup(f.fetch);
    const error = await http.request(sendMessage).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: -1, status: 0, retryable: true, endpoint: 'SendMessage' });
  });
});

describe('createHttpClient: retries on the scheduler', () => {
  it('retries an idempotent request after 5xx with jittered backoff, not before', async () => {
    const f = fakeFetch(
      () => jsonResponse(503, errorBody(-1, 503)),
      () => jsonResponse(500, errorBody(-1, 500)),
      () => jsonResponse(200, { ok: true }),
    );
    const { http, clock } = await setup(f.fetch, { retry: { baseDelayMs: 400, maxDelayMs: 10_000 } });
    const out = track(http.request(getMessage));
    await settle();
    expect(f.requests).toHaveLength(1);
    // random() = 0.5: attempt 1 waits 0.75 * 400 = 300 ms, attempt 2 0.75 * 800 = 600 ms.
    await clock.advance(299);
    expect(f.requests).toHaveLength(1);
    await clock.advance(1);
    expect(f.requests).toHaveLength(2);
    await clock.advance(599);
    expect(f.requests).toHaveLength(2);
    await clock.advance(1);
    expect(out).toMatchObject({ done: true, value: { ok: true } });
    expect(f.requests).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    const f = fakeFetch(
      () => jsonResponse(429, errorBody(9, 429, 'slow down'), { 'retry-after': '3' }),
      () => jsonResponse(200, { ok: true }),
    );
    const { http, clock } = await setup(f.fetch);
    const out = track(http.request({ ...getMessage }));
    await clock.advance(2_999);
    expect(f.requests).toHaveLength(1);
    await clock.advance(1);
    expect(out).toMatchObject({ done: true, value: { ok: true } });
  });

  it('gives up after the retry limit with the last error', async () => {
    const f = fakeFetch(
      () => jsonResponse(502, errorBody(-1, 502)),
      () => jsonResponse(502, errorBody(-1, 502)),
      () => jsonResponse(503, errorBody(-1, 503, 'still down')),
    );
    const { http, clock } = await setup(f.fetch, { retry: { limit: 2 } });
    const out = track(http.request(getMessage));
    await clock.advance(60_000);
    expect(out.done).toBe(true);
    expect(out.error).toMatchObject({ status: 503, message: 'still down', retryable: true });
    expect(f.requests).toHaveLength(3);
  });

  it('retries network errors of idempotent requests', async () => {
    const f = fakeFetch(
      () => {
        throw new TypeError('socket hang up');
      },
      () => jsonResponse(200, { ok: true }),
    );
    const { http, clock } = await setup(f.fetch);
    const out = track(http.request(getMessage));
    await clock.advance(10_000);
    expect(out).toMatchObject({ done: true, value: { ok: true } });
  });

  it('never retries a write without a client id, whatever the failure', async () => {
    for (const failure of [
      () => jsonResponse(503, errorBody(-1, 503)),
      () => jsonResponse(429, errorBody(9, 429), { 'retry-after': '1' }),
      () => {
        throw new TypeError('fetch failed');
      },
    ]) {
      const f = fakeFetch(failure, () => jsonResponse(200, { ok: true }));
      const { http, clock } = await setup(f.fetch);
      const out = track(http.request(sendMessage));
      await clock.advance(120_000);
      expect(out.done).toBe(true);
      expect(out.error).toBeInstanceOf(ChatError);
      expect((out.error as ChatError).retryable).toBe(true);
      expect(f.requests).toHaveLength(1);
    }
  });

  it('retries a write marked idempotent (client-generated id)', async () => {
    const f = fakeFetch(
      () => jsonResponse(500, errorBody(-1, 500)),
      () => jsonResponse(201, { ok: true }),
    );
    const { http, clock } = await setup(f.fetch);
    const out = track(http.request({ ...sendMessage, idempotent: true }));
    await clock.advance(10_000);
    expect(out).toMatchObject({ done: true, value: { ok: true } });
    expect(f.requests.map((r) => r.body)).toEqual([f.requests[0]?.body, f.requests[0]?.body]);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs', async () => {
    const f = fakeFetch(() => jsonResponse(429, errorBody(9, 429), { 'retry-after': '600' }));
    const { http } = await setup(f.fetch, { retry: { maxRetryAfterMs: 60_000 } });
    const error = await http.request(getMessage).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 9, retryAfterMs: 600_000 });
    expect(f.requests).toHaveLength(1);
  });

  it('aborts during the backoff wait at once', async () => {
    const f = fakeFetch(() => jsonResponse(503, errorBody(-1, 503)));
    const { http, clock } = await setup(f.fetch);
    const controller = new AbortController();
    const out = track(http.request({ ...getMessage, signal: controller.signal }));
    await settle();
    controller.abort();
    await settle();
    expect(out.done).toBe(true);
    expect(out.error).toMatchObject({ code: -1, retryable: false });
    expect(clock.pending()).toBe(0);
  });

  it('times out a hanging request on the scheduler and retries it if idempotent', async () => {
    const f = fakeFetch(
      (req) =>
        new Promise<Response>(() => {
          void req; // never answers
        }),
      () => jsonResponse(200, { ok: true }),
    );
    // The hanging fetch must observe the abort signal to end; wrap it so it does.
    const abortable: typeof fetch = (input, init) =>
      new Promise<Response>((resolve, reject) => {
        const request = input instanceof Request ? input : new Request(input as string, init);
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
        f.fetch(input, init).then(resolve, reject);
      });
    const { http, clock } = await setup(abortable, { timeoutMs: 5_000 });
    const out = track(http.request(getMessage));
    await clock.advance(4_999);
    expect(out.done).toBe(false);
    await clock.advance(1);
    expect(f.requests).toHaveLength(1);
    await clock.advance(10_000);
    expect(out).toMatchObject({ done: true, value: { ok: true } });
    expect(f.requests).toHaveLength(2);
  });
});

describe('createHttpClient: code 40', () => {
  it('refreshes the token once and repeats the request, even a write', async () => {
    const old = await signToken('alice', { extra: { v: 1 } });
    const fresh = await signToken('alice', { extra: { v: 2 } });
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce(old).mockResolvedValueOnce(fresh);
    const f = fakeFetch(
      () => jsonResponse(401, errorBody(40, 401, 'token expired')),
      () => jsonResponse(201, { ok: true }),
    );
    const { http } = await setup(f.fetch, { tokens: createTokenManager({ userId: 'alice', token: provider }) });
    await expect(http.request(sendMessage)).resolves.toEqual({ ok: true });
    expect(f.requests.map((r) => r.headers.get('authorization'))).toEqual([`Bearer ${old}`, `Bearer ${fresh}`]);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('fails without a second refresh when the refreshed token is rejected too', async () => {
    const provider = vi.fn(() => signToken('alice'));
    const f = fakeFetch(
      () => jsonResponse(401, errorBody(40, 401)),
      () => jsonResponse(401, errorBody(40, 401)),
    );
    const { http } = await setup(f.fetch, { tokens: createTokenManager({ userId: 'alice', token: provider }) });
    const error = await http.request(getMessage).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 40, retryable: false });
    expect(f.requests).toHaveLength(2);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('works with a hand-written TokenManager that has no canRefresh', async () => {
    const [a, b] = [await signToken('alice', { extra: { v: 1 } }), await signToken('alice', { extra: { v: 2 } })];
    let current = a;
    const tokens: TokenManager = {
      userId: 'alice',
      getToken: () => Promise.resolve(current),
      refresh: () => Promise.resolve((current = b)),
      dispose: () => undefined,
    };
    const f = fakeFetch(
      () => jsonResponse(401, errorBody(40, 401)),
      () => jsonResponse(200, { ok: true }),
    );
    const { http } = await setup(f.fetch, { tokens });
    await expect(http.request(getMessage)).resolves.toEqual({ ok: true });
    expect(f.requests[1]?.headers.get('authorization')).toBe(`Bearer ${b}`);
  });

  it('fails at once with a static token', async () => {
    const f = fakeFetch(() => jsonResponse(401, errorBody(40, 401)));
    const { http } = await setup(f.fetch);
    await expect(http.request(getMessage)).rejects.toMatchObject({ code: 40, retryable: false });
    expect(f.requests).toHaveLength(1);
  });

  it('shares one refresh between requests that fail together', async () => {
    const provider = vi.fn(() => signToken('alice', { extra: { n: provider.mock.calls.length } }));
    const f = fakeFetch(
      () => jsonResponse(401, errorBody(40, 401)),
      () => jsonResponse(401, errorBody(40, 401)),
      () => jsonResponse(200, { ok: 1 }),
      () => jsonResponse(200, { ok: 2 }),
    );
    const { http } = await setup(f.fetch, { tokens: createTokenManager({ userId: 'alice', token: provider }) });
    const results = await Promise.all([http.request(getMessage), http.request(getMessage)]);
    expect(results).toHaveLength(2);
    expect(provider).toHaveBeenCalledTimes(2); // the first load and one shared refresh
  });

  it('reports a token for the wrong user against the endpoint, without sending anything', async () => {
    const f = fakeFetch();
    const tokens = createTokenManager({ userId: 'alice', token: await signToken('bob') });
    const { http } = await setup(f.fetch, { tokens });
    await expect(http.request(getMessage)).rejects.toMatchObject({ code: 43, endpoint: 'GetMessage' });
    expect(f.requests).toHaveLength(0);
  });
});
