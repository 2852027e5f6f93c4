// Follow the channels of the store one changed channel at a time, for watchers that keep
// something in step with the state outside it (timers, reports to the server). Per store
// notification it compares the channel table's buckets by reference (a bucket keeps its
// reference unless a channel in it changed), so the cost follows what changed, not how
// many channels are held.
import type { ChatStore } from '../store/store.ts';
import type { ChannelEntry, ChatState } from '../store/state.ts';

/**
 * Call `onChannel(cid, entry)` for every channel whose entry changed since the last
 * notification (entry undefined: it is gone), starting with every channel held now.
 * Returns the unsubscribe function.
 */
export function followChannels(store: ChatStore, onChannel: (cid: string, entry: ChannelEntry | undefined) => void, afterEach?: () => void): () => void {
  let buckets: ChatState['channels']['buckets'] = [];
  const entries = new Map<string, ChannelEntry>();

  function check(state: ChatState): void {
    const next = state.channels.buckets;
    if (next !== buckets) {
      for (let i = 0; i < next.length; i++) {
        const now = next[i];
        const before = buckets[i];
        if (now === before) continue;
        if (before) {
          for (const cid of Object.keys(before)) {
            if (now && cid in now) continue;
            entries.delete(cid);
            onChannel(cid, undefined);
          }
        }
        if (now) {
          for (const cid of Object.keys(now)) {
            const entry = now[cid] as ChannelEntry;
            if (entries.get(cid) === entry) continue;
            entries.set(cid, entry);
            onChannel(cid, entry);
          }
        }
      }
      buckets = next;
    }
    afterEach?.();
  }

  const unsubscribe = store.subscribe(check);
  check(store.getState());
  return unsubscribe;
}
