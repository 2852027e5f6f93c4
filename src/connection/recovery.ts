// Recovery after a gap (PROTOCOL.md section 7). The seeds have no event replay, so after
// every reconnect the client re-queries every channel it holds (in chunks of 30, the most
// the service returns per query), merges the answers through the same reducers as events,
// re-runs its list queries and fetches the unread totals. Only then does it report itself
// connected again.
//
// Nothing held may stay older than the gap: the query's latest page is as long as the held
// latest window (at least `messageLimit`, at most 300, the service's page limit), and what
// the client held beyond it is re-read in pages of 300 (older pages for the latest window,
// newer ones for a view scrolled back), up to REREAD_CAP messages per window. What lies
// beyond the cap, and windows nobody views, are dropped: they load again when viewed.
import type { ChannelStateResponseFields, MessageResponse } from '../models/generated/types.ts';
import { latestWindowIndex, showsInChannel } from '../store/messages.ts';
import type { RereadSpan } from '../store/reread.ts';
import { idsToArray, type IdPosition } from '../store/sortedIds.ts';
import type { ChannelEntry } from '../store/state.ts';
import type { ChatStore } from '../store/store.ts';
import { tableGet, tableValues } from '../store/table.ts';
import type { ChatApi } from '../transport/api.ts';

const CHUNK = 30;
/** The most messages the service returns in one page. */
const PAGE = 300;
/**
 * The most messages re-read per window after a gap (the default window cap): a window held
 * longer keeps its newest REREAD_CAP messages (the oldest for a view scrolled back, whose
 * reader is there) and drops the rest, to be loaded again when scrolled to.
 */
export const REREAD_CAP = 1_000;

export interface RecoveryDeps {
  store: ChatStore;
  api: ChatApi;
  watched: ReadonlySet<string>;
  /** Refresh every open channel list (their handles own the queries). */
  refreshLists: () => Promise<void>;
  /** The least number of messages of the latest page to ask for per channel. */
  messageLimit: number;
}

