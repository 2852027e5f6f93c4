// Threads as refs: one thread by parent id (loaded once the user is connected) and the
// user's thread list (created once connected, replaced when options change, disposed with
// the scope).
import { computed, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import { of } from 'rxjs';
import {
  type LocalMessage,
  type ThreadHandle,
  type ThreadList,
  type ThreadListOptions,
  type ThreadListStatus,
  type ThreadPagination,
  type ThreadView,
  type TypingEntry,
} from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { meIdRef } from './useChannel.ts';
import { observe, warnOutsideScope } from './observe.ts';
import { useKeyedList } from './keyedList.ts';

export interface UseThreadResult {
  thread: ComputedRef<ThreadHandle>;
  data: Readonly<ShallowRef<ThreadView | null>>;
  replies: Readonly<ShallowRef<readonly LocalMessage[]>>;
  pagination: Readonly<ShallowRef<ThreadPagination>>;
  /** Who else is typing in the thread. */
  typing: ComputedRef<readonly TypingEntry[]>;
}

/**
 * A thread by parent message id (a ref or getter is followed). Replies arrive live while
 * the thread's channel is watched, as events are routed per watched channel.
 */
export function useThread(parentId: MaybeRefOrGetter<string>): UseThreadResult {
  warnOutsideScope('useThread');
  const client = useChatClient();
  const meId = meIdRef(client);
  const thread = computed(() => (void meId.value, client.thread(toValue(parentId))));
  const data = observe(() => thread.value.thread$);
  const typingAll = observe(() => thread.value.typing$);
  let requested: ThreadHandle | undefined;
  watch(
    [thread, meId, () => data.value !== null],
    ([t, me, held]) => {
      // The handle loads on its first subscription when connected; this covers a thread
      // shown before the user was.
      if (me === undefined || held || requested === t) return;
      requested = t;
      t.load().catch(() => {
        if (requested === t) requested = undefined;
      });
    },
    { immediate: true },
  );
  return {
    thread,
    data,
    replies: observe(() => thread.value.replies$),
    pagination: observe(() => thread.value.pagination$),
    typing: computed(() => typingAll.value.filter((e) => e.user.id !== meId.value)),
  };
}

export interface UseThreadListResult {
  threads: Readonly<ShallowRef<readonly ThreadView[]>>;
  status: Readonly<ShallowRef<ThreadListStatus>>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  list: Readonly<ShallowRef<ThreadList | undefined>>;
}

const NO_THREADS$ = of(Object.freeze([]) as readonly ThreadView[]);
const PENDING$ = of<ThreadListStatus>(Object.freeze({ loading: true, hasMore: false, unseen: 0 }));

/** The threads the user takes part in, most recent reply first. */
export function useThreadList(options?: MaybeRefOrGetter<ThreadListOptions | undefined>): UseThreadListResult {
  warnOutsideScope('useThreadList');
  const client = useChatClient();
  const meId = meIdRef(client);
  const key = computed(() => JSON.stringify([meId.value, toValue(options) ?? {}]));
  const keyed = useKeyedList<ThreadList, ThreadListStatus>(
    key,
    () => (meId.value === undefined ? undefined : client.queryThreads(toValue(options) ?? {})),
    PENDING$,
  );
  return {
    threads: observe(() => keyed.list.value?.threads$ ?? NO_THREADS$),
    status: keyed.status,
    loadMore: keyed.loadMore,
    refresh: keyed.refresh,
    list: keyed.readonlyList,
  };
}
