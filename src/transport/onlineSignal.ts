// The platform's online/offline signal (PROTOCOL.md section 5: reconnect on `online`).
// Browsers have it on `window`; Node has none, so nothing is emitted there.
import { EMPTY, Observable } from 'rxjs';

interface EventSourceLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** `true` on `online`, `false` on `offline`, from `target` (default: `window` where it exists). */
export function platformOnline$(target?: EventSourceLike): Observable<boolean> {
  const source =
    target ?? (globalThis as { window?: EventSourceLike }).window ?? undefined;
  if (!source || typeof source.addEventListener !== 'function') return EMPTY;
  return new Observable<boolean>((subscriber) => {
    const online = (): void => subscriber.next(true);
    const offline = (): void => subscriber.next(false);
    source.addEventListener('online', online);
    source.addEventListener('offline', offline);
    return () => {
      source.removeEventListener('online', online);
      source.removeEventListener('offline', offline);
    };
  });
}
