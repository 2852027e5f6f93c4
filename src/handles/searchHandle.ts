// A message search (client.search): one Search query, paged with the server's `next`
// cursor. It loads on first subscribe (API.md: whatever opens a handle that loads, loads
// on first subscribe). Its results are held in the store (src/store/searches.ts) and stay
// live: an edit or delete of a found message shows in results$.
//
// As stream-chat's client.search: the second argument is a text query (a string) or a
// message filter (an object), sort is `[{ field, direction }]` or `{ field: direction }`,
// and the request is GET /search with the payload as JSON.
import { defer, distinctUntilChanged, type Observable } from 'rxjs';
import type { LocalMessage } from '../store/state.ts';
import { selectSearchResults, selectSearchStatus } from '../store/searches.ts';
import { shallowEqual } from '../store/selectors.ts';
import { decodeModel } from '../models/decode.ts';
import type { MessageResponse } from '../models/generated/types.ts';
import type { SearchPayload } from '../models/payloads.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import { toStoredError, type ClientContext } from './clientContext.ts';
import { createLatestRun } from './latestRun.ts';
import { withoutChannel } from './apiResponses.ts';

export type SearchSortInput = ReadonlyArray<{ field: string; direction: 1 | -1 }> | Readonly<Record<string, 1 | -1>>;

export interface SearchOptions {
  sort?: SearchSortInput;
  /** Results per page (default 20; the service allows up to 100). */
  limit?: number;
}

export interface SearchStatusView {
  loading: boolean;
  hasMore: boolean;
  error?: ChatError;
}

export interface SearchHandle {
  /** Found messages in the server's order, each as held now (edits and deletes show). */
  readonly results$: Observable<readonly LocalMessage[]>;
  readonly status$: Observable<SearchStatusView>;
  /** The next page (the server's `next` cursor); nothing when there is no more. */
  loadMore(): Promise<void>;
  /** Run the search again from the first page. */
  refresh(): Promise<void>;
  /** Forget the search (its results leave the store). */
  dispose(): void;
}

export interface SearchApi {
  /**
   * Search messages in the channels matching `channelFilter`: by text (a string) or by a
   * message filter (an object). Loads when results$ or status$ is first subscribed.
   * @example
   * const search = client.search({ members: { $in: ['alice'] } }, 'lunch', { limit: 20 });
   * search.results$.subscribe((messages) => render(messages));
   */
  search(channelFilter: Record<string, unknown>, queryOrMessageFilter: string | Record<string, unknown>, options?: SearchOptions): SearchHandle;
}

const ENDPOINT = 'Search';
const DEFAULT_LIMIT = 20;
let searchSeq = 0;

function inputError(message: string): ChatError {
  return new ChatError({ message: `search: ${message}`, code: ChatErrorCode.InputError, status: 0, endpoint: ENDPOINT, retryable: false });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The request's fixed part, checked: a clear ChatError for what the service would refuse. */
function basePayload(channelFilter: unknown, query: unknown, options: SearchOptions): SearchPayload {
  if (!isPlainObject(channelFilter) || Object.keys(channelFilter).length === 0) throw inputError('a channel filter is required (the service searches only the channels it names)');
  const payload: SearchPayload = { filter_conditions: channelFilter };
  if (typeof query === 'string') {
    if (query.trim() === '') throw inputError('the text query is empty');
    payload.query = query;
  } else if (isPlainObject(query) && Object.keys(query).length > 0) payload.message_filter_conditions = query;
  else throw inputError('the second argument is a text query (string) or a message filter (non-empty object)');
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw inputError(`limit must be an integer from 1 to 100, not ${String(limit)}`);
  payload.limit = limit;
  if (options.sort !== undefined) {
    const sort = Array.isArray(options.sort)
      ? (options.sort as ReadonlyArray<{ field: string; direction: 1 | -1 }>).map((s) => ({ field: s.field, direction: s.direction }))
      : Object.entries(options.sort as Record<string, 1 | -1>).map(([field, direction]) => ({ field, direction }));
    for (const s of sort) if (typeof s.field !== 'string' || (s.direction !== 1 && s.direction !== -1)) throw inputError('sort entries are { field, direction: 1 | -1 }');
    if (sort.length) payload.sort = sort;
  }
  return payload;
}

/** Found messages as the store holds them (exported for client.api's answer, apiResponses.ts): decoded (the seeds leave them untyped), channel left out. */
export function decodeResults(results: ReadonlyArray<{ message?: unknown }>): MessageResponse[] {
  const out: MessageResponse[] = [];
  for (const r of results) {
    const d = decodeModel('MessageWithChannelResponse', r.message, { freeze: true });
    if (!d.ok) throw d.error;
    out.push(withoutChannel(d.value as unknown as MessageResponse & { channel?: unknown }));
  }
  return out;
}

export function createSearchApi(ctx: ClientContext): SearchApi {
  return {
    search(channelFilter, queryOrMessageFilter, options = {}) {
      let base: SearchPayload;
      try {
        base = basePayload(channelFilter, queryOrMessageFilter, options);
      } catch (e) {
        throw ctx.report(e, ENDPOINT);
      }
      searchSeq += 1;
      const key = `search-${searchSeq}`;
      const loads = createLatestRun();
      let started = false;
      let disposed = false;
      let lastError: ChatError | undefined;

      async function load(reset: boolean): Promise<void> {
        if (disposed) return;
        const held = ctx.store.getState().searches[key];
        if (!reset && held && (held.loading || !held.hasMore)) return loads.current;
        const next = reset ? null : (held?.next ?? null);
        if (!reset && held && next === null) return;
        ctx.store.dispatch({ type: 'search/requested', key, reset });
        const payload: SearchPayload = { ...base };
        if (next !== null) payload.next = next;
        try {
          const res = await ctx.api(ENDPOINT).search({ payload });
          const messages = decodeResults(res.results);
          if (disposed) return;
          lastError = undefined;
          ctx.store.dispatch({ type: 'search/loaded', key, messages, next: res.next ?? null, reset });
        } catch (e) {
          const error = ctx.report(e, ENDPOINT);
          lastError = error;
          if (!disposed) ctx.store.dispatch({ type: 'search/failed', key, error: toStoredError(error) });
          throw error;
        }
      }

      const run = (reset: boolean): Promise<void> => loads.run(() => load(reset));
      const start = <T>(source: Observable<T>): Observable<T> =>
        defer(() => {
          if (!started && !disposed) {
            started = true;
            run(true).catch(() => undefined);
          }
          return source;
        });

      return {
        results$: start(ctx.store.select((s) => selectSearchResults(s, key))),
        status$: start(
          ctx.store.select((s) => {
            const status = selectSearchStatus(s, key);
            const view: SearchStatusView = { loading: status.loading || (!started && !disposed), hasMore: status.hasMore };
            if (status.error && lastError) view.error = lastError;
            return view;
          }, shallowEqual),
        ).pipe(distinctUntilChanged(shallowEqual)),
        loadMore() {
          if (!started) {
            started = true;
            return run(true);
          }
          return run(false);
        },
        refresh() {
          started = true;
          return run(true);
        },
        dispose() {
          if (disposed) return;
          disposed = true;
          ctx.store.dispatch({ type: 'search/disposed', key });
        },
      };
    },
  };
}
