// Offset-paged lists of the account's queries: users (QueryUsers), bans (QueryBannedUsers)
// and message flags (QueryMessageFlags). A user list keeps ids only: the users themselves
// live in the users table, so a presence change or a profile edit shows in every list that
// holds the user without touching the list. Bans and flags have no table of their own: the
// list keeps the items the server answered (their users go to the users table too).
//
// A list holds what its pages answered, in the server's order; a later event does not move
// a user in or out of a list (a search for `online: true` keeps a user who went offline,
// now shown offline), as a page the user asked for does not change under their eyes.
import type { UserResponse } from '../models/generated/types.ts';
import type { ChatState, PagedListState, StoredError } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { rememberUserCopy } from './userCopies.ts';

export type PagedListAction =
  | { type: 'paged/requested'; key: string; reset: boolean }
  | {
      type: 'paged/loaded';
      key: string;
      reset: boolean;
      limit: number;
      /** A user list's page (users go to the users table, ids to the list). */
      users?: readonly UserResponse[];
      /** A ban or flag list's page, kept as answered. */
      items?: readonly unknown[];
      /** Users the items carry, for the users table. */
      itemUsers?: readonly UserResponse[];
    }
  | { type: 'paged/failed'; key: string; error: StoredError }
  | { type: 'paged/disposed'; key: string };

const NO_IDS: readonly string[] = Object.freeze([]);

function emptyList(): PagedListState {
  return { ids: NO_IDS, items: [], loading: false, hasMore: true, error: null, offset: 0 };
}

export function reducePagedList(state: ChatState, a: PagedListAction): void {
  const lists = state.pagedLists as Record<string, PagedListState>;
  switch (a.type) {
    case 'paged/requested': {
      const l = lists[a.key] ?? (lists[a.key] = emptyList());
      if (!l.loading) l.loading = true;
      if (l.error) l.error = null;
      if (a.reset && l.offset !== 0) l.offset = 0;
      return;
    }
    case 'paged/loaded': {
      const l = lists[a.key];
      if (!l) return;
      const count = a.users?.length ?? a.items?.length ?? 0;
      for (const u of a.users ?? []) rememberUserCopy(state, u);
      for (const u of a.itemUsers ?? []) rememberUserCopy(state, u);
      if (a.users) {
        const page = a.users.map((u) => u.id);
        const before = a.reset ? [] : l.ids;
        const seen = new Set(before);
        const ids = [...before, ...page.filter((id) => !seen.has(id))];
        if (!deepEqual(l.ids, ids)) l.ids = ids;
      }
      if (a.items) {
        const items = a.reset ? [...a.items] : [...l.items, ...a.items];
        if (!deepEqual(l.items, items)) l.items = items;
      }
      l.offset = (a.reset ? 0 : l.offset) + count;
      l.hasMore = count >= a.limit;
      l.loading = false;
      return;
    }
    case 'paged/failed': {
      const l = lists[a.key];
      if (!l) return;
      l.loading = false;
      l.error = a.error;
      return;
    }
    case 'paged/disposed':
      delete lists[a.key];
      return;
  }
  const exhaustive: never = a;
  return exhaustive;
}
