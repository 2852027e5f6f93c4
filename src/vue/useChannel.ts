// One channel for a component: the handle, watched once the user is connected, and its
// observables as read-only refs. `type` and `id` may be refs or getters: a new channel
// replaces the subscriptions of the old one.
import { computed, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import { map } from 'rxjs';
import type {
  ChannelView,
  ChannelHandle,
  ChannelInputData,
  ChannelMemberResponse,
  ChatClient,
  LocalMessage,
  Pagination,
  ReadState,
  TypingEntry,
  UnreadCount,
  WatchOptions,
} from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { observe, warnOutsideScope } from './observe.ts';

export interface UseChannelOptions extends WatchOptions {
  /** Call channel.watch() once connected (default true). */
  autoWatch?: boolean;
}

export interface UseChannelResult {
  channel: ComputedRef<ChannelHandle>;
  data: Readonly<ShallowRef<ChannelView | null>>;
  messages: Readonly<ShallowRef<readonly LocalMessage[]>>;
  pinned: Readonly<ShallowRef<readonly LocalMessage[]>>;
  members: Readonly<ShallowRef<readonly ChannelMemberResponse[]>>;
  reads: Readonly<ShallowRef<Readonly<Record<string, ReadState>>>>;
  typing: Readonly<ShallowRef<readonly TypingEntry[]>>;
  unread: Readonly<ShallowRef<UnreadCount>>;
  pagination: Readonly<ShallowRef<Pagination>>;
}

/** The connected user's id as a ref (composables wait for it before calling the server). */
export function meIdRef(client: ChatClient): Readonly<ShallowRef<string | undefined>> {
  return observe(() => client.me$.pipe(map((me) => me?.id)));
}

/**
 * A channel, watched once the user is connected.
 * @example
 * const { channel, messages, pagination } = useChannel('messaging', () => props.id);
 */
export function useChannel(
  type: MaybeRefOrGetter<string>,
  id: MaybeRefOrGetter<string>,
  data?: ChannelInputData,
  options: UseChannelOptions = {},
): UseChannelResult {
  warnOutsideScope('useChannel');
  const client = useChatClient();
  const meId = meIdRef(client);
  // A disconnect drops the client's handles; reading meId makes a new user get new ones.
  const channel = computed(() => (void meId.value, client.channel(toValue(type), toValue(id), data)));
  const { autoWatch = true, ...watchOptions } = options;
  let watched: ChannelHandle | undefined;
  watch(
    [channel, meId],
    ([ch, me]) => {
      // Wait for the connection: a watch without a connection id would not route events.
      if (!autoWatch || me === undefined || watched === ch) return;
      watched = ch;
      ch.watch(watchOptions).catch(() => {
        // Reported on client.errors$; a later change may try again.
        if (watched === ch) watched = undefined;
      });
    },
    { immediate: true },
  );
  return {
    channel,
    data: observe(() => channel.value.channel$),
    messages: observe(() => channel.value.messages$),
    pinned: observe(() => channel.value.pinned$),
    members: observe(() => channel.value.members$),
    reads: observe(() => channel.value.reads$),
    typing: observe(() => channel.value.typing$),
    unread: observe(() => channel.value.unread$),
    pagination: observe(() => channel.value.pagination$),
  };
}

/** The channel's current message window as a read-only ref, oldest first. */
export function useMessages(channel: MaybeRefOrGetter<ChannelHandle>): Readonly<ShallowRef<readonly LocalMessage[]>> {
  warnOutsideScope('useMessages');
  return observe(() => toValue(channel).messages$);
}

/** Who else is typing in the channel (or in the thread of `parentId`), as a read-only ref. */
export function useTyping(channel: MaybeRefOrGetter<ChannelHandle>, parentId?: MaybeRefOrGetter<string | undefined>): ComputedRef<readonly TypingEntry[]> {
  warnOutsideScope('useTyping');
  const client = useChatClient();
  const meId = meIdRef(client);
  const entries = observe(() => toValue(channel).typing$);
  return computed(() => {
    const parent = toValue(parentId);
    return entries.value.filter((e) => e.user.id !== meId.value && e.parentId === parent);
  });
}
