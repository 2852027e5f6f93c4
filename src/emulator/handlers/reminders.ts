// CreateReminder, UpdateReminder, DeleteReminder and QueryReminders (Chat API seed). A
// reminder is the caller's own, one per message, on a message the caller may read. Each
// change goes to the caller's connections as reminder.created / reminder.updated /
// reminder.deleted carrying the reminder (PROTOCOL.md section 6). The error messages are the
// ones the official client matches on ("already has reminder created for this message_id",
// "reminder does not exist").
import type { Backend } from '../backend.ts';
import { emitToUser } from '../broadcast.ts';
import { formatTime } from '../clock.ts';
import { cursorPage } from '../cursor.ts';
import { inputError, notFound } from '../errors.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { optObject, optTime } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler, RequestContext } from '../router.ts';
import { userKey, type MessageRecord, type ReminderRecord } from '../state.ts';
import { channelResponse, compact, messageResponse, userById, type Json } from '../views.ts';
import { reminderFields } from '../personalViews.ts';

function reminderResponse(b: Backend, r: ReminderRecord): Json {
  const m = b.state.messages.get(r.message_id);
  const channel = b.state.channels.get(r.cid);
  return compact({
    ...reminderFields(r),
    user: userById(b, r.user_id),
    message: m ? messageResponse(b, m, r.user_id) : undefined,
    channel: channel ? channelResponse(b, channel, r.user_id) : undefined,
  });
}

const dueTimers = new WeakMap<Backend, Map<string, () => void>>();

/** (Re)arm the due notification of a reminder (none without a time, or once sent for it). */
export function scheduleReminderDue(b: Backend, r: ReminderRecord): void {
  let timers = dueTimers.get(b);
  if (!timers) dueTimers.set(b, (timers = new Map()));
  const key = userKey(r.user_id, r.message_id);
  timers.get(key)?.();
  timers.delete(key);
  const at = r.remind_at;
  if (at === undefined || r.due_sent === at) return;
  timers.set(key, b.clock.at(at, () => {
    timers.delete(key);
    const current = b.state.reminders.get(key);
    if (!current || current.remind_at !== at || current.due_sent === at) return;
    current.due_sent = at;
    b.changed();
    announce(b, 'notification.reminder_due', current);
  }));
}

function cancelReminderDue(b: Backend, key: string): void {
  dueTimers.get(b)?.get(key)?.();
  dueTimers.get(b)?.delete(key);
}

/** Arm every stored reminder (at start, after loading persisted or seeded state). */
export function scheduleAllReminders(b: Backend): void {
  for (const r of b.state.reminders.values()) scheduleReminderDue(b, r);
}

/** A message is deleted: its reminders go with it (the official client drops them on message.deleted too). */
export function dropMessageReminders(b: Backend, messageId: string): void {
  for (const [key, r] of b.state.reminders) {
    if (r.message_id !== messageId) continue;
    b.state.reminders.delete(key);
    cancelReminderDue(b, key);
  }
}

function readableMessage(b: Backend, ctx: RequestContext): MessageRecord {
  const m = b.requireMessage(ctx.params['message_id'] ?? '');
  requireAccess(b.channelOf(m), ctx.userId, 'set reminders');
  return m;
}

function announce(b: Backend, type: string, r: ReminderRecord): void {
  emitToUser(b, r.user_id, () => ({
    type,
    cid: r.cid,
    message_id: r.message_id,
    user_id: r.user_id,
    reminder: reminderResponse(b, r),
    created_at: formatTime(b.now()),
  }));
}

function existing(b: Backend, ctx: RequestContext, m: MessageRecord): ReminderRecord {
  const r = b.state.reminders.get(userKey(ctx.userId, m.id));
  if (!r) throw notFound(`reminder does not exist for message "${m.id}"`);
  return r;
}

// The seed answers CreateReminder with the reminder's fields at the top level; the official
// client reads `reminder`. Both are sent.
export const createReminder: Handler = (b, ctx) => {
  const m = readableMessage(b, ctx);
  const remindAt = optTime(ctx.body, 'remind_at');
  const now0 = b.now();
  if (remindAt !== undefined && remindAt <= now0) throw inputError('"remind_at" must be in the future');
  const key = userKey(ctx.userId, m.id);
  if (b.state.reminders.has(key)) throw inputError(`user "${ctx.userId}" already has reminder created for this message_id "${m.id}"`);
  const now = b.now();
  const r: ReminderRecord = { user_id: ctx.userId, message_id: m.id, cid: m.cid, created_at: now, updated_at: now };
  if (remindAt !== undefined) r.remind_at = remindAt;
  b.state.reminders.set(key, r);
  b.changed();
  scheduleReminderDue(b, r);
  announce(b, 'reminder.created', r);
  const data = reminderResponse(b, r);
  return { ...data, reminder: data };
};

export const updateReminder: Handler = (b, ctx) => {
  const m = readableMessage(b, ctx);
  const r = existing(b, ctx, m);
  // `remind_at: null` turns the reminder into a plain "saved for later" bookmark.
  if (ctx.body['remind_at'] === null) delete r.remind_at;
  else {
    const remindAt = optTime(ctx.body, 'remind_at');
    if (remindAt !== undefined && remindAt <= b.now()) throw inputError('"remind_at" must be in the future');
    if (remindAt !== undefined) r.remind_at = remindAt;
  }
  r.updated_at = b.now();
  b.changed();
  scheduleReminderDue(b, r);
  announce(b, 'reminder.updated', r);
  return { reminder: reminderResponse(b, r) };
};

export const deleteReminder: Handler = (b, ctx) => {
  const m = readableMessage(b, ctx);
  const r = existing(b, ctx, m);
  b.state.reminders.delete(userKey(ctx.userId, m.id));
  cancelReminderDue(b, userKey(ctx.userId, m.id));
  b.changed();
  announce(b, 'reminder.deleted', r);
  return {};
};

export const queryReminders: Handler = (b, ctx) => {
  const filter = optObject(ctx.body, 'filter') ?? {};
  const sort = parseSort(ctx.body['sort'], ['remind_at', 'created_at', 'updated_at']);
  const get = (r: ReminderRecord, f: string): unknown =>
    f === 'channel_cid' ? r.cid : f === 'message_id' ? r.message_id : f === 'user_id' ? r.user_id
      : f === 'remind_at' ? r.remind_at : f === 'created_at' ? r.created_at : f === 'updated_at' ? r.updated_at : undefined;
  const list = [...b.state.reminders.values()].filter((r) => r.user_id === ctx.userId && matchFilter(r, filter, get));
  list.sort(compareBy([...(sort.length > 0 ? sort : [{ field: 'remind_at', direction: 1 as const }]), { field: 'created_at', direction: 1 }], (r, f) => {
    const v = get(r, f);
    return typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  const page = cursorPage(list, ctx.body);
  return compact({ reminders: page.items.map((r) => reminderResponse(b, r)), next: page.next, prev: page.prev });
};
