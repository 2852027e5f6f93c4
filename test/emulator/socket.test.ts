import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }],
      channels: [
        { type: 'messaging', id: 'one', members: ['alice', 'bob'], messages: [{ user: 'bob', text: 'a' }, { user: 'bob', text: 'b', mentioned_users: ['alice'] }], reads: { alice: null } },
        { type: 'messaging', id: 'two', members: ['alice', 'bob'], messages: [{ user: 'bob', text: 'c' }], reads: { alice: null } },
      ],
    },
  });
});
afterAll(() => emu.close());

describe('WebSocket connect', () => {
  it('first frame is health.check with connection_id and me with unread totals', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    expect(alice.first).toMatchObject({ type: 'health.check', cid: '*' });
    expect(alice.first['created_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(alice.first['me']).toMatchObject({ id: 'alice', name: 'Alice', total_unread_count: 3, unread_count: 3, unread_channels: 2, unread_threads: 0, mutes: [], channel_mutes: [], online: true });
    await alice.close();
  });

  it('answers every health.check, in object or array form', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    alice.socket.send(JSON.stringify({ type: 'health.check', client_id: alice.connectionId }));
    alice.socket.send(JSON.stringify([{ type: 'health.check', client_id: alice.connectionId }]));
    await alice.waitFor(() => alice.ofType('health.check').length === 2, 'two replies');
    expect(alice.ofType('health.check').every((e) => e['connection_id'] === alice.connectionId)).toBe(true);
    alice.socket.send('not json');
    await alice.sync();
    await alice.close();
  });

  it('creates the user from user_details, and updates it on the next connect', async () => {
    const zed = await RawClient.connect(emu, 'zed', { name: 'Zed', image: 'http://img/zed.png', favourite: 'tea' });
    expect(zed.first['me']).toMatchObject({ id: 'zed', name: 'Zed', image: 'http://img/zed.png', custom: { favourite: 'tea' } });
    await zed.close();
    const again = await RawClient.connect(emu, 'zed', { name: 'Zed Z' });
    expect(again.first['me']).toMatchObject({ name: 'Zed Z', custom: { favourite: 'tea' } });
    const users = await again.api('GET', '/api/v2/users', undefined, { query: { payload: JSON.stringify({ filter_conditions: { id: 'zed' } }) } });
    expect(users.status).toBe(200);
    expect(users.body['users'][0]).toMatchObject({ name: 'Zed Z' });
    await again.close();
  });

  it('tells channel members about presence changes', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    const bob = await RawClient.connect(emu, 'bob');
    const online = await alice.waitForType('user.presence.changed', (e) => e['user']['id'] === 'bob' && e['user']['online'] === true);
    expect(online['user']['online']).toBe(true);
    await bob.close();
    await alice.waitForType('user.presence.changed', (e) => e['user']['id'] === 'bob' && e['user']['online'] === false);
    await alice.close();
  });

  it('watching sends user.watching.start and stop with watcher_count', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    const bob = await RawClient.connect(emu, 'bob');
    const res = await alice.api('POST', chan('messaging', 'one', '/query'), { state: true, watch: true });
    expect(res.body['watcher_count']).toBe(1);
    await bob.api('POST', chan('messaging', 'one', '/query'), { state: true, watch: true });
    const start = await alice.waitForType('user.watching.start', (e) => e['user']['id'] === 'bob');
    expect(start).toMatchObject({ cid: 'messaging:one', watcher_count: 2 });
    await bob.close();
    const stop = await alice.waitForType('user.watching.stop', (e) => e['user']['id'] === 'bob');
    expect(stop['watcher_count']).toBe(1);
    await alice.close();
  });
});
