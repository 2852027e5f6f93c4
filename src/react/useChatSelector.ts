// A slice of the whole state, read with one useSyncExternalStore (the zustand model): the
// selector runs against client.getState(), and `equals` keeps the previous reference when
// the new slice is equal, so an inline selector that builds an object re-renders nothing.
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { ChatState } from 'chatstore';
import { useChatClient } from './chatProvider.ts';

interface Committed<T> {
  has: boolean;
  value: T | undefined;
}

/**
 * Select from the client's state; re-renders when the selection changes by `equals`
 * (default Object.is). The server snapshot is the same read, so state hydrated on the
 * server (client.hydrateChannels) renders identically there.
 * @example
 * const me = useChatSelector((s) => s.me);
 * const names = useChatSelector((s) => s.me?.teams ?? [], shallowArrayEqual);
 */
export function useChatSelector<T>(selector: (state: ChatState) => T, equals: (a: T, b: T) => boolean = Object.is): T {
  const client = useChatClient();
  const committed = useRef<Committed<T>>({ has: false, value: undefined });
  const getSnapshot = useMemo(() => {
    let memo: { state: ChatState; value: T } | undefined;
    return (): T => {
      const state = client.getState();
      if (memo && memo.state === state) return memo.value;
      const next = selector(state);
      // Compare with what the component last rendered, so a new selector function
      // (an inline arrow, each render) still hands back the same reference.
      const prev = memo ? memo.value : committed.current.value;
      const has = memo !== undefined || committed.current.has;
      const value = has && equals(prev as T, next) ? (prev as T) : next;
      memo = { state, value };
      return value;
    };
  }, [client, selector, equals]);
  const value = useSyncExternalStore(client.subscribe, getSnapshot, getSnapshot);
  useEffect(() => {
    committed.current = { has: true, value };
  }, [value]);
  return value;
}
