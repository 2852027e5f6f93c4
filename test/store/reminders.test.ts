// Reminders and live locations in the store: events, answers, the due mark, the held
// message's `reminder` kept in step, optimistic writes with exact rollback, and live
// locations ending by an action (src/store/reminders.ts, liveLocations.ts).
import { describe, expect, it } from 'vitest';
import { decodeModel, type ReminderResponseData, type SharedLocationResponseData } from 'chatstore';
import { BASE_MS, iso, msg, storeHarness } from '../helpers/storeFixtures.ts';
import { tableGet } from '../../src/store/table.ts';
import type { Reminder } from '../../src/store/personalState.ts';

const A = 'messaging:a';
const t = (n: number) => BASE_MS + n * 1_000;

function wireReminder(messageId: string, remindAt: number | undefined, updatedAt = t(2)): Record<string, unknown> {
  const r: Record<string, unknown> = { channel_cid: A, message_id: messageId, user_id: 'me', created_at: iso(t(2)), updated_at: iso(updatedAt) };
  if (remindAt !== undefined) r['remind_at'] = iso(remindAt);
  return r;
}

function decodedReminder(messageId: string, remindAt: number | undefined, updatedAt = t(2)): ReminderResponseData {
  const r = decodeModel('ReminderResponseData', wireReminder(messageId, remindAt, updatedAt));
  if (!r.ok) throw r.error;
  return r.value;
}

function held() {
  const h = storeHarness();
  h.hydrate(A, { messages: [msg(A, 'x1', t(1)), msg(A, 'x2', t(2))] });
  return h;
}

const reminders = (h: ReturnType<typeof storeHarness>) => h.store.getState().reminders;
const heldMessage = (h: ReturnType<typeof storeHarness>, id: string) => tableGet(h.ch(A).messages, id);

describe('reminders from events', () => {
  it('reminder.created holds it and puts it on the held message; a repeat keeps the state reference', () => {
    const h = held();
    h.send('reminder.created', { cid: A, reminder: wireReminder('x1', t(100)) });
    const once = h.store.getState();
    expect(once.reminders.byKey['x1']?.remind_at).toBe(t(100));
    expect(heldMessage(h, 'x1')?.reminder?.remind_at).toBe(t(100));
    h.send('reminder.created', { cid: A, reminder: wireReminder('x1', t(100)) });
    expect(h.store.getState()).toBe(once);
  });

  it('an edit of the message (an event without anyone\'s reminder) keeps the reminder on it; a repeat keeps the reference', () => {
    const h = held();
    h.send('reminder.created', { cid: A, reminder: wireReminder('x1', t(100)) });
    h.send('message.updated', { cid: A, message: msg(A, 'x1', t(1), { text: 'edited', updated_at: iso(t(5)) }) });
    const once = h.store.getState();
    expect(heldMessage(h, 'x1')?.text).toBe('edited');
    expect(heldMessage(h, 'x1')?.reminder?.remind_at).toBe(t(100));
    h.send('message.updated', { cid: A, message: msg(A, 'x1', t(1), { text: 'edited', updated_at: iso(t(5)) }) });
    expect(h.store.getState()).toBe(once);
  });

  it('reminder.updated moves it; notification.reminder_due marks it due; a later move clears the mark', () => {
    const h = held();
    h.send('reminder.created', { cid: A, reminder: wireReminder('x1', t(100)) });
    h.send('reminder.updated', { cid: A, reminder: wireReminder('x1', t(200), t(3)) });
    expect(reminders(h).byKey['x1']?.remind_at).toBe(t(200));
    expect(heldMessage(h, 'x1')?.reminder?.remind_at).toBe(t(200));
    h.send('notification.reminder_due', { cid: A, reminder: wireReminder('x1', t(200), t(3)) });
    const due = h.store.getState();
    expect(due.reminders.byKey['x1']?.due).toBe(true);
    h.send('notification.reminder_due', { cid: A, reminder: wireReminder('x1', t(200), t(3)) });
    expect(h.store.getState()).toBe(due);
    h.send('reminder.updated', { cid: A, reminder: wireReminder('x1', t(300), t(4)) });
    expect(reminders(h).byKey['x1']?.due).toBeUndefined();
  });

  it('reminder.deleted removes it from the list and the message; a repeat changes nothing', () => {
    const h = held();
    h.send('reminder.created', { cid: A, reminder: wireReminder('x1', t(100)) });
    h.send('reminder.deleted', { cid: A, reminder: wireReminder('x1', t(100)) });
    const once = h.store.getState();
    expect(once.reminders.byKey['x1']).toBeUndefined();
    expect(heldMessage(h, 'x1')?.reminder).toBeUndefined();
    h.send('reminder.deleted', { cid: A, reminder: wireReminder('x1', t(100)) });
    expect(h.store.getState()).toBe(once);
  });

  it('a deleted message takes its reminder with it', () => {
    const h = held();
    h.send('reminder.created', { cid: A, reminder: wireReminder('x1', t(100)) });
    h.send('message.deleted', { cid: A, message: msg(A, 'x1', t(1), { type: 'deleted', deleted_at: iso(t(6)), updated_at: iso(t(6)) }) });
    expect(reminders(h).byKey['x1']).toBeUndefined();
  });
});

