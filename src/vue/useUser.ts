// One user, live, as a read-only ref (the React hook's twin, src/react/useUser.ts).
import { computed, toValue, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import { of, type Observable } from 'rxjs';
import type { UserResponse } from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { meIdRef } from './useChannel.ts';
import { observe, warnOutsideScope } from './observe.ts';

const NONE$: Observable<UserResponse | undefined> = of(undefined);

/**
 * The live user by id (a ref or getter is followed); undefined while unknown.
 * @example
 * const author = useUser(() => props.message.user?.id);
 */
export function useUser(userId: MaybeRefOrGetter<string | undefined>): Readonly<ShallowRef<UserResponse | undefined>> {
  warnOutsideScope('useUser');
  const client = useChatClient();
  const meId = meIdRef(client);
  const source = computed(() => {
    void meId.value;
    const id = toValue(userId);
    return id ? client.user$(id) : NONE$;
  });
  return observe(() => source.value);
}
