// The actions of the own personal records (drafts, reminders, live locations) and how the
// rest of the store's actions touch them. reducer.ts routes here in a few lines.
import type { ChatEvent } from '../models/events.ts';
import type {
  ChannelStateResponseFields,
  DraftResponse,
  MessageResponse,
  ReminderResponseData,
  SharedLocationResponseData,
  ThreadStateResponse,
} from '../models/generated/types.ts';
import type { ChatState, PendingOp, StoredError } from './state.ts';
import type { Draft, Reminder } from './personalState.ts';
import type { ReducerContext } from './context.ts';
import { listDisposed, listFailed, listLoaded, listRequested, listsAdd, serverValue, writeSettled, writeStarted } from './keyedRecords.ts';
import { applyDraftEvent, draftAnswered, draftOnOwnMessage, draftOnSend, draftOnSendSettled, draftsFromChannels, draftsFromThreads, toDraft } from './drafts.ts';
import { applyReminderEvent, reminderAnswered, reminderOnMessageEvent, remindersFromMessages, syncMessageReminder, toReminder } from './reminders.ts';
import { locationEnded, locationFromMessage, locationOnMessageEvent, locationsLoaded, locationUpdated } from './liveLocations.ts';
import { draftKey } from './personalState.ts';
import { tableGet } from './table.ts';
import { peek } from './peek.ts';

export type PersonalAction =
  /** A local save (draft set) or delete (draft null) of a draft, shown at once. */
  | { type: 'draft/writing'; opId: string; key: string; draft: Draft | null }
  /** The server stored it: its answer (a saved draft), or null (deleted). */
  | { type: 'draft/written'; opId: string; key: string; draft: DraftResponse | null }
  | { type: 'draft/writeFailed'; opId: string; key: string }
  | { type: 'draft/fetched'; draft: DraftResponse }
  | { type: 'drafts/requested'; key: string; filter: Readonly<Record<string, unknown>>; reset: boolean }
  | { type: 'drafts/loaded'; key: string; drafts: readonly DraftResponse[]; reset: boolean; next: string | null }
  | { type: 'drafts/failed'; key: string; error: StoredError }
  | { type: 'drafts/disposed'; key: string }
  /** A local create, update (reminder set) or delete (null) of the reminder on a message. */
  | { type: 'reminder/writing'; opId: string; messageId: string; cid: string; reminder: Reminder | null }
  | { type: 'reminder/written'; opId: string; messageId: string; reminder: ReminderResponseData | null }
  | { type: 'reminder/writeFailed'; opId: string; messageId: string; cid: string }
  /** A reminder read from the server (an answer of client.api), or null: it has none. */
  | { type: 'reminder/fetched'; messageId: string; reminder: ReminderResponseData | null }
  | { type: 'reminders/requested'; key: string; filter: Readonly<Record<string, unknown>>; reset: boolean }
  | { type: 'reminders/loaded'; key: string; reminders: readonly ReminderResponseData[]; reset: boolean; next: string | null }
  | { type: 'reminders/failed'; key: string; error: StoredError }
  | { type: 'reminders/disposed'; key: string }
  | { type: 'locations/loaded'; locations: readonly SharedLocationResponseData[] }
  | { type: 'location/updated'; location: SharedLocationResponseData }
  | { type: 'location/ended'; messageId: string; at: number };

const PERSONAL_TYPES: ReadonlySet<string> = new Set<PersonalAction['type']>([
  'draft/writing',
  'draft/written',
  'draft/writeFailed',
  'draft/fetched',
  'drafts/requested',
  'drafts/loaded',
  'drafts/failed',
  'drafts/disposed',
  'reminder/writing',
  'reminder/written',
  'reminder/writeFailed',
  'reminder/fetched',
  'reminders/requested',
  'reminders/loaded',
  'reminders/failed',
  'reminders/disposed',
  'locations/loaded',
  'location/updated',
  'location/ended',
]);

export function isPersonalAction(action: { type: string }): action is PersonalAction {
  return PERSONAL_TYPES.has(action.type);
}

