// One thread for a component: the handle (the same object the client keeps for the parent
// id), loaded once the user is connected, and its observables read as values.
import { useEffect, useMemo, useRef } from 'react';
import type { LocalMessage, ThreadHandle, ThreadPagination, ThreadView, TypingEntry } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useMeId } from './useMeId.ts';
import { useObservable } from './useObservable.ts';

export interface UseThreadResult {
  /** The handle: sendReply, loadOlder, markRead, keystroke, … */
  thread: ThreadHandle;
  /** Parent, participants, reads, unread and counts; null until loaded. */
  data: ThreadView | null;
  replies: readonly LocalMessage[];
  pagination: ThreadPagination;
  /** Who else is typing in the thread. */
  typing: readonly TypingEntry[];
}

/**
 * A thread by its parent message id, loaded when first shown once the user is connected.
 * Replies arrive live while the thread's channel is watched (useChannel or a channel list
 * beside it), as events are routed per watched channel.
 * @example
 * const { data, replies, thread } = useThread(message.id);
 */
export function useThread(parentId: string): UseThreadResult {
  const client = useChatClient();
  const meId = useMeId();
  // A disconnect drops the client's handles; a new user gets new ones, hence meId.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const thread = useMemo(() => client.thread(parentId), [client, parentId, meId]);
  const data = useObservable(thread.thread$);
  const replies = useObservable(thread.replies$);
  const pagination = useObservable(thread.pagination$);
  const typingAll = useObservable(thread.typing$);
  // Others only: the server echoes our own typing events back.
  const typing = useMemo(() => typingAll.filter((e) => e.user.id !== meId), [typingAll, meId]);
  const requested = useRef<ThreadHandle | undefined>(undefined);
  const held = data !== null;

  useEffect(() => {
    // The handle loads on its first subscription when connected; this covers a thread
    // shown before the user was. Remembered across StrictMode's re-run.
    if (meId === undefined || held || requested.current === thread) return;
    requested.current = thread;
    thread.load().catch(() => {
      if (requested.current === thread) requested.current = undefined;
    });
  }, [thread, meId, held]);

  return useMemo(() => ({ thread, data, replies, pagination, typing }), [thread, data, replies, pagination, typing]);
}
