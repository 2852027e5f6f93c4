// Pins that run out: a message pinned with `pin_expires` stops being pinned at that time.
// The service sends no event when a pin expires (stream-chat has no handler for one); its
// answers simply show the message unpinned from then on. The store has no timers, so the
// client schedules the expiry on its injected scheduler (src/handles/pinExpiry.ts) and
// dispatches `pins/expired`; this reducer turns every pin of the channel that is due by
// then into the copy the server now renders: `pinned: false`, without pinned_at,
// pinned_by and pin_expires.
import type { ChannelEntry, LocalMessage } from './state.ts';
import { storeMessage } from './messages.ts';
import { idsToArray } from './sortedIds.ts';
import { tablePeek } from './table.ts';
import { peek } from './peek.ts';

/** The earliest pin_expires among the channel's pinned messages, or undefined. */
export function nextPinExpiry(ch: ChannelEntry): number | undefined {
  let next: number | undefined;
  for (const id of idsToArray(ch.pinned)) {
    const at = tablePeek(ch.messages, id)?.pin_expires;
    if (typeof at === 'number' && (next === undefined || at < next)) next = at;
  }
  return next;
}

/** The copy of a message the server renders once its pin is over. */
export function unpinnedCopy(m: LocalMessage): LocalMessage {
  const next: LocalMessage = { ...m, pinned: false };
  delete next.pinned_at;
  delete next.pinned_by;
  delete next.pin_expires;
  return next;
}

/** pins/expired: unpin every pinned message of the channel whose pin_expires is at or before `at`. */
export function expirePins(ch: ChannelEntry, at: number): void {
  const c = peek(ch);
  for (const id of idsToArray(peek(c.pinned))) {
    const m = tablePeek(peek(c.messages), id);
    if (!m || typeof m.pin_expires !== 'number' || m.pin_expires > at) continue;
    storeMessage(ch, unpinnedCopy(m));
  }
}
