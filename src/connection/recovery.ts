// Recovery after a gap (PROTOCOL.md section 7). The seeds have no event replay, so after
// every reconnect the client re-queries every channel it holds (in pages of 30, the most
// the service returns per query), merges the answers through the same reducers as events,
// re-runs its list queries and fetches the unread totals. Only then does it report itself
// connected again.
import type { ChatStore } from '../store/store.ts';
import { tableValues } from '../store/table.ts';
import type { ChatApi } from '../transport/api.ts';

const CHUNK = 30;

export interface RecoveryDeps {
  store: ChatStore;
  api: ChatApi;
  watched: ReadonlySet<string>;
  /** Refresh every open channel list (their handles own the queries). */
  refreshLists: () => Promise<void>;
  /** Messages of the latest page to ask for per channel. */
  messageLimit: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Re-query what the client holds; rejects with the first failure (the caller retries). */
export async function recoverState(deps: RecoveryDeps): Promise<void> {
  const held = tableValues(deps.store.getState().channels)
    .filter((c) => c.data !== null && c.data.deleted_at === undefined)
    .map((c) => c.cid);
  const watchedCids = held.filter((cid) => deps.watched.has(cid));
  const otherCids = held.filter((cid) => !deps.watched.has(cid));
  const queries: Promise<void>[] = [];
  for (const [cids, watch] of [
    [watchedCids, true],
    [otherCids, false],
  ] as const) {
    for (const chunk of chunks(cids, CHUNK)) {
      queries.push(
        deps.api
          .queryChannels({
            filter_conditions: { cid: { $in: chunk } },
            sort: [{ field: 'last_message_at', direction: -1 }],
            limit: CHUNK,
            state: true,
            watch,
            message_limit: deps.messageLimit,
          })
          .then((res) => {
            deps.store.dispatch({ type: 'channels/hydrated', channels: res.channels, messageLimit: deps.messageLimit });
          }),
      );
    }
  }
  queries.push(deps.refreshLists());
  queries.push(
    deps.api.unreadCounts().then((counts) => {
      deps.store.dispatch({ type: 'unread/fetched', counts });
    }),
  );
  await Promise.all(queries);
}
