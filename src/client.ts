// The composition root: builds the store, and on connectUser the transport, and pipes
// events and REST results into the store (ARCHITECTURE.md). Everything an app reads comes
// from the store through observables; everything that changes it is an action.
import { asyncScheduler, BehaviorSubject, distinctUntilChanged, filter, firstValueFrom, Subject, type Observable, type SchedulerLike } from 'rxjs';
import { decodeEvent, type ChatEvent } from './models/events.ts';
import { decodeModel } from './models/decode.ts';
import type { ChannelStateResponse, OwnUserResponse } from './models/generated/types.ts';
import type { ChatState } from './store/state.ts';
import { selectUnreadSummary, type UnreadSummary } from './store/selectors.ts';
import { createStore } from './store/store.ts';
import type { TokenOrProvider } from './transport/auth.ts';
import type { ChatError } from './transport/chatError.ts';
import type { SocketLogger } from './transport/socket.ts';
import type { WebSocketLike } from './transport/webSocketLike.ts';
import { notConnected, toChatError, type ClientContext } from './handles/clientContext.ts';
import type { ChannelHandle, ChannelInputData } from './handles/channelHandle.ts';
import type { DistinctChannelInput } from './handles/distinctChannel.ts';
import type { ChannelFilter, ChannelList, ChannelListOptions, ChannelSortInput } from './handles/channelListHandle.ts';
import type { ConnectionState } from './connection/session.ts';
import type { ThreadHandle } from './handles/threadHandle.ts';
import type { ThreadList, ThreadListOptions } from './handles/threadListHandle.ts';
import { flushOutbox } from './handles/outbox.ts';
import { createPollsApi, type PollsApi } from './handles/polls.ts';
import { responseActions, watchedBy } from './handles/apiResponses.ts';
import { createChatApi, type ChatApi } from './transport/api.ts';
import { notifyPacing } from './notifyPacing.ts';
import { createMessageToolsApi, type MessageToolsApi } from './handles/messageTools.ts';
import { createUsersApi, type UsersApi } from './handles/users.ts';
import { createModerationApi, type ModerationApi } from './handles/moderation.ts';
import { createDevicesApi, type DevicesApi } from './handles/devices.ts';
import { createDraftsApi, type DraftsApi } from './handles/drafts.ts';
import { createRemindersApi, type RemindersApi } from './handles/reminders.ts';
import { createLiveLocationsApi, type LiveLocationsApi } from './handles/liveLocations.ts';
import { createConnector, type Connector, type ConnectUserInput } from './client/connector.ts';
import { createHandleRegistry } from './client/handleRegistry.ts';
import { createTypingExpiry } from './client/typingExpiry.ts';

export interface ChatClientOptions {
  apiKey: string;
  /** Default https://chat.stream-io-api.com */
  baseUrl?: string;
  /** Default: baseUrl with the ws scheme + /connect */
  wsUrl?: string;
  WebSocket?: WebSocketLike;
  fetch?: typeof fetch;
  /** Scheduler for every timer: health checks, backoff, typing (tests pass a virtual one). */
  scheduler?: SchedulerLike;
  /**
   * Scheduler of the notification flush after a burst of changes: subscribers hear of a
   * burst when it runs the flush. Default: the next animation frame in a browser, a 16 ms
   * tick in Node (src/notifyPacing.ts). getState() never waits for it.
   */
  notifyScheduler?: SchedulerLike;
  /** Most messages held per channel window (default 1,000; 0 = no cap). */
  windowCap?: number;
  logger?: SocketLogger;
  /**
   * Per-request timeout (default 30 s, on `scheduler`), or false for none. Tests that move
   * a virtual clock while real requests are in flight pass false.
   */
  requestTimeoutMs?: number | false;
}


export type { ConnectUserInput };

