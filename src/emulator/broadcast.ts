// Event routing (PROTOCOL.md section 6). Channel events go to the connections watching the
// channel; the other connections of its members get the notification variant, if the event
// has one; user-level events go to every connection of a user. Events are built once per
// recipient user, because own_capabilities and unread totals depend on who receives them;
// the messages inside are not tailored (eventMessage in views.ts: own_reactions is []).
import type { Backend } from './backend.ts';
import type { ChannelRecord } from './state.ts';
import type { Json } from './views.ts';
import { heldBackByBlock } from './blocking.ts';

/** Who an event is from: its user, or the author of its message. */
function senderOf(event: Json): string | undefined {
  const user = event['user'] as { id?: unknown } | undefined;
  if (typeof user?.id === 'string') return user.id;
  const message = event['message'] as { user?: { id?: unknown } } | undefined;
  return typeof message?.user?.id === 'string' ? message.user.id : undefined;
}

/** Builds the event for one recipient user; `undefined` sends nothing to that user. */
export type EventBuilder = (userId: string) => Json | undefined;

function memo(build: EventBuilder): EventBuilder {
  const cache = new Map<string, Json | undefined>();
  return (userId) => {
    if (!cache.has(userId)) cache.set(userId, build(userId));
    return cache.get(userId);
  };
}

export interface ChannelEmitOptions {
  /** The event for member connections that do not watch the channel. */
  notify?: EventBuilder;
  /** Members to notify (default: every member). */
  notifyUsers?: readonly string[];
}

/** Send a channel event to the watchers, and its notification variant to the other members. */
export function emitChannelEvent(b: Backend, channel: ChannelRecord, rawBuild: EventBuilder, options: ChannelEmitOptions = {}): void {
  // A blocker hears nothing from the blocked user in their one-to-one channel (blocking.ts).
  const build: EventBuilder = b.state.blocks.size === 0 ? rawBuild : (userId) => {
    const event = rawBuild(userId);
    return event && heldBackByBlock(b, channel, userId, senderOf(event)) ? undefined : event;
  };
  const forWatcher = memo(build);
  for (const conn of b.hub.watchersOf(channel.cid)) {
    const event = forWatcher(conn.userId);
    if (event) b.hub.send(conn, event);
  }
  if (!options.notify) return;
  const notify = options.notify;
  const forMember = memo(b.state.blocks.size === 0 ? notify : (userId) => {
    const event = notify(userId);
    return event && heldBackByBlock(b, channel, userId, senderOf(event)) ? undefined : event;
  });
  for (const userId of options.notifyUsers ?? [...channel.members.keys()]) {
    for (const conn of b.hub.connectionsOf(userId)) {
      if (conn.watching.has(channel.cid)) continue;
      const event = forMember(userId);
      if (event) b.hub.send(conn, event);
    }
  }
}

/** Send an event to every connection of one user. */
export function emitToUser(b: Backend, userId: string, build: EventBuilder): void {
  const connections = b.hub.connectionsOf(userId);
  if (connections.length === 0) return;
  const event = build(userId);
  if (!event) return;
  for (const conn of connections) b.hub.send(conn, event);
}

/** Send a user-level event to the user and everyone who shares a channel with them. */
export function emitUserEvent(b: Backend, userId: string, build: EventBuilder): void {
  const audience = new Set<string>([userId]);
  for (const channel of b.state.channels.values()) {
    if (!channel.members.has(userId)) continue;
    for (const id of channel.members.keys()) audience.add(id);
    for (const id of b.hub.watcherUserIds(channel.cid)) audience.add(id);
  }
  const forUser = memo(build);
  for (const id of audience) {
    for (const conn of b.hub.connectionsOf(id)) {
      const event = forUser(id);
      if (event) b.hub.send(conn, event);
    }
  }
}
