// One user, live: name, image, online and last_active from the users table (kept by user.*
// events). Render a message author or a member through this to show their current name and
// presence (src/store/userCopies.ts).
import { useMemo } from 'react';
import { of, type Observable } from 'rxjs';
import type { UserResponse } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useMeId } from './useMeId.ts';
import { useObservable } from './useObservable.ts';

const NONE$: Observable<UserResponse | undefined> = of(undefined);

/**
 * The live user by id (undefined while unknown; an unknown user is read from the server once
 * the own user is connected). Re-renders only when that user changes.
 * @example
 * const author = useUser(message.user?.id) ?? message.user;
 */
export function useUser(userId: string | undefined): UserResponse | undefined {
  const client = useChatClient();
  const meId = useMeId();
  // A new connection may know the user where the last did not: meId restarts the read.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const user$ = useMemo(() => (userId ? client.user$(userId) : NONE$), [client, userId, meId]);
  return useObservable(user$);
}
