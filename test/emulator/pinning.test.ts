// Pinning as the official client does it: stream-chat's pinMessage sends a partial update
// `set: { pinned: true, pin_expires, pinned_at }`, null meaning "no expiry" and "now".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;
let carol: RawClient;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice' }, { id: 'bob' }, { id: 'carol' }],
      channels: [{ type: 'messaging', id: 'pins', members: ['alice', 'bob'], messages: [{ id: 'p1', user: 'alice', text: 'pin me' }, { id: 'p2', user: 'alice', text: 'me too' }] }],
    },
  });
  alice = await RawClient.connect(emu, 'alice');
  bob = await RawClient.connect(emu, 'bob');
  carol = await RawClient.connect(emu, 'carol');
  await alice.api('POST', chan('messaging', 'pins', '/query'), { watch: true });
});
afterAll(async () => {
  for (const c of [alice, bob, carol]) await c.close();
  await emu.close();
});

describe('pinning', () => {
  it('a member pins another member\'s message with stream-chat\'s request', async () => {
    const res = await bob.api('PUT', '/api/v2/chat/messages/p1', { set: { pinned: true, pin_expires: null, pinned_at: null } });
    expect(res.status).toBe(200);
    expect(res.body['message']).toMatchObject({ id: 'p1', pinned: true, pinned_by: { id: 'bob' }, text: 'pin me', user: { id: 'alice' } });
    expect(typeof res.body['message']['pinned_at']).toBe('string');
    expect(res.body['message']['pin_expires']).toBeUndefined();
    expect(await alice.waitForType('message.updated', (e) => e['message']['pinned'] === true)).toMatchObject({ message: { id: 'p1', pinned_by: { id: 'bob' } } });
    const state = await alice.api('POST', chan('messaging', 'pins', '/query'), {});
    expect(state.body['pinned_messages'].map((m: any) => m.id)).toEqual(['p1']);
  });

  it('keeps a given pinned_at and pin_expires, and unpins with set: { pinned: false }', async () => {
    const at = '2020-01-02T03:04:05.000000Z';
    const until = '2099-01-01T00:00:00.000000Z';
    const res = await bob.api('PUT', '/api/v2/chat/messages/p2', { set: { pinned: true, pin_expires: until, pinned_at: at } });
    expect(res.body['message']).toMatchObject({ pinned: true, pinned_at: at, pin_expires: until });
    const off = await bob.api('PUT', '/api/v2/chat/messages/p2', { set: { pinned: false } });
    expect(off.body['message']['pinned']).toBe(false);
    expect(off.body['message']['pinned_at']).toBeUndefined();
  });

  it('still refuses a non-author\'s edit that is more than a pin, and a non-member\'s pin', async () => {
    const edit = await bob.api('PUT', '/api/v2/chat/messages/p1', { set: { pinned: true, text: 'mine now' } });
    expect(edit.status).toBe(403);
    expect(edit.body['code']).toBe(17);
    const outsider = await carol.api('PUT', '/api/v2/chat/messages/p1', { set: { pinned: false, pinned_at: null } });
    expect(outsider.body['code']).toBe(17);
    expect((await alice.api('GET', '/api/v2/chat/messages/p1')).body['message']['pinned']).toBe(true);
  });
});
