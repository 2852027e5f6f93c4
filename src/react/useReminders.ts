// The own reminders (client.queryReminders), soonest first, live from reminder events and
// the due notification; created once the user is connected, disposed after unmount.
import { useMemo } from 'react';
import { of, type Observable } from 'rxjs';
import { shallowEqual, type KeyedListStatus, type Reminder, type ReminderList } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useKeyedResource } from './useKeyedResource.ts';
import { useMeId } from './useMeId.ts';
import { useObservable } from './useObservable.ts';

export interface UseRemindersResult {
  reminders: readonly Reminder[];
  status: KeyedListStatus;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  list: ReminderList | undefined;
}

const NO_REMINDERS$: Observable<readonly Reminder[]> = of(Object.freeze([]) as readonly Reminder[]);
const PENDING$: Observable<KeyedListStatus> = of(Object.freeze({ loading: true, hasMore: false }));
const idle = (): Promise<void> => Promise.resolve();

/**
 * The own reminders; `filter` and `sort` are compared by value.
 * @example
 * const { reminders } = useReminders();
 */
export function useReminders(filter?: Record<string, unknown>, sort?: ReadonlyArray<{ field: string; direction: 1 | -1 }>): UseRemindersResult {
  const client = useChatClient();
  const meId = useMeId();
  const key = meId === undefined ? undefined : JSON.stringify([meId, filter ?? {}, sort ?? []]);
  const list = useKeyedResource(client, key, () => client.queryReminders(filter, sort));
  const reminders = useObservable(list?.reminders$ ?? NO_REMINDERS$);
  const status = useObservable(list?.status$ ?? PENDING$, shallowEqual);
  return useMemo(
    () => ({ reminders, status, loadMore: list ? list.loadMore : idle, refresh: list ? list.refresh : idle, list }),
    [reminders, status, list],
  );
}
