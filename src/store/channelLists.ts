// Channel lists: ordered cids per query, following the server's filter and sort as
// channels change. A cid appears at most once in a list. Work per event is bounded by the
// lists' lengths (pages the app loaded), never by every channel held.
import type { ChannelStateResponseFields } from '../models/generated/types.ts';
import type { ChannelEntry, ChannelListState, ChatState, StoredError } from './state.ts';
import type { ReducerContext } from './context.ts';
import { channelMatches, compareChannels, type ChannelSort } from './channelFilter.ts';
import { hydrateChannel } from './channels.ts';
import { tableGet, tablePeek, type Table } from './table.ts';
import { peek } from './peek.ts';
import { own } from './owned.ts';

type Lists = Record<string, ChannelListState>;

export function listRequested(
  state: ChatState,
  key: string,
  filter: Readonly<Record<string, unknown>>,
  sort: ChannelSort,
  reset: boolean,
): void {
  const lists = state.lists as Lists;
  const prev = lists[key];
  if (!prev || reset) {
    lists[key] = {
      key,
      filter,
      sort,
      cids: prev && !reset ? prev.cids : (prev?.cids ?? []),
      hasMore: prev?.hasMore ?? true,
      loading: true,
      error: null,
      offset: prev && !reset ? prev.offset : 0,
    };
    return;
  }
  prev.loading = true;
  prev.error = null;
}

/** A page of a channel query: hydrate every channel, then append (or replace, on reset). */
export function listLoaded(
  state: ChatState,
  ctx: ReducerContext,
  key: string,
  channels: readonly ChannelStateResponseFields[],
  page: { offset: number; limit: number; messageLimit: number; before?: Table<ChannelEntry> },
): void {
  for (const c of channels) hydrateChannel(state, ctx, c, page.before ? { messageLimit: page.messageLimit, before: page.before } : { messageLimit: page.messageLimit });
  const list = (state.lists as Lists)[key];
  if (!list) return;
  const cids = page.offset === 0 ? [] : [...list.cids];
  const seen = new Set(cids);
  for (const c of channels) {
    const cid = c.channel?.cid;
    if (cid && !seen.has(cid)) {
      cids.push(cid);
      seen.add(cid);
    }
  }
  list.cids = cids;
  list.offset = page.offset + channels.length;
  list.hasMore = channels.length >= page.limit;
  list.loading = false;
  list.error = null;
}

export function listFailed(state: ChatState, key: string, error: StoredError): void {
  const list = (state.lists as Lists)[key];
  if (!list) return;
  list.loading = false;
  list.error = error;
}

export function listDisposed(state: ChatState, key: string): void {
  delete (state.lists as Lists)[key];
}

/** Take a cid out of every list (hidden, deleted, removed from the channel). */
export function removeFromLists(state: ChatState, cid: string): void {
  for (const list of Object.values(state.lists as Lists)) {
    const i = list.cids.indexOf(cid);
    if (i >= 0) (list.cids as string[]).splice(i, 1);
  }
}

/** Position of `ch` in a list by the list's sort (binary search over the held entries). */
function sortedPosition(state: ChatState, cids: readonly string[], sort: ChannelSort, ch: ChannelEntry, meId: string | undefined): number {
  let lo = 0;
  let hi = cids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const other = tablePeek(state.channels, cids[mid] as string);
    if (other && compareChannels(other, ch, sort, meId) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Re-place a channel in every list after it appeared or changed: added where it now
 * matches, moved where its sort position changed, removed where it no longer matches.
 * A channel that would sort after the loaded page of a list with more pages is left for
 * that page to bring, as the server would.
 *
 * Runs on every message: lists and neighbours are read through peek (drafting them would
 * copy them and make the burst's finish walk them), and a list that changes gets its cids
 * as an owned copy (owned.ts; plain strings), written directly.
 */
export function placeInLists(state: ChatState, ch: ChannelEntry): void {
  const lists = peek(peek(state).lists);
  const meId = peek(peek(state).me)?.id;
  const cid = ch.cid;
  const view = peek(ch);
  for (const key in lists) {
    const list = peek(lists[key] as ChannelListState);
    const held = peek(list.cids);
    const i = held.indexOf(cid);
    const match = channelMatches(view, list.filter, meId);
    if (!match) {
      if (i >= 0) ownCids(state, key).splice(i, 1);
      continue;
    }
    if (i >= 0) {
      // Already in place? Compare with the neighbours before touching the array.
      const prev = i > 0 ? tablePeek(state.channels, held[i - 1] as string) : undefined;
      const next = i < held.length - 1 ? tablePeek(state.channels, held[i + 1] as string) : undefined;
      const okPrev = !prev || compareChannels(prev, view, list.sort, meId) <= 0;
      const okNext = !next || compareChannels(view, next, list.sort, meId) <= 0;
      if (okPrev && okNext) continue;
    }
    const rest = i >= 0 ? held.filter((c) => c !== cid) : held;
    const pos = sortedPosition(state, rest, list.sort, view, meId);
    if (i < 0 && pos >= rest.length && list.hasMore) continue;
    const cids = ownCids(state, key);
    if (i >= 0) cids.splice(i, 1);
    cids.splice(pos, 0, cid);
  }
}

function ownCids(state: ChatState, key: string): string[] {
  return own<string[]>((state.lists as Lists)[key] as ChannelListState, 'cids');
}
