// Reminders: client.createReminder / updateReminder / deleteReminder, optimistic with exact
// rollback (PROTOCOL.md section 8), and client.queryReminders (reminders$, status$,
// loadMore), live from reminder.* events and notification.reminder_due, which marks the
// reminder `due` (and is on events$ as every event is).
import type { Observable } from 'rxjs';
import type { ReminderResponseData } from '../models/generated/types.ts';
import type { Reminder } from '../store/personalState.ts';
import { serverBase } from '../store/keyedRecords.ts';
import { tableGet, tableValues } from '../store/table.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import { toStoredError, type ClientContext } from './clientContext.ts';
import { createKeyedList, type KeyedListHandle } from './keyedList.ts';

export interface ReminderList extends KeyedListHandle {
  /** The reminders, soonest first (those without a time, bookmarks, last). */
  readonly reminders$: Observable<readonly Reminder[]>;
}

export interface RemindersApi {
  /**
   * Remind the user of a message at `remindAt` (epoch ms, or a Date), or keep it as a
   * bookmark without a time. Shown at once; resolves with the reminder the server stored.
   * A time in the past is a ChatError (code 4) and changes nothing.
   */
  createReminder(messageId: string, options?: { remindAt?: number | Date }): Promise<Reminder>;
  /** Move the reminder of a message (remindAt null: no time, a bookmark). */
  updateReminder(messageId: string, options: { remindAt: number | Date | null }): Promise<Reminder>;
  deleteReminder(messageId: string): Promise<void>;
  /**
   * The own reminders (QueryReminders), paged, loading on first subscribe.
   * @example
   * const list = client.queryReminders();
   * list.reminders$.subscribe((rs) => render(rs));
   */
  queryReminders(filter?: Record<string, unknown>, sort?: ReadonlyArray<{ field: string; direction: 1 | -1 }>, options?: { limit?: number }): ReminderList;
}

