// Drafts, reminders and live locations end to end: real clients against the real emulator
// over loopback (HTTP, WebSocket, JWT). Two clients of alice play two devices of one user
// (drafts and reminders are per user), bob is someone else in the channel.
import { describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { ChatError, tableGet, type ChatClient, type ChatEvent } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';
import { createVirtualClock } from '../helpers/virtualClock.ts';

const suite = emulatorSuite();

async function devices(channelId: string): Promise<{ a1: ChatClient; a2: ChatClient; bob: ChatClient }> {
  const a1 = await suite.client('alice');
  const a2 = await suite.client('alice');
  const bob = await suite.client('bob');
  await a1.channel('messaging', channelId, { members: ['alice', 'bob'] }).watch();
  await a2.channel('messaging', channelId).watch();
  await bob.channel('messaging', channelId).watch();
  return { a1, a2, bob };
}

describe('drafts', () => {
  it('a draft saved on one device shows on the other, in queryDrafts, and after a reload; a send clears it everywhere', async () => {
    const { a1, a2, bob } = await devices('d1');
    const c1 = a1.channel('messaging', 'd1');
    const c2 = a2.channel('messaging', 'd1');
    const bobEvents: string[] = [];
    const sub = bob.events$.subscribe((e) => bobEvents.push(e.type));

    const saving = c1.saveDraft({ text: 'half a thought' });
    // Optimistic: on the saving device at once.
    expect(a1.getState().drafts.byKey['messaging:d1']?.message.text).toBe('half a thought');
    const saved = await saving;
    expect(saved.message.text).toBe('half a thought');
    expect((await until(c2.draft$, (d) => d !== null))?.message.text).toBe('half a thought');

    // A fresh client (a reload) gets it with the channel state, and from QueryDrafts.
    const a3 = await suite.client('alice');
    const c3 = a3.channel('messaging', 'd1');
    await c3.watch();
    expect((await firstValueFrom(c3.draft$))?.message.text).toBe('half a thought');
    const list = a3.queryDrafts();
    const listed = await until(list.drafts$, (ds) => ds.length === 1);
    expect(listed[0]?.channel_cid).toBe('messaging:d1');

    // Sending clears it: at once on the sender, by draft.deleted on the others.
    await c1.sendMessage({ text: 'the whole thought' });
    expect(a1.getState().drafts.byKey['messaging:d1']).toBeUndefined();
    await until(c2.draft$, (d) => d === null);
    await until(list.drafts$, (ds) => ds.length === 0);
    await drained(suite.emu, bob, 'bob');
    expect(bobEvents.filter((t) => t.startsWith('draft.'))).toEqual([]);
    sub.unsubscribe();
    list.dispose();
  });

  it('a thread draft lives beside the channel draft and shows on thread.draft$; a reply clears only it', async () => {
    const { a1, a2 } = await devices('d2');
    const c1 = a1.channel('messaging', 'd2');
    const parent = await c1.sendMessage({ text: 'parent' });
    await c1.saveDraft({ text: 'channel draft' });
    await c1.saveDraft({ text: 'reply draft', parent_id: parent.id });
    const t2 = a2.thread(parent.id);
    expect((await until(t2.draft$, (d) => d !== null))?.message.text).toBe('reply draft');
    await a1.thread(parent.id).sendReply({ text: 'the reply' });
    await until(t2.draft$, (d) => d === null);
    expect((await firstValueFrom(a2.channel('messaging', 'd2').draft$))?.message.text).toBe('channel draft');
  });

  it('a save the server refuses is taken back exactly; bad input is a ChatError that changes nothing', async () => {
    const { a1 } = await devices('d3');
    const c1 = a1.channel('messaging', 'd3');
    await c1.saveDraft({ text: 'kept' });
    const before = a1.getState().drafts;
    suite.emu.controls.failNext('CreateDraft', { status: 400, code: 4, message: 'refused' });
    const failing = c1.saveDraft({ text: 'lost' });
    expect(a1.getState().drafts.byKey['messaging:d3']?.message.text).toBe('lost');
    await expect(failing).rejects.toBeInstanceOf(ChatError);
    expect(a1.getState().drafts.byKey['messaging:d3']).toBe(before.byKey['messaging:d3']);

    const bad = c1.saveDraft({ text: 42 } as unknown as { text: string });
    await expect(bad).rejects.toMatchObject({ code: 4, endpoint: 'CreateDraft' });
    await expect(c1.saveDraft({ text: 'x'.repeat(5001) })).rejects.toMatchObject({ code: 4 });
    expect(a1.getState().drafts.byKey['messaging:d3']).toBe(before.byKey['messaging:d3']);

    await c1.deleteDraft();
    expect(a1.getState().drafts.byKey['messaging:d3']).toBeUndefined();
  });

  it('the draft editor debounces saves on the client scheduler (virtual time, no sleeps)', async () => {
    const clock = createVirtualClock();
    const a1 = await suite.client('alice', { scheduler: clock.scheduler, requestTimeoutMs: false });
    const a2 = await suite.client('alice');
    await a1.channel('messaging', 'd4', { members: ['alice'] }).watch();
    const c2 = a2.channel('messaging', 'd4');
    await c2.watch();
    const editor = a1.draftEditor('messaging:d4', undefined, { debounceMs: 500 });
    const saves: ChatEvent[] = [];
    const sub = a2.events$.pipe(filter((e) => e.type === 'draft.updated')).subscribe((e) => saves.push(e));
    editor.save({ text: 'h' });
    clock.advance(300);
    editor.save({ text: 'he' });
    clock.advance(499);
    await drained(suite.emu, a2, 'alice');
    expect(saves).toEqual([]);
    clock.advance(1);
    expect((await until(c2.draft$, (d) => d !== null))?.message.text).toBe('he');
    expect(saves).toHaveLength(1);
    editor.save({ text: '' });
    clock.advance(500);
    await until(c2.draft$, (d) => d === null);
    editor.dispose();
    sub.unsubscribe();
  });
});

describe('reminders', () => {
  it('a reminder is shown at once, on the other device live, on the message, and its time coming marks it due (emulator clock moved, no sleeps)', async () => {
    const { a1, a2 } = await devices('r1');
    const c1 = a1.channel('messaging', 'r1');
    const m = await c1.sendMessage({ text: 'remember me' });
    const list = a2.queryReminders();
    await until(list.status$, (s) => !s.loading);
    const remindAt = Date.now() + 60 * 60_000;
    const creating = a1.createReminder(m.id, { remindAt });
    expect(a1.getState().reminders.byKey[m.id]?.remind_at).toBe(remindAt);
    const created = await creating;
    expect(created.remind_at).toBe(remindAt);
    // The held message carries it too (one source: the reminders held).
    const channel = tableGet(a1.getState().channels, 'messaging:r1');
    expect(channel && tableGet(channel.messages, m.id)?.reminder?.remind_at).toBe(remindAt);

    const shown = await until(list.reminders$, (rs) => rs.length === 1);
    expect(shown[0]?.message_id).toBe(m.id);

    const due = firstValueFrom(a2.events$.pipe(filter((e) => e.type === 'notification.reminder_due')));
    suite.emu.controls.advanceTime(60 * 60_000 + 1_000);
    expect((await due).reminder?.message_id).toBe(m.id);
    expect((await until(list.reminders$, (rs) => rs[0]?.due === true))[0]?.message_id).toBe(m.id);

    // The message read back carries the reminder; a delete takes it away on both devices.
    const { message } = await a2.api.getMessage(m.id);
    expect(message.reminder?.message_id).toBe(m.id);
    await a1.deleteReminder(m.id);
    await until(list.reminders$, (rs) => rs.length === 0);
    list.dispose();
  });

  it('a time in the past, or a second reminder on the same message, changes nothing', async () => {
    const { a1 } = await devices('r2');
    const m = await a1.channel('messaging', 'r2').sendMessage({ text: 'hi' });
    const before = a1.getState().reminders;
    await expect(a1.createReminder(m.id, { remindAt: Date.now() - 1_000 })).rejects.toMatchObject({ code: 4, endpoint: 'CreateReminder' });
    await expect(a1.createReminder('', {})).rejects.toMatchObject({ code: 4 });
    expect(a1.getState().reminders).toBe(before);
    await a1.createReminder(m.id);
    const held = a1.getState().reminders.byKey[m.id];
    await expect(a1.createReminder(m.id, { remindAt: Date.now() + 60_000 })).rejects.toBeInstanceOf(ChatError);
    expect(a1.getState().reminders.byKey[m.id]).toEqual(held);
    await expect(a1.updateReminder(m.id, { remindAt: Date.now() - 5 })).rejects.toMatchObject({ code: 4 });
    expect(a1.getState().reminders.byKey[m.id]).toEqual(held);
  });
});

describe('live locations', () => {
  it('a shared live location is active, moves for everyone, and ends at end_at on the client scheduler', async () => {
    const clock = createVirtualClock();
    const start = Date.now();
    clock.scheduler.frame = start;
    const alice = await suite.client('alice', { scheduler: clock.scheduler, requestTimeoutMs: false });
    const bob = await suite.client('bob');
    const a = alice.channel('messaging', 'l1', { members: ['alice', 'bob'] });
    await a.watch();
    const b = bob.channel('messaging', 'l1');
    await b.watch();
    const endAt = start + 10 * 60_000;
    const m = await a.sendMessage({ text: '', shared_location: { latitude: 52.37, longitude: 4.89, end_at: endAt, created_by_device_id: 'phone' } });
    const active = await until(alice.liveLocations$, (ls) => ls.length === 1);
    expect(active[0]).toMatchObject({ message_id: m.id, latitude: 52.37 });

    const moved = await alice.updateLiveLocation({ message_id: m.id, latitude: 52.38, longitude: 4.9 });
    expect(moved?.latitude).toBe(52.38);
    const seenByBob = await until(b.messages$, (ms) => ms.some((x) => x.id === m.id && x.shared_location?.latitude === 52.38));
    expect(seenByBob.find((x) => x.id === m.id)?.shared_location?.end_at).toBe(endAt);

    await expect(alice.updateLiveLocation({ message_id: m.id, latitude: 100, longitude: 0 })).rejects.toMatchObject({ code: 4 });
    await expect(bob.updateLiveLocation({ message_id: m.id, latitude: 1, longitude: 1 })).rejects.toBeInstanceOf(ChatError);

    clock.advance(endAt - start - 1);
    expect(alice.getState().liveLocations.byMessage[m.id]).toBeDefined();
    clock.advance(1);
    await until(alice.liveLocations$, (ls) => ls.length === 0);
  });

  it('a location the client hears of only after its end has passed ends at once', async () => {
    // Notifications run on their own clock here, moved by hand: the store has the location,
    // but the timer keeper hears of it only after the client's clock passed its end.
    const clock = createVirtualClock();
    const frames = createVirtualClock();
    const start = Date.now();
    clock.scheduler.frame = start;
    const alice = await suite.client('alice', { scheduler: clock.scheduler, notifyScheduler: frames.scheduler, requestTimeoutMs: false });
    const a = alice.channel('messaging', 'l2', { members: ['alice'] });
    await a.watch();
    const m = await a.sendMessage({ text: '', shared_location: { latitude: 1, longitude: 2, end_at: start + 60_000, created_by_device_id: 'phone' } });
    expect(alice.getState().liveLocations.byMessage[m.id]).toBeDefined();
    clock.advance(60_000);
    frames.advance(0);
    expect(alice.getState().liveLocations.byMessage[m.id]).toBeUndefined();
  });
});
