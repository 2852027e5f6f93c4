// REST (PROTOCOL.md sections 1-3). Uploads go through ky, which builds the multipart
// request and streams its upload progress; a JSON request is one fetch call (see `send`).
// The retry loop and every wait are ours, because ky's own retry and timeout use real
// timers and the transport's timers must run on the injected scheduler. Retries:
// idempotent requests only, on network errors, 5xx and 429 (honouring Retry-After); code 40
// refreshes the token once and repeats any request, since the server rejected it before
// doing anything.
import ky from 'ky';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { DecodeResult } from '../models/decode.ts';
import type { TokenManager } from './auth.ts';
import { backoffDelay } from './backoff.ts';
import { ChatError, ChatErrorCode, chatErrorFromBody, isChatError, parseRetryAfter } from './chatError.ts';
import { scheduleOnce, schedulerDelay } from './schedulerDelay.ts';
import { hasXhr, xhrUpload } from './xhrUpload.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest<T> {
  /** The seed operation name, e.g. `SendMessage`; it names the endpoint in errors. */
  endpoint: string;
  method: HttpMethod;
  /** Path from the base URL, e.g. `/api/v2/chat/channels/messaging/general/query`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. */
  body?: unknown;
  /** Multipart body (uploads). */
  form?: FormData;
  /** Response decoder from src/models; a failure becomes a ChatError with code -1. */
  decode?: (json: unknown) => DecodeResult<T>;
  /**
   * Whether repeating the request is safe. Default: GET and DELETE yes, other writes no;
   * a write that carries a client-generated id passes true.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
  onUploadProgress?: (p: { loaded: number; total: number }) => void;
  /** Per-request timeout; `false` for none. Default: the client's `timeoutMs`. */
  timeoutMs?: number | false;
}

export interface HttpClient {
  request<T>(req: HttpRequest<T>): Promise<T>;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  limit?: number;
  /** Ceiling of the first backoff (default 500 ms). */
  baseDelayMs?: number;
  /** Ceiling of any backoff (default 10 s). */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is returned (default 60 s). */
  maxRetryAfterMs?: number;
}

export interface HttpClientOptions {
  baseUrl: string;
  apiKey: string;
  tokens: TokenManager;
  /** The socket's connection id once known; sent as `connection_id` (watching depends on it). */
  getConnectionId: () => string | undefined;
  fetch?: typeof fetch;
  scheduler?: SchedulerLike;
  random?: () => number;
  retry?: RetryOptions;
  /** Default per-request timeout (30 s); `false` for none. */
  timeoutMs?: number | false;
}

type Attempt = { ok: true; status: number; json: unknown } | { ok: false; error: ChatError };

const DEFAULT_TIMEOUT_MS = 30_000;

function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

function clientError(endpoint: string, message: string, retryable: boolean, cause?: unknown, status = 0): ChatError {
  return new ChatError({ message, code: ChatErrorCode.Client, status, endpoint, retryable, cause });
}

let requestStreams: boolean | undefined;

/**
 * Whether fetch can stream a request body, which ky's upload progress needs (Safari and
 * Firefox cannot); the same feature test ky runs, done here so that an upload there still
 * goes out, with its progress reported once at the end.
 */
function supportsRequestStreams(): boolean {
  if (requestStreams !== undefined) return requestStreams;
  try {
    let duplexAccessed = false;
    const init = {
      method: 'POST',
      body: new ReadableStream(),
      get duplex() {
        duplexAccessed = true;
        return 'half';
      },
    };
    const hasContentType = new Request('http://127.0.0.1/', init as RequestInit).headers.has('Content-Type');
    requestStreams = duplexAccessed && !hasContentType;
  } catch {
    requestStreams = false;
  }
  return requestStreams;
}

