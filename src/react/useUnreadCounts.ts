import type { UnreadSummary } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useObservable } from './useObservable.ts';

/** The own user's unread totals: `{ totalMessages, channels, threads, byChannel, byTeam }`. */
export function useUnreadCounts(): UnreadSummary {
  return useObservable(useChatClient().unread$);
}
