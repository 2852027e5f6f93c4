// The socket's public shape: its states, its streams and its options (socket.ts builds it).
import type { Observable, SchedulerLike } from 'rxjs';
import type { DecodeError } from '../models/decode.ts';
import type { ChatEvent } from '../models/events.ts';
import type { OwnUserResponse } from '../models/generated/types.ts';
import type { TokenManager } from './auth.ts';
import type { ChatError } from './chatError.ts';
import type { ConnectUser } from './connectUrl.ts';
import type { WebSocketLike } from './webSocketLike.ts';

export type SocketStatus = 'idle' | 'connecting' | 'connected' | 'offline' | 'closed';

export interface SocketState {
  /**
   * idle: before connect(); connecting: an attempt runs or waits its backoff; connected:
   * the first frame arrived; offline: the platform reports no network, attempts wait for
   * `online`; closed: disconnect() or a final failure (then `error` says why).
   */
  status: SocketStatus;
  connectionId?: string;
  /** The own user from the latest first frame. */
  me?: OwnUserResponse;
  /** Why the last attempt or connection failed. */
  error?: ChatError;
  /** The attempt in progress or waited for since the last success (0 when connected). */
  attempt: number;
  /** Whether this connection replaced an earlier one (state must be recovered). */
  reconnected: boolean;
}

export interface ChatSocket {
  /** Emits the current state on subscribe, then each change. */
  readonly state$: Observable<SocketState>;
  /** Decoded events after the first frame (health.check replies included). */
  readonly events$: Observable<ChatEvent>;
  /** Frames that are not JSON or not a valid event; the socket stays up. */
  readonly errors$: Observable<ChatError | DecodeError>;
  readonly connectionId: string | undefined;
  /** Resolves on the first frame; rejects on a final failure. */
  connect(): Promise<{ connectionId: string; me: OwnUserResponse }>;
  /** Close with 1000: final, no reconnect. */
  disconnect(): Promise<void>;
}

export type SocketLogger = (level: 'debug' | 'info' | 'warn' | 'error', message: string, extra?: unknown) => void;

export interface SocketOptions {
  /** The connect endpoint, e.g. `ws://127.0.0.1:3030/connect`. */
  wsUrl: string;
  apiKey: string;
  user: ConnectUser;
  tokens: TokenManager;
  WebSocket?: WebSocketLike;
  scheduler?: SchedulerLike;
  random?: () => number;
  /** Default: window online/offline events where they exist. */
  online$?: Observable<boolean>;
  logger?: SocketLogger;
  /** Attempts before the first connect() gives up (default 3); later drops retry forever. */
  connectAttempts?: number;
  /** Timers, overridable for special deployments; defaults from PROTOCOL.md. */
  firstFrameTimeoutMs?: number;
  healthCheckIntervalMs?: number;
  watchdogTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}
