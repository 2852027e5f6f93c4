// The own account beyond `me`: pending own-profile updates (optimistic, exact rollback),
// pending blocks and unblocks, and push preferences (the user's, and per channel as channel
// query answers carry them: issue 23 leftover).
//
// Blocks are an overlay: the server's truth is `me.blocked_user_ids` (health.check, block
// answers); pending block operations are applied on top when read (selectBlockedUserIds),
// so a rollback is dropping the operation and a health.check that lands while one is out
// cannot undo it. Profile updates are applied to `me` and the users table at once, each
// with the values it replaced; a failure puts back only the fields still showing its value
// (a user.updated that came in meanwhile wins).
import type { ChannelPushPreferencesResponse, OwnUserResponse, UserResponse } from '../models/generated/types.ts';
import type { AccountState, BlockOp, ChatState, FieldBefore as Before, ProfileOp } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { setChannelPush } from './channels.ts';
import { tableGet, tableSet, tableValues } from './table.ts';
import { removeFromLists } from './channelLists.ts';
import { channelDraft, type ReducerContext } from './context.ts';

export type AccountAction =
  | { type: 'profile/updating'; opId: string; set: Readonly<Record<string, unknown>>; unset: readonly string[] }
  | { type: 'profile/updated'; opId: string; user: UserResponse | null }
  | { type: 'profile/failed'; opId: string }
  | { type: 'block/changing'; opId: string; userId: string; blocked: boolean }
  | { type: 'block/settled'; opId: string; userId: string; blocked: boolean }
  | { type: 'block/failed'; opId: string }
  | { type: 'blocks/fetched'; userIds: readonly string[] }
  | { type: 'push/fetched'; user: unknown; channels: Readonly<Record<string, ChannelPushPreferencesResponse>> };

/**
 * Fields a user update sets at the top level of the user as the service answers it; any
 * other key is a custom field, which the service answers both flattened and under `custom`.
 */
const USER_FIELDS = new Set(['name', 'image', 'language', 'invisible', 'teams', 'privacy_settings', 'teams_role']);
/** Fields no user may change of their own (the service refuses them; so does the client). */
export const PROTECTED_USER_FIELDS: ReadonlySet<string> = new Set(['id', 'role', 'banned', 'created_at', 'updated_at', 'online', 'last_active', 'custom']);

export function isUserField(key: string): boolean {
  return USER_FIELDS.has(key);
}

function before(record: Readonly<Record<string, unknown>> | undefined, key: string): Before {
  return record && Object.hasOwn(record, key) ? { v: record[key] } : null;
}

function writeField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete record[key];
  else record[key] = value;
}

/** Apply field values to a copy of a user (top-level and custom as the service renders them). */
function withValues<U extends UserResponse | OwnUserResponse>(user: U, values: Readonly<Record<string, unknown>>): U {
  const next = { ...user } as Record<string, unknown>;
  let custom: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(values)) {
    writeField(next, k, v);
    if (!USER_FIELDS.has(k)) {
      custom ??= { ...user.custom };
      writeField(custom, k, v);
    }
  }
  if (custom) next['custom'] = custom;
  return next as U;
}

function setOwnCopies(state: ChatState, next: OwnUserResponse): void {
  state.me = next;
  // The own user's table entry is the own user, as health.check puts it there.
  tableSet(state.users, next.id, next as unknown as UserResponse);
}

function profileUpdating(state: ChatState, a: Extract<AccountAction, { type: 'profile/updating' }>): void {
  const me = state.me;
  if (!me || state.account.profileOps[a.opId]) return;
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a.set)) values[k] = v;
  for (const k of a.unset) values[k] = undefined;
  const beforeTop: Record<string, Before> = {};
  const beforeCustom: Record<string, Before> = {};
  for (const k of Object.keys(values)) {
    beforeTop[k] = before(me as unknown as Record<string, unknown>, k);
    if (!USER_FIELDS.has(k)) beforeCustom[k] = before(me.custom, k);
  }
  (state.account.profileOps as Record<string, ProfileOp>)[a.opId] = { id: a.opId, values, beforeTop, beforeCustom };
  setOwnCopies(state, withValues(me, values));
}

/** Put back the fields of a failed update that still show its values. */
function profileRollback(state: ChatState, op: ProfileOp): void {
  const me = state.me;
  if (!me) return;
  const next = { ...me } as Record<string, unknown>;
  let custom: Record<string, unknown> | undefined;
  let changed = false;
  for (const [k, v] of Object.entries(op.values)) {
    const top = me as unknown as Record<string, unknown>;
    if (deepEqual(top[k], v)) {
      const b = op.beforeTop[k];
      writeField(next, k, b ? b.v : undefined);
      changed = true;
    }
    if (!USER_FIELDS.has(k) && deepEqual(me.custom[k], v)) {
      custom ??= { ...me.custom };
      const b = op.beforeCustom[k];
      writeField(custom, k, b ? b.v : undefined);
      changed = true;
    }
  }
  if (custom) next['custom'] = custom;
  if (changed) setOwnCopies(state, next as unknown as OwnUserResponse);
}

