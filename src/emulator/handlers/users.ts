// QueryUsers (GET /users?payload=...), UpdateUsers and UpdateUsersPartial (Common API seed).
// A user token may only change its own user; changes go out as user.updated to everyone who
// shares a channel with the user.
import type { Backend } from '../backend.ts';
import { applyUserFields } from '../backend.ts';
import { emitUserEvent } from '../broadcast.ts';
import { formatTime } from '../clock.ts';
import { forbidden, inputError } from '../errors.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { isObject, optArray, optInt, optObject, reqObject } from '../input.ts';
import type { Handler } from '../router.ts';
import type { UserRecord } from '../state.ts';
import { ownUserResponse, userResponse, type Json } from '../views.ts';

/**
 * The service keeps a user's data to 5 KB (its documented limit for custom data, name and
 * image included here): a larger user is refused with code 4 and nothing is stored.
 */
export const MAX_USER_DATA_BYTES = 5 * 1024;

export function checkUserSize(user: UserRecord): void {
  const size = Buffer.byteLength(JSON.stringify({ name: user.name, image: user.image, custom: user.custom }));
  if (size > MAX_USER_DATA_BYTES) throw inputError(`user "${user.id}" would hold ${size} bytes of data; the limit is ${MAX_USER_DATA_BYTES}`);
}

/** A copy of a user record to change and check before it replaces the stored one. */
function draftOf(b: Backend, id: string): UserRecord {
  const held = b.state.users.get(id);
  return held ? structuredClone(held) : { id, role: 'user', custom: {}, language: '', teams: [], invisible: false, banned: false, created_at: b.now(), updated_at: b.now() };
}

const PROTECTED = new Set(['id', 'role', 'banned', 'created_at', 'updated_at', 'online', 'last_active']);

export const queryUsers: Handler = (b, ctx) => {
  const filter = optObject(ctx.body, 'filter_conditions') ?? {};
  const sort = parseSort(ctx.body['sort'], ['id', 'name', 'created_at', 'updated_at', 'last_active']);
  const limit = optInt(ctx.body, 'limit', 0, 100) ?? 30;
  const offset = optInt(ctx.body, 'offset') ?? 0;
  const get = (u: UserRecord, f: string): unknown => {
    switch (f) {
      case 'id': return u.id;
      case 'name': return u.name;
      case 'role': return u.role;
      case 'online': return b.hub.isOnline(u.id);
      case 'banned': return u.banned;
      case 'teams': return u.teams;
      case 'created_at': return u.created_at;
      case 'updated_at': return u.updated_at;
      case 'last_active': return u.last_active;
      default: return u.custom[f];
    }
  };
  const list = [...b.state.users.values()].filter((u) => matchFilter(u, filter, get));
  list.sort(compareBy([...sort, { field: 'id', direction: 1 }], (u, f) => {
    const v = get(u, f);
    return typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  // FullUserResponse: other users' unread totals are not the caller's business, so they read 0.
  const users = list.slice(offset, offset + limit).map((u) => u.id === ctx.userId
    ? { ...ownUserResponse(b, u.id), shadow_banned: false }
    : { ...userResponse(b, u), total_unread_count: 0, unread_count: 0, unread_channels: 0, unread_threads: 0, channel_mutes: [], mutes: [], devices: [] });
  return { users };
};

function announce(b: Backend, user: UserRecord): void {
  emitUserEvent(b, user.id, () => ({ type: 'user.updated', user: userResponse(b, user), created_at: formatTime(b.now()) }));
}

export const updateUsers: Handler = (b, ctx) => {
  const users = reqObject(ctx.body, 'users');
  const entries = Object.entries(users);
  if (entries.length === 0) throw inputError('"users" is empty');
  for (const [id, u] of entries) {
    if (!isObject(u)) throw inputError(`"users.${id}" must be an object`);
    if (u['id'] !== undefined && u['id'] !== id) throw inputError(`"users.${id}.id" differs from its key`);
    if (id !== ctx.userId) throw forbidden(`user "${ctx.userId}" may not update user "${id}"`);
    if (u['name'] !== undefined && typeof u['name'] !== 'string') throw inputError('"name" must be a string');
    if (u['role'] !== undefined && u['role'] !== b.state.users.get(id)?.role) throw forbidden('a user cannot change their own role');
  }
  // Every user is changed on a copy and checked before any is stored (a refused request
  // changes nothing).
  const drafts = entries.map(([id, u]) => {
    const user = draftOf(b, id);
    // A full update: custom fields not sent are removed.
    user.custom = {};
    const details = Object.fromEntries(Object.entries(u as Record<string, unknown>).filter(([k]) => !PROTECTED.has(k)));
    applyUserFields(user, details, b.now());
    if (!('name' in details)) delete user.name;
    if (!('image' in details)) delete user.image;
    checkUserSize(user);
    return user;
  });
  const out: Record<string, Json> = {};
  for (const user of drafts) {
    b.state.users.set(user.id, user);
    out[user.id] = userResponse(b, user);
    announce(b, user);
  }
  b.changed();
  return { users: out, membership_deletion_task_id: '' };
};

export const updateUsersPartial: Handler = (b, ctx) => {
  const list = optArray(ctx.body, 'users');
  if (!list || list.length === 0) throw inputError('"users" is required');
  const changes = list.map((item) => {
    if (!isObject(item) || typeof item['id'] !== 'string') throw inputError('"users" entries need an "id"');
    if (item['id'] !== ctx.userId) throw forbidden(`user "${ctx.userId}" may not update user "${item['id']}"`);
    const set = item['set'] === undefined ? {} : item['set'];
    const unset = item['unset'] === undefined ? [] : item['unset'];
    if (!isObject(set) || !Array.isArray(unset) || !unset.every((k) => typeof k === 'string')) throw inputError('"set" must be an object and "unset" a list of names');
    for (const k of [...Object.keys(set), ...(unset as string[])]) if (PROTECTED.has(k)) throw inputError(`"${k}" cannot be changed`);
    return { id: item['id'], set, unset: unset as string[] };
  });
  const drafts = changes.map((c) => {
    const user = draftOf(b, c.id);
    applyUserFields(user, c.set, b.now());
    for (const k of c.unset) {
      if (k === 'name') delete user.name;
      else if (k === 'image') delete user.image;
      else delete user.custom[k];
    }
    checkUserSize(user);
    return user;
  });
  const out: Record<string, Json> = {};
  for (const user of drafts) {
    b.state.users.set(user.id, user);
    out[user.id] = userResponse(b, user);
    announce(b, user);
  }
  b.changed();
  return { users: out, membership_deletion_task_id: '' };
};