describe('reminders from answers', () => {
  it('messages of a channel state bring their reminder', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'x1', t(1), { reminder: wireReminder('x1', t(100)) })] });
    const once = h.store.getState();
    expect(once.reminders.byKey['x1']?.remind_at).toBe(t(100));
    expect(once.reminders.byKey['x1']?.message?.id).toBe('x1');
    h.hydrate(A, { messages: [msg(A, 'x1', t(1), { reminder: wireReminder('x1', t(100)) })] });
    expect(h.store.getState().reminders).toBe(once.reminders);
  });

  it('a page of QueryReminders fills its list; a repeat keeps the reference; the due mark survives a re-read', () => {
    const h = held();
    h.dispatch({ type: 'reminders/requested', key: 'l', filter: {}, reset: true });
    const page = [decodedReminder('x1', t(100)), decodedReminder('x2', undefined)];
    h.dispatch({ type: 'reminders/loaded', key: 'l', reminders: page, reset: true, next: 'n1' });
    const once = h.store.getState();
    expect(once.reminders.lists['l']?.keys).toEqual(['x1', 'x2']);
    expect(once.reminders.lists['l']?.hasMore).toBe(true);
    h.dispatch({ type: 'reminders/loaded', key: 'l', reminders: page, reset: true, next: 'n1' });
    expect(h.store.getState().reminders).toBe(once.reminders);
    h.send('notification.reminder_due', { cid: A, reminder: wireReminder('x1', t(100)) });
    h.dispatch({ type: 'reminders/loaded', key: 'l', reminders: page, reset: true, next: 'n1' });
    expect(reminders(h).byKey['x1']?.due).toBe(true);
  });
});

describe('optimistic reminder writes', () => {
  const local = (messageId: string, remindAt: number): Reminder => ({ channel_cid: A, message_id: messageId, user_id: 'me', remind_at: remindAt, created_at: t(9), updated_at: t(9) });

  it('a create shows at once on the list and the message; a failure takes back exactly that', () => {
    const h = held();
    const before = h.store.getState();
    const message = heldMessage(h, 'x1');
    h.dispatch({ type: 'reminder/writing', opId: 'o1', messageId: 'x1', cid: A, reminder: local('x1', t(100)) });
    expect(reminders(h).byKey['x1']?.remind_at).toBe(t(100));
    expect(heldMessage(h, 'x1')?.reminder?.remind_at).toBe(t(100));
    h.dispatch({ type: 'reminder/writeFailed', opId: 'o1', messageId: 'x1', cid: A });
    expect(reminders(h).byKey).toEqual(before.reminders.byKey);
    expect(reminders(h).pending).toEqual({});
    expect(heldMessage(h, 'x1')).toStrictEqual(message);
  });

  it('a delete that fails puts the reminder back on the message; the echo before the answer settles on the server copy', () => {
    const h = held();
    h.send('reminder.created', { cid: A, reminder: wireReminder('x1', t(100)) });
    const before = reminders(h).byKey['x1'];
    h.dispatch({ type: 'reminder/writing', opId: 'o1', messageId: 'x1', cid: A, reminder: null });
    expect(heldMessage(h, 'x1')?.reminder).toBeUndefined();
    h.dispatch({ type: 'reminder/writeFailed', opId: 'o1', messageId: 'x1', cid: A });
    expect(reminders(h).byKey['x1']).toBe(before);
    expect(heldMessage(h, 'x1')?.reminder?.remind_at).toBe(t(100));
    h.dispatch({ type: 'reminder/writing', opId: 'o2', messageId: 'x1', cid: A, reminder: local('x1', t(150)) });
    h.send('reminder.updated', { cid: A, reminder: wireReminder('x1', t(150), t(9)) });
    h.dispatch({ type: 'reminder/written', opId: 'o2', messageId: 'x1', reminder: decodedReminder('x1', t(150), t(9)) });
    expect(reminders(h).byKey['x1']?.updated_at).toBe(t(9));
    expect(reminders(h).pending).toEqual({});
  });
});

