// The client-wide values: connection, unread totals, the own user's id.
import type { ShallowRef } from 'vue';
import type { ConnectionState, UnreadSummary } from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { observe, warnOutsideScope } from './observe.ts';

/** The connection as a read-only ref: `{ status, connectionId?, error? }`. */
export function useConnectionState(): Readonly<ShallowRef<ConnectionState>> {
  warnOutsideScope('useConnectionState');
  const client = useChatClient();
  return observe(() => client.connection$);
}

/** The own user's unread totals as a read-only ref. */
export function useUnreadCounts(): Readonly<ShallowRef<UnreadSummary>> {
  warnOutsideScope('useUnreadCounts');
  const client = useChatClient();
  return observe(() => client.unread$);
}
