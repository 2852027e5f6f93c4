// MuteChannel and UnmuteChannel. A muted channel still has unread messages, but they do not
// count in the user's totals (unread.ts); the user's connections get
// notification.channel_mutes_updated with the new `me`.
import type { Backend } from '../backend.ts';
import { emitToUser } from '../broadcast.ts';
import { formatOptional, formatTime } from '../clock.ts';
import { inputError } from '../errors.ts';
import { optInt, optString, optStringArray } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler, RequestContext } from '../router.ts';
import { muteKey, type ChannelMuteRecord } from '../state.ts';
import { channelResponse, compact, ownUserResponse, userById, type Json } from '../views.ts';

function targets(b: Backend, ctx: RequestContext): string[] {
  const cids = [...(optStringArray(ctx.body, 'channel_cids') ?? [])];
  const one = optString(ctx.body, 'channel_cid');
  if (one) cids.push(one);
  if (cids.length === 0) throw inputError('"channel_cids" is required');
  for (const cid of cids) requireAccess(b.requireChannelByCid(cid), ctx.userId, 'mute');
  return cids;
}

function muteResponse(b: Backend, m: ChannelMuteRecord, viewer: string): Json {
  const channel = b.state.channels.get(m.cid);
  return compact({
    user: userById(b, m.user_id),
    channel: channel ? channelResponse(b, channel, viewer) : undefined,
    created_at: formatTime(m.created_at),
    updated_at: formatTime(m.updated_at),
    expires: formatOptional(m.expires),
  });
}

function announce(b: Backend, userId: string): void {
  emitToUser(b, userId, (uid) => ({ type: 'notification.channel_mutes_updated', me: ownUserResponse(b, uid), created_at: formatTime(b.now()) }));
}

export const muteChannel: Handler = (b, ctx) => {
  const cids = targets(b, ctx);
  const expiration = optInt(ctx.body, 'expiration', 1);
  const now = b.now();
  const mutes = cids.map((cid) => {
    const mute: ChannelMuteRecord = { user_id: ctx.userId, cid, created_at: b.state.channelMutes.get(muteKey(ctx.userId, cid))?.created_at ?? now, updated_at: now };
    if (expiration !== undefined) mute.expires = now + expiration * 1000;
    b.state.channelMutes.set(muteKey(ctx.userId, cid), mute);
    return mute;
  });
  b.changed();
  announce(b, ctx.userId);
  const rendered = mutes.map((m) => muteResponse(b, m, ctx.userId));
  return { channel_mute: rendered[0], channel_mutes: rendered, own_user: ownUserResponse(b, ctx.userId) };
};

export const unmuteChannel: Handler = (b, ctx) => {
  const cids = targets(b, ctx);
  for (const cid of cids) b.state.channelMutes.delete(muteKey(ctx.userId, cid));
  b.changed();
  announce(b, ctx.userId);
  return {};
};
