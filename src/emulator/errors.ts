// The error shape of PROTOCOL.md section 3: every non-2xx answer carries
// { code, message, StatusCode, duration, more_info? }. Handlers throw ApiError; the server
// turns it into that body, so a failed request never leaves a half-applied change behind
// (handlers validate before they mutate).

/** Error codes the client understands (PROTOCOL.md section 3), plus 2 for an unknown API key. */
export const ErrorCode = {
  internal: -1,
  apiKeyNotFound: 2,
  inputError: 4,
  /** A body or uploaded file over the limit (the service's PayloadTooBigError). */
  payloadTooBig: 22,
  notAllowed: 5,
  rateLimited: 9,
  doesNotExist: 16,
  missingCapability: 17,
  tokenExpired: 40,
  tokenSignatureInvalid: 43,
} as const;

const STATUS_FOR_CODE: Record<number, number> = {
  [-1]: 500,
  2: 401,
  4: 400,
  22: 413,
  5: 403,
  9: 429,
  16: 404,
  17: 403,
  40: 401,
  43: 401,
};

/** An error answer: HTTP status, Stream error code and message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: number;
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: number, message: string, status?: number, retryAfterSeconds?: number) {
    super(message);
    this.code = code;
    this.status = status ?? STATUS_FOR_CODE[code] ?? 400;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The wire body (PROTOCOL.md section 3). */
  toBody(duration: string): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      StatusCode: this.status,
      duration,
      more_info: 'https://getstream.io/chat/docs/api_errors_response',
    };
  }
}

/** Input error (code 4, HTTP 400). */
export function inputError(message: string): ApiError {
  return new ApiError(ErrorCode.inputError, message);
}

/** Not found (code 16, HTTP 404). */
export function notFound(message: string): ApiError {
  return new ApiError(ErrorCode.doesNotExist, message);
}

/** Missing capability (code 17, HTTP 403). */
export function forbidden(message: string): ApiError {
  return new ApiError(ErrorCode.missingCapability, message);
}

/** Milliseconds as the `duration` string the service writes ("1.23ms"). */
export function formatDuration(ms: number): string {
  return `${ms.toFixed(2)}ms`;
}
