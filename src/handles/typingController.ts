// Outgoing typing indicators for one channel (PROTOCOL.md section 6, official client
// behaviour): `typing.start` at most every 2 s while keys are pressed, `typing.stop` after
// 3 s without a keystroke or when asked. Timers run on the injected scheduler.
import type { SchedulerLike, Subscription } from 'rxjs';

export const TYPING_START_INTERVAL_MS = 2_000;
export const TYPING_IDLE_MS = 3_000;

export interface TypingController {
  keystroke(parentId?: string): void;
  stopTyping(parentId?: string): void;
  dispose(): void;
}

interface Session {
  lastStartAt: number;
  idle: Subscription | undefined;
}

export function createTypingController(
  scheduler: SchedulerLike,
  send: (type: 'typing.start' | 'typing.stop', parentId: string | undefined) => void,
): TypingController {
  const sessions = new Map<string, Session>();
  const keyOf = (parentId: string | undefined) => parentId ?? '';

  function stop(parentId: string | undefined): void {
    const key = keyOf(parentId);
    const s = sessions.get(key);
    if (!s) return;
    s.idle?.unsubscribe();
    sessions.delete(key);
    send('typing.stop', parentId);
  }

  return {
    keystroke(parentId) {
      const key = keyOf(parentId);
      const now = scheduler.now();
      let s = sessions.get(key);
      if (!s) {
        s = { lastStartAt: -Infinity, idle: undefined };
        sessions.set(key, s);
      }
      if (now - s.lastStartAt >= TYPING_START_INTERVAL_MS) {
        s.lastStartAt = now;
        send('typing.start', parentId);
      }
      s.idle?.unsubscribe();
      s.idle = scheduler.schedule(() => stop(parentId), TYPING_IDLE_MS);
    },
    stopTyping: stop,
    dispose() {
      for (const s of sessions.values()) s.idle?.unsubscribe();
      sessions.clear();
    },
  };
}
