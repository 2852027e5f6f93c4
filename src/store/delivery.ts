// Delivery receipts in the read states (PROTOCOL.md section 6, message.delivered): each
// member's delivered position, `last_delivered_at` / `last_delivered_message_id`, as the
// member's client reported it (MarkDelivered; src/handles/deliveryReporter.ts is ours).
//
// A delivered position only moves forward (by time, then by id at the same time), so the
// same events in any order end at the same place; stream-chat overwrites with whatever came
// last, which a late event would move back. A read state the store does not hold yet is
// started from the event, with nothing read (stream-chat does the same).
import type { ChatEvent } from '../models/events.ts';
import type { ChannelEntry, ReadState } from './state.ts';
import { peek } from './peek.ts';
import { own } from './owned.ts';
import { freezeSettled } from './freeze.ts';

/** Whether the position (at, id) is past the read's delivered position. */
function isLater(read: ReadState | undefined, at: number, id: string): boolean {
  const held = read?.last_delivered_at;
  if (held === undefined) return true;
  if (at !== held) return at > held;
  return id > (read?.last_delivered_message_id ?? '');
}

/** message.delivered: the user's delivered position moves to the event's. */
export function readsOnDelivered(ch: ChannelEntry, ev: ChatEvent): void {
  const user = ev.user;
  const id = ev.last_delivered_message_id;
  if (!user || !id) return;
  const at = ev.last_delivered_at ?? ev.created_at;
  const prev = peek(peek(ch).reads)[user.id];
  if (!isLater(prev, at, id)) return;
  const next: ReadState = prev
    ? { ...prev, last_delivered_at: at, last_delivered_message_id: id }
    : { user, last_read: 0, unread_messages: 0, last_delivered_at: at, last_delivered_message_id: id };
  own<Record<string, ReadState>>(ch, 'reads')[user.id] = freezeSettled(next);
}