export function reducePersonal(state: ChatState, ctx: ReducerContext, action: PersonalAction): void {
  switch (action.type) {
    case 'draft/writing':
      writeStarted(state.drafts, action.key, action.opId, action.draft);
      if (action.draft) listsAdd(state.drafts, action.key);
      return;
    case 'draft/written': {
      const value = action.draft ? toDraft(action.draft) : null;
      writeSettled(state.drafts, action.key, action.opId, { ok: true, value });
      return;
    }
    case 'draft/writeFailed':
      writeSettled(state.drafts, action.key, action.opId, { ok: false });
      return;
    case 'draft/fetched':
      draftAnswered(state, action.draft);
      return;
    case 'drafts/requested':
      listRequested(state.drafts, action.key, action.filter, action.reset);
      return;
    case 'drafts/loaded': {
      const page: Array<{ key: string; value: Draft }> = [];
      for (const res of action.drafts) {
        const d = toDraft(res);
        if (d) page.push({ key: draftKey(d.channel_cid, d.parent_id), value: d });
      }
      listLoaded(state.drafts, action.key, page, action.reset, action.next);
      return;
    }
    case 'drafts/failed':
      listFailed(state.drafts, action.key, action.error);
      return;
    case 'drafts/disposed':
      listDisposed(state.drafts, action.key);
      return;
    case 'reminder/writing':
      writeStarted(state.reminders, action.messageId, action.opId, action.reminder);
      if (action.reminder) listsAdd(state.reminders, action.messageId);
      syncMessageReminder(state, ctx, action.cid, action.messageId);
      return;
    case 'reminder/written': {
      const value = action.reminder ? toReminder(action.reminder) : null;
      writeSettled(state.reminders, action.messageId, action.opId, { ok: true, value });
      const cid = action.reminder?.channel_cid;
      if (cid) syncMessageReminder(state, ctx, cid, action.messageId);
      else for (const c of cidsHolding(state, action.messageId)) syncMessageReminder(state, ctx, c, action.messageId);
      return;
    }
    case 'reminder/writeFailed':
      writeSettled(state.reminders, action.messageId, action.opId, { ok: false });
      syncMessageReminder(state, ctx, action.cid, action.messageId);
      return;
    case 'reminder/fetched':
      if (action.reminder) reminderAnswered(state, ctx, action.reminder);
      else {
        const cids = cidsHolding(state, action.messageId);
        serverValue(state.reminders, action.messageId, null);
        for (const c of cids) syncMessageReminder(state, ctx, c, action.messageId);
      }
      return;
    case 'reminders/requested':
      listRequested(state.reminders, action.key, action.filter, action.reset);
      return;
    case 'reminders/loaded':
      listLoaded(
        state.reminders,
        action.key,
        action.reminders.map((r) => ({ key: r.message_id, value: toReminder(r, keepsDue(state, r)) })),
        action.reset,
        action.next,
      );
      for (const r of action.reminders) syncMessageReminder(state, ctx, r.channel_cid, r.message_id);
      return;
    case 'reminders/failed':
      listFailed(state.reminders, action.key, action.error);
      return;
    case 'reminders/disposed':
      listDisposed(state.reminders, action.key);
      return;
    case 'locations/loaded':
      locationsLoaded(state, action.locations, ctx.now);
      return;
    case 'location/updated':
      locationUpdated(state, action.location, ctx.now);
      return;
    case 'location/ended':
      locationEnded(state, action.messageId, action.at);
      return;
  }
  const exhaustive: never = action;
  return exhaustive;
}

/** A reminder read back keeps the due mark the service gave it while its time is the same. */
function keepsDue(state: ChatState, r: ReminderResponseData): boolean {
  const held = state.reminders.byKey[r.message_id];
  return held?.due === true && held.remind_at === r.remind_at;
}

/** Held channels that hold a message (a reminder deleted without a copy names no channel). */
function cidsHolding(state: ChatState, messageId: string): string[] {
  const r = state.reminders.pending[messageId]?.base ?? state.reminders.byKey[messageId];
  if (r) return [r.channel_cid];
  return [];
}

/** draft.*, reminder.* and notification.reminder_due (applyEvent routes them here). */
export function applyPersonalEvent(state: ChatState, ctx: ReducerContext, ev: ChatEvent): void {
  if (ev.type === 'draft.updated' || ev.type === 'draft.deleted') applyDraftEvent(state, ev);
  else applyReminderEvent(state, ctx, ev);
}

/** What every other event means for the personal records (message events: reminders, locations, drafts). */
export function personalOnEvent(state: ChatState, ctx: ReducerContext, ev: ChatEvent): void {
  if (ev.type !== 'message.new' && ev.type !== 'message.updated' && ev.type !== 'message.deleted' && ev.type !== 'message.undeleted') return;
  const m = ev.message;
  if (!m) return;
  reminderOnMessageEvent(state, ctx, ev);
  locationOnMessageEvent(state, ev, ctx.now);
  if (ev.type === 'message.new' && m.user?.id !== undefined && m.user.id === peek(peek(state).me)?.id) draftOnOwnMessage(state, m);
}

/** Channel states (hydration, a list page): drafts, reminders on their messages, live locations. */
export function personalOnChannels(state: ChatState, ctx: ReducerContext, channels: readonly ChannelStateResponseFields[]): void {
  draftsFromChannels(state, channels);
  for (const c of channels) {
    remindersFromMessages(state, ctx, c.messages);
    for (const l of c.active_live_locations ?? []) locationUpdated(state, l, ctx.now);
  }
}

export function personalOnThreads(state: ChatState, threads: readonly ThreadStateResponse[]): void {
  draftsFromThreads(state, threads);
}

/** A message answer (a send, an edit, a read-back). */
export function personalOnMessage(state: ChatState, ctx: ReducerContext, m: MessageResponse): void {
  if (m.reminder) remindersFromMessages(state, ctx, [m]);
  else if (state.reminders.byKey[m.id] !== undefined) syncMessageReminder(state, ctx, m.cid, m.id);
  if (m.shared_location || state.liveLocations.byMessage[m.id]) locationFromMessage(state, m, ctx.now);
}

/** Optimistic message operations: a send takes its draft away, its outcome settles that. */
export function personalOnOp(state: ChatState, action: { type: 'op/started'; op: { kind: string; id: string; cid: string; request?: { parent_id?: string } } } | { type: 'op/succeeded' | 'op/failed' | 'op/retried' | 'op/phase'; opId: string }): void {
  switch (action.type) {
    case 'op/started':
      if (action.op.kind === 'send') draftOnSend(state, action.op.id, action.op.cid, action.op.request?.parent_id);
      return;
    case 'op/succeeded':
      draftOnSendSettled(state, action.opId, true);
      return;
    case 'op/failed':
      draftOnSendSettled(state, action.opId, false);
      return;
    case 'op/retried': {
      // A retried send takes the draft away again (if it came back when the send failed).
      const op: PendingOp | undefined = tableGet(state.pending.ops, action.opId);
      if (op?.kind === 'send') draftOnSend(state, op.id, op.cid, op.request.parent_id);
      return;
    }
    case 'op/phase':
      return;
  }
}
