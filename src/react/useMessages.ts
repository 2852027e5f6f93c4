import type { ChannelHandle, LocalMessage } from 'chatstore';
import { useObservable } from './useObservable.ts';

/**
 * The channel's current message window, oldest first. The array and every message keep
 * their references while unchanged, so `React.memo` rows keyed by id re-render only for
 * the message that changed.
 */
export function useMessages(channel: ChannelHandle): readonly LocalMessage[] {
  return useObservable(channel.messages$);
}
