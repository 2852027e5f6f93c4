// BlockUsers, UnblockUsers and GetBlockedUsers (Common API seed). A block is the caller's
// own; it shows in the caller's `blocked_user_ids`. Blocking yourself or a user who does not
// exist is an input error; unblocking a user who is not blocked changes nothing.
import type { Backend } from '../backend.ts';
import { formatTime } from '../clock.ts';
import { inputError } from '../errors.ts';
import { reqString } from '../input.ts';
import type { Handler } from '../router.ts';
import { userKey, type BlockRecord } from '../state.ts';
import { userById, type Json } from '../views.ts';
import { actingUser } from './devices.ts';

function blockedResponse(b: Backend, r: BlockRecord): Json {
  return { user_id: r.user_id, user: userById(b, r.user_id), blocked_user_id: r.blocked_user_id, blocked_user: userById(b, r.blocked_user_id), created_at: formatTime(r.created_at) };
}

export const blockUsers: Handler = (b, ctx) => {
  const userId = actingUser(ctx);
  const target = reqString(ctx.body, 'blocked_user_id');
  if (target === userId) throw inputError('a user cannot block themselves');
  if (!b.state.users.has(target)) throw inputError(`user "${target}" does not exist`);
  const key = userKey(userId, target);
  const r = b.state.blocks.get(key) ?? { user_id: userId, blocked_user_id: target, created_at: b.now() };
  b.state.blocks.set(key, r);
  b.changed();
  return { blocked_by_user_id: userId, blocked_user_id: target, created_at: formatTime(r.created_at) };
};

export const unblockUsers: Handler = (b, ctx) => {
  const userId = actingUser(ctx);
  const target = reqString(ctx.body, 'blocked_user_id');
  if (b.state.blocks.delete(userKey(userId, target))) b.changed();
  return {};
};

export const getBlockedUsers: Handler = (b, ctx) => {
  const userId = actingUser(ctx, ctx.query);
  const blocks = [...b.state.blocks.values()].filter((r) => r.user_id === userId).sort((x, y) => x.created_at - y.created_at);
  return { blocks: blocks.map((r) => blockedResponse(b, r)) };
};

