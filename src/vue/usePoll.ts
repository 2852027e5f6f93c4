// A poll as a ref: the handle for the poll id (a ref or getter is followed), loaded once the
// user is connected, and the live poll.
import { computed, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import type { PollHandle, PollView } from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { meIdRef } from './useChannel.ts';
import { observe, warnOutsideScope } from './observe.ts';

export interface UsePollResult {
  /** The handle: vote, removeVote, addOption, close, delete, queryVotes. */
  poll: ComputedRef<PollHandle>;
  /** Options, counts per option, latest votes, own votes, closed; null until loaded or once deleted. */
  data: Readonly<ShallowRef<PollView | null>>;
}

/**
 * A poll by id, live from poll.* events while a channel showing it is watched.
 * @example
 * const { data, poll } = usePoll(() => props.message.poll_id);
 */
export function usePoll(pollId: MaybeRefOrGetter<string>): UsePollResult {
  warnOutsideScope('usePoll');
  const client = useChatClient();
  const meId = meIdRef(client);
  const poll = computed(() => (void meId.value, client.poll(toValue(pollId))));
  const data = observe(() => poll.value.poll$);
  let requested: string | undefined;
  watch(
    [poll, meId, () => data.value !== null],
    ([p, me, held]) => {
      // The handle loads on its first subscription when connected; this covers a poll shown
      // before the user was.
      // Keyed by user too: the handle is the same object for the next user.
      const key = `${me ?? ''}|${p.id}`;
      if (me === undefined || held || requested === key) return;
      requested = key;
      p.load().catch(() => {
        if (requested === key) requested = undefined;
      });
    },
    { immediate: true },
  );
  return { poll, data };
}
