import type { ConnectionState } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useObservable } from './useObservable.ts';

/** The connection: `{ status, connectionId?, error? }`, e.g. to show "reconnecting…". */
export function useConnectionState(): ConnectionState {
  return useObservable(useChatClient().connection$);
}
