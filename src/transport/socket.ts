// The WebSocket (PROTOCOL.md section 5). Rules this file keeps:
// - The connection is open on its first frame (a health.check with connection_id and me),
//   not on the socket's open; a first frame with `error`, or none within 15 s, fails it.
// - One attempt at a time: each attempt gets a generation number, and every handler of an
//   older socket returns without effect, so a late frame or close from a replaced socket
//   can never touch the state.
// - Reconnect on any close but 1000, on error, on watchdog silence and on `online`, with
//   jittered exponential backoff (first try within 0.5 s, cap 25 s). Close 1000 and auth
//   errors a token refresh cannot fix are final.
// - Code 40 (token expired): refresh the token and reconnect once, at once.
// - Every timer runs on the injected scheduler.
import WebSocketImpl from 'isomorphic-ws';
import { asyncScheduler, BehaviorSubject, Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { DecodeError } from '../models/decode.ts';
import { decodeEvent, type ChatEvent } from '../models/events.ts';
import type { OwnUserResponse } from '../models/generated/types.ts';
import { backoffDelay } from './backoff.ts';
import { ChatError, ChatErrorCode, chatErrorFromBody, isChatError } from './chatError.ts';
import type { ChatSocket, SocketLogger, SocketOptions, SocketState } from './chatSocket.ts';
import { buildConnectUrl } from './connectUrl.ts';
import { HealthMonitor } from './healthMonitor.ts';
import { platformOnline$ } from './onlineSignal.ts';
import { scheduleOnce } from './schedulerDelay.ts';
import type { WebSocketInstance, WebSocketLike } from './webSocketLike.ts';

export type { ChatSocket, SocketLogger, SocketOptions, SocketState, SocketStatus } from './chatSocket.ts';

const ENDPOINT = 'connect';
const NORMAL_CLOSURE = 1000;

interface Deferred {
  promise: Promise<{ connectionId: string; me: OwnUserResponse }>;
  resolve: (v: { connectionId: string; me: OwnUserResponse }) => void;
  reject: (e: ChatError) => void;
}

function deferred(): Deferred {
  let resolve!: Deferred['resolve'];
  let reject!: Deferred['reject'];
  const promise = new Promise<{ connectionId: string; me: OwnUserResponse }>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // connect() callers may ignore a rejection that the state also reports.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

function connectError(message: string, retryable: boolean, cause?: unknown): ChatError {
  return new ChatError({ message, code: ChatErrorCode.Client, status: 0, endpoint: ENDPOINT, retryable, cause });
}

function frameText(event: unknown): string | undefined {
  const data = (event as { data?: unknown } | null)?.data;
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameState(a: SocketState, b: SocketState): boolean {
  return (
    a.status === b.status &&
    a.connectionId === b.connectionId &&
    a.me === b.me &&
    a.error === b.error &&
    a.attempt === b.attempt &&
    a.reconnected === b.reconnected
  );
}

class Socket implements ChatSocket {
  readonly #o: SocketOptions;
  readonly #scheduler: SchedulerLike;
  readonly #random: () => number;
  readonly #WebSocket: WebSocketLike;
  readonly #state$ = new BehaviorSubject<SocketState>({ status: 'idle', attempt: 0, reconnected: false });
  readonly #events$ = new Subject<ChatEvent>();
  readonly #errors$ = new Subject<ChatError | DecodeError>();
  readonly #health: HealthMonitor;

  /** The socket of the current attempt, if any. */
  #ws: WebSocketInstance | undefined;
  /** Increments whenever the current socket is replaced; older handlers compare and stop. */
  #generation = 0;
  #opened = false;
  #firstFrameTimer: Subscription | undefined;
  #backoffTimer: Subscription | undefined;
  #onlineSub: Subscription | undefined;
  #online = true;
  /** Between connect() and disconnect() or a final failure. */
  #wanted = false;
  #everConnected = false;
  #attempt = 0;
  /** Consecutive failures since the last success; sets the backoff. */
  #failures = 0;
  #refreshedToken = false;
  #pending: Deferred | undefined;
  #connectionId: string | undefined;
  #requestSeq = 0;

  constructor(options: SocketOptions) {
    this.#o = options;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#random = options.random ?? Math.random;
    this.#WebSocket = options.WebSocket ?? (WebSocketImpl as unknown as WebSocketLike);
    this.#health = new HealthMonitor({
      scheduler: this.#scheduler,
      ping: () => this.#ping(),
      silent: () => this.#drop(this.#generation, connectError('no frame from the server for 35 s', true)),
      ...(options.healthCheckIntervalMs !== undefined ? { intervalMs: options.healthCheckIntervalMs } : {}),
      ...(options.watchdogTimeoutMs !== undefined ? { watchdogMs: options.watchdogTimeoutMs } : {}),
    });
  }

  get state$(): Observable<SocketState> {
    return this.#state$.asObservable();
  }
  get events$(): Observable<ChatEvent> {
    return this.#events$.asObservable();
  }
  get errors$(): Observable<ChatError | DecodeError> {
    return this.#errors$.asObservable();
  }
  get connectionId(): string | undefined {
    return this.#connectionId;
  }

  connect(): Promise<{ connectionId: string; me: OwnUserResponse }> {
    const state = this.#state$.value;
    if (state.status === 'connected' && state.connectionId !== undefined && state.me !== undefined) {
      return Promise.resolve({ connectionId: state.connectionId, me: state.me });
    }
    if (this.#pending) return this.#pending.promise;
    this.#pending = deferred();
    const { promise } = this.#pending;
    if (this.#wanted) return promise; // reconnecting already: resolve with the next success
    if (this.#o.user.id !== this.#o.tokens.userId) {
      this.#fail(
        new ChatError({
          message: `connecting as "${this.#o.user.id}" with the tokens of "${this.#o.tokens.userId}"`,
          code: ChatErrorCode.TokenSignatureInvalid,
          status: 401,
          endpoint: ENDPOINT,
          retryable: false,
        }),
      );
      return promise;
    }
    this.#wanted = true;
    this.#everConnected = false;
    this.#attempt = 0;
    this.#failures = 0;
    this.#refreshedToken = false;
    this.#online = true;
    this.#onlineSub = (this.#o.online$ ?? platformOnline$()).subscribe((online) => this.#onlineChanged(online));
    // An online$ that starts with `false` leaves the socket offline until `online`.
    if (this.#online) void this.#startAttempt();
    return promise;
  }

  async disconnect(): Promise<void> {
    // Take the socket out first so that only this close (1000, final) reaches the server.
    const ws = this.#ws;
    this.#ws = undefined;
    this.#stopEverything();
    this.#setState({ status: 'closed', attempt: 0, reconnected: false });
    this.#rejectPending(connectError('disconnected', false));
    if (!ws) return;
    const inert = (() => undefined) as never;
    ws.onmessage = inert;
    ws.onerror = inert;
    await new Promise<void>((resolve) => {
      // Wait for the close handshake, but not for ever: a server that never answers must
      // not hold disconnect() (the timer is on the scheduler like every other).
      const timer = scheduleOnce(this.#scheduler, 1_000, resolve);
      ws.onclose = (() => {
        timer.unsubscribe();
        resolve();
      }) as never;
      try {
        ws.close(NORMAL_CLOSURE);
      } catch {
        timer.unsubscribe();
        resolve();
      }
    });
  }

  #log(level: Parameters<SocketLogger>[0], message: string, extra?: unknown): void {
    this.#o.logger?.(level, message, extra);
  }

  #setState(next: SocketState): void {
    if (!sameState(this.#state$.value, next)) this.#state$.next(next);
  }

  #stateBase(): Pick<SocketState, 'reconnected'> & { error?: ChatError } {
    const error = this.#state$.value.error;
    return { reconnected: this.#everConnected, ...(error ? { error } : {}) };
  }

  async #startAttempt(): Promise<void> {
    this.#backoffTimer?.unsubscribe();
    this.#backoffTimer = undefined;
    this.#discardSocket();
    const generation = this.#generation;
    this.#attempt += 1;
    this.#setState({ ...this.#stateBase(), status: 'connecting', attempt: this.#attempt });
    let token: string;
    try {
      token = await this.#o.tokens.getToken();
    } catch (e) {
      if (generation !== this.#generation || !this.#wanted) return;
      const error = isChatError(e) ? e.with({ endpoint: ENDPOINT }) : connectError(String(e), true, e);
      if (error.retryable) this.#retryLater(error);
      else this.#fail(error);
      return;
    }
    if (generation !== this.#generation || !this.#wanted) return;
    let ws: WebSocketInstance;
    try {
      this.#requestSeq += 1;
      const url = buildConnectUrl({
        wsUrl: this.#o.wsUrl,
        apiKey: this.#o.apiKey,
        token,
        user: this.#o.user,
        clientRequestId: `${this.#o.user.id}--${this.#requestSeq}-${Math.floor(this.#random() * 1e9).toString(36)}`,
      });
      ws = new this.#WebSocket(url);
    } catch (e) {
      this.#fail(connectError(`cannot open the socket: ${e instanceof Error ? e.message : String(e)}`, false, e));
      return;
    }
    this.#ws = ws;
    this.#opened = false;
    this.#log('debug', 'socket attempt', { attempt: this.#attempt });
    ws.onmessage = ((event: unknown) => this.#onFrame(generation, event, token)) as never;
    ws.onclose = ((event: unknown) => this.#onClose(generation, event)) as never;
    ws.onerror = ((event: unknown) => this.#drop(generation, connectError('socket error', true, event))) as never;
    this.#firstFrameTimer = scheduleOnce(this.#scheduler, this.#o.firstFrameTimeoutMs ?? 15_000, () =>
      this.#drop(generation, connectError('no first frame within 15 s', true)),
    );
  }

  #onFrame(generation: number, event: unknown, token: string): void {
    if (generation !== this.#generation) return;
    const text = frameText(event);
    let parsed: unknown;
    try {
      parsed = text === undefined ? undefined : (JSON.parse(text) as unknown);
    } catch {
      parsed = undefined;
    }
    if (!this.#opened) {
      this.#firstFrame(parsed, token);
      return;
    }
    this.#health.frameReceived();
    if (parsed === undefined) {
      this.#errors$.next(new DecodeError('$', 'a JSON text frame', text === undefined ? 'binary data' : 'invalid JSON'));
      return;
    }
    // PROTOCOL.md section 5.2: on an open connection only a `connection.error` event ends
    // it. A frame without `type` is a bad frame whatever else it carries (an `error` object
    // included): decoding below reports it and the connection stays.
    if (isRecord(parsed) && parsed['type'] === 'connection.error') {
      this.#endedByServer(chatErrorFromBody(ENDPOINT, 0, parsed['error']), token);
      return;
    }
    // Frozen while decoded (see DecodeOptions.freeze): events are immutable from here on.
    // The frame was parsed just above and is held nowhere else: decoded in place.
    const decoded = decodeEvent(parsed, { freeze: true, inPlace: true });
    if (decoded.ok) this.#events$.next(decoded.value);
    else this.#errors$.next(decoded.error);
  }

  #firstFrame(parsed: unknown, token: string): void {
    this.#firstFrameTimer?.unsubscribe();
    this.#firstFrameTimer = undefined;
    if (isRecord(parsed) && isRecord(parsed['error'])) {
      this.#connectFailed(chatErrorFromBody(ENDPOINT, 0, parsed['error']), token);
      return;
    }
    const decoded = parsed === undefined ? undefined : decodeEvent(parsed);
    const event = decoded?.ok ? decoded.value : undefined;
    if (!event || typeof event.connection_id !== 'string' || !event.me) {
      const cause = decoded && !decoded.ok ? decoded.error : undefined;
      if (cause) this.#errors$.next(cause);
      // The same server would answer the same way again: not worth a retry loop.
      this.#fail(connectError('the first frame is not a health.check with connection_id and me', false, cause));
      return;
    }
    this.#opened = true;
    const reconnected = this.#everConnected;
    this.#everConnected = true;
    this.#attempt = 0;
    this.#failures = 0;
    this.#refreshedToken = false;
    this.#connectionId = event.connection_id;
    this.#setState({ status: 'connected', connectionId: event.connection_id, me: event.me, attempt: 0, reconnected });
    this.#log('info', 'socket connected', { connectionId: event.connection_id, reconnected });
    this.#health.frameReceived();
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.resolve({ connectionId: event.connection_id, me: event.me });
  }

  /**
   * A `connection.error` on an open connection (PROTOCOL.md section 5.2): code 40 refreshes
   * the token and reconnects; any other code is final, and reported on errors$ (the
   * connection was up, so no connect() call is left to reject with it).
   */
  #endedByServer(error: ChatError, token: string): void {
    if (error.code === ChatErrorCode.TokenExpired && !this.#refreshedToken && this.#o.tokens.canRefresh !== false) {
      this.#connectFailed(error, token);
      return;
    }
    const final = error.with({ retryable: false });
    this.#errors$.next(final);
    this.#fail(final);
  }

  /** An error frame: code 40 refreshes once; other retryable ones back off; the rest are final. */
  #connectFailed(error: ChatError, token: string): void {
    this.#discardSocket();
    if (error.code === ChatErrorCode.TokenExpired) {
      if (this.#refreshedToken || this.#o.tokens.canRefresh === false) {
        this.#fail(error.with({ retryable: false }));
        return;
      }
      this.#refreshedToken = true;
      const generation = this.#generation;
      this.#log('info', 'token expired: refreshing and reconnecting');
      this.#o.tokens.refresh(token).then(
        () => {
          if (generation === this.#generation && this.#wanted) void this.#startAttempt();
        },
        (refreshError: unknown) => {
          if (generation === this.#generation && this.#wanted) this.#fail(error.with({ retryable: false, cause: refreshError }));
        },
      );
      return;
    }
    if (error.retryable) this.#retryLater(error);
    else this.#fail(error);
  }

  #onClose(generation: number, event: unknown): void {
    if (generation !== this.#generation) return;
    const code = (event as { code?: unknown } | null)?.code;
    if (code === NORMAL_CLOSURE) {
      this.#fail(connectError('the server closed the connection (1000)', false));
      return;
    }
    this.#drop(generation, connectError(`the socket closed (${String(code)})`, true));
  }

  /** The current socket is gone or useless: reconnect unless the platform is offline. */
  #drop(generation: number, error: ChatError): void {
    if (generation !== this.#generation || !this.#wanted) return;
    this.#log('warn', 'socket dropped', error.message);
    this.#discardSocket();
    if (!this.#online) {
      this.#setState({ reconnected: this.#everConnected, error, status: 'offline', attempt: this.#attempt });
      return;
    }
    this.#retryLater(error);
  }

  #retryLater(error: ChatError): void {
    if (!this.#everConnected && this.#attempt >= (this.#o.connectAttempts ?? 3)) {
      this.#fail(error);
      return;
    }
    const next = this.#attempt + 1;
    this.#failures += 1;
    const wait = backoffDelay(this.#failures, {
      baseMs: this.#o.backoffBaseMs ?? 500,
      capMs: this.#o.backoffCapMs ?? 25_000,
      random: this.#random,
    });
    this.#setState({ reconnected: this.#everConnected, error, status: 'connecting', attempt: next });
    this.#backoffTimer?.unsubscribe();
    this.#backoffTimer = scheduleOnce(this.#scheduler, wait, () => {
      this.#backoffTimer = undefined;
      void this.#startAttempt();
    });
  }

  #onlineChanged(online: boolean): void {
    if (!this.#wanted || online === this.#online) return;
    this.#online = online;
    if (!online) {
      // The platform says the network is gone: the socket cannot be trusted, and attempts
      // would only fail; wait for `online`.
      this.#backoffTimer?.unsubscribe();
      this.#backoffTimer = undefined;
      this.#discardSocket();
      this.#setState({ ...this.#stateBase(), status: 'offline', attempt: this.#attempt });
      return;
    }
    if (this.#state$.value.status === 'connected' || this.#ws) return;
    // Back online: try soon, whatever backoff the last failures had reached.
    this.#failures = 0;
    this.#retryLater(this.#state$.value.error ?? connectError('back online', true));
  }

  #ping(): void {
    const ws = this.#ws;
    if (!ws || this.#connectionId === undefined) return;
    try {
      ws.send(JSON.stringify({ type: 'health.check', client_id: this.#connectionId }));
    } catch (e) {
      this.#log('warn', 'health.check not sent', e);
    }
  }

  /** Forget the current socket: its handlers become inert and it is closed. */
  #discardSocket(): void {
    this.#generation += 1;
    this.#health.stop();
    this.#firstFrameTimer?.unsubscribe();
    this.#firstFrameTimer = undefined;
    this.#opened = false;
    this.#connectionId = undefined;
    const ws = this.#ws;
    this.#ws = undefined;
    if (!ws) return;
    // Keep an error handler: `ws` (Node) throws when an error is emitted with none.
    const inert = (() => undefined) as never;
    ws.onmessage = inert;
    ws.onclose = inert;
    ws.onerror = inert;
    try {
      ws.close(4000, 'replaced');
    } catch {
      // Closing a socket that never opened may throw on some platforms; it is gone anyway.
    }
  }

  #stopEverything(): void {
    this.#wanted = false;
    this.#backoffTimer?.unsubscribe();
    this.#backoffTimer = undefined;
    this.#onlineSub?.unsubscribe();
    this.#onlineSub = undefined;
    this.#discardSocket();
  }

  #fail(error: ChatError): void {
    this.#log('error', 'socket failed', error.message);
    this.#stopEverything();
    this.#setState({ status: 'closed', error, attempt: 0, reconnected: false });
    this.#rejectPending(error);
  }

  #rejectPending(error: ChatError): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
  }
}

/**
 * Create the socket for one user; nothing happens until connect().
 * @example
 * const socket = createSocket({ wsUrl, apiKey, user: { id: 'alice' }, tokens });
 * socket.events$.subscribe(handle);
 * const { connectionId, me } = await socket.connect();
 */
export function createSocket(options: SocketOptions): ChatSocket {
  return new Socket(options);
}
