// The decoders' policy beyond the seeds, in one place: genModels.mjs writes it into
// src/models/generated/policy.ts for the generic decoder and compiles it into the fast
// decoders, so the two paths cannot drift apart.

/** Fields the store relies on, checked even where the service may omit other required ones. */
export const REQUIRED_BY_STORE = {
  MessageResponse: ['id', 'cid', 'type', 'created_at'],
  ChannelResponse: ['id', 'type', 'cid', 'created_at'],
  UserResponse: ['id'],
  OwnUserResponse: ['id'],
  ReactionResponse: ['type', 'message_id'],
  ReadStateResponse: ['user', 'last_read'],
  ThreadStateResponse: ['parent_message_id', 'channel_cid'],
  ThreadResponse: ['parent_message_id', 'channel_cid'],
  PollResponseData: ['id'],
  WSEvent: ['type', 'created_at'],
};

/**
 * Fields that events carry on the wire (PROTOCOL.md section 6) but the seed's WSEvent does
 * not list; typed so that a wrong type is caught like any other (ChatEvent in events.ts
 * declares them).
 */
export const EXTRA_FIELDS = {
  WSEvent: {
    total_unread_count: 'n',
    unread_channels: 'n',
    unread_threads: 'n',
    unread_count: 'n',
    unread_messages: 'n',
    hard_delete: 'b',
    last_read_message_id: 's',
    first_unread_message_id: 's',
    last_read_at: 't',
    truncated_at: 't',
    clear_history: 'b',
    member_count: 'n',
    client_id: 's',
    received_at: 't',
    // message.delivered (PROTOCOL.md section 6): the user's new delivered position.
    last_delivered_at: 't',
    last_delivered_message_id: 's',
    // draft.* and reminder.* events (PROTOCOL.md section 6): the record the event is about.
    draft: 'DraftResponse',
    reminder: 'ReminderResponseData',
    message_id: 's',
  },
  MessageResponse: { status: 's' },
};

/**
 * Models on the hot paths (events, channel queries, sends) that get a fast decoder; every
 * other model, and every input a fast decoder cannot place, takes the generic one.
 */
export const FAST_MODELS = [
  'WSEvent',
  'MessageResponse',
  'UserResponse',
  'OwnUserResponse',
  'ReactionResponse',
  'Attachment',
  'ChannelResponse',
  'ChannelMemberResponse',
  'ReadStateResponse',
  'ChannelStateResponse',
  'ChannelStateResponseFields',
  'QueryChannelsResponse',
  'SendMessageResponse',
  'SendReactionResponse',
];
