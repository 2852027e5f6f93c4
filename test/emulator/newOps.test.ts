// The end-user operations added by issue 23, each over real HTTP at the seed's method and
// path, with the state later calls read back and the events the socket carries: reminders,
// devices and push preferences, blocks, guests, app settings, link previews, live locations,
// bans and flags, translation and reaction queries. (Polls and message actions:
// newPollOps.test.ts.)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { decodeModel } from '../../src/models/decode.ts';
import { call, RawClient } from './helpers.ts';
import { OpLedger, payload } from './opCalls.ts';

const ops = new OpLedger();
const COVERS = [
  'CreateReminder', 'UpdateReminder', 'DeleteReminder', 'QueryReminders', 'ListDevices', 'CreateDevice', 'DeleteDevice',
  'UpdatePushNotificationPreferences', 'GetBlockedUsers', 'BlockUsers', 'UnblockUsers', 'CreateGuest', 'GetApp', 'GetOG',
  'GetUserLiveLocations', 'UpdateLiveLocation', 'QueryBannedUsers', 'QueryFutureChannelBans', 'QueryMessageFlags', 'TranslateMessage',
  'QueryReactions',
];

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emu-ops-'));
  emu = await startEmulator({
    persistPath: join(dir, 'state.json'),
    seed: {
      users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }, { id: 'carol' }],
      channels: [
        { type: 'messaging', id: 'room', members: ['alice', 'bob'], messages: [
          { id: 'm1', user: 'bob', text: 'hello there', reactions: [{ user: 'alice', type: 'like' }, { user: 'bob', type: 'love' }, { user: 'alice', type: 'love' }] },
          { id: 'm2', user: 'alice', text: 'on my way' },
        ] },
        { type: 'messaging', id: 'secret', members: ['carol'], messages: [{ id: 's1', user: 'carol', text: 'private' }] },
      ],
    },
  });
  [alice, bob] = (await Promise.all(['alice', 'bob'].map((u) => RawClient.connect(emu, u)))) as [RawClient, RawClient];
  await bob.api('POST', '/api/v2/chat/channels/messaging/room/query', { watch: true });
});
afterAll(async () => {
  for (const c of [alice, bob]) await c.close();
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reminders', () => {
  it('create, update, query and delete, each heard as reminder.* on the own connections', async () => {
    const when = new Date(Date.UTC(2030, 0, 1)).toISOString();
    const created = await ops.ok(alice, 'CreateReminder', { message_id: 'm1' }, { remind_at: when });
    expect(created['reminder']).toMatchObject({ message_id: 'm1', user_id: 'alice', channel_cid: 'messaging:room' });
    expect(Date.parse(created['reminder']['remind_at'])).toBe(Date.parse(when));
    expect((await alice.waitForType('reminder.created'))['reminder']).toMatchObject({ message_id: 'm1' });
    const again = await ops.call(alice, 'CreateReminder', { message_id: 'm1' }, {});
    expect(again.body).toMatchObject({ code: 4 });
    expect(again.body['message']).toContain('already has reminder created for this message_id');
    expect((await ops.call(alice, 'CreateReminder', { message_id: 's1' }, {})).body['code']).toBe(17);
    await ops.ok(alice, 'CreateReminder', { message_id: 'm2' }, {});

    const later = await ops.ok(alice, 'UpdateReminder', { message_id: 'm2' }, { remind_at: '2031-05-01T00:00:00Z' });
    expect(Date.parse(later['reminder']['remind_at'])).toBe(Date.parse('2031-05-01T00:00:00Z'));
    await alice.waitForType('reminder.updated', (e) => e['message_id'] === 'm2');

    const all = await ops.ok(alice, 'QueryReminders', {}, { sort: [{ field: 'remind_at', direction: 1 }] });
    expect(all['reminders'].map((r: any) => r.message_id)).toEqual(['m1', 'm2']);
    const due = await ops.ok(alice, 'QueryReminders', {}, { filter: { remind_at: { $lt: '2030-06-01T00:00:00Z' } } });
    expect(due['reminders'].map((r: any) => r.message_id)).toEqual(['m1']);
    const paged = await ops.ok(alice, 'QueryReminders', {}, { limit: 1 });
    expect(paged['reminders']).toHaveLength(1);
    const second = await ops.ok(alice, 'QueryReminders', {}, { limit: 1, next: paged['next'] });
    expect(second['reminders'][0]['message_id']).not.toBe(paged['reminders'][0]['message_id']);
    expect((await ops.ok(bob, 'QueryReminders', {}, {}))['reminders']).toEqual([]);

    await ops.ok(alice, 'DeleteReminder', { message_id: 'm2' });
    await alice.waitForType('reminder.deleted', (e) => e['message_id'] === 'm2');
    const gone = await ops.call(alice, 'DeleteReminder', { message_id: 'm2' });
    expect(gone.body).toMatchObject({ code: 16 });
    expect(gone.body['message']).toContain('reminder does not exist');
    await bob.sync();
    expect(bob.ofType('reminder.created')).toEqual([]);
  });
});

