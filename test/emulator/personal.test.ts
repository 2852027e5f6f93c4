// The emulator's drafts, reminders and shared locations as the service behaves: a send
// deletes the sender's draft (draft.deleted), a reminder's time coming sends
// notification.reminder_due once on the emulator's clock (moved by advanceTime, never slept
// for), answers carry the caller's reminder and the message's shared location, thread
// states carry the caller's thread draft.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;

beforeEach(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice' }, { id: 'bob' }],
      channels: [{ type: 'messaging', id: 'room', members: ['alice', 'bob'], messages: [{ id: 'm1', user: 'bob', text: 'hello' }] }],
    },
  });
  alice = await RawClient.connect(emu, 'alice');
  bob = await RawClient.connect(emu, 'bob');
  await alice.api('POST', chan('messaging', 'room', '/query'), { watch: true, state: true });
  await bob.api('POST', chan('messaging', 'room', '/query'), { watch: true, state: true });
});
afterEach(async () => {
  alice.socket.close();
  bob.socket.close();
  await emu.close();
});

const iso = (ms: number) => new Date(ms).toISOString();

describe('reminders', () => {
  it('sends notification.reminder_due once when the clock reaches remind_at, to the owner only', async () => {
    const at = Date.now() + 3_600_000;
    const created = await alice.api('POST', '/api/v2/chat/messages/m1/reminders', { remind_at: iso(at) });
    expect(created.status).toBeLessThan(300);
    emu.controls.advanceTime(3_599_000);
    await alice.sync();
    expect(alice.events.filter((e) => e['type'] === 'notification.reminder_due')).toEqual([]);
    emu.controls.advanceTime(1_000);
    const due = await alice.waitForType('notification.reminder_due');
    expect(due['reminder']).toMatchObject({ message_id: 'm1', user_id: 'alice', channel_cid: 'messaging:room' });
    expect(due['message_id']).toBe('m1');
    emu.controls.advanceTime(60_000);
    await alice.sync();
    await bob.sync();
    expect(alice.events.filter((e) => e['type'] === 'notification.reminder_due')).toHaveLength(1);
    expect(bob.events.filter((e) => e['type'] === 'notification.reminder_due')).toEqual([]);
  });

  it('a moved or deleted reminder is due at its new time or never; a time in the past is code 4', async () => {
    const at = Date.now() + 60_000;
    await alice.api('POST', '/api/v2/chat/messages/m1/reminders', { remind_at: iso(at) });
    await alice.api('PATCH', '/api/v2/chat/messages/m1/reminders', { remind_at: iso(at + 60_000) });
    emu.controls.advanceTime(61_000);
    await alice.sync();
    expect(alice.events.filter((e) => e['type'] === 'notification.reminder_due')).toEqual([]);
    emu.controls.advanceTime(60_000);
    await alice.waitForType('notification.reminder_due');
    const past = await alice.api('PATCH', '/api/v2/chat/messages/m1/reminders', { remind_at: iso(Date.now() - 1_000) });
    expect(past.status).toBe(400);
    expect(past.body['code']).toBe(4);
    await alice.api('DELETE', '/api/v2/chat/messages/m1/reminders');
    const again = await alice.api('POST', '/api/v2/chat/messages/m1/reminders', { remind_at: iso(Date.now() + 600_000) });
    expect(again.status).toBeLessThan(300);
    await alice.api('DELETE', '/api/v2/chat/messages/m1/reminders');
    emu.controls.advanceTime(700_000);
    await alice.sync();
    expect(alice.events.filter((e) => e['type'] === 'notification.reminder_due')).toHaveLength(1);
  });

  it('message answers carry the caller\'s reminder, not someone else\'s', async () => {
    await alice.api('POST', '/api/v2/chat/messages/m1/reminders', {});
    const mine = await alice.api('GET', '/api/v2/chat/messages/m1');
    expect(mine.body['message']['reminder']).toMatchObject({ message_id: 'm1', user_id: 'alice' });
    const theirs = await bob.api('GET', '/api/v2/chat/messages/m1');
    expect(theirs.body['message']['reminder']).toBeUndefined();
  });
});

