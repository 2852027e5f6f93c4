// A disposable object (a channel or thread list) owned by a component and identified by a
// key. It is created in an effect, never during render, and disposed after unmount or a key
// change. The dispose waits a microtask: StrictMode's cleanup-and-rerun, or a remount in the
// same commit with the same key, takes the object over instead of creating (and querying)
// a second one.
import { useEffect, useRef, useState } from 'react';

interface Held<T> {
  owner: object;
  key: string;
  value: T;
  releasing: boolean;
}

/**
 * The object `create` makes for (`owner`, `key`): undefined while `key` is undefined and
 * until the first effect has run.
 */
export function useKeyedResource<T extends { dispose(): void }>(owner: object, key: string | undefined, create: () => T): T | undefined {
  const held = useRef<Held<T> | undefined>(undefined);
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    if (key === undefined) {
      setValue(undefined);
      return undefined;
    }
    let h = held.current;
    if (h && h.owner === owner && h.key === key && h.releasing) h.releasing = false;
    else {
      h = { owner, key, value: create(), releasing: false };
      held.current = h;
    }
    const mine = h;
    setValue(mine.value);
    return () => {
      mine.releasing = true;
      queueMicrotask(() => {
        if (!mine.releasing) return;
        mine.value.dispose();
        if (held.current === mine) held.current = undefined;
      });
    };
    // `create` is described by `owner` and `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [owner, key]);
  return value;
}
