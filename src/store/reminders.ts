// Reminders: the own reminders by message id, from reminder.* events, the due notification,
// answers, and local writes (optimistic, keyedRecords.ts). The service puts the caller's
// reminder on each message it answers with (`reminder`); the held message's copy is kept in
// step with the reminder held here, which is the one source: every change here rewrites it,
// and a message copy from an event (serialized once for everyone, so without anyone's
// reminder) gets it back.
import type { ChatEvent } from '../models/events.ts';
import type { MessageResponse, ReminderResponseData } from '../models/generated/types.ts';
import type { ChatState, LocalMessage } from './state.ts';
import type { Reminder } from './personalState.ts';
import type { ReducerContext } from './context.ts';
import { channelDraft } from './context.ts';
import { listsAdd, serverValue } from './keyedRecords.ts';
import { replaceHeld } from './messages.ts';
import { peek } from './peek.ts';
import { tablePeek } from './table.ts';

/** The reminder as held (its channel and user are held apart). */
export function toReminder(res: ReminderResponseData, due?: boolean): Reminder {
  const { channel: _channel, user: _user, ...rest } = res;
  const r: Reminder = { ...rest };
  if (r.message && (r.message as { reminder?: unknown }).reminder !== undefined) {
    const { reminder: _nested, ...message } = r.message;
    r.message = message;
  }
  if (due) r.due = true;
  return r;
}

/** What a held message carries as its `reminder`: the reminder without its message. */
function onMessage(r: Reminder): ReminderResponseData {
  const { message: _message, due: _due, ...rest } = r;
  return rest;
}

/** Rewrite the held message's `reminder` from the reminder held (or its absence). */
export function syncMessageReminder(state: ChatState, ctx: ReducerContext, cid: string, messageId: string): void {
  if (!tablePeek(peek(state).channels, cid)) return;
  const ch = channelDraft(state, ctx, cid);
  if (!ch) return;
  const held = tablePeek(peek(ch).messages, messageId);
  if (!held) return;
  const r = state.reminders.byKey[messageId];
  const want = r ? onMessage(r) : undefined;
  const has = held.reminder;
  if (want === undefined ? has === undefined : has !== undefined && sameReminder(has, want)) return;
  const next: LocalMessage = { ...held };
  if (want) next.reminder = want;
  else delete next.reminder;
  replaceHeld(ch, held, next);
}

function sameReminder(a: ReminderResponseData, b: ReminderResponseData): boolean {
  return a.remind_at === b.remind_at && a.updated_at === b.updated_at && a.message_id === b.message_id;
}

function set(state: ChatState, ctx: ReducerContext, key: string, cid: string | undefined, value: Reminder | null): void {
  serverValue(state.reminders, key, value);
  if (value) listsAdd(state.reminders, key);
  if (cid) syncMessageReminder(state, ctx, cid, key);
}

/** reminder.created / updated / deleted and notification.reminder_due (PROTOCOL.md section 6). */
export function applyReminderEvent(state: ChatState, ctx: ReducerContext, ev: ChatEvent): void {
  const res = ev['reminder'] as ReminderResponseData | undefined;
  const messageId = res?.message_id ?? (ev['message_id'] as string | undefined);
  if (!messageId) return;
  const cid = res?.channel_cid ?? ev.cid;
  if (ev.type === 'reminder.deleted') {
    set(state, ctx, messageId, cid, null);
    return;
  }
  if (!res) return;
  set(state, ctx, messageId, cid, toReminder(res, ev.type === 'notification.reminder_due'));
}

/** An answer with one reminder (create, update): the server's value. */
export function reminderAnswered(state: ChatState, ctx: ReducerContext, res: ReminderResponseData): void {
  set(state, ctx, res.message_id, res.channel_cid, toReminder(res));
}

/** Messages read from the server carry the caller's reminder: take it in. */
export function remindersFromMessages(state: ChatState, ctx: ReducerContext, messages: readonly MessageResponse[]): void {
  for (const m of messages) {
    if (!m.reminder) continue;
    const r = m.reminder;
    const held = state.reminders.byKey[r.message_id];
    // A held reminder the service marked due keeps that mark while its time is unchanged.
    const due = held?.due === true && held.remind_at === r.remind_at;
    const value: Reminder = toReminder(r, due);
    value.message = withoutReminder(m);
    set(state, ctx, r.message_id, r.channel_cid || m.cid, value);
  }
}

function withoutReminder(m: MessageResponse): MessageResponse {
  const { reminder: _r, ...rest } = m;
  return rest;
}

/** The reminders (or their pending writes) by message id as held, read without drafting them. */
function held<K extends 'byKey' | 'pending'>(state: ChatState, part: K): ChatState['reminders'][K] {
  return peek(peek(peek(state).reminders)[part]);
}

/**
 * An event's message copy, with the own reminder put back (events are serialized once for
 * every recipient, so they carry nobody's): applied so, a copy equal to the held one keeps
 * its reference. The same event when there is nothing to add.
 */
export function withHeldReminder(state: ChatState, ev: ChatEvent): ChatEvent {
  const m = ev.message;
  if (!m || m.reminder !== undefined || ev.type === 'message.deleted') return ev;
  // Read without drafting (peek.ts): most messages have no reminder, and a proxy over the
  // reminders made per burst only to look would be finished again for nothing.
  const r = held(state, 'byKey')[m.id];
  if (!r) return ev;
  return { ...ev, message: { ...m, reminder: onMessage(r) } };
}

/** A message copy from an event replaced the held one: give it back its reminder. */
export function reminderOnMessageEvent(state: ChatState, ctx: ReducerContext, ev: ChatEvent): void {
  const m = ev.message;
  if (!m) return;
  if (ev.type === 'message.deleted') {
    // The official client forgets a deleted message's reminder; the emulator deletes it with
    // the message (handlers/messages.ts), and the held one goes the same way.
    if (held(state, 'byKey')[m.id] !== undefined || held(state, 'pending')[m.id] !== undefined) set(state, ctx, m.id, m.cid, null);
    return;
  }
  if (held(state, 'byKey')[m.id] !== undefined) syncMessageReminder(state, ctx, m.cid, m.id);
}