describe('drafts', () => {
  it('a sent message deletes the sender\'s draft of that channel and tells the sender; a reply deletes the thread draft only', async () => {
    await alice.api('POST', chan('messaging', 'room', '/draft'), { message: { text: 'channel draft' } });
    await alice.api('POST', chan('messaging', 'room', '/draft'), { message: { text: 'reply draft', parent_id: 'm1' } });
    const thread = await alice.api('GET', '/api/v2/chat/threads/m1');
    expect(thread.status).toBe(404);
    await alice.api('POST', chan('messaging', 'room', '/message'), { message: { text: 'a reply', parent_id: 'm1' } });
    const deleted = await alice.waitForType('draft.deleted');
    expect(deleted['draft']).toMatchObject({ parent_id: 'm1', channel_cid: 'messaging:room' });
    const state = await alice.api('POST', chan('messaging', 'room', '/query'), { state: true });
    expect(state.body['draft']).toMatchObject({ message: { text: 'channel draft' } });
    await alice.api('POST', chan('messaging', 'room', '/message'), { message: { text: 'sent' } });
    await alice.waitForType('draft.deleted', (e) => e['draft']['parent_id'] === undefined);
    const after = await alice.api('POST', chan('messaging', 'room', '/query'), { state: true });
    expect(after.body['draft']).toBeUndefined();
    expect(bob.events.filter((e) => String(e['type']).startsWith('draft.'))).toEqual([]);
  });

  it('a thread state carries the caller\'s thread draft', async () => {
    await bob.api('POST', chan('messaging', 'room', '/message'), { message: { text: 'r', parent_id: 'm1' } });
    await alice.api('POST', chan('messaging', 'room', '/draft'), { message: { text: 'reply draft', parent_id: 'm1' } });
    const thread = await alice.api('GET', '/api/v2/chat/threads/m1');
    expect(thread.body['thread']['draft']).toMatchObject({ parent_id: 'm1', message: { text: 'reply draft' } });
    const forBob = await bob.api('GET', '/api/v2/chat/threads/m1');
    expect(forBob.body['thread']['draft']).toBeUndefined();
  });
});

describe('shared locations', () => {
  it('a message shares a location; a live one is active until end_at and moves with UpdateLiveLocation', async () => {
    const end = Date.now() + 600_000;
    const sent = await alice.api('POST', chan('messaging', 'room', '/message'), { message: { shared_location: { latitude: 10, longitude: 20, end_at: iso(end), created_by_device_id: 'ph' } } });
    expect(sent.status).toBeLessThan(300);
    const id = sent.body['message']['id'] as string;
    expect(sent.body['message']['shared_location']).toMatchObject({ latitude: 10, longitude: 20, message_id: id, user_id: 'alice' });
    const active = await alice.api('GET', '/api/v2/users/live_locations');
    expect(active.body['active_live_locations'].map((l: { message_id: string }) => l.message_id)).toEqual([id]);
    await alice.api('PUT', '/api/v2/users/live_locations', { message_id: id, latitude: 11, longitude: 21 });
    const moved = await bob.waitForType('message.updated', (e) => e['message']['id'] === id);
    expect(moved['message']['shared_location']).toMatchObject({ latitude: 11, longitude: 21 });
    const still = await alice.api('POST', chan('messaging', 'room', '/message'), { message: { shared_location: { latitude: 0, longitude: 0 } } });
    expect(still.body['message']['shared_location']).toMatchObject({ latitude: 0 });
    const bad = await alice.api('POST', chan('messaging', 'room', '/message'), { message: { shared_location: { latitude: 91, longitude: 0 } } });
    expect(bad.body['code']).toBe(4);
    emu.controls.advanceTime(600_001);
    const ended = await alice.api('GET', '/api/v2/users/live_locations');
    expect(ended.body['active_live_locations']).toEqual([]);
  });
});