/** Bytes of the parts of a form (without the multipart framing). */
function formSize(form: FormData | undefined): number {
  let size = 0;
  form?.forEach((value) => {
    size += typeof value === 'string' ? new TextEncoder().encode(value).length : value.size;
  });
  return size;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Create the REST client.
 * @example
 * const http = createHttpClient({ baseUrl, apiKey, tokens, getConnectionId: () => socket.connectionId });
 * const res = await http.request({ endpoint: 'GetMessage', method: 'GET', path: `/api/v2/chat/messages/${id}` });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const scheduler = options.scheduler ?? asyncScheduler;
  const random = options.random ?? Math.random;
  const limit = options.retry?.limit ?? 3;
  const baseDelayMs = options.retry?.baseDelayMs ?? 500;
  const maxDelayMs = options.retry?.maxDelayMs ?? 10_000;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 60_000;
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  function headersFor(token: string): Record<string, string> {
    return { Authorization: `Bearer ${token}`, 'stream-auth-type': 'jwt' };
  }

  /**
   * A JSON request: one fetch call with the URL, headers and body built here. Not through
   * ky, whose request costs three Request objects and a clone of the body (kept for
   * retries ky would make; ours make a new request). In Node that was ~0.6 ms of CPU per
   * request on top of fetch's own ~0.8 ms (measured: 3,000 POSTs, 10 in flight), the
   * largest single cost of a sent message in bench W7.
   */
  function send(req: HttpRequest<unknown>, token: string, searchParams: Record<string, string | number | boolean>, signal: AbortSignal): Promise<Response> {
    const query = new URLSearchParams();
    for (const k in searchParams) query.append(k, String(searchParams[k]));
    const headers = headersFor(token);
    const init: RequestInit = { method: req.method, headers, signal };
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(req.body);
    }
    return fetchFn(`${base}${req.path}?${query.toString()}`, init);
  }

  /**
   * A multipart upload: ky builds it and, where fetch can stream a body, reports progress;
   * in a browser (no fetch of the caller's own) XMLHttpRequest does (xhrUpload.ts).
   */
  function upload(
    req: HttpRequest<unknown>,
    form: FormData,
    token: string,
    searchParams: Record<string, string | number | boolean>,
    signal: AbortSignal,
    streamProgress: ((p: { loaded: number; total: number }) => void) | undefined,
  ): Promise<Response> {
    if (req.onUploadProgress && !options.fetch && hasXhr()) {
      const query = new URLSearchParams();
      for (const k in searchParams) query.append(k, String(searchParams[k]));
      return xhrUpload(`${base}${req.path}?${query.toString()}`, { method: req.method, headers: headersFor(token), body: form, signal }, req.onUploadProgress);
    }
    return ky(base + req.path, {
      method: req.method,
      headers: headersFor(token),
      searchParams,
      body: form,
      signal,
      fetch: fetchFn,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      ...(streamProgress
        ? {
            onUploadProgress: (p: { transferredBytes: number; totalBytes: number }) =>
              streamProgress({ loaded: p.transferredBytes, total: p.totalBytes }),
          }
        : {}),
    });
  }

  async function attempt<T>(req: HttpRequest<T>, token: string): Promise<Attempt> {
    const searchParams: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) searchParams[k] = v;
    searchParams['api_key'] = options.apiKey;
    const connectionId = options.getConnectionId();
    if (connectionId !== undefined) searchParams['connection_id'] = connectionId;

    // The timeout aborts through the scheduler; the caller's signal aborts as well.
    const timeoutMs = req.timeoutMs === undefined ? (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) : req.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      timeoutMs === false
        ? undefined
        : scheduleOnce(scheduler, timeoutMs, () => {
            timedOut = true;
            controller.abort();
          });
    const signal = req.signal ? AbortSignal.any([req.signal, controller.signal]) : controller.signal;
    // Only an upload's body can be streamed with progress; any other request reports it once, at the end.
    const viaXhr = req.form !== undefined && req.onUploadProgress !== undefined && !options.fetch && hasXhr();
    const streamProgress = req.form && req.onUploadProgress && !viaXhr && supportsRequestStreams() ? req.onUploadProgress : undefined;
    try {
      const response = req.form
        ? await upload(req, req.form, token, searchParams, signal, streamProgress)
        : await send(req, token, searchParams, signal);
      if (req.onUploadProgress && !streamProgress && !viaXhr) {
        const size = formSize(req.form);
        req.onUploadProgress({ loaded: size, total: size });
      }
      const text = await response.text();
      const parsed = parseJson(text);
      if (response.ok) {
        if (!parsed.ok) {
          return { ok: false, error: clientError(req.endpoint, `${req.endpoint}: the response is not JSON`, false, undefined, response.status) };
        }
        return { ok: true, status: response.status, json: parsed.value };
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), scheduler.now());
      return {
        ok: false,
        error: chatErrorFromBody(req.endpoint, response.status, parsed.ok ? parsed.value : undefined, retryAfterMs),
      };
    } catch (e) {
      if (req.signal?.aborted) {
        return { ok: false, error: clientError(req.endpoint, `${req.endpoint} was aborted`, false, req.signal.reason) };
      }
      if (timedOut) {
        return { ok: false, error: clientError(req.endpoint, `${req.endpoint} timed out after ${timeoutMs} ms`, true, e) };
      }
      const detail = e instanceof Error ? e.message : String(e);
      return { ok: false, error: clientError(req.endpoint, `${req.endpoint}: network error (${detail})`, !isAbort(e), e) };
    } finally {
      timer?.unsubscribe();
    }
  }

  function decode<T>(req: HttpRequest<T>, status: number, json: unknown): T {
    if (!req.decode) return json as T;
    const result = req.decode(json);
    if (result.ok) return result.value;
    throw clientError(
      req.endpoint,
      `${req.endpoint}: unexpected response (${result.error.message})`,
      false,
      result.error,
      status,
    );
  }

  async function tokenFor(endpoint: string, get: () => Promise<string>): Promise<string> {
    try {
      return await get();
    } catch (e) {
      // Report auth failures against the call that needed the token.
      throw isChatError(e) ? e.with({ endpoint, cause: e }) : clientError(endpoint, String(e), false, e);
    }
  }

  return {
    async request<T>(req: HttpRequest<T>): Promise<T> {
      const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'DELETE');
      let retries = 0;
      let refreshed = false;
      let token = await tokenFor(req.endpoint, () => options.tokens.getToken());
      for (;;) {
        if (req.signal?.aborted) {
          throw clientError(req.endpoint, `${req.endpoint} was aborted`, false, req.signal.reason);
        }
        const result = await attempt(req, token);
        if (result.ok) return decode(req, result.status, result.json);
        const error = result.error;

        if (error.code === ChatErrorCode.TokenExpired) {
          if (refreshed || options.tokens.canRefresh === false) throw error.with({ retryable: false });
          refreshed = true;
          const stale = token;
          token = await tokenFor(req.endpoint, () => options.tokens.refresh(stale)).catch((refreshError: unknown) => {
            throw error.with({ retryable: false, cause: refreshError });
          });
          continue;
        }

        if (!idempotent || !error.retryable || retries >= limit) throw error;
        const wait =
          error.retryAfterMs !== undefined
            ? error.retryAfterMs
            : backoffDelay(retries + 1, { baseMs: baseDelayMs, capMs: maxDelayMs, random });
        if (wait > maxRetryAfterMs) throw error;
        retries += 1;
        try {
          await schedulerDelay(scheduler, wait, req.signal);
        } catch (reason) {
          throw clientError(req.endpoint, `${req.endpoint} was aborted`, false, reason);
        }
        // A refreshed or re-provided token may have replaced ours while we waited.
        token = await tokenFor(req.endpoint, () => options.tokens.getToken());
      }
    },
  };
}