export interface ChatClient extends UsersApi, ModerationApi, DevicesApi, DraftsApi, RemindersApi, LiveLocationsApi, MessageToolsApi, PollsApi {
  /** Connect as `user` and resolve with the own user once the socket's first frame arrives. */
  connectUser(user: ConnectUserInput, token: TokenOrProvider): Promise<OwnUserResponse>;
  disconnectUser(): Promise<void>;
  readonly connection$: Observable<ConnectionState>;
  readonly me$: Observable<OwnUserResponse | null>;
  readonly unread$: Observable<UnreadSummary>;
  /** Every event after it is applied (server and dispatched). */
  readonly events$: Observable<ChatEvent>;
  readonly errors$: Observable<ChatError>;
  readonly state$: Observable<ChatState>;
  getState(): ChatState;
  subscribe(listener: (state: ChatState) => void): () => void;
  select<T>(selector: (state: ChatState) => T, equals?: (a: T, b: T) => boolean): Observable<T>;
  /**
   * Apply a WSEvent as if the socket delivered it; getState() reflects it on return.
   * The event is taken over as the socket takes a frame it parsed: decoded in place
   * (timestamps become epoch ms) and frozen, so the state can hold its objects without
   * copying them. Pass `structuredClone(event)` to keep an untouched copy. A frozen event
   * (one dispatched before, or frozen by the app) is read, never written. An event that
   * fails decoding changes no state but may be left partly decoded.
   */
  dispatchEvent(event: unknown): void;
  /** Apply ChannelStateResponse[] as a channel query result would; taken over as dispatchEvent's event is. */
  hydrateChannels(channels: readonly unknown[], options?: { messageLimit?: number }): void;
  queryChannels(filter: ChannelFilter, sort?: ChannelSortInput, options?: ChannelListOptions): ChannelList;
  /** The handle of a channel: the same object for the same cid. */
  channel(type: string, id: string, data?: ChannelInputData): ChannelHandle;
  /**
   * The distinct channel of exactly these members (the own user is one of them whether
   * listed or not): got or created by watch() or the first call (GetOrCreateDistinctChannel),
   * then the handle of its cid (`client.channel(type, id)` returns this same object).
   * @example
   * const dm = client.channel('messaging', { members: ['alice', 'bob'] });
   * await dm.watch();
   */
  channel(type: string, input: DistinctChannelInput): ChannelHandle;
  /** The handle of a thread: the same object for the same parent message id. */
  thread(parentMessageId: string): ThreadHandle;
  /** The threads the user takes part in, most recent reply first. */
  queryThreads(options?: ThreadListOptions): ThreadList;
  /**
   * Every operation of both seeds, one method each (src/models/generated/api.ts), on the
   * connection of the connected user. Parameters are checked against the seed types before
   * sending (ChatError code 4); answers are decoded (epoch ms), and those that carry state
   * are applied to the store before the call resolves (src/handles/apiResponses.ts).
   * @example
   * const { users } = await client.api.queryUsers({ payload: { filter_conditions: { id: { $in: ['bob'] } } } });
   */
  readonly api: ChatApi;
}