/** What a channel held when the gap ended: the edges of the windows to re-read. */
interface Held {
  /** Confirmed messages of the latest window, and its oldest confirmed one. */
  latestCount: number;
  latestOldest: IdPosition | undefined;
  /** The viewed window when it is not the latest (scrolled back): its confirmed edges. */
  scrolled: { first: IdPosition; last: IdPosition; count: number } | undefined;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isBefore(a: IdPosition, b: IdPosition): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/** The confirmed messages of window `index`, oldest first. */
function confirmed(ch: ChannelEntry, index: number): IdPosition[] {
  const w = ch.windows[index];
  if (!w) return [];
  const out: IdPosition[] = [];
  for (const id of idsToArray(w.ids)) {
    const m = tableGet(ch.messages, id);
    if (m && m.status === 'received') out.push({ id, at: m.created_at });
  }
  return out;
}

function heldOf(ch: ChannelEntry): Held {
  const li = latestWindowIndex(ch);
  const latest = confirmed(ch, li);
  const held: Held = { latestCount: latest.length, latestOldest: latest[0], scrolled: undefined };
  if (ch.current !== li) {
    const viewed = confirmed(ch, ch.current);
    const first = viewed[0];
    const last = viewed[viewed.length - 1];
    if (first && last) held.scrolled = { first, last, count: viewed.length };
  }
  return held;
}

/** The oldest / newest message of a page shown in the channel. */
function edge(messages: readonly MessageResponse[], oldest: boolean): IdPosition | undefined {
  let out: IdPosition | undefined;
  for (const m of messages) {
    if (!showsInChannel(m)) continue;
    const p = { id: m.id, at: m.created_at };
    if (!out || (oldest ? isBefore(p, out) : isBefore(out, p))) out = p;
  }
  return out;
}

/**
 * Re-read what `res` (the recovery query's answer for one channel, asked with `limit`) did
 * not cover of what the channel held, then drop what is still not re-read.
 */
async function reread(deps: RecoveryDeps, res: ChannelStateResponseFields, limit: number, held: Held): Promise<void> {
  const channel = res.channel;
  if (!channel) return;
  const { cid, type, id } = channel;
  const page = (messages: Parameters<ChatApi['getOrCreateChannel']>[2]) => deps.api.getOrCreateChannel(type, id, messages);
  // The latest window, older from the recovery page's oldest message.
  let from: IdPosition | null = res.messages.length < limit ? null : (edge(res.messages, true) ?? null);
  let read = res.messages.length;
  while (from && held.latestOldest && isBefore(held.latestOldest, from) && read < REREAD_CAP) {
    const r = await page({ state: true, messages: { limit: PAGE, id_lt: from.id } });
    deps.store.dispatch({ type: 'messages/reread', cid, target: 'latest', direction: 'older', bound: from, messages: r.messages, limit: PAGE });
    read += r.messages.length;
    from = r.messages.length < PAGE ? null : (edge(r.messages, true) ?? null);
  }
  // A view scrolled back: its window, newer from its oldest message's time.
  let current: RereadSpan | null = null;
  if (held.scrolled) {
    const start: IdPosition = { id: '', at: Math.floor(held.scrolled.first.at) };
    let bound: IdPosition = start;
    let to: IdPosition | null = null;
    let count = 0;
    // Pages as long as the viewed window (one page mostly), so the re-read stays where the
    // reader is and does not run on into the latest messages.
    const size = Math.min(PAGE, Math.max(deps.messageLimit, held.scrolled.count));
    for (let first = true; ; first = false) {
      const messages = first ? { limit: size, created_at_after_or_equal: start.at } : { limit: size, id_gt: bound.id };
      const r = await page({ state: true, messages });
      deps.store.dispatch({ type: 'messages/reread', cid, target: 'current', direction: 'newer', bound: first ? null : bound, messages: r.messages, limit: size });
      count += r.messages.length;
      const newest = edge(r.messages, false);
      if (r.messages.length < size || !newest) {
        to = null;
        break;
      }
      to = newest;
      bound = newest;
      if (!isBefore(newest, held.scrolled.last) || count >= REREAD_CAP) break;
    }
    current = { from: start, to };
  }
  deps.store.dispatch({ type: 'messages/recovered', cid, latestFrom: from, current });
}

/** Re-query what the client holds; rejects with the first failure (the caller retries). */
export async function recoverState(deps: RecoveryDeps): Promise<void> {
  const state = deps.store.getState();
  const channels = tableValues(state.channels).filter((c) => c.data !== null && c.data.deleted_at === undefined);
  const held = new Map(channels.map((c) => [c.cid, heldOf(c)]));
  const heldCids = channels.map((c) => c.cid);
  const watchedCids = heldCids.filter((cid) => deps.watched.has(cid));
  const otherCids = heldCids.filter((cid) => !deps.watched.has(cid));
  const queries: Promise<void>[] = [];
  for (const [cids, watch] of [
    [watchedCids, true],
    [otherCids, false],
  ] as const) {
    for (const chunk of chunks(cids, CHUNK)) {
      // As long as the longest latest window of the chunk, so one page mostly covers it.
      const longest = Math.max(0, ...chunk.map((cid) => held.get(cid)?.latestCount ?? 0));
      const limit = Math.min(PAGE, Math.max(deps.messageLimit, longest));
      const before = deps.store.getState().channels;
      queries.push(
        deps.api
          .queryChannels({
            filter_conditions: { cid: { $in: chunk } },
            sort: [{ field: 'last_message_at', direction: -1 }],
            limit: CHUNK,
            state: true,
            watch,
            message_limit: limit,
          })
          .then(async (res) => {
            deps.store.dispatch({ type: 'channels/hydrated', channels: res.channels, messageLimit: limit, before });
            await Promise.all(
              res.channels.map((c) => {
                const h = c.channel ? held.get(c.channel.cid) : undefined;
                return h ? reread(deps, c, limit, h) : undefined;
              }),
            );
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
