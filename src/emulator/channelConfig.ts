// The config of each channel type, as the service sends it in every ChannelResponse
// (`config`, its ChannelConfigWithInfo: the seed's ChannelConfig fields, `commands` as objects,
// and the type's created_at/updated_at). The official client switches features off when a
// flag is missing, so every field is sent. The values follow the service's built-in types:
// messaging and team have every chat feature; livestream and gaming drop typing, read and
// delivery events and search; commerce keeps typing and read events. typing/read come from
// the same rules the emulator enforces (permissions.ts), so the config never promises a
// feature the emulator refuses.
import { MAX_MESSAGE_LENGTH } from './backend.ts';
import { formatTime } from './clock.ts';
import { channelTypeRules } from './permissions.ts';

/** When the built-in types were "created": a fixed time, so answers are reproducible. */
const TYPES_CREATED_AT = Date.UTC(2024, 0, 1) * 1000;

interface TypeFlags {
  search: boolean;
  push_notifications: boolean;
  user_message_reminders: boolean;
  shared_locations: boolean;
}

const FULL: TypeFlags = { search: true, push_notifications: true, user_message_reminders: true, shared_locations: true };
const BROADCAST: TypeFlags = { search: false, push_notifications: false, user_message_reminders: false, shared_locations: false };

const FLAGS: Readonly<Record<string, TypeFlags>> = {
  messaging: FULL,
  team: FULL,
  commerce: { ...FULL, shared_locations: false },
  livestream: BROADCAST,
  gaming: BROADCAST,
};

/** The ChannelConfigWithInfo of a channel type (a code-16 error for an unknown type). */
export function channelConfig(type: string): Record<string, unknown> {
  const rules = channelTypeRules(type);
  const flags = FLAGS[type] ?? FULL;
  return {
    name: type,
    typing_events: rules.typingEvents,
    read_events: rules.readEvents,
    // Delivery receipts travel with read state; types without read events have neither.
    delivery_events: rules.readEvents,
    connect_events: true,
    custom_events: true,
    reactions: true,
    replies: true,
    quotes: true,
    mutes: true,
    uploads: true,
    polls: true,
    search: flags.search,
    push_notifications: flags.push_notifications,
    user_message_reminders: flags.user_message_reminders,
    shared_locations: flags.shared_locations,
    // The emulator neither fetches link previews, nor mails unread reminders, nor holds
    // messages for moderation, nor counts messages per channel: those stay off.
    url_enrichment: false,
    reminders: false,
    mark_messages_pending: false,
    count_messages: false,
    skip_last_msg_update_for_system_msgs: false,
    max_message_length: MAX_MESSAGE_LENGTH,
    message_retention: 'infinite',
    automod: 'disabled',
    automod_behavior: 'flag',
    blocklist_behavior: 'flag',
    push_level: 'all',
    // The service lists /giphy for messaging; the emulator runs no slash commands, so it
    // offers none rather than a command that would post its raw text.
    commands: [],
    created_at: formatTime(TYPES_CREATED_AT),
    updated_at: formatTime(TYPES_CREATED_AT),
  };
}
