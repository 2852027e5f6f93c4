// The emulator refuses bad channel management as the service does: custom data past 5 KB
// (an over-long name), members changed by a non-member (also in an open channel type),
// unknown users; and distinct channels are keyed by their member set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { call } from './helpers.ts';

let emu: Emulator;
let tokens: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: ['alice', 'bob', 'carol'].map((id) => ({ id })),
      channels: [
        { type: 'messaging', id: 'room', data: { name: 'Room' }, members: ['alice', 'bob'], created_by: 'alice' },
        { type: 'livestream', id: 'live', members: ['alice', 'bob'], created_by: 'alice' },
      ],
    },
  });
  tokens = Object.fromEntries(await Promise.all(['alice', 'bob', 'carol'].map(async (u) => [u, await emu.createToken(u)] as const)));
});
afterAll(() => emu.close());

const as = (user: string, method: string, path: string, body?: unknown) => call(emu, tokens[user] ?? '', method, path, body);

describe('channel data limits', () => {
  it('an update whose custom data passes 5 KB is an input error and changes nothing', async () => {
    const res = await as('alice', 'POST', '/api/v2/chat/channels/messaging/room', { data: { name: 'x'.repeat(6_000) } });
    expect(res.status).toBe(400);
    expect(res.body['code']).toBe(4);
    const partial = await as('alice', 'PATCH', '/api/v2/chat/channels/messaging/room', { set: { name: 'y'.repeat(6_000) } });
    expect(partial.body['code']).toBe(4);
    const created = await as('alice', 'POST', '/api/v2/chat/channels/messaging/big/query', { data: { name: 'z'.repeat(6_000), members: [{ user_id: 'bob' }] } });
    expect(created.body['code']).toBe(4);
    const state = await as('alice', 'POST', '/api/v2/chat/channels/messaging/room/query', { state: true });
    expect(state.body['channel']['name']).toBe('Room');
    const ok = await as('alice', 'POST', '/api/v2/chat/channels/messaging/room', { data: { name: 'n'.repeat(4_000) } });
    expect(ok.status).toBeLessThan(300);
  });
});

describe('members', () => {
  it('a non-member may not remove or add members, not even in an open channel type (code 17)', async () => {
    const closed = await as('carol', 'POST', '/api/v2/chat/channels/messaging/room', { remove_members: ['bob'] });
    expect(closed.body['code']).toBe(17);
    const open = await as('carol', 'POST', '/api/v2/chat/channels/livestream/live', { remove_members: ['bob'] });
    expect(open.status).toBe(403);
    expect(open.body['code']).toBe(17);
    const add = await as('carol', 'POST', '/api/v2/chat/channels/livestream/live', { add_members: [{ user_id: 'carol' }] });
    expect(add.body['code']).toBe(17);
    const state = await as('alice', 'POST', '/api/v2/chat/channels/livestream/live/query', { state: true });
    expect(state.body['members'].map((m: { user_id: string }) => m.user_id).sort()).toEqual(['alice', 'bob']);
  });

  it('adding an unknown user is an input error naming the user', async () => {
    const res = await as('alice', 'POST', '/api/v2/chat/channels/messaging/room', { add_members: [{ user_id: 'ghost' }] });
    expect(res.body['code']).toBe(4);
    expect(res.body['message']).toMatch(/ghost/);
  });
});

describe('distinct channels', () => {
  it('the same member set, in any order and by any of its members, is the same channel', async () => {
    const a = await as('alice', 'POST', '/api/v2/chat/channels/messaging/query', { data: { members: [{ user_id: 'alice' }, { user_id: 'bob' }] } });
    const b = await as('bob', 'POST', '/api/v2/chat/channels/messaging/query', { data: { members: [{ user_id: 'alice' }] } });
    expect(a.body['channel']['cid']).toBe(b.body['channel']['cid']);
    const c = await as('alice', 'POST', '/api/v2/chat/channels/messaging/query', { data: { members: [{ user_id: 'carol' }] } });
    expect(c.body['channel']['cid']).not.toBe(a.body['channel']['cid']);
  });
});
