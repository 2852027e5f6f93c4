// The one error class of the library (API.md: every method that calls the server rejects
// with a ChatError). Server failures keep the server's code (PROTOCOL.md section 3); failures
// that never reached a server answer (network, abort, timeout, undecodable data) use -1.

/** Error codes the client acts on (PROTOCOL.md section 3). */
export const ChatErrorCode = {
  /** Network failure, abort, timeout or a response that could not be decoded. */
  Client: -1,
  InputError: 4,
  NotAllowed: 5,
  RateLimited: 9,
  DoesNotExist: 16,
  MissingCapability: 17,
  TokenExpired: 40,
  TokenSignatureInvalid: 43,
} as const;

export interface ChatErrorInit {
  message: string;
  code: number;
  status: number;
  endpoint: string;
  retryable: boolean;
  cause?: unknown;
  retryAfterMs?: number;
  moreInfo?: string;
}

/**
 * A failed call: `code` is the server's code or -1, `status` the HTTP status (0 when there
 * was none), `endpoint` the seed operation name (or `connect` for the socket), and
 * `retryable` whether trying again may succeed.
 */
export class ChatError extends Error {
  override readonly name = 'ChatError';
  readonly code: number;
  readonly status: number;
  readonly endpoint: string;
  readonly retryable: boolean;
  override readonly cause?: unknown;
  readonly retryAfterMs?: number;
  readonly moreInfo?: string;

  constructor(init: ChatErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.retryable = init.retryable;
    // Assigned again because a class field initialiser would reset what super() set.
    if (init.cause !== undefined) this.cause = init.cause;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.moreInfo !== undefined) this.moreInfo = init.moreInfo;
  }

  /** A copy with some fields replaced (the class is immutable). */
  with(patch: Partial<ChatErrorInit>): ChatError {
    const init: ChatErrorInit = {
      message: this.message,
      code: this.code,
      status: this.status,
      endpoint: this.endpoint,
      retryable: this.retryable,
      ...patch,
    };
    if (!('cause' in patch) && this.cause !== undefined) init.cause = this.cause;
    if (!('retryAfterMs' in patch) && this.retryAfterMs !== undefined) init.retryAfterMs = this.retryAfterMs;
    if (!('moreInfo' in patch) && this.moreInfo !== undefined) init.moreInfo = this.moreInfo;
    return new ChatError(init);
  }
}

/** Narrowing helper for `catch (e)` blocks. */
export function isChatError(value: unknown): value is ChatError {
  return value instanceof ChatError;
}

/**
 * Whether a server answer may succeed when tried again: 5xx and rate limits do; a 40
 * (token expired) does once the token is refreshed; input, permission and signature
 * errors never do.
 */
export function isRetryableServerError(code: number, status: number): boolean {
  if (code === ChatErrorCode.TokenExpired) return true;
  if (code === ChatErrorCode.RateLimited || status === 429) return true;
  return status >= 500;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The ChatError for a server error body `{ code, message, StatusCode, more_info? }`
 * (REST bodies and the socket's first-frame `error` object share the shape). A body
 * without a numeric code gives code -1 with the HTTP status kept.
 */
export function chatErrorFromBody(
  endpoint: string,
  status: number,
  body: unknown,
  retryAfterMs?: number,
): ChatError {
  const code = isRecord(body) && typeof body['code'] === 'number' ? body['code'] : ChatErrorCode.Client;
  const bodyStatus = isRecord(body) && typeof body['StatusCode'] === 'number' ? body['StatusCode'] : 0;
  const effectiveStatus = status || bodyStatus;
  const message =
    isRecord(body) && typeof body['message'] === 'string' && body['message'] !== ''
      ? body['message']
      : `${endpoint} failed with HTTP ${effectiveStatus}`;
  const init: ChatErrorInit = {
    message,
    code,
    status: effectiveStatus,
    endpoint,
    retryable: isRetryableServerError(code, effectiveStatus),
  };
  if (retryAfterMs !== undefined) init.retryAfterMs = retryAfterMs;
  if (isRecord(body) && typeof body['more_info'] === 'string') init.moreInfo = body['more_info'];
  return new ChatError(init);
}

/**
 * Milliseconds from a `Retry-After` header: delta-seconds or an HTTP date (relative to
 * `now`); undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
