import { useMemo } from 'react';
import type { ChannelHandle, TypingEntry } from 'chatstore';
import { useObservable } from './useObservable.ts';
import { useMeId } from './useMeId.ts';

/**
 * Who else is typing in the channel, or in the thread of `parentId` when given. The own
 * user is left out (the server echoes our own typing events back).
 */
export function useTyping(channel: ChannelHandle, parentId?: string): readonly TypingEntry[] {
  const entries = useObservable(channel.typing$);
  const meId = useMeId();
  return useMemo(
    () => entries.filter((e) => e.user.id !== meId && (parentId === undefined ? e.parentId === undefined : e.parentId === parentId)),
    [entries, meId, parentId],
  );
}
