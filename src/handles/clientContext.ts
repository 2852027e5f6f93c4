// What handles share with the client that made them: the store, the API of the current
// connection, the scheduler for their timers and the error funnel. Handles hold no state of
// their own beyond timers and in-flight requests; everything they show comes from the store.
import type { Observable, SchedulerLike } from 'rxjs';
import type { ChatEvent } from '../models/events.ts';
import type { ChatApi } from '../transport/api.ts';
import type { HttpClient } from '../transport/http.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import type { ChatStore } from '../store/store.ts';
import type { StoredError } from '../store/state.ts';

export interface ClientContext {
  readonly store: ChatStore;
  readonly scheduler: SchedulerLike;
  /** The API of the connected user; throws a ChatError when nobody is connected. */
  api(endpoint: string): ChatApi;
  /** The HTTP client of the connected user, for calls the seeds leave out (CreateDraft); throws like api(). */
  http?(endpoint: string): HttpClient;
  /** Report a failure on errors$ and return it as a ChatError (for rejecting). */
  report(error: unknown, endpoint: string): ChatError;
  /** Cids whose events this connection should receive (re-watched after a reconnect). */
  readonly watched: Set<string>;
  /** The connected user's id. */
  meId(): string | undefined;
  /** Whether the connection is up and recovered (sends wait for it; PROTOCOL.md section 7). */
  isConnected(): boolean;
  /** Every event after it is applied (client.events$). */
  readonly events$?: Observable<ChatEvent>;
  /** Resolves when the client is connected and recovered (at once if it is now). */
  whenConnected(): Promise<void>;
}

/** A ChatError for any thrown value (errors that are already ChatErrors pass through). */
export function toChatError(error: unknown, endpoint: string): ChatError {
  if (error instanceof ChatError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ChatError({ message, code: ChatErrorCode.Client, status: 0, endpoint, retryable: false, cause: error });
}

/** The plain-data copy of an error the store keeps (state stays serialisable). */
export function toStoredError(e: ChatError): StoredError {
  return { code: e.code, status: e.status, message: e.message, endpoint: e.endpoint, retryable: e.retryable };
}

export function notConnected(endpoint: string): ChatError {
  return new ChatError({
    message: 'No user is connected: call connectUser() first',
    code: ChatErrorCode.Client,
    status: 0,
    endpoint,
    retryable: false,
  });
}
