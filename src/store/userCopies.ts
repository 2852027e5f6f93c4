// One user, many copies: the users table holds the live copy of each user (by id); members,
// read states, watchers and held messages keep the copy the server sent with them.
//
// How copies show a new name, image or presence without rewriting them (issue 25): they are
// never rewritten. A `user.updated` or `user.presence.changed` changes one entry of the users
// table, O(1); whoever renders a member or a message author reads the live user by id
// (`liveUser` here, `client.user$(id)`, `useUser(id)`), falling back to the embedded copy
// while the table has none. Rewriting every held message of the user would cost O(messages)
// per presence change, which happens far more often than anything else a user does.
//
// Merging copies into the table: profile fields (name, image, custom) move with
// `updated_at`, but `online` and `last_active` change without it (a presence change does not
// touch updated_at). So a copy with an older updated_at may still carry newer presence, and
// one with a newer updated_at may carry older presence: the two are merged apart. Presence
// is taken from the copy whose `last_active` is not older than the held one (a REST answer
// read later than the held copy wins a tie: it is as of its own request).
import type { UserResponse } from '../models/generated/types.ts';
import type { ChatState } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { tableGet, tableSet } from './table.ts';

const PRESENCE = ['online', 'last_active'] as const;

/** The held user and a copy from a REST answer merged as the comment above says. */
export function mergeUserCopy(held: UserResponse | undefined, copy: UserResponse): UserResponse {
  if (!held) return copy;
  const newerProfile = (copy.updated_at ?? 0) >= (held.updated_at ?? 0);
  const newerPresence = (copy.last_active ?? -Infinity) >= (held.last_active ?? -Infinity);
  if (newerProfile && newerPresence) return copy;
  if (!newerProfile && !newerPresence) return held;
  const base: Record<string, unknown> = { ...(newerProfile ? copy : held) };
  const presence = newerPresence ? copy : held;
  for (const k of PRESENCE) {
    if (presence[k] === undefined) delete base[k];
    else base[k] = presence[k];
  }
  return base as unknown as UserResponse;
}

/** Put a copy from a REST answer into the users table (nothing changes for an equal or older one). */
export function rememberUserCopy(state: ChatState, copy: UserResponse | undefined): void {
  if (!copy) return;
  const held = tableGet(state.users, copy.id);
  const next = mergeUserCopy(held, copy);
  if (next !== held && !deepEqual(held, next)) tableSet(state.users, copy.id, next);
}

/**
 * The live copy of a user embedded in a member, read state or message: the users table's
 * entry when held, else the embedded copy itself.
 * @example
 * const author = liveUser(client.getState(), message.user);
 */
export function liveUser<U extends UserResponse | undefined>(state: ChatState, embedded: U): U | UserResponse {
  if (!embedded) return embedded;
  return tableGet(state.users, embedded.id) ?? embedded;
}