describe('devices and push preferences', () => {
  it('a device registers, lists, moves between users and deletes; only the own user', async () => {
    await ops.ok(alice, 'CreateDevice', {}, { id: 'dev-1', push_provider: 'firebase', push_provider_name: 'fcm' });
    const listed = await ops.ok(alice, 'ListDevices');
    expect(listed['devices']).toMatchObject([{ id: 'dev-1', user_id: 'alice', push_provider: 'firebase', push_provider_name: 'fcm' }]);
    expect((await ops.call(alice, 'CreateDevice', {}, { id: 'dev-2', push_provider: 'pigeon' })).body['code']).toBe(4);
    expect((await ops.call(alice, 'CreateDevice', {}, { id: 'dev-2', push_provider: 'apn', user_id: 'bob' })).body['code']).toBe(17);
    expect((await ops.call(bob, 'DeleteDevice', {}, undefined, { query: { id: 'dev-1' } })).body['code']).toBe(16);
    await ops.ok(bob, 'CreateDevice', {}, { id: 'dev-1', push_provider: 'apn' });
    expect((await ops.ok(alice, 'ListDevices'))['devices']).toEqual([]);
    await ops.ok(bob, 'DeleteDevice', {}, undefined, { query: { id: 'dev-1' } });
    expect((await ops.ok(bob, 'ListDevices'))['devices']).toEqual([]);
    expect((await ops.call(bob, 'DeleteDevice')).body['message']).toContain('"id" is required');
  });

  it('push preferences are stored per user and channel, and read back', async () => {
    const first = await ops.ok(alice, 'UpdatePushNotificationPreferences', {}, { preferences: [{ chat_level: 'mentions' }] });
    expect(first['user_preferences']['alice']).toMatchObject({ chat_level: 'mentions' });
    const second = await ops.ok(alice, 'UpdatePushNotificationPreferences', {}, {
      preferences: [{ channel_cid: 'messaging:room', chat_level: 'none', disabled_until: '2030-01-01T00:00:00Z' }],
    });
    expect(second['user_preferences']['alice']).toMatchObject({ chat_level: 'mentions' });
    expect(second['user_channel_preferences']['alice']['messaging:room']).toMatchObject({ chat_level: 'none' });
    expect((await ops.call(alice, 'UpdatePushNotificationPreferences', {}, { preferences: [{ chat_level: 'loud' }] })).body['code']).toBe(4);
    expect((await ops.call(alice, 'UpdatePushNotificationPreferences', {}, { preferences: [{ user_id: 'bob', chat_level: 'all' }] })).body['code']).toBe(17);
    expect((await ops.call(alice, 'UpdatePushNotificationPreferences', {}, { preferences: 'all' })).body['message']).toContain('preferences');
  });
});

describe('blocks', () => {
  it('block, list, show in the own user, unblock', async () => {
    const blocked = await ops.ok(alice, 'BlockUsers', {}, { blocked_user_id: 'carol' });
    expect(blocked).toMatchObject({ blocked_by_user_id: 'alice', blocked_user_id: 'carol' });
    const list = await ops.ok(alice, 'GetBlockedUsers');
    expect(list['blocks']).toMatchObject([{ user_id: 'alice', blocked_user_id: 'carol', blocked_user: { id: 'carol' } }]);
    expect((await ops.call(alice, 'BlockUsers', {}, { blocked_user_id: 'alice' })).body['code']).toBe(4);
    expect((await ops.call(alice, 'BlockUsers', {}, { blocked_user_id: 'nobody' })).body['code']).toBe(4);
    const me = (await ops.ok(alice, 'QueryUsers', {}, undefined, payload({ filter_conditions: { id: 'alice' } })))['users'][0];
    expect(me['blocked_user_ids']).toEqual(['carol']);
    expect((await ops.ok(bob, 'GetBlockedUsers'))['blocks']).toEqual([]);
    await ops.ok(alice, 'UnblockUsers', {}, { blocked_user_id: 'carol' });
    expect((await ops.ok(alice, 'GetBlockedUsers'))['blocks']).toEqual([]);
  });
});

