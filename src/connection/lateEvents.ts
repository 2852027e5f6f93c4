// Events that change a message the store does not hold yet, kept while a recovery runs.
//
// On a reconnect the socket is live again before recovery's queries are answered. A
// reaction or an edit to a message the client does not hold yet (it came during the gap)
// changes nothing when it arrives, and the query's answer, read by the server before that
// change, then puts the message in without it, for good (found by the soak: a reaction lost
// on one client in ~1 of 8 runs under load). So while recovery runs, such events are kept,
// and once its pages are in they are applied again: the store takes an event's copy only
// when it is newer than the one held (updated_at; messages.ts), and keeps own_reactions by
// the event's own rules, so an event the answer already covered changes nothing.
import type { ChatEvent } from '../models/events.ts';
import type { ChatStore } from '../store/store.ts';
import { tableGet } from '../store/table.ts';

/** Event types that carry a changed copy of an existing message. */
const CHANGES = new Set(['reaction.new', 'reaction.updated', 'reaction.deleted', 'message.updated']);
/** The most events kept during one recovery (a long gap on a busy app: the oldest go). */
const KEPT = 512;

export interface LateEvents {
  /** An event was applied: keep it when recovery runs and its message is not held. */
  seen(event: ChatEvent): void;
  /** Recovery started: keep from now on. */
  start(): void;
  /** Recovery's pages are in: apply what was kept again, and stop keeping. */
  replay(): void;
}

export function createLateEvents(store: ChatStore): LateEvents {
  let kept: ChatEvent[] | undefined;
  return {
    seen(event) {
      if (!kept || !CHANGES.has(event.type) || !event.message || !event.cid) return;
      const ch = tableGet(store.getState().channels, event.cid);
      if (ch && tableGet(ch.messages, event.message.id)) return;
      if (kept.length >= KEPT) kept.shift();
      kept.push(event);
    },
    start() {
      kept = [];
    },
    replay() {
      const events = kept ?? [];
      kept = undefined;
      // Straight to the store: the app heard of these events when they came.
      if (events.length > 0) store.dispatchMany(events.map((event) => ({ type: 'event' as const, event })));
    },
  };
}
