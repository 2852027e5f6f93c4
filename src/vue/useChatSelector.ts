import type { ShallowRef } from 'vue';
import type { ChatState } from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { observe, warnOutsideScope } from './observe.ts';

/**
 * A read-only ref of a slice of the client's state; updates when the slice changes by
 * `equals` (default Object.is).
 * @example
 * const me = useChatSelector((s) => s.me);
 */
export function useChatSelector<T>(selector: (state: ChatState) => T, equals: (a: T, b: T) => boolean = Object.is): Readonly<ShallowRef<T>> {
  warnOutsideScope('useChatSelector');
  const client = useChatClient();
  return observe(() => client.select(selector, equals), equals);
}
