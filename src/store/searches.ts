// Message searches (client.search): each search holds the messages the server found, in
// its order, as copies of their own: a result may be in a channel the store does not hold,
// or outside every held window. The copies stay live: a message event or a REST copy of a
// found message replaces its copy (older copies never overwrite newer ones), and a delete
// takes it out of the results, as a search run again would no longer find it. A new
// message is not added: a search is the server's answer at the time it ran (refresh()
// asks again).
import type { ChatEvent } from '../models/events.ts';
import type { MessageResponse } from '../models/generated/types.ts';
import type { ChatState, LocalMessage, SearchState, StoredError } from './state.ts';
import { toLocal } from './messages.ts';
import { peek } from './peek.ts';
import { tableGet } from './table.ts';
import { emptyRecord } from './records.ts';
import { deepEqual } from './deepEqual.ts';

function emptySearch(key: string): SearchState {
  return { key, ids: [], messages: emptyRecord(), next: null, hasMore: true, loading: false, error: null };
}

export function searchRequested(state: ChatState, key: string, _reset: boolean): void {
  const held = state.searches[key];
  if (!held) {
    (state.searches as Record<string, SearchState>)[key] = { ...emptySearch(key), loading: true };
    return;
  }
  // A refresh keeps showing the results it replaces until its first page is in.
  if (!held.loading) held.loading = true;
  if (held.error !== null) held.error = null;
}

/**
 * A page of results: appended in the server's order (a repeated id keeps its place), or
 * replacing them on a reset. A copy equal to the held one keeps the held object, and the
 * same ids keep the held list, so a repeated page changes nothing the app sees.
 */
export function searchLoaded(state: ChatState, key: string, messages: readonly MessageResponse[], next: string | null, reset: boolean): void {
  const s = state.searches[key];
  // Disposed while the request was out: nothing to keep.
  if (!s) return;
  const heldIds = peek(peek(s).ids);
  const heldCopies = peek(peek(s).messages);
  const ids: string[] = reset ? [] : [...heldIds];
  const copies: Record<string, LocalMessage> = reset ? emptyRecord() : { ...heldCopies };
  for (const m of messages) {
    if (!copies[m.id]) ids.push(m.id);
    const held = heldCopies[m.id];
    copies[m.id] = held && held.updated_at === m.updated_at && deepEqual(held, toLocal(m, 'received')) ? held : toLocal(m, 'received');
  }
  if (ids.length !== heldIds.length || ids.some((id, i) => id !== heldIds[i])) s.ids = ids;
  const keys = Object.keys(copies);
  if (keys.length !== Object.keys(heldCopies).length || keys.some((id) => copies[id] !== heldCopies[id])) s.messages = copies;
  if (s.next !== next) s.next = next;
  if (s.hasMore !== (next !== null)) s.hasMore = next !== null;
  if (s.loading) s.loading = false;
}

export function searchFailed(state: ChatState, key: string, error: StoredError): void {
  const s = state.searches[key];
  if (!s) return;
  s.loading = false;
  s.error = error;
}

export function searchDisposed(state: ChatState, key: string): void {
  if (state.searches[key]) delete (state.searches as Record<string, SearchState>)[key];
}

/**
 * A server copy of a message (an event or a REST answer): replace it in every search that
 * found it, or take it out when it is deleted. `keepOwnReactions`: an event's own_reactions
 * mean nothing (PROTOCOL.md section 6), so the held list stays.
 */
