// Live connections and who watches what. A connection watches a channel after a query with
// `watch: true` and its `connection_id` (PROTOCOL.md section 1); channel events go to the
// watching connections, notification events to the other connections of the members.
import type { WebSocket } from 'ws';

export interface Connection {
  readonly id: string;
  readonly userId: string;
  readonly socket: WebSocket;
  readonly watching: Set<string>;
}

/** The registry of open connections, by id, by user and by watched channel. */
export class Hub {
  readonly #connections = new Map<string, Connection>();
  readonly #byUser = new Map<string, Set<Connection>>();
  readonly #watchers = new Map<string, Set<Connection>>();

  add(conn: Connection): void {
    this.#connections.set(conn.id, conn);
    let set = this.#byUser.get(conn.userId);
    if (!set) this.#byUser.set(conn.userId, (set = new Set()));
    set.add(conn);
  }

  /** Forget a connection; returns the channels it watched. */
  remove(conn: Connection): string[] {
    if (!this.#connections.delete(conn.id)) return [];
    const set = this.#byUser.get(conn.userId);
    set?.delete(conn);
    if (set?.size === 0) this.#byUser.delete(conn.userId);
    const watched = [...conn.watching];
    for (const cid of watched) this.unwatch(conn, cid);
    return watched;
  }

  get(connectionId: string): Connection | undefined {
    return this.#connections.get(connectionId);
  }

  all(): Connection[] {
    return [...this.#connections.values()];
  }

  connectionsOf(userId: string): Connection[] {
    return [...(this.#byUser.get(userId) ?? [])];
  }

  isOnline(userId: string): boolean {
    return this.#byUser.has(userId);
  }

  /** Start watching; returns true when the user was not watching the channel before. */
  watch(conn: Connection, cid: string): boolean {
    const wasWatching = this.isUserWatching(conn.userId, cid);
    conn.watching.add(cid);
    let set = this.#watchers.get(cid);
    if (!set) this.#watchers.set(cid, (set = new Set()));
    set.add(conn);
    return !wasWatching;
  }

  /** Stop watching; returns true when no connection of the user watches the channel any more. */
  unwatch(conn: Connection, cid: string): boolean {
    conn.watching.delete(cid);
    const set = this.#watchers.get(cid);
    set?.delete(conn);
    if (set?.size === 0) this.#watchers.delete(cid);
    return !this.isUserWatching(conn.userId, cid);
  }

  isUserWatching(userId: string, cid: string): boolean {
    for (const c of this.#watchers.get(cid) ?? []) if (c.userId === userId) return true;
    return false;
  }

  watchersOf(cid: string): Connection[] {
    return [...(this.#watchers.get(cid) ?? [])];
  }

  /** Distinct users watching the channel, in the order they started. */
  watcherUserIds(cid: string): string[] {
    return [...new Set(this.watchersOf(cid).map((c) => c.userId))];
  }

  /** Send one frame; a socket that is not open is skipped (its close handler cleans up). */
  send(conn: Connection, frame: unknown): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    conn.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
}
