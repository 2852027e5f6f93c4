// The own active live locations, by message id: from GetUserLiveLocations, from own
// messages that share a location with an `end_at` still ahead (message.new, message.updated
// as the location moves), from UpdateLiveLocation answers. A location leaves when its
// message is deleted, when an update ends it, or when its `end_at` passes: the client's
// handle schedules that on the injected scheduler and dispatches `location/ended`; the store
// has no timers.
import type { ChatEvent } from '../models/events.ts';
import type { MessageResponse, SharedLocationResponseData } from '../models/generated/types.ts';
import type { ChatState } from './state.ts';
import type { LiveLocation } from './personalState.ts';
import { deepEqual } from './deepEqual.ts';
import { peek } from './peek.ts';

export function toLiveLocation(l: SharedLocationResponseData): LiveLocation {
  const { channel: _channel, message: _message, ...rest } = l as SharedLocationResponseData & { duration?: string };
  delete (rest as { duration?: string }).duration;
  return rest;
}

function put(state: ChatState, location: LiveLocation, now: number): void {
  const byMessage = state.liveLocations.byMessage as Record<string, LiveLocation>;
  const held = byMessage[location.message_id];
  // Only a live location (with an end) still ahead is active; a static one never was.
  if (location.end_at === undefined || location.end_at <= now) {
    if (held) delete byMessage[location.message_id];
    return;
  }
  if (held && (held.updated_at > location.updated_at || deepEqual(held, location))) return;
  byMessage[location.message_id] = location;
}

function remove(state: ChatState, messageId: string): void {
  const byMessage = state.liveLocations.byMessage as Record<string, LiveLocation>;
  if (byMessage[messageId]) delete byMessage[messageId];
}

/** GetUserLiveLocations answered: the complete list. */
export function locationsLoaded(state: ChatState, list: readonly SharedLocationResponseData[], now: number): void {
  const seen = new Set<string>();
  for (const l of list) {
    seen.add(l.message_id);
    put(state, toLiveLocation(l), now);
  }
  for (const id of Object.keys(state.liveLocations.byMessage)) if (!seen.has(id)) remove(state, id);
  if (!state.liveLocations.loaded) state.liveLocations.loaded = true;
}

/** An UpdateLiveLocation answer. */
export function locationUpdated(state: ChatState, l: SharedLocationResponseData, now: number): void {
  const meId = state.me?.id;
  if (meId && l.user_id && l.user_id !== meId) return;
  put(state, toLiveLocation(l), now);
}

/** The scheduler reached a location's end. */
export function locationEnded(state: ChatState, messageId: string, at: number): void {
  const held = state.liveLocations.byMessage[messageId];
  if (held && held.end_at !== undefined && held.end_at <= at) remove(state, messageId);
}

/** An own message (an event's or an answer's copy) that shares a location. */
export function locationFromMessage(state: ChatState, m: MessageResponse, now: number): void {
  const meId = state.me?.id;
  if (!meId || (m.user?.id ?? m.shared_location?.user_id) !== meId) return;
  if (m.type === 'deleted' || m.deleted_at !== undefined) {
    remove(state, m.id);
    return;
  }
  const l = m.shared_location;
  if (!l) return;
  put(state, { ...toLiveLocation(l), message_id: l.message_id || m.id, channel_cid: l.channel_cid || m.cid }, now);
}

/** message.new / message.updated / message.deleted for the own live locations. */
export function locationOnMessageEvent(state: ChatState, ev: ChatEvent, now: number): void {
  const m = ev.message;
  if (!m) return;
  if (ev.type === 'message.deleted') {
    remove(state, m.id);
    return;
  }
  // Read without drafting (peek.ts): most messages share no location.
  if (m.shared_location || peek(peek(peek(state).liveLocations).byMessage)[m.id]) locationFromMessage(state, m, now);
}