describe('guests, app settings and link previews', () => {
  it('CreateGuest works without a token and gives a working guest token', async () => {
    const res = await call(emu, '', 'POST', '/api/v2/guest', { user: { id: 'visitor', name: 'Visitor' } }, { token: null, headers: { 'stream-auth-type': 'anonymous' } });
    ops.called.add('CreateGuest');
    expect(res.status).toBe(200);
    expect(res.body['user']).toMatchObject({ id: 'visitor', role: 'guest', name: 'Visitor' });
    const guest = await call(emu, res.body['access_token'], 'GET', '/api/v2/app');
    expect(guest.status).toBe(200);
    expect((await ops.call(alice, 'CreateGuest', {}, { user: { id: 'bob' } })).body['code']).toBe(4);
    expect((await ops.call(alice, 'CreateGuest', {}, { user: { name: 'no id' } })).body['message']).toContain('user.id');
  });

  it('GetApp answers the app settings in the seed shape, with every channel type', async () => {
    const res = await ops.ok(alice, 'GetApp');
    expect(decodeModel('GetApplicationResponse', res).ok).toBe(true);
    expect(Object.keys(res['app']['channel_configs'])).toContain('messaging');
    expect(res['app']['channel_configs']['messaging']).toMatchObject({ reactions: true, commands: ['giphy'] });
  });

  it('GetOG reads the local table and loopback pages, never the outside network', async () => {
    const known = await ops.ok(alice, 'GetOG', {}, undefined, { query: { url: 'https://example.com/' } });
    expect(known).toMatchObject({ title: 'Example Domain', og_scrape_url: 'https://example.com/' });
    const page: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>Fallback</title><meta property="og:title" content="Local &amp; fine"><meta property="og:image" content="/pic.png"><meta name="description" content="A page"></head></html>');
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(page.address() as AddressInfo).port}/post`;
      const local = await ops.ok(alice, 'GetOG', {}, undefined, { query: { url } });
      expect(local).toMatchObject({ title: 'Local & fine', text: 'A page', image_url: `${new URL(url).origin}/pic.png`, title_link: url });
    } finally {
      await new Promise<void>((r) => page.close(() => r()));
    }
    const outside = await ops.call(alice, 'GetOG', {}, undefined, { query: { url: 'https://unknown.invalid/x' } });
    expect(outside.body).toMatchObject({ code: 4 });
    expect(outside.body['message']).toContain('loopback');
    expect((await ops.call(alice, 'GetOG')).body['message']).toContain('"url" is required');
  });
});

describe('live locations', () => {
  it('the author starts, moves and ends a location; watchers hear message.updated', async () => {
    const started = await ops.ok(alice, 'UpdateLiveLocation', {}, { message_id: 'm2', latitude: 52.37, longitude: 4.89, end_at: '2099-01-01T00:00:00Z' });
    expect(started).toMatchObject({ message_id: 'm2', user_id: 'alice', latitude: 52.37, longitude: 4.89, channel_cid: 'messaging:room' });
    const event = await bob.waitForType('message.updated', (e) => e['message']?.['id'] === 'm2');
    expect(event['shared_location']).toMatchObject({ latitude: 52.37, longitude: 4.89 });
    await ops.ok(alice, 'UpdateLiveLocation', {}, { message_id: 'm2', latitude: 52.4 });
    const active = await ops.ok(alice, 'GetUserLiveLocations');
    expect(active['active_live_locations']).toMatchObject([{ message_id: 'm2', latitude: 52.4, longitude: 4.89 }]);
    expect((await ops.call(bob, 'UpdateLiveLocation', {}, { message_id: 'm2', latitude: 1, longitude: 1 })).body['code']).toBe(17);
    expect((await ops.call(alice, 'UpdateLiveLocation', {}, { message_id: 'm2', latitude: 200 })).body['code']).toBe(4);
    expect((await ops.call(alice, 'UpdateLiveLocation', {}, { latitude: 1 })).body['message']).toContain('"message_id" is required');
    await ops.ok(alice, 'UpdateLiveLocation', {}, { message_id: 'm2', end_at: '2000-01-01T00:00:00Z' });
    expect((await ops.ok(alice, 'GetUserLiveLocations'))['active_live_locations']).toEqual([]);
  });
});

describe('bans, future bans and flags', () => {
  it('answer what exists and check their payloads', async () => {
    expect((await ops.ok(alice, 'QueryBannedUsers', {}, undefined, payload({ filter_conditions: { channel_cid: 'messaging:room' } })))['bans']).toEqual([]);
    expect((await ops.call(alice, 'QueryBannedUsers', {}, undefined, payload({ filter_conditions: { user_id: { $near: 1 } } }))).body['code']).toBe(4);
    expect((await ops.ok(alice, 'QueryFutureChannelBans', {}, undefined, payload({ user_id: 'alice' })))['bans']).toEqual([]);
    expect((await ops.call(alice, 'QueryFutureChannelBans', {}, undefined, payload({ limit: 'ten' }))).body['code']).toBe(4);
    expect((await ops.ok(alice, 'QueryMessageFlags', {}, undefined, payload({ filter_conditions: { channel_cid: 'messaging:room' } })))['flags']).toEqual([]);
    expect((await ops.call(alice, 'QueryMessageFlags', {}, undefined, { query: { payload: '{nope' } })).body['code']).toBe(4);
  });
});

describe('translation and reaction queries', () => {
  it('TranslateMessage answers a deterministic marker per language', async () => {
    const fr = await ops.ok(alice, 'TranslateMessage', { id: 'm1' }, { language: 'fr' });
    expect(fr['message']).toMatchObject({ id: 'm1', text: 'hello there', i18n: { fr_text: '[fr] hello there', language: 'en' } });
    expect((await ops.ok(bob, 'TranslateMessage', { id: 'm1' }, { language: 'fr' }))['message']['i18n']).toEqual(fr['message']['i18n']);
    expect((await ops.call(alice, 'TranslateMessage', { id: 'm1' }, {})).body['message']).toContain('"language" is required');
    expect((await ops.call(alice, 'TranslateMessage', { id: 'm1' }, { language: 'not a language' })).body['code']).toBe(4);
    expect((await ops.call(alice, 'TranslateMessage', { id: 's1' }, { language: 'fr' })).body['code']).toBe(17);
  });

  it('QueryReactions filters, sorts and pages a message\'s reactions', async () => {
    const loves = await ops.ok(alice, 'QueryReactions', { id: 'm1' }, { filter: { type: 'love' }, sort: [{ field: 'user_id', direction: 1 }].slice(0, 0) });
    expect(loves['reactions'].map((r: any) => r.user_id).sort()).toEqual(['alice', 'bob']);
    const mine = await ops.ok(alice, 'QueryReactions', { id: 'm1' }, { filter: { user_id: 'alice' } });
    expect(mine['reactions'].map((r: any) => r.type).sort()).toEqual(['like', 'love']);
    const first = await ops.ok(alice, 'QueryReactions', { id: 'm1' }, { limit: 2 });
    const rest = await ops.ok(alice, 'QueryReactions', { id: 'm1' }, { limit: 2, next: first['next'] });
    expect(first['reactions']).toHaveLength(2);
    expect(rest['reactions']).toHaveLength(1);
    expect((await ops.call(alice, 'QueryReactions', { id: 'm1' }, { limit: 'all' })).body['message']).toContain('limit');
    expect((await ops.call(alice, 'QueryReactions', { id: 's1' }, {})).body['code']).toBe(17);
  });
});

describe('persistence', () => {
  it('reminders, devices, blocks and preferences survive a restart', async () => {
    await ops.ok(alice, 'CreateDevice', {}, { id: 'dev-keep', push_provider: 'apn' });
    await ops.ok(alice, 'BlockUsers', {}, { blocked_user_id: 'carol' });
    await alice.close();
    await bob.close();
    await emu.close();
    emu = await startEmulator({ persistPath: join(dir, 'state.json') });
    alice = await RawClient.connect(emu, 'alice');
    bob = await RawClient.connect(emu, 'bob');
    expect((await ops.ok(alice, 'QueryReminders', {}, {}))['reminders'].map((r: any) => r.message_id)).toEqual(['m1']);
    expect((await ops.ok(alice, 'ListDevices'))['devices'].map((d: any) => d.id)).toEqual(['dev-keep']);
    expect((await ops.ok(alice, 'GetBlockedUsers'))['blocks'].map((b: any) => b.blocked_user_id)).toEqual(['carol']);
    const prefs = await ops.ok(alice, 'UpdatePushNotificationPreferences', {}, { preferences: [] });
    expect(prefs['user_preferences']['alice']).toMatchObject({ chat_level: 'mentions' });
  });

  it('called every operation this file covers', () => {
    expect(COVERS.filter((name) => !ops.called.has(name))).toEqual([]);
  });
});
