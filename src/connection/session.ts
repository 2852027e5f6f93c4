// One connected user: the transport pieces built for them and the mapping of the socket's
// states onto the client's connection$ (with recovery between a reconnect and
// "connected", PROTOCOL.md section 5.5).
import { BehaviorSubject, type SchedulerLike, type Subscription } from 'rxjs';
import type { ChatEvent } from '../models/events.ts';
import type { OwnUserResponse } from '../models/generated/types.ts';
import type { ChatStore } from '../store/store.ts';
import { createChatApi, type ChatApi } from '../transport/api.ts';
import { createTokenManager, type TokenOrProvider } from '../transport/auth.ts';
import type { ChatError } from '../transport/chatError.ts';
import { createHttpClient, type HttpClient } from '../transport/http.ts';
import { createSocket, type ChatSocket, type SocketLogger, type SocketState } from '../transport/socket.ts';
import type { WebSocketLike } from '../transport/webSocketLike.ts';
import { recoverState } from './recovery.ts';
import { createLateEvents } from './lateEvents.ts';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'recovering' | 'offline' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  connectionId?: string;
  error?: ChatError;
}

export interface SessionOptions {
  apiKey: string;
  baseUrl: string;
  wsUrl: string;
  user: { id: string; [field: string]: unknown };
  token: TokenOrProvider;
  scheduler: SchedulerLike;
  store: ChatStore;
  connection$: BehaviorSubject<ConnectionState>;
  watched: ReadonlySet<string>;
  onEvent: (event: ChatEvent) => void;
  onError: (error: unknown, endpoint: string) => void;
  refreshLists: () => Promise<void>;
  WebSocket?: WebSocketLike;
  fetch?: typeof fetch;
  logger?: SocketLogger;
  recoveryMessageLimit?: number;
  /** Per-request timeout (default 30 s), or false for none. */
  requestTimeoutMs?: number | false;
}

export interface Session {
  readonly userId: string;
  readonly api: ChatApi;
  /** The REST client of this connection (client.api sends through it). */
  readonly http: HttpClient;
  readonly socket: ChatSocket;
  connect(): Promise<OwnUserResponse>;
  close(): Promise<void>;
}

const RECOVERY_RETRY_MS = [1_000, 2_000, 4_000];

export function createSession(o: SessionOptions): Session {
  const tokens = createTokenManager({ userId: o.user.id, token: o.token, scheduler: o.scheduler });
  let socket: ChatSocket | undefined;
  const httpOptions: Parameters<typeof createHttpClient>[0] = {
    baseUrl: o.baseUrl,
    apiKey: o.apiKey,
    tokens,
    getConnectionId: () => socket?.connectionId,
    scheduler: o.scheduler,
  };
  if (o.fetch) httpOptions.fetch = o.fetch;
  if (o.requestTimeoutMs !== undefined) httpOptions.timeoutMs = o.requestTimeoutMs;
  const http = createHttpClient(httpOptions);
  const api = createChatApi(http);
  const socketOptions: Parameters<typeof createSocket>[0] = {
    wsUrl: o.wsUrl,
    apiKey: o.apiKey,
    user: o.user,
    tokens,
    scheduler: o.scheduler,
  };
  if (o.WebSocket) socketOptions.WebSocket = o.WebSocket;
  if (o.logger) socketOptions.logger = o.logger;
  const ws = createSocket(socketOptions);
  socket = ws;
  const subs: Subscription[] = [];
  let closed = false;
  let recovery = 0;
  const late = createLateEvents(o.store);

  const set = (state: ConnectionState) => {
    const prev = o.connection$.value;
    if (prev.status === state.status && prev.connectionId === state.connectionId && prev.error === state.error) return;
    o.connection$.next(state);
  };

  async function recover(connectionId: string | undefined, run: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        late.start();
        try {
          await recoverState({
            store: o.store,
            api,
            watched: o.watched,
            refreshLists: o.refreshLists,
            messageLimit: o.recoveryMessageLimit ?? 25,
          });
        } finally {
          late.replay();
        }
        if (run === recovery && !closed) set(connectionId ? { status: 'connected', connectionId } : { status: 'connected' });
        return;
      } catch (e) {
        o.onError(e, 'recovery');
        const wait = RECOVERY_RETRY_MS[attempt];
        if (wait === undefined || run !== recovery || closed) {
          if (run === recovery && !closed) set({ status: 'connected', ...(connectionId ? { connectionId } : {}) });
          return;
        }
        await new Promise<void>((resolve) => o.scheduler.schedule(() => resolve(), wait));
      }
    }
  }

  function onSocketState(s: SocketState): void {
    if (closed) return;
    switch (s.status) {
      case 'idle':
        return;
      case 'connecting':
        set(s.error ? { status: 'connecting', error: s.error } : { status: 'connecting' });
        return;
      case 'offline':
        set({ status: 'offline' });
        return;
      case 'closed':
        set(s.error ? { status: 'closed', error: s.error } : { status: 'closed' });
        return;
      case 'connected':
        if (s.me) o.store.dispatch({ type: 'me/set', me: s.me });
        if (!s.reconnected) {
          set(s.connectionId ? { status: 'connected', connectionId: s.connectionId } : { status: 'connected' });
          return;
        }
        recovery += 1;
        set(s.connectionId ? { status: 'recovering', connectionId: s.connectionId } : { status: 'recovering' });
        void recover(s.connectionId, recovery);
        return;
    }
  }

  return {
    userId: o.user.id,
    api,
    http,
    socket: ws,
    async connect() {
      subs.push(
        ws.events$.subscribe((e) => {
          o.onEvent(e);
          late.seen(e);
        }),
      );
      subs.push(ws.errors$.subscribe((e) => o.onError(e, 'connect')));
      subs.push(ws.state$.subscribe(onSocketState));
      const { me } = await ws.connect();
      o.store.dispatch({ type: 'me/set', me });
      return me;
    },
    async close() {
      closed = true;
      for (const s of subs) s.unsubscribe();
      await ws.disconnect();
      tokens.dispose();
    },
  };
}