export function searchesOnMessage(state: ChatState, m: MessageResponse, hardDelete: boolean, keepOwnReactions: boolean): void {
  if (!hasSearches(state)) return;
  const all = peek(peek(state).searches);
  for (const key in all) {
    const held = peek(peek(all[key] as SearchState).messages)[m.id];
    if (!held) continue;
    const s = (state.searches as Record<string, SearchState>)[key] as SearchState;
    if (hardDelete || m.type === 'deleted' || m.deleted_at !== undefined) {
      s.ids = s.ids.filter((id) => id !== m.id);
      delete (s.messages as Record<string, LocalMessage>)[m.id];
      continue;
    }
    if (m.updated_at < held.updated_at) continue;
    const next = toLocal(m, 'received', undefined, keepOwnReactions ? held.own_reactions : undefined);
    (s.messages as Record<string, LocalMessage>)[m.id] = next;
  }
}

/** Whether any search is held (the event path asks before doing anything). */
export function hasSearches(state: ChatState): boolean {
  for (const _ in peek(peek(state).searches)) return true;
  return false;
}

const resultsMemo = new WeakMap<object, readonly LocalMessage[]>();

/**
 * The results of a search as the app shows them: each found message as the channel holds
 * it when the channel's copy is as new (it shows the own pending edits and reactions at
 * once), else the search's copy; a message the channel shows deleted is left out. The same
 * array while nothing in it changed.
 */
export function selectSearchResults(state: ChatState, key: string): readonly LocalMessage[] {
  const s = state.searches[key];
  if (!s) return NO_RESULTS;
  const out: LocalMessage[] = [];
  for (const id of s.ids) {
    const copy = s.messages[id];
    if (!copy) continue;
    const ch = tableGet(state.channels, copy.cid);
    const held = ch ? tableGet(ch.messages, id) : undefined;
    const m = held && held.updated_at >= copy.updated_at ? held : copy;
    if (m.type === 'deleted') continue;
    out.push(m);
  }
  // Keyed by the id list, which changes only when the results do: a page that only ended
  // loading, or an event elsewhere, hands out the same array.
  const prev = resultsMemo.get(s.ids);
  if (prev && prev.length === out.length && prev.every((m, i) => m === out[i])) return prev;
  resultsMemo.set(s.ids, out);
  return out;
}

const NO_RESULTS: readonly LocalMessage[] = Object.freeze([]);

export interface SearchStatus {
  loading: boolean;
  hasMore: boolean;
  error?: StoredError;
}

const statusMemo = new WeakMap<object, SearchStatus>();
const NO_STATUS: SearchStatus = Object.freeze({ loading: false, hasMore: true });

export function selectSearchStatus(state: ChatState, key: string): SearchStatus {
  const s = state.searches[key];
  if (!s) return NO_STATUS;
  const hit = statusMemo.get(s);
  if (hit && hit.loading === s.loading && hit.hasMore === s.hasMore && (hit.error ?? null) === s.error) return hit;
  const out: SearchStatus = s.error ? { loading: s.loading, hasMore: s.hasMore, error: s.error } : { loading: s.loading, hasMore: s.hasMore };
  statusMemo.set(s, out);
  return out;
}

const MESSAGE_EVENTS: ReadonlySet<string> = new Set(['message.updated', 'message.undeleted', 'message.deleted', 'reaction.new', 'reaction.updated', 'reaction.deleted']);

/** A server event that carries a changed message: the searches that found it follow. */
export function searchesOnEvent(state: ChatState, ev: ChatEvent): void {
  if (!ev.message || !MESSAGE_EVENTS.has(ev.type) || !hasSearches(state)) return;
  searchesOnMessage(state, ev.message, ev.type === 'message.deleted' && ev.hard_delete === true, true);
}

/** A message removed by a REST answer (a hard delete): out of every search that found it. */
export function searchesOnRemoved(state: ChatState, messageId: string): void {
  if (!hasSearches(state)) return;
  for (const key in peek(peek(state).searches)) {
    if (!peek(peek(peek(state).searches[key] as SearchState).messages)[messageId]) continue;
    const s = (state.searches as Record<string, SearchState>)[key] as SearchState;
    s.ids = s.ids.filter((id) => id !== messageId);
    delete (s.messages as Record<string, LocalMessage>)[messageId];
  }
}
