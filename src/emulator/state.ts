// The emulator's data: plain records in Maps, times in epoch microseconds (clock.ts).
// Everything here is serialisable (persistence.ts writes it as JSON); derived values such
// as unread counts and reaction groups are computed from these records when rendered,
// so they can never drift from the data they summarise.

export interface UserRecord {
  id: string;
  name?: string;
  image?: string;
  role: string;
  custom: Record<string, unknown>;
  language: string;
  teams: string[];
  invisible: boolean;
  banned: boolean;
  created_at: number;
  updated_at: number;
  last_active?: number;
}

export interface MemberRecord {
  user_id: string;
  channel_role: string;
  custom: Record<string, unknown>;
  created_at: number;
  updated_at: number;
  notifications_muted: boolean;
  banned: boolean;
  shadow_banned: boolean;
  archived_at?: number;
  pinned_at?: number;
  /** Hidden for this member (HideChannel) until a new message arrives or ShowChannel. */
  hidden: boolean;
  /** Messages before this time are not shown to this member (hide with clear_history). */
  hide_messages_before?: number;
}

/** A member's read position in a channel or a thread. */
export interface ReadRecord {
  last_read: number;
  last_read_message_id?: string;
  last_delivered_at?: number;
  last_delivered_message_id?: string;
}

export interface ChannelRecord {
  type: string;
  id: string;
  cid: string;
  custom: Record<string, unknown>;
  created_by_id?: string;
  created_at: number;
  updated_at: number;
  last_message_at?: number;
  truncated_at?: number;
  truncated_by_id?: string;
  frozen: boolean;
  disabled: boolean;
  team?: string;
  cooldown?: number;
  filter_tags: string[];
  members: Map<string, MemberRecord>;
  /** Channel reads per user id. */
  reads: Map<string, ReadRecord>;
  /** Ids of the messages shown in the channel (top level and show_in_channel replies), oldest first. */
  messageIds: string[];
}

export interface MessageRecord {
  id: string;
  cid: string;
  user_id: string;
  type: string;
  text: string;
  html: string;
  attachments: unknown[];
  custom: Record<string, unknown>;
  mentioned_user_ids: string[];
  mentioned_channel: boolean;
  mentioned_here: boolean;
  silent: boolean;
  shadowed: boolean;
  pinned: boolean;
  pinned_at?: number;
  pinned_by_id?: string;
  pin_expires?: number;
  parent_id?: string;
  show_in_channel?: boolean;
  quoted_message_id?: string;
  poll_id?: string;
  restricted_visibility: string[];
  created_at: number;
  updated_at: number;
  deleted_at?: number;
  message_text_updated_at?: number;
  /** Users who deleted the message for themselves (delete_for_me), with when they did. */
  deleted_for?: Record<string, number>;
  /**
   * Translations made by TranslateMessage: `language` (the source) and `<lang>_text` per
   * translation. Kept and sent with the message afterwards, as the service does; an edit of
   * the text drops them (they translated the old text).
   */
  i18n?: Record<string, string>;
  /** Reply ids, oldest first (parents only). */
  replyIds: string[];
}

export interface ReactionRecord {
  message_id: string;
  user_id: string;
  type: string;
  score: number;
  custom: Record<string, unknown>;
  created_at: number;
  updated_at: number;
}

/** Thread data beyond the parent message: title, custom fields, reads per participant. */
export interface ThreadRecord {
  parent_id: string;
  cid: string;
  title: string;
  custom: Record<string, unknown>;
  created_at: number;
  updated_at: number;
  last_message_at?: number;
  /** Participant ids in order of first participation (the parent's author first). */
  participants: string[];
  reads: Map<string, ReadRecord>;
}

export interface PollOptionRecord {
  id: string;
  text: string;
  custom: Record<string, unknown>;
}

export interface PollVoteRecord {
  id: string;
  poll_id: string;
  option_id?: string;
  answer_text?: string;
  user_id: string;
  created_at: number;
  updated_at: number;
}

