// The timer behind expiring pins (src/store/pins.ts): the store has no timers, so this
// follows the state for pins with `pin_expires` and, on the client's injected scheduler,
// dispatches `pins/expired` for a channel when its earliest pin is due. One timer for the
// whole client, set to the earliest expiry of all channels.
//
// A channel's `pinned` list keeps its reference unless a pin came, went or got a new
// pin_expires (storeMessage re-files it), so a changed channel is recomputed only when its
// pins changed, and that walks only its pinned messages.
import type { SchedulerLike, Subscription } from 'rxjs';
import type { ChatStore } from '../store/store.ts';
import type { ChannelEntry } from '../store/state.ts';
import type { SortedIds } from '../store/sortedIds.ts';
import { nextPinExpiry } from '../store/pins.ts';
import { followChannels } from './channelChanges.ts';

/** Start the expiry timer of `store`; returns the function that stops it. */
export function watchPinExpiry(store: ChatStore, scheduler: SchedulerLike): () => void {
  const seen = new Map<string, SortedIds>();
  /** cid -> its earliest pin_expires (only channels that have one). */
  const due = new Map<string, number>();
  let timer: Subscription | undefined;
  let timerAt = Infinity;

  function note(cid: string, ch: ChannelEntry | undefined): void {
    if (!ch) {
      seen.delete(cid);
      due.delete(cid);
      return;
    }
    if (seen.get(cid) === ch.pinned) return;
    seen.set(cid, ch.pinned);
    const at = nextPinExpiry(ch);
    if (at === undefined) due.delete(cid);
    else due.set(cid, at);
  }

  function fire(): void {
    timer = undefined;
    timerAt = Infinity;
    const now = scheduler.now();
    const expired = [...due].filter(([, at]) => at <= now).map(([cid]) => cid);
    // getState() finishes the burst and the listener below hears of it at the flush; the
    // channels that expired drop out of `due` then (or get their next expiry).
    for (const cid of expired) due.delete(cid);
    if (expired.length) store.dispatchMany(expired.map((cid) => ({ type: 'pins/expired' as const, cid, at: now })));
    reschedule();
  }

  function reschedule(): void {
    let next = Infinity;
    for (const at of due.values()) if (at < next) next = at;
    if (next === timerAt) return;
    timer?.unsubscribe();
    timer = undefined;
    timerAt = next;
    if (next === Infinity) return;
    // Already due when heard of (notifications come a frame after the change, and the clock
    // may have moved meanwhile): expire now, not on a zero-delay timer that a paused or
    // virtual clock would never run. fire() takes the due channels out, so this ends.
    const wait = next - scheduler.now();
    if (wait <= 0) fire();
    else timer = scheduler.schedule(fire, wait);
  }

  const unfollow = followChannels(store, note, reschedule);
  return () => {
    unfollow();
    timer?.unsubscribe();
    timer = undefined;
    timerAt = Infinity;
  };
}
