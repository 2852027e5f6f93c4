// Someone else's typing ends 7 s after their last typing.start without a stop (PROTOCOL.md
// section 6): one timer per typist and thread on the client's injected scheduler, which
// dispatches `typing/expired` (the store has no timers).
import type { SchedulerLike, Subscription } from 'rxjs';
import type { ChatEvent } from '../models/events.ts';
import type { ChatStore } from '../store/store.ts';
import { TYPING_TTL_MS, typingKey } from '../store/members.ts';

export interface TypingExpiry {
  /** An applied event: a typing.start (re)starts its timer. */
  onEvent(ev: ChatEvent): void;
  /** Stop every timer. */
  clear(): void;
}

export function createTypingExpiry(store: ChatStore, scheduler: SchedulerLike): TypingExpiry {
  const timers = new Map<string, Subscription>();
  return {
    onEvent(ev) {
      if (ev.type !== 'typing.start') return;
      const cid = ev.cid;
      const userId = ev.user?.id;
      if (!cid || !userId) return;
      const key = typingKey(userId, ev.parent_id);
      const timerKey = `${cid}|${key}`;
      timers.get(timerKey)?.unsubscribe();
      timers.set(
        timerKey,
        scheduler.schedule(() => {
          timers.delete(timerKey);
          store.dispatch({ type: 'typing/expired', cid, key, at: scheduler.now() });
        }, TYPING_TTL_MS),
      );
    },
    clear() {
      for (const t of timers.values()) t.unsubscribe();
      timers.clear();
    },
  };
}
