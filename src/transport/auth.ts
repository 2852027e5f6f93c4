// User tokens (PROTOCOL.md section 2): a JWT string or an async provider. The client never
// holds the app secret, so claims are only decoded (jose.decodeJwt), never verified; the
// server verifies. What the client does check is that a token names the user who connects:
// a token for someone else is an error, never a silent switch of identity.
import { decodeJwt } from 'jose';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { ChatError, ChatErrorCode } from './chatError.ts';

export type TokenProvider = () => Promise<string>;
export type TokenOrProvider = string | TokenProvider;

export interface TokenManager {
  readonly userId: string;
  /**
   * The current token. With a provider it is loaded on first use and refreshed once it is
   * within the refresh margin of `exp`; concurrent callers share one provider call.
   */
  getToken(): Promise<string>;
  /**
   * Force a new token from the provider (after an error with code 40). With `staleToken`,
   * a token that already replaced it is returned instead of calling the provider again, so
   * N requests failing together cause one refresh. A static token rejects with code 40.
   */
  refresh(staleToken?: string): Promise<string>;
  /**
   * Whether a provider can produce new tokens (a static token cannot). Optional so that a
   * hand-written TokenManager fits; callers treat only `false` as "do not try".
   */
  readonly canRefresh?: boolean;
  dispose(): void;
}

export interface TokenManagerOptions {
  userId: string;
  token: TokenOrProvider;
  /** Clock for expiry checks (its `now()`), default `asyncScheduler`. */
  scheduler?: SchedulerLike;
  /** Refresh this long before `exp` (default 60 s, at most half the token's lifetime). */
  refreshMarginMs?: number;
}

/** The claims the client reads from a token. */
export interface TokenClaims {
  userId: string | undefined;
  expiresAtMs: number | undefined;
  issuedAtMs: number | undefined;
}

const ENDPOINT = 'auth';
const DEFAULT_MARGIN_MS = 60_000;

/** Decode (not verify) a JWT's claims; undefined when the text is not a JWT. */
export function readTokenClaims(token: string): TokenClaims | undefined {
  try {
    const payload = decodeJwt(token);
    const userId = payload['user_id'];
    return {
      userId: typeof userId === 'string' ? userId : undefined,
      expiresAtMs: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined,
      issuedAtMs: typeof payload.iat === 'number' ? payload.iat * 1000 : undefined,
    };
  } catch {
    return undefined;
  }
}

function invalidToken(message: string): ChatError {
  return new ChatError({
    message,
    code: ChatErrorCode.TokenSignatureInvalid,
    status: 401,
    endpoint: ENDPOINT,
    retryable: false,
  });
}

interface Held {
  token: string;
  /** When a refresh is due (epoch ms on the scheduler's clock); Infinity without `exp`. */
  refreshAt: number;
}

/**
 * Create the token manager for one connected user.
 * @example
 * const tokens = createTokenManager({ userId: 'alice', token: () => fetchTokenFromMyBackend() });
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { userId } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const marginMs = options.refreshMarginMs ?? DEFAULT_MARGIN_MS;
  const provider = typeof options.token === 'function' ? options.token : undefined;
  const staticToken = typeof options.token === 'string' ? options.token : undefined;

  let held: Held | undefined;
  let staticError: ChatError | undefined;
  let inflight: Promise<string> | undefined;
  let disposed = false;

  /** Check a token against the user and work out when to refresh it. */
  function accept(token: unknown): Held {
    if (typeof token !== 'string' || token === '') {
      throw invalidToken('the token provider returned no token');
    }
    const claims = readTokenClaims(token);
    if (!claims) throw invalidToken('the token is not a JWT');
    if (claims.userId !== userId) {
      throw invalidToken(
        claims.userId === undefined
          ? 'the token has no user_id claim'
          : `the token is for user "${claims.userId}", not "${userId}"`,
      );
    }
    if (claims.expiresAtMs === undefined) return { token, refreshAt: Infinity };
    const now = scheduler.now();
    // Without `iat`, the lifetime counts from when the token arrived; half of it caps the
    // margin, so a short-lived token is not treated as due the moment it arrives.
    const lifetime = claims.expiresAtMs - (claims.issuedAtMs ?? now);
    const margin = Math.max(0, Math.min(marginMs, lifetime / 2));
    return { token, refreshAt: claims.expiresAtMs - margin };
  }

  function disposedError(): ChatError {
    return new ChatError({
      message: 'the token manager was disposed',
      code: ChatErrorCode.Client,
      status: 0,
      endpoint: ENDPOINT,
      retryable: false,
    });
  }

  function load(fn: TokenProvider): Promise<string> {
    if (inflight) return inflight;
    const attempt = (async (): Promise<string> => {
      let raw: unknown;
      try {
        raw = await fn();
      } catch (cause) {
        throw new ChatError({
          message: `the token provider failed: ${cause instanceof Error ? cause.message : String(cause)}`,
          code: ChatErrorCode.Client,
          status: 0,
          endpoint: ENDPOINT,
          retryable: true,
          cause,
        });
      }
      if (disposed) throw disposedError();
      held = accept(raw);
      return held.token;
    })();
    inflight = attempt;
    // Clear only our own promise: a later load may already have replaced it.
    const clear = (): void => {
      if (inflight === attempt) inflight = undefined;
    };
    attempt.then(clear, clear);
    return attempt;
  }

  return {
    userId,
    canRefresh: provider !== undefined,
    getToken(): Promise<string> {
      if (disposed) return Promise.reject(disposedError());
      if (staticToken !== undefined) {
        if (!held && !staticError) {
          try {
            held = accept(staticToken);
          } catch (e) {
            staticError = e as ChatError;
          }
        }
        return staticError ? Promise.reject(staticError) : Promise.resolve(staticToken);
      }
      if (inflight) return inflight;
      if (held && scheduler.now() < held.refreshAt) return Promise.resolve(held.token);
      return load(provider as TokenProvider);
    },
    refresh(staleToken?: string): Promise<string> {
      if (disposed) return Promise.reject(disposedError());
      if (!provider) {
        return Promise.reject(
          new ChatError({
            message: 'the token expired and a static token cannot be refreshed; pass a token provider',
            code: ChatErrorCode.TokenExpired,
            status: 401,
            endpoint: ENDPOINT,
            retryable: false,
          }),
        );
      }
      if (inflight) return inflight;
      if (staleToken !== undefined && held && held.token !== staleToken && scheduler.now() < held.refreshAt) {
        return Promise.resolve(held.token);
      }
      return load(provider);
    },
    dispose(): void {
      disposed = true;
      held = undefined;
      inflight = undefined;
    },
  };
}
