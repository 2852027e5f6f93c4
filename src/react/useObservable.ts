// The bridge every hook goes through: an rxjs Observable of the core (which emits its
// current value synchronously on subscribe) read with one useSyncExternalStore.
import { useMemo, useSyncExternalStore } from 'react';
import type { Observable } from 'rxjs';

const NONE: unique symbol = Symbol('none');

interface Source<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): T;
}

function createSource<T>(source$: Observable<T>, equals: (a: T, b: T) => boolean): Source<T> {
  let current: T | typeof NONE = NONE;
  let subscribers = 0;
  // An equal value keeps the reference already handed out, so React sees no change.
  const accept = (value: T): boolean => {
    if (current !== NONE && (current === value || equals(current, value))) return false;
    current = value;
    return true;
  };
  return {
    subscribe(onChange) {
      subscribers += 1;
      const sub = source$.subscribe((value) => {
        if (accept(value)) onChange();
      });
      return () => {
        subscribers -= 1;
        sub.unsubscribe();
      };
    },
    getSnapshot() {
      // Without a live subscription the cached value may be stale (between a StrictMode
      // unmount and remount, or before the first commit): read the current value by a
      // subscribe that emits synchronously and ends at once.
      if (subscribers === 0) source$.subscribe(accept).unsubscribe();
      if (current === NONE) throw new Error('chatstore/react: the observable did not emit its current value on subscribe');
      return current;
    },
  };
}

/**
 * The latest value of an observable that emits synchronously on subscribe (every `…$` of
 * chatstore does). Re-renders only when a value arrives that is not `equals` to the last.
 * @example
 * const connection = useObservable(client.connection$);
 */
export function useObservable<T>(source$: Observable<T>, equals: (a: T, b: T) => boolean = Object.is): T {
  // `equals` is read once per observable: changing it between renders has no effect.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const source = useMemo(() => createSource(source$, equals), [source$]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot, source.getSnapshot);
}
