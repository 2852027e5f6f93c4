// One poll for a component: the handle (the same object the client keeps for the poll id),
// loaded once the user is connected, and the live poll read as a value.
import { useEffect, useMemo, useRef } from 'react';
import type { PollHandle, PollView } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useMeId } from './useMeId.ts';
import { useObservable } from './useObservable.ts';

export interface UsePollResult {
  /** The handle: vote, removeVote, addOption, close, delete, queryVotes. */
  poll: PollHandle;
  /** Options, counts per option, latest votes, own votes, closed; null until loaded or once deleted. */
  data: PollView | null;
}

/**
 * A poll by id, live from poll.* events while a channel showing it is watched. The same
 * poll object is shown by every message carrying its poll_id.
 * @example
 * const { data, poll } = usePoll(message.poll_id);
 * <button onClick={() => poll.vote(message.id, option.id)}>{data?.vote_counts_by_option[option.id]}</button>
 */
export function usePoll(pollId: string): UsePollResult {
  const client = useChatClient();
  const meId = useMeId();
  // A new user sees the poll with their own votes: re-subscribe (and reload) on a switch.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const poll = useMemo(() => client.poll(pollId), [client, pollId, meId]);
  const data = useObservable(poll.poll$);
  const requested = useRef<string | undefined>(undefined);
  const held = data !== null;

  useEffect(() => {
    // The handle loads on its first subscription when connected; this covers a poll shown
    // before the user was. Remembered across StrictMode's re-run.
    // Keyed by user too: the handle is the same object for the next user.
    const key = `${meId ?? ''}|${poll.id}`;
    if (meId === undefined || held || requested.current === key) return;
    requested.current = key;
    poll.load().catch(() => {
      if (requested.current === key) requested.current = undefined;
    });
  }, [poll, meId, held]);

  return useMemo(() => ({ poll, data }), [poll, data]);
}