describe('live locations', () => {
  function location(messageId: string, endAt: number | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const l: Record<string, unknown> = { channel_cid: A, message_id: messageId, user_id: 'me', latitude: 1, longitude: 2, created_by_device_id: 'd', created_at: iso(t(1)), updated_at: iso(t(1)), ...extra };
    if (endAt !== undefined) l['end_at'] = iso(endAt);
    return l;
  }
  const now = Date.now();

  it('an own message sharing a live location makes it active; another user\'s or a static one does not; a repeat keeps the reference', () => {
    const h = held();
    h.send('message.new', { cid: A, message: msg(A, 'l1', t(3), { user: { id: 'me' }, shared_location: location('l1', now + 60_000) }) });
    h.send('message.new', { cid: A, message: msg(A, 'l2', t(4), { shared_location: location('l2', now + 60_000, { user_id: 'bob' }) }) });
    h.send('message.new', { cid: A, message: msg(A, 'l3', t(5), { user: { id: 'me' }, shared_location: location('l3', undefined) }) });
    const once = h.store.getState();
    expect(Object.keys(once.liveLocations.byMessage)).toEqual(['l1']);
    h.send('message.new', { cid: A, message: msg(A, 'l1', t(3), { user: { id: 'me' }, shared_location: location('l1', now + 60_000) }) });
    expect(h.store.getState().liveLocations).toBe(once.liveLocations);
  });

  it('moves with message.updated, ends by location/ended at its end_at (not before), and with a deleted message', () => {
    const h = held();
    h.send('message.new', { cid: A, message: msg(A, 'l1', t(3), { user: { id: 'me' }, shared_location: location('l1', now + 60_000) }) });
    h.send('message.updated', { cid: A, message: msg(A, 'l1', t(3), { user: { id: 'me' }, updated_at: iso(t(6)), shared_location: location('l1', now + 60_000, { latitude: 5, updated_at: iso(t(6)) }) }) });
    expect(h.store.getState().liveLocations.byMessage['l1']?.latitude).toBe(5);
    const before = h.store.getState();
    h.dispatch({ type: 'location/ended', messageId: 'l1', at: now + 59_000 });
    expect(h.store.getState().liveLocations).toBe(before.liveLocations);
    h.dispatch({ type: 'location/ended', messageId: 'l1', at: now + 60_000 });
    expect(h.store.getState().liveLocations.byMessage['l1']).toBeUndefined();
    h.send('message.new', { cid: A, message: msg(A, 'l4', t(7), { user: { id: 'me' }, shared_location: location('l4', now + 60_000) }) });
    h.send('message.deleted', { cid: A, message: msg(A, 'l4', t(7), { user: { id: 'me' }, type: 'deleted', updated_at: iso(t(8)) }) });
    expect(h.store.getState().liveLocations.byMessage['l4']).toBeUndefined();
  });

  it('GetUserLiveLocations replaces the list; an UpdateLiveLocation answer that ends it removes it', () => {
    const h = held();
    const decode = (l: Record<string, unknown>): SharedLocationResponseData => {
      const r = decodeModel('SharedLocationResponseData', l);
      if (!r.ok) throw r.error;
      return r.value;
    };
    h.dispatch({ type: 'locations/loaded', locations: [decode(location('a', now + 60_000)), decode(location('b', now + 60_000))] });
    const once = h.store.getState();
    expect(once.liveLocations.loaded).toBe(true);
    expect(Object.keys(once.liveLocations.byMessage).sort()).toEqual(['a', 'b']);
    h.dispatch({ type: 'locations/loaded', locations: [decode(location('a', now + 60_000)), decode(location('b', now + 60_000))] });
    expect(h.store.getState().liveLocations).toBe(once.liveLocations);
    h.dispatch({ type: 'location/updated', location: decode(location('a', now - 1, { updated_at: iso(t(9)) })) });
    expect(Object.keys(h.store.getState().liveLocations.byMessage)).toEqual(['b']);
  });
});
