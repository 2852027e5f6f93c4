// Users and presence (API.md "Polls, reminders, search, users"): user searches, the live user
// by id, the own profile and guest users. Everything shown comes from the users table
// (src/store/userCopies.ts says how copies in members and messages stay current).
import { defer, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { OwnUserResponse, UserResponse } from '../models/generated/types.ts';
import { decodeModel } from '../models/decode.ts';
import { PROTECTED_USER_FIELDS } from '../store/account.ts';
import { shallowArrayEqual } from '../store/selectors.ts';
import { tableGet } from '../store/table.ts';
import { ChatError, ChatErrorCode, chatErrorFromBody } from '../transport/chatError.ts';
import type { ClientContext } from './clientContext.ts';
import { createPagedQuery, sortParams, type PagedStatus, type SortInput } from './pagedQuery.ts';

export interface QueryUsersOptions {
  /** Users per page (default 30; the service's most is 100). */
  limit?: number;
  /** Subscribe this connection to the listed users' presence (user.presence.changed). */
  presence?: boolean;
}

export interface UserList {
  /** The users found, in the server's order, each the live copy of the users table. */
  readonly users$: Observable<readonly UserResponse[]>;
  readonly status$: Observable<PagedStatus>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  dispose(): void;
}

export interface UserUpdate {
  /** Fields to set: name, image, language, invisible, teams, privacy_settings, custom fields. */
  set?: Record<string, unknown>;
  /** Fields to remove. */
  unset?: string[];
}

export interface GuestUserInput {
  id: string;
  name?: string;
  image?: string;
  [custom: string]: unknown;
}

export interface UsersApi {
  /**
   * Users matching a QueryUsers filter, paged; loads on first subscribe.
   * @example
   * const found = client.queryUsers({ name: { $autocomplete: 'al' } }, { name: 1 }, { presence: true });
   * found.users$.subscribe(render);
   */
  queryUsers(filter: Record<string, unknown>, sort?: SortInput, options?: QueryUsersOptions): UserList;
  /**
   * The live user: name, image, online, last_active, kept by user.* events. Emits undefined
   * while the user is not known; a first subscription reads an unknown user from the server.
   */
  user$(userId: string): Observable<UserResponse | undefined>;
  /** Update the own profile (partial); shown at once, rolled back exactly if refused. Resolves with the stored own user. */
  updateUser(update: UserUpdate): Promise<OwnUserResponse>;
  /** Create a guest user (no token needed) and connect as it. */
  connectGuestUser(user: GuestUserInput): Promise<OwnUserResponse>;
}

/** What connectGuestUser needs of the client beyond the context. */
export interface GuestDeps {
  apiKey: string;
  baseUrl: string;
  fetch?: typeof fetch;
  connect(user: { id: string; [k: string]: unknown }, token: string): Promise<OwnUserResponse>;
}

const NO_USERS: readonly UserResponse[] = Object.freeze([]);

function inputError(endpoint: string, message: string): ChatError {
  return new ChatError({ message, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

let opSeq = 0;

export function createUsersApi(ctx: ClientContext, guest: GuestDeps): UsersApi {
  const userStreams = new Map<string, Observable<UserResponse | undefined>>();
  const asked = new Set<string>();

  /** Read a user the store does not hold (once per id per client). */
  function fetchUser(id: string): void {
    if (asked.has(id) || !ctx.meId()) return;
    asked.add(id);
    ctx
      .api('QueryUsers')
      .queryUsers({ payload: { filter_conditions: { id: { $eq: id } }, presence: true } })
      .then((res) => {
        if (res.users.length) ctx.store.dispatch({ type: 'users/fetched', users: res.users as unknown as UserResponse[] });
      })
      .catch((e: unknown) => {
        asked.delete(id);
        ctx.report(e, 'QueryUsers');
      });
  }

  return {
    queryUsers(filter, sort, options = {}) {
      const limit = options.limit ?? 30;
      const query = createPagedQuery(ctx, 'users', 'QueryUsers', limit, async (offset, pageLimit) => {
        const payload: Record<string, unknown> = { filter_conditions: filter, limit: pageLimit, offset };
        const s = sortParams(sort);
        if (s) payload['sort'] = s;
        if (options.presence) payload['presence'] = true;
        const res = await ctx.api('QueryUsers').queryUsers({ payload: payload as never });
        return { users: res.users as unknown as UserResponse[] };
      });
      let last: readonly UserResponse[] = NO_USERS;
      return {
        users$: query.list$((s, l) => {
          if (!l || l.ids.length === 0) return NO_USERS;
          const out: UserResponse[] = [];
          for (const id of l.ids) {
            const u = tableGet(s.users, id);
            if (u) out.push(u);
          }
          if (shallowArrayEqual(out, last)) return last;
          last = Object.freeze(out);
          return last;
        }),
        status$: query.status$,
        loadMore: query.loadMore,
        refresh: query.refresh,
        dispose: query.dispose,
      };
    },

    user$(userId) {
      let stream = userStreams.get(userId);
      if (!stream) {
        const live = ctx.store.select((s) => tableGet(s.users, userId));
        stream = defer(() => {
          if (!tableGet(ctx.store.getState().users, userId)) fetchUser(userId);
          return live;
        }).pipe(distinctUntilChanged());
        userStreams.set(userId, stream);
      }
      return stream;
    },

    async updateUser(update) {
      const endpoint = 'UpdateUsersPartial';
      const me = ctx.store.getState().me;
      if (!me) throw ctx.report(inputError(endpoint, 'No user is connected: call connectUser() first'), endpoint);
      const set = update.set ?? {};
      const unset = update.unset ?? [];
      for (const k of [...Object.keys(set), ...unset]) {
        if (PROTECTED_USER_FIELDS.has(k)) throw ctx.report(inputError(endpoint, `"${k}" cannot be changed by updateUser`), endpoint);
      }
      if (Object.keys(set).length === 0 && unset.length === 0) throw ctx.report(inputError(endpoint, 'updateUser needs fields to set or unset'), endpoint);
      opSeq += 1;
      const opId = `profile-${opSeq}`;
      ctx.store.dispatch({ type: 'profile/updating', opId, set, unset });
      try {
        const res = await ctx.api(endpoint).updateUsersPartial({ users: [{ id: me.id, set, unset }] });
        const raw = res.users[me.id];
        const decoded = raw === undefined ? undefined : decodeModel('UserResponse', raw, { freeze: true });
        ctx.store.dispatch({ type: 'profile/updated', opId, user: decoded?.ok ? decoded.value : null });
        const after = ctx.store.getState().me;
        if (!after) throw new Error('disconnected while the profile was being updated');
        return after;
      } catch (e) {
        ctx.store.dispatch({ type: 'profile/failed', opId });
        throw ctx.report(e, endpoint);
      }
    },

    async connectGuestUser(user) {
      const endpoint = 'CreateGuest';
      if (typeof user?.id !== 'string' || user.id === '') throw ctx.report(inputError(endpoint, 'connectGuestUser needs a user id'), endpoint);
      // CreateGuest is called without a token (the service's anonymous auth): there is no
      // session yet, so it is one plain request here rather than through the connection.
      const url = `${guest.baseUrl.replace(/\/+$/, '')}/api/v2/guest?api_key=${encodeURIComponent(guest.apiKey)}`;
      let res: Response;
      try {
        res = await (guest.fetch ?? globalThis.fetch)(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'stream-auth-type': 'anonymous' },
          body: JSON.stringify({ user }),
        });
      } catch (e) {
        throw ctx.report(e, endpoint);
      }
      const json: unknown = await res.json().catch(() => undefined);
      if (!res.ok) throw ctx.report(chatErrorFromBody(endpoint, res.status, json), endpoint);
      const decoded = decodeModel('CreateGuestResponse', json, { freeze: true });
      if (!decoded.ok) throw ctx.report(decoded.error, endpoint);
      // Connect with the fields the app gave (the server owns role, times and presence).
      return guest.connect({ ...user, id: decoded.value.user.id }, decoded.value.access_token);
    },
  };
}
