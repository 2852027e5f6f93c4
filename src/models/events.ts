// Events as the client receives them: the seed's WSEvent plus the fields PROTOCOL.md
// section 6 says events carry but the seed does not list (kept in step with
// EXTRA_FIELDS in decode.ts).
import { decodeModel, type DecodeOptions, type DecodeResult } from './decode.ts';
import type { DraftResponse, ReminderResponseData, WSEvent } from './generated/types.ts';

/** A decoded WebSocket event; timestamps are epoch milliseconds. */
export interface ChatEvent extends WSEvent {
  total_unread_count?: number;
  unread_channels?: number;
  unread_threads?: number;
  unread_count?: number;
  unread_messages?: number;
  hard_delete?: boolean;
  last_read_message_id?: string;
  first_unread_message_id?: string;
  last_read_at?: number;
  truncated_at?: number;
  clear_history?: boolean;
  member_count?: number;
  client_id?: string;
  received_at?: number;
  last_delivered_at?: number;
  last_delivered_message_id?: string;
  /** draft.updated / draft.deleted: the draft. */
  draft?: DraftResponse;
  /** reminder.* and notification.reminder_due: the reminder. */
  reminder?: ReminderResponseData;
  message_id?: string;
  /** Unknown fields are kept as the server sent them. */
  [extra: string]: unknown;
}

/** Decode one parsed WebSocket frame. */
export function decodeEvent(input: unknown, options?: DecodeOptions): DecodeResult<ChatEvent> {
  return decodeModel('WSEvent', input, options) as DecodeResult<ChatEvent>;
}
