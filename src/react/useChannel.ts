// One channel for a component: the handle (the same object the client keeps for the cid),
// watched once the user is connected, and its observables read as values.
import { useEffect, useMemo, useRef } from 'react';
import type {
  ChannelView,
  ChannelHandle,
  ChannelInputData,
  ChannelMemberResponse,
  LocalMessage,
  Pagination,
  ReadState,
  TypingEntry,
  UnreadCount,
  WatchOptions,
} from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useMeId } from './useMeId.ts';
import { useObservable } from './useObservable.ts';

export interface UseChannelOptions extends WatchOptions {
  /** Call channel.watch() when mounted and connected (default true). */
  autoWatch?: boolean;
}

export interface UseChannelResult {
  /** The handle: loadOlder, sendMessage, sendReaction, markRead, keystroke, … */
  channel: ChannelHandle;
  /** null until the server has described the channel (the first watch is in flight). */
  data: ChannelView | null;
  messages: readonly LocalMessage[];
  pinned: readonly LocalMessage[];
  members: readonly ChannelMemberResponse[];
  reads: Readonly<Record<string, ReadState>>;
  typing: readonly TypingEntry[];
  unread: UnreadCount;
  pagination: Pagination;
}

/**
 * A channel, watched on mount once the user is connected. The result object keeps its
 * reference until one of its parts changes.
 * @example
 * const { channel, data, messages, pagination } = useChannel('messaging', 'general');
 */
export function useChannel(type: string, id: string, data?: ChannelInputData, options: UseChannelOptions = {}): UseChannelResult {
  const client = useChatClient();
  const meId = useMeId();
  // A disconnect drops the client's handles; a new user gets new ones, hence meId.
  // `data` only matters when watch() creates the channel, so it is not a dependency.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const channel = useMemo(() => client.channel(type, id, data), [client, type, id, meId]);
  const watched = useRef<ChannelHandle | undefined>(undefined);
  const autoWatch = options.autoWatch ?? true;

  useEffect(() => {
    // Wait for the connection: a watch without a connection id would not route events.
    if (!autoWatch || meId === undefined || watched.current === channel) return;
    // Remembered across StrictMode's cleanup/re-run, so the channel is queried once.
    // Unmounting does not stop watching: the channel list and other views share it.
    watched.current = channel;
    const watchOptions: WatchOptions = { ...options };
    delete (watchOptions as UseChannelOptions).autoWatch;
    channel.watch(watchOptions).catch(() => {
      // Reported on client.errors$; let a remount try again.
      if (watched.current === channel) watched.current = undefined;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, meId, autoWatch]);

  const channelData = useObservable(channel.channel$);
  const messages = useObservable(channel.messages$);
  const pinned = useObservable(channel.pinned$);
  const members = useObservable(channel.members$);
  const reads = useObservable(channel.reads$);
  const typing = useObservable(channel.typing$);
  const unread = useObservable(channel.unread$);
  const pagination = useObservable(channel.pagination$);
  return useMemo(
    () => ({ channel, data: channelData, messages, pinned, members, reads, typing, unread, pagination }),
    [channel, channelData, messages, pinned, members, reads, typing, unread, pagination],
  );
}