/** Whether the channel is the one-to-one channel of the own user and `userId`. */
function isOneToOne(members: Readonly<Record<string, unknown>>, meId: string, userId: string): boolean {
  const ids = Object.keys(members);
  return ids.length === 2 && ids.includes(meId) && ids.includes(userId);
}

/**
 * A confirmed block: the service hides the one-to-one channels with the blocked user from
 * the blocker (they leave channel lists and come back only in queries for hidden channels,
 * marked `blocked`); group channels stay as they are. No event says so, so the client does
 * it on the answer. O(channels held), for one user action.
 */
function hideOneToOne(state: ChatState, ctx: ReducerContext, userId: string): void {
  const meId = state.me?.id;
  if (!meId) return;
  for (const held of tableValues(state.channels)) {
    if (!held.data || !isOneToOne(held.members, meId, userId)) continue;
    const ch = channelDraft(state, ctx, held.cid);
    if (ch?.data && ch.data.blocked !== true) ch.data.blocked = true;
    removeFromLists(state, held.cid);
  }
}

function setBlockedIds(state: ChatState, ids: readonly string[]): void {
  const me = state.me;
  if (!me || deepEqual(me.blocked_user_ids ?? [], ids)) return;
  setOwnCopies(state, { ...me, blocked_user_ids: [...ids] });
}

/** Apply one account action to the drafted state. */
export function reduceAccount(state: ChatState, ctx: ReducerContext, a: AccountAction): void {
  const account = state.account;
  switch (a.type) {
    case 'profile/updating':
      profileUpdating(state, a);
      return;
    case 'profile/updated': {
      const op = account.profileOps[a.opId];
      if (op) delete (account.profileOps as Record<string, ProfileOp>)[a.opId];
      if (a.user && state.me && a.user.id === state.me.id) {
        // The stored user replaces the optimistic copy field by field (what the server
        // stored wins; unset fields are absent from its answer).
        // Not blocked_user_ids: a user copy does not carry the own list (see updateUser).
        const { blocked_user_ids: _blocked, ...fields } = a.user;
        const merged = { ...state.me, ...(fields as Partial<OwnUserResponse>) } as Record<string, unknown>;
        if (op) for (const k of Object.keys(op.values)) if (!Object.hasOwn(a.user, k)) delete merged[k];
        if (!deepEqual(state.me, merged)) setOwnCopies(state, merged as unknown as OwnUserResponse);
      }
      return;
    }
    case 'profile/failed': {
      const op = account.profileOps[a.opId];
      if (!op) return;
      delete (account.profileOps as Record<string, ProfileOp>)[a.opId];
      profileRollback(state, op);
      return;
    }
    case 'block/changing':
      if (account.blockOps[a.opId]) return;
      (account.blockOps as Record<string, BlockOp>)[a.opId] = { id: a.opId, userId: a.userId, blocked: a.blocked, seq: account.nextSeq };
      account.nextSeq += 1;
      return;
    case 'block/settled': {
      if (account.blockOps[a.opId]) delete (account.blockOps as Record<string, BlockOp>)[a.opId];
      const ids = state.me?.blocked_user_ids ?? [];
      const has = ids.includes(a.userId);
      if (a.blocked && !has) setBlockedIds(state, [...ids, a.userId]);
      if (!a.blocked && has) setBlockedIds(state, ids.filter((id) => id !== a.userId));
      if (a.blocked) hideOneToOne(state, ctx, a.userId);
      return;
    }
    case 'block/failed':
      if (account.blockOps[a.opId]) delete (account.blockOps as Record<string, BlockOp>)[a.opId];
      return;
    case 'blocks/fetched':
      setBlockedIds(state, a.userIds);
      return;
    case 'push/fetched': {
      if (state.me && a.user !== undefined && !deepEqual(state.me.push_preferences, a.user)) state.me = { ...state.me, push_preferences: a.user };
      for (const [cid, p] of Object.entries(a.channels)) setChannelPush(state, cid, p);
      return;
    }
  }
  const exhaustive: never = a;
  return exhaustive;
}

const NO_IDS: readonly string[] = Object.freeze([]);
let blockedMemo: { base: readonly string[] | undefined; ops: AccountState['blockOps']; out: readonly string[] } | undefined;

/** The users the own user blocked, pending blocks and unblocks applied (client.blockedUsers$). */
export function selectBlockedUserIds(state: ChatState): readonly string[] {
  const base = state.me?.blocked_user_ids;
  const ops = state.account.blockOps;
  if (blockedMemo && blockedMemo.base === base && blockedMemo.ops === ops) return blockedMemo.out;
  const set = new Set(base ?? []);
  for (const op of Object.values(ops).sort((x, y) => x.seq - y.seq)) {
    if (op.blocked) set.add(op.userId);
    else set.delete(op.userId);
  }
  const list = set.size === 0 ? NO_IDS : Object.freeze([...set]);
  const out = blockedMemo && deepEqual(blockedMemo.out, list) ? blockedMemo.out : list;
  blockedMemo = { base, ops, out };
  return out;
}

/** The own push preferences of a channel, if the server told any. */
export function selectChannelPushPreferences(state: ChatState, cid: string): ChannelPushPreferencesResponse | undefined {
  return state.account.channelPush[cid];
}
