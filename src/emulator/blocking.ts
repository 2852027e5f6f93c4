// What a block changes for the blocker, as the service documents it: the one-to-one
// channels with the blocked user are hidden from the blocker (left out of channel queries
// unless hidden channels are asked for, then returned with `blocked: true`), and the blocker
// receives no events from the blocked user in them. Group channels are unaffected: both
// take part as before. (A one-to-one channel here is a channel of exactly those two members.)
import type { Backend } from './backend.ts';
import type { ChannelRecord } from './state.ts';
import { userKey } from './state.ts';

/** Whether `viewer` blocked `other`. */
export function hasBlocked(b: Backend, viewer: string, other: string): boolean {
  return b.state.blocks.has(userKey(viewer, other));
}

/** Whether the channel is `viewer`'s one-to-one channel with a user `viewer` blocked. */
export function isBlockedOneToOne(b: Backend, channel: ChannelRecord, viewer: string): boolean {
  if (channel.members.size !== 2 || !channel.members.has(viewer) || b.state.blocks.size === 0) return false;
  for (const id of channel.members.keys()) if (id !== viewer && hasBlocked(b, viewer, id)) return true;
  return false;
}

/** Whether an event sent by `senderId` in `channel` is held back from `recipient`. */
export function heldBackByBlock(b: Backend, channel: ChannelRecord, recipient: string, senderId: string | undefined): boolean {
  return senderId !== undefined && senderId !== recipient && channel.members.size === 2 && hasBlocked(b, recipient, senderId) && channel.members.has(recipient);
}
