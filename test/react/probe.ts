// Test-only probes (never in src): a client whose observables, store listeners and lists
// count their live subscriptions, and a WebSocket that counts open sockets. Hooks are given
// the wrapped client, so every subscription they make goes through a counter.
import { Observable } from 'rxjs';
import WebSocket from 'ws';
import type { ChannelHandle, ChannelInputData, ChannelList, ChatClient } from 'chatstore';

export interface Probe {
  client: ChatClient;
  /** Subscriptions currently open through the client, its handles and lists. */
  readonly live: number;
  /** Subscriptions ever opened (peeks included). */
  readonly opened: number;
  readonly listsCreated: number;
  readonly listsLive: number;
}

export function probeClient(inner: ChatClient): Probe {
  const counts = { live: 0, opened: 0, listsCreated: 0, listsLive: 0 };
  const counted = <T,>(source$: Observable<T>): Observable<T> =>
    new Observable<T>((subscriber) => {
      counts.live += 1;
      counts.opened += 1;
      const sub = source$.subscribe(subscriber);
      return () => {
        counts.live -= 1;
        sub.unsubscribe();
      };
    });
  const handles = new Map<ChannelHandle, ChannelHandle>();
  const wrapHandle = (h: ChannelHandle): ChannelHandle => {
    let w = handles.get(h);
    if (!w) {
      w = {
        ...h,
        channel$: counted(h.channel$),
        messages$: counted(h.messages$),
        pinned$: counted(h.pinned$),
        members$: counted(h.members$),
        reads$: counted(h.reads$),
        typing$: counted(h.typing$),
        unread$: counted(h.unread$),
        pagination$: counted(h.pagination$),
      };
      handles.set(h, w);
    }
    return w;
  };
  const wrapList = (l: ChannelList): ChannelList => {
    counts.listsCreated += 1;
    counts.listsLive += 1;
    let disposed = false;
    return {
      ...l,
      channels$: counted(l.channels$),
      status$: counted(l.status$),
      dispose() {
        if (!disposed) counts.listsLive -= 1;
        disposed = true;
        l.dispose();
      },
    };
  };
  const client: ChatClient = {
    ...inner,
    connection$: counted(inner.connection$),
    me$: counted(inner.me$),
    unread$: counted(inner.unread$),
    events$: counted(inner.events$),
    errors$: counted(inner.errors$),
    state$: counted(inner.state$),
    subscribe(listener) {
      counts.live += 1;
      counts.opened += 1;
      const off = inner.subscribe(listener);
      let done = false;
      return () => {
        if (!done) counts.live -= 1;
        done = true;
        off();
      };
    },
    select: (selector, equals) => counted(inner.select(selector, equals)),
    channel: ((type: string, id: string, data?: ChannelInputData) => wrapHandle(inner.channel(type, id, data))) as ChatClient['channel'],
    queryChannels: (filter, sort, options) => wrapList(inner.queryChannels(filter, sort, options)),
  };
  return {
    client,
    get live() {
      return counts.live;
    },
    get opened() {
      return counts.opened;
    },
    get listsCreated() {
      return counts.listsCreated;
    },
    get listsLive() {
      return counts.listsLive;
    },
  };
}

export interface SocketCounter {
  WebSocket: new (url: string) => WebSocket;
  readonly created: number;
  readonly open: number;
  readonly maxOpen: number;
}

/** A `ws` WebSocket that counts sockets from construction until their close event. */
export function countingWebSocket(): SocketCounter {
  const counts = { created: 0, open: 0, maxOpen: 0 };
  class CountingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      counts.created += 1;
      counts.open += 1;
      counts.maxOpen = Math.max(counts.maxOpen, counts.open);
      this.addEventListener('close', () => {
        counts.open -= 1;
      });
    }
  }
  return {
    WebSocket: CountingWebSocket,
    get created() {
      return counts.created;
    },
    get open() {
      return counts.open;
    },
    get maxOpen() {
      return counts.maxOpen;
    },
  };
}