function defaultWsUrl(baseUrl: string): string {
  const u = new URL(baseUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = `${u.pathname.replace(/\/$/, '')}/connect`;
  return u.toString();
}

/**
 * Create a client. Nothing connects until connectUser().
 * @example
 * const client = createChatClient({ apiKey, baseUrl: emu.url });
 * await client.connectUser({ id: 'alice' }, token);
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const baseUrl = options.baseUrl ?? 'https://chat.stream-io-api.com';
  const scheduler = options.scheduler ?? asyncScheduler;
  const errors$ = new Subject<ChatError>();
  const events$ = new Subject<ChatEvent>();
  const connection$ = new BehaviorSubject<ConnectionState>({ status: 'idle' });
  const pacing = notifyPacing(options.notifyScheduler);
  const store = createStore({
    scheduler: pacing.scheduler,
    flushDelay: pacing.delay,
    // Reducers read time from the same clock as the timers that act on it (typing expiry).
    now: () => scheduler.now(),
    ...(options.windowCap !== undefined ? { windowCap: options.windowCap } : {}),
    onError: (e, action) => errors$.next(toChatError(e, `store:${action.type}`)),
  });
  const watched = new Set<string>();
  const typing = createTypingExpiry(store, scheduler);

  function report(error: unknown, endpoint: string): ChatError {
    const e = toChatError(error, endpoint);
    errors$.next(e);
    return e;
  }

  /** The one way an event gets in: socket frames and dispatchEvent alike. */
  function apply(event: ChatEvent): void {
    store.dispatch({ type: 'event', event });
    typing.onEvent(event);
    events$.next(event);
  }

  // The connection is made below; the context reads the session through it when called.
  let connector: Connector | undefined;
  const session = (endpoint: string) => {
    const s = connector?.current();
    if (!s) throw notConnected(endpoint);
    return s;
  };
  const ctx: ClientContext = {
    store,
    scheduler,
    api: (endpoint) => session(endpoint).api,
    http: (endpoint) => session(endpoint).http,
    report,
    watched,
    meId: () => store.getState().me?.id,
    isConnected: () => connection$.value.status === 'connected',
    events$: events$.asObservable(),
    // A client disconnected meanwhile will not be connected again by itself: that rejects.
    whenConnected: () =>
      firstValueFrom(connection$.pipe(filter((c) => c.status === 'connected' || c.status === 'closed'))).then((c) => {
        if (c.status === 'closed') throw notConnected('connect');
      }),
  };
  const registry = createHandleRegistry(ctx);
  connector = createConnector({
    apiKey: options.apiKey,
    baseUrl,
    wsUrl: options.wsUrl ?? defaultWsUrl(baseUrl),
    scheduler,
    store,
    connection$,
    watched,
    onEvent: apply,
    report,
    refreshLists: registry.refreshLists,
    onDisconnect() {
      registry.clear();
      typing.clear();
      watched.clear();
    },
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });

  // Sends queued while the socket was down go out once the client is connected again,
  // which after a reconnect means after recovery (PROTOCOL.md section 7).
  connection$.subscribe((s) => {
    if (s.status === 'connected') void flushOutbox(ctx);
  });

  // client.api: the generated API on the current connection, its answers applied to the store.
  const api = createChatApi(
    { request: (req) => (connector?.current()?.http.request(req) ?? Promise.reject(notConnected(req.endpoint))) },
    {
      onResponse(call, response) {
        const actions = responseActions(call, response);
        if (actions.length) store.dispatchMany(actions);
        for (const cid of watchedBy(call, response)) watched.add(cid);
      },
    },
  );

  const client: ChatClient = {
    ...createUsersApi(ctx, {
      apiKey: options.apiKey,
      baseUrl,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      connect: (user, token) => client.connectUser(user, token),
    }),
    ...createModerationApi(ctx),
    ...createDevicesApi(ctx),
    ...createMessageToolsApi(ctx),
    ...createPollsApi(ctx),
    connectUser: connector.connectUser,
    disconnectUser: connector.disconnectUser,

    connection$: connection$.pipe(distinctUntilChanged()),
    me$: store.select((s) => s.me),
    unread$: store.select(selectUnreadSummary),
    events$: events$.asObservable(),
    errors$: errors$.asObservable(),
    state$: store.state$,
    getState: store.getState,
    subscribe: store.subscribe,
    select: store.select,

    dispatchEvent(event) {
      // Frozen while decoded: the store keeps events frozen, and freezing each object as it
      // is built costs far less than walking the result afterwards. In place, as the socket
      // decodes its frames (DecodeOptions.inPlace): copying every object of the event cost
      // about half of decoding it (issue 9, bench/RESULTS.md). Frozen objects are copied.
      const r = decodeEvent(event, { freeze: true, inPlace: true });
      if (!r.ok) {
        report(r.error, 'dispatchEvent');
        return;
      }
      apply(r.value);
    },

    hydrateChannels(channels, hydrateOptions = {}) {
      const decoded: ChannelStateResponse[] = [];
      for (const c of channels) {
        const r = decodeModel('ChannelStateResponse', c, { freeze: true, inPlace: true });
        if (r.ok) decoded.push(r.value);
        else report(r.error, 'hydrateChannels');
      }
      store.dispatch({ type: 'channels/hydrated', channels: decoded, messageLimit: hydrateOptions.messageLimit ?? 25 });
    },

    queryChannels: registry.queryChannels,
    channel: registry.channel as ChatClient['channel'],
    thread: registry.thread,
    queryThreads: registry.queryThreads,
    api,
    ...createDraftsApi(ctx, registry.channelOfCid),
    ...createRemindersApi(ctx),
    ...createLiveLocationsApi(ctx),
  };
  return client;
}
