// The part of the WebSocket API the socket uses, so that browsers' WebSocket, `ws` (through
// isomorphic-ws) and test doubles all fit. Handlers take `never` so that any concrete
// event type is accepted; the socket reads events defensively.

export interface WebSocketInstance {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A WebSocket constructor (`new WebSocket(url)`). */
export type WebSocketLike = new (url: string) => WebSocketInstance;

/** readyState values of the WebSocket standard. */
export const ReadyState = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;
