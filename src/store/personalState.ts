// State of the own user's personal records: drafts, reminders and active live locations.
// They are held apart from the channels (a draft or a reminder exists for a channel the
// store may not hold), keyed so that an event or an answer finds its record in O(1).
//
// Drafts and reminders are written optimistically (PROTOCOL.md section 8). Each key with
// local writes not settled keeps them in `pending`, with `base`: the server's value as last
// heard (the value before the first write, then whatever events or answers said since). The
// record shown is the newest write's; when the last write settles the record is `base`,
// which after a failure is exactly what the server has, and after a success its answer.
import type { Attachment, MessageResponse, ReminderResponseData, SharedLocationResponseData } from '../models/generated/types.ts';
import { emptyRecord } from './records.ts';

/**
 * A draft's message as the service keeps it. The seeds name its type (DraftPayloadResponse)
 * without defining it; these are the fields the service and the official client use.
 */
export interface DraftMessage {
  id: string;
  text: string;
  parent_id?: string;
  quoted_message_id?: string;
  attachments?: readonly Attachment[];
  [custom: string]: unknown;
}

/** The own draft of a channel, or of a thread when `parent_id` is set. */
export interface Draft {
  channel_cid: string;
  parent_id?: string;
  /** When the server stored it (epoch ms); a local write not confirmed yet has the local time. */
  created_at: number;
  message: DraftMessage;
  quoted_message?: MessageResponse;
  parent_message?: MessageResponse;
}

/** An own reminder on a message (one per message). */
export interface Reminder extends Omit<ReminderResponseData, 'channel' | 'user'> {
  /** Set by notification.reminder_due: the reminder's time has come. */
  due?: boolean;
}

/** An own live location, active until `end_at`. */
export type LiveLocation = Omit<SharedLocationResponseData, 'channel' | 'message'>;

/** One local write of a keyed record: the value it shows (null: deleted). */
export interface KeyedWrite<V> {
  opId: string;
  value: V | null;
  /** The server's value when the write started (to tell whether anything moved it since). */
  base: V | null;
}

export interface KeyedPending<V> {
  /** Writes not settled, oldest first; the newest one's value is shown. */
  writes: ReadonlyArray<KeyedWrite<V>>;
  /** The server's value as last heard (null: none). */
  base: V | null;
}

/** A paged query of keyed records (queryDrafts, queryReminders). */
export interface KeyedList {
  key: string;
  filter: Readonly<Record<string, unknown>>;
  /** Keys in the order the server returned them, then those added live. */
  keys: readonly string[];
  next: string | null;
  hasMore: boolean;
  loading: boolean;
  /** The failure of the last load (state.ts StoredError's shape; not imported: state.ts imports this file). */
  error: { code: number; status: number; message: string; endpoint: string; retryable: boolean } | null;
}

export interface KeyedState<V> {
  byKey: Readonly<Record<string, V>>;
  pending: Readonly<Record<string, KeyedPending<V>>>;
  lists: Readonly<Record<string, KeyedList>>;
}

export interface LiveLocationsState {
  /** Own active live locations by message id. */
  byMessage: Readonly<Record<string, LiveLocation>>;
  /** Whether GetUserLiveLocations has answered (the list is complete from then on). */
  loaded: boolean;
}

export function emptyKeyed<V>(): KeyedState<V> {
  return { byKey: emptyRecord(), pending: emptyRecord(), lists: emptyRecord() };
}

export function emptyLiveLocations(): LiveLocationsState {
  return { byMessage: emptyRecord(), loaded: false };
}

/** The key of a draft: its channel and, for a thread's draft, the parent message. */
export function draftKey(cid: string, parentId?: string | null): string {
  return parentId ? `${cid}|${parentId}` : cid;
}
