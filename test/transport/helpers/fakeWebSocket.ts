// A scripted WebSocket for unit tests, passed through the socket's `WebSocket` option.
// The test plays the server: it opens the socket, sends frames and closes it.
import type { WebSocketInstance, WebSocketLike } from '../../../src/transport/webSocketLike.ts';

export class FakeWebSocket implements WebSocketInstance {
  readyState = 0;
  onopen: ((event: never) => void) | null = null;
  onmessage: ((event: never) => void) | null = null;
  onclose: ((event: never) => void) | null = null;
  onerror: ((event: never) => void) | null = null;
  readonly url: string;
  readonly sent: string[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;

  constructor(url: string) {
    this.url = url;
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= 2) return;
    this.closedWith = { code, reason };
    this.readyState = 3;
    // Browsers and ws report a client-side close asynchronously.
    queueMicrotask(() => this.#emit('onclose', { code: code ?? 1005, reason: reason ?? '', wasClean: true }));
  }

  /** Query parameters of the connect URL. */
  get params(): URLSearchParams {
    return new URL(this.url).searchParams;
  }

  sentJson(): unknown[] {
    return this.sent.map((s) => JSON.parse(s) as unknown);
  }

  serverOpen(): void {
    this.readyState = 1;
    this.#emit('onopen', {});
  }

  serverSend(frame: unknown): void {
    this.#emit('onmessage', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  serverClose(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.#emit('onclose', { code, reason, wasClean: code === 1000 });
  }

  serverError(): void {
    this.#emit('onerror', { type: 'error' });
  }

  #emit(name: 'onopen' | 'onmessage' | 'onclose' | 'onerror', event: unknown): void {
    const handler = this[name] as ((e: unknown) => void) | null;
    handler?.(event);
  }
}

/** A constructor that records every socket it makes. */
export function fakeWebSocketFactory(): { WebSocket: WebSocketLike; sockets: FakeWebSocket[]; last(): FakeWebSocket } {
  const sockets: FakeWebSocket[] = [];
  class Recorded extends FakeWebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return {
    WebSocket: Recorded,
    sockets,
    last(): FakeWebSocket {
      const s = sockets[sockets.length - 1];
      if (!s) throw new Error('no socket was opened');
      return s;
    },
  };
}