function bad(endpoint: string, message: string): ChatError {
  return new ChatError({ message: `${endpoint}: ${message}`, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

/** A remind time as epoch ms: a finite number or a valid Date, not before now. */
function remindTime(endpoint: string, value: unknown, now: number): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw bad(endpoint, '"remindAt" must be epoch milliseconds or a Date');
  if (ms <= now) throw bad(endpoint, `"remindAt" (${new Date(ms).toISOString()}) is not in the future`);
  return ms;
}

function checkId(endpoint: string, messageId: unknown): asserts messageId is string {
  if (typeof messageId !== 'string' || messageId === '') throw bad(endpoint, '"messageId" must be a non-empty string');
}

/** Where a message is held (a reminder names its channel; the store holds messages by channel). */
function cidOfMessage(ctx: ClientContext, messageId: string): string | undefined {
  const s = ctx.store.getState();
  const r = serverBase(s.reminders, messageId) ?? s.reminders.byKey[messageId];
  if (r) return r.channel_cid;
  // O(channels held), once per reminder created for a message not reminded of before.
  for (const ch of tableValues(s.channels)) if (tableGet(ch.messages, messageId)) return ch.cid;
  return undefined;
}

let writeSeq = 0;

function byRemindAt(a: Reminder, b: Reminder): number {
  const ta = a.remind_at ?? Infinity;
  const tb = b.remind_at ?? Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.created_at - b.created_at || (a.message_id < b.message_id ? -1 : a.message_id > b.message_id ? 1 : 0);
}

function sortBy(sort: ReadonlyArray<{ field: string; direction: 1 | -1 }> | undefined): (a: Reminder, b: Reminder) => number {
  if (!sort || sort.length === 0) return byRemindAt;
  return (a, b) => {
    for (const { field, direction } of sort) {
      const va = (a as unknown as Record<string, unknown>)[field];
      const vb = (b as unknown as Record<string, unknown>)[field];
      if (va === vb) continue;
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      return ((va as number | string) < (vb as number | string) ? -1 : 1) * direction;
    }
    return byRemindAt(a, b);
  };
}

export function createRemindersApi(ctx: ClientContext): RemindersApi {
  /** Run one optimistic write of a message's reminder. */
  async function write(endpoint: string, messageId: string, local: Reminder | null, call: () => Promise<ReminderResponseData | null>): Promise<Reminder | null> {
    const cid = local?.channel_cid ?? cidOfMessage(ctx, messageId) ?? '';
    const opId = `reminder:${++writeSeq}`;
    ctx.store.dispatch({ type: 'reminder/writing', opId, messageId, cid, reminder: local });
    try {
      const res = await call();
      ctx.store.dispatch({ type: 'reminder/written', opId, messageId, reminder: res });
      return ctx.store.getState().reminders.byKey[messageId] ?? null;
    } catch (e) {
      const error = ctx.report(e, endpoint);
      ctx.store.dispatch({ type: 'reminder/writeFailed', opId, messageId, cid });
      throw error;
    }
  }

  function api(endpoint: string) {
    try {
      return ctx.api(endpoint);
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  }

  return {
    async createReminder(messageId, options = {}) {
      const endpoint = 'CreateReminder';
      let remindAt: number | undefined;
      try {
        checkId(endpoint, messageId);
        if (options.remindAt !== undefined) remindAt = remindTime(endpoint, options.remindAt, ctx.scheduler.now());
      } catch (e) {
        throw ctx.report(e, endpoint);
      }
      const a = api(endpoint);
      const meId = ctx.meId() ?? '';
      const now = ctx.scheduler.now();
      const cid = cidOfMessage(ctx, messageId) ?? '';
      const local: Reminder = { channel_cid: cid, message_id: messageId, user_id: meId, created_at: now, updated_at: now };
      if (remindAt !== undefined) local.remind_at = remindAt;
      const body: { remind_at?: number } = remindAt !== undefined ? { remind_at: remindAt } : {};
      const r = await write(endpoint, messageId, local, async () => {
        const res = await a.createReminder(messageId, body);
        // The seed answers with the reminder's fields at the top level (decoded as the seed
        // says); the service also nests it as `reminder`, which the seed does not type.
        return res;
      });
      return r ?? local;
    },

    async updateReminder(messageId, options) {
      const endpoint = 'UpdateReminder';
      let remindAt: number | null;
      try {
        checkId(endpoint, messageId);
        if (typeof options !== 'object' || options === null || !('remindAt' in options)) throw bad(endpoint, '"remindAt" is required (null for no time)');
        remindAt = options.remindAt === null ? null : remindTime(endpoint, options.remindAt, ctx.scheduler.now());
      } catch (e) {
        throw ctx.report(e, endpoint);
      }
      const a = api(endpoint);
      const held = ctx.store.getState().reminders.byKey[messageId];
      const local: Reminder | null = held ? { ...held, updated_at: ctx.scheduler.now() } : null;
      if (local) {
        delete local.due;
        if (remindAt === null) delete local.remind_at;
        else local.remind_at = remindAt;
      }
      // `remind_at: null` clears the time on the service; the seed's type has no null.
      const body = { remind_at: remindAt } as { remind_at?: number };
      const r = await write(endpoint, messageId, local, async () => (await a.updateReminder(messageId, body)).reminder);
      if (!r) throw ctx.report(new Error(`the reminder of message ${messageId} is gone`), endpoint);
      return r;
    },

    async deleteReminder(messageId) {
      const endpoint = 'DeleteReminder';
      try {
        checkId(endpoint, messageId);
      } catch (e) {
        throw ctx.report(e, endpoint);
      }
      const a = api(endpoint);
      await write(endpoint, messageId, null, async () => {
        await a.deleteReminder(messageId);
        return null;
      });
    },

    queryReminders(filter = {}, sort, options = {}) {
      const limit = options.limit ?? 25;
      const list = createKeyedList<Reminder>(ctx, {
        prefix: 'reminders',
        endpoint: 'QueryReminders',
        filter,
        slice: (s) => s.reminders,
        sort: sortBy(sort),
        actions: {
          requested: (key, reset) => ({ type: 'reminders/requested', key, filter, reset }),
          failed: (key, error) => ({ type: 'reminders/failed', key, error: toStoredError(error) }),
          disposed: (key) => ({ type: 'reminders/disposed', key }),
        },
        async fetch(key, next, reset) {
          const body: { limit: number; filter?: Record<string, unknown>; next?: string; sort?: Array<{ field: string; direction: number }> } = { limit };
          if (Object.keys(filter).length > 0) body.filter = filter;
          if (sort && sort.length > 0) body.sort = sort.map((s) => ({ field: s.field, direction: s.direction }));
          if (next) body.next = next;
          const res = await ctx.api('QueryReminders').queryReminders(body);
          return { type: 'reminders/loaded', key, reminders: res.reminders, reset, next: res.next ?? null };
        },
      });
      return { ...list, reminders$: list.items$ };
    },
  };
}
