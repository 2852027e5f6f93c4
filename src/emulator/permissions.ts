// Channel type rules: which users may read and write a channel. `messaging` and `team` are
// members-only (the defaults of the real service for those types); `livestream`, `gaming`
// and `commerce` can be read and written by any connected user. Unknown types do not exist.
import { forbidden, notFound } from './errors.ts';
import type { ChannelRecord } from './state.ts';

interface TypeRules {
  /** Non-members may read and write. */
  open: boolean;
  typingEvents: boolean;
  readEvents: boolean;
}

const CHANNEL_TYPES: Readonly<Record<string, TypeRules>> = {
  messaging: { open: false, typingEvents: true, readEvents: true },
  team: { open: false, typingEvents: true, readEvents: true },
  livestream: { open: true, typingEvents: false, readEvents: false },
  gaming: { open: true, typingEvents: false, readEvents: false },
  commerce: { open: true, typingEvents: true, readEvents: true },
};

/** The rules of a channel type, or a code-16 error for a type that does not exist. */
export function channelTypeRules(type: string): TypeRules {
  const rules = Object.hasOwn(CHANNEL_TYPES, type) ? CHANNEL_TYPES[type] : undefined;
  if (!rules) throw notFound(`channel type "${type}" does not exist`);
  return rules;
}

/** The channel types the emulator knows. */
export function knownChannelTypes(): string[] {
  return Object.keys(CHANNEL_TYPES);
}

/** Whether `userId` may read (and write to) the channel. */
export function canAccess(channel: ChannelRecord, userId: string): boolean {
  return channelTypeRules(channel.type).open || channel.members.has(userId);
}

/** Throw code 17 when `userId` may not read or write the channel. */
export function requireAccess(channel: ChannelRecord, userId: string, action: string): void {
  if (!canAccess(channel, userId)) {
    throw forbidden(`user "${userId}" is not allowed to ${action} in channel ${channel.cid}: not a member`);
  }
}

/** What a user may do in a channel, as the service lists it in `own_capabilities`. */
export function ownCapabilities(channel: ChannelRecord, userId: string): string[] {
  if (!canAccess(channel, userId)) return [];
  const rules = channelTypeRules(channel.type);
  const caps = [
    'read-events', 'connect-events', 'search-messages', 'send-message', 'send-reply', 'quote-message',
    'send-reaction', 'upload-file', 'send-links', 'pin-message', 'update-own-message', 'delete-own-message',
    'mute-channel', 'send-poll', 'cast-poll-vote', 'query-poll-votes', 'create-call',
  ];
  if (rules.typingEvents) caps.push('typing-events', 'send-typing-events');
  if (channel.members.has(userId)) caps.push('leave-channel', 'update-channel-members', 'update-thread');
  const member = channel.members.get(userId);
  if (member && (member.channel_role === 'owner' || member.channel_role === 'channel_moderator')) {
    caps.push('update-channel', 'delete-channel', 'truncate-channel', 'freeze-channel', 'update-any-message', 'delete-any-message');
  }
  return caps.sort();
}
