import type { ChatState } from 'chatstore';
import { useChatSelector } from './useChatSelector.ts';

const selectMeId = (s: ChatState): string | undefined => s.me?.id;

/** The connected user's id; undefined until the socket's first frame (hooks wait for it). */
export function useMeId(): string | undefined {
  return useChatSelector(selectMeId);
}