export interface PollRecord {
  id: string;
  name: string;
  description: string;
  created_by_id: string;
  custom: Record<string, unknown>;
  options: PollOptionRecord[];
  votes: PollVoteRecord[];
  voting_visibility: string;
  enforce_unique_vote: boolean;
  max_votes_allowed?: number;
  allow_answers: boolean;
  allow_user_suggested_options: boolean;
  is_closed: boolean;
  created_at: number;
  updated_at: number;
}

export interface DraftRecord {
  user_id: string;
  cid: string;
  parent_id?: string;
  message: Record<string, unknown>;
  created_at: number;
}

export interface ChannelMuteRecord {
  user_id: string;
  cid: string;
  created_at: number;
  updated_at: number;
  expires?: number;
}

export interface FileRecord {
  id: string;
  name: string;
  mimeType: string;
  /** Base64 of the bytes, so the record stays JSON. */
  data: string;
  created_at: number;
}

/** A user's reminder on a message (one per user and message). */
export interface ReminderRecord {
  user_id: string;
  message_id: string;
  cid: string;
  remind_at?: number;
  created_at: number;
  updated_at: number;
  /** The remind_at whose notification.reminder_due went out (so it goes out once). */
  due_sent?: number;
}

/** A push device of a user. */
export interface DeviceRecord {
  id: string;
  user_id: string;
  push_provider: string;
  push_provider_name?: string;
  voip_token?: boolean;
  created_at: number;
}

export interface BlockRecord {
  user_id: string;
  blocked_user_id: string;
  created_at: number;
}

/** A live location shared through a message, updated by its author. */
export interface LiveLocationRecord {
  message_id: string;
  cid: string;
  user_id: string;
  latitude: number;
  longitude: number;
  created_by_device_id: string;
  end_at?: number;
  created_at: number;
  updated_at: number;
}

/** Push preferences of a user: the user-level ones under cid '', else per channel. */
export interface PushPreferenceRecord {
  user_id: string;
  cid: string;
  chat_level?: string;
  call_level?: string;
  feeds_level?: string;
  disabled_until?: number;
  chat_preferences?: Record<string, unknown>;
  updated_at: number;
}

/** A giphy command's ephemeral message, seen by its author only until sent or cancelled. */
export interface EphemeralRecord {
  id: string;
  cid: string;
  user_id: string;
  query: string;
  /** Which image of the fixed set the shuffle is at. */
  index: number;
  parent_id?: string;
  custom: Record<string, unknown>;
  created_at: number;
  updated_at: number;
}

/** All of the emulator's data. */
export class State {
  readonly users = new Map<string, UserRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, MessageRecord>();
  /** Reactions per message id, in the order they were created. */
  readonly reactions = new Map<string, ReactionRecord[]>();
  readonly threads = new Map<string, ThreadRecord>();
  readonly polls = new Map<string, PollRecord>();
  /** Drafts keyed by `${user}|${cid}|${parent_id ?? ''}`. */
  readonly drafts = new Map<string, DraftRecord>();
  /** Channel mutes keyed by `${user}|${cid}`. */
  readonly channelMutes = new Map<string, ChannelMuteRecord>();
  readonly files = new Map<string, FileRecord>();
  /** Reminders keyed by `${user}|${message_id}`. */
  readonly reminders = new Map<string, ReminderRecord>();
  readonly devices = new Map<string, DeviceRecord>();
  /** Blocks keyed by `${user}|${blocked_user_id}`. */
  readonly blocks = new Map<string, BlockRecord>();
  /** Live locations keyed by message id. */
  readonly liveLocations = new Map<string, LiveLocationRecord>();
  /** Push preferences keyed by `${user}|${cid}` (cid '' for the user level). */
  readonly pushPreferences = new Map<string, PushPreferenceRecord>();
  readonly ephemerals = new Map<string, EphemeralRecord>();
}

/** Key of a per-user record about a message or channel (reminders, blocks, preferences). */
export function userKey(userId: string, other: string): string {
  return `${userId}|${other}`;
}

/** Key of a draft in State.drafts. */
export function draftKey(userId: string, cid: string, parentId: string | undefined): string {
  return `${userId}|${cid}|${parentId ?? ''}`;
}

/** Key of a channel mute in State.channelMutes. */
export function muteKey(userId: string, cid: string): string {
  return `${userId}|${cid}`;
}
