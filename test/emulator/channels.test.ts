import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { call, chan, RawClient } from './helpers.ts';

let emu: Emulator;
let tokens: Record<string, string>;
const T = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 12, minutes)).toISOString();

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: ['alice', 'bob', 'carol', 'dave'].map((id) => ({ id })),
      channels: [
        { type: 'messaging', id: 'a', data: { name: 'A' }, members: ['alice', 'bob'], messages: [{ user: 'bob', text: '1', created_at: T(1) }] },
        { type: 'messaging', id: 'b', data: { name: 'B' }, members: ['alice', 'carol', 'dave'], messages: [{ user: 'carol', text: '2', created_at: T(3) }] },
        { type: 'team', id: 'c', data: { name: 'C' }, members: ['alice', 'bob', 'carol'], messages: [{ user: 'alice', text: '3', created_at: T(2) }] },
        { type: 'messaging', id: 'private', members: ['bob', 'carol'] },
        { type: 'livestream', id: 'live', members: ['dave'], messages: [{ user: 'dave', text: 'on air', created_at: T(0) }] },
      ],
    },
  });
  tokens = Object.fromEntries(await Promise.all(['alice', 'bob', 'carol', 'dave', 'eve'].map(async (u) => [u, await emu.createToken(u)] as const)));
});
afterAll(() => emu.close());

const query = (user: string, body: unknown) => call(emu, tokens[user] ?? '', 'POST', '/api/v2/chat/channels', body);
const cids = (res: { body: any }) => res.body.channels.map((c: any) => c.channel.cid);

describe('QueryChannels', () => {
  it('filters by members $in and sorts by last_message_at', async () => {
    const res = await query('alice', { filter_conditions: { members: { $in: ['alice'] } }, sort: [{ field: 'last_message_at', direction: -1 }] });
    expect(res.status).toBe(200);
    expect(cids(res)).toEqual(['messaging:b', 'team:c', 'messaging:a']);
    const asc = await query('alice', { filter_conditions: { members: { $in: ['alice'] } }, sort: [{ field: 'last_message_at', direction: 1 }] });
    expect(cids(asc)).toEqual(['messaging:a', 'team:c', 'messaging:b']);
  });

  it('filters by type, cid $in, id, $and/$or, member_count and last_message_at comparisons', async () => {
    expect(cids(await query('alice', { filter_conditions: { type: 'team' } }))).toEqual(['team:c']);
    expect(cids(await query('alice', { filter_conditions: { cid: { $in: ['messaging:a', 'messaging:b'] } }, sort: [{ field: 'created_at', direction: 1 }] }))).toEqual(['messaging:a', 'messaging:b']);
    expect(cids(await query('alice', { filter_conditions: { $or: [{ id: 'a' }, { id: 'c' }] }, sort: [{ field: 'last_message_at', direction: 1 }] }))).toEqual(['messaging:a', 'team:c']);
    expect(cids(await query('alice', { filter_conditions: { $and: [{ members: { $in: ['alice'] } }, { members: { $in: ['carol'] } }] } }))).toEqual(['messaging:b', 'team:c']);
    expect(cids(await query('alice', { filter_conditions: { members: { $in: ['alice'] }, member_count: { $gte: 3 } } }))).toEqual(['messaging:b', 'team:c']);
    expect(cids(await query('alice', { filter_conditions: { members: { $in: ['alice'] }, last_message_at: { $gt: T(1) } } }))).toEqual(['messaging:b', 'team:c']);
    expect(cids(await query('alice', { filter_conditions: { members: { $eq: ['alice', 'bob'] } } }))).toEqual(['messaging:a']);
    expect(cids(await query('alice', { filter_conditions: { members: { $in: ['alice'] } }, sort: [{ field: 'member_count', direction: -1 }, { field: 'cid', direction: 1 }] }))).toEqual(['messaging:b', 'team:c', 'messaging:a']);
  });

  it('never returns members-only channels to non-members', async () => {
    const res = await query('alice', { filter_conditions: {} });
    expect(cids(res)).not.toContain('messaging:private');
    expect(cids(res)).toContain('livestream:live');
  });

  it('pages with limit and offset, and limits messages and members', async () => {
    const all = cids(await query('alice', { filter_conditions: { members: { $in: ['alice'] } } }));
    const p1 = await query('alice', { filter_conditions: { members: { $in: ['alice'] } }, limit: 2 });
    const p2 = await query('alice', { filter_conditions: { members: { $in: ['alice'] } }, limit: 2, offset: 2 });
    expect([...cids(p1), ...cids(p2)]).toEqual(all);
    const limited = await query('alice', { filter_conditions: { cid: 'messaging:b' }, message_limit: 0, member_limit: 1 });
    expect(limited.body.channels[0].messages).toEqual([]);
    expect(limited.body.channels[0].members).toHaveLength(1);
    expect(limited.body.channels[0].channel.member_count).toBe(3);
  });

  it('rejects bad input with code 4', async () => {
    expect((await query('alice', { filter_conditions: 'nope' })).body['code']).toBe(4);
    expect((await query('alice', { filter_conditions: { cid: { $weird: 1 } } })).body['code']).toBe(4);
    expect((await query('alice', { sort: [{ field: 'colour', direction: 1 }] })).body['code']).toBe(4);
    expect((await query('alice', { limit: 'ten' })).body['code']).toBe(4);
  });

  it('hides hidden channels unless the filter asks for them', async () => {
    const dave = await RawClient.connect(emu, 'dave');
    await dave.api('POST', chan('messaging', 'b', '/hide'), {});
    const shown = cids(await query('dave', { filter_conditions: { members: { $in: ['dave'] } } }));
    expect(shown).not.toContain('messaging:b');
    const hidden = cids(await query('dave', { filter_conditions: { members: { $in: ['dave'] }, hidden: true } }));
    expect(hidden).toEqual(['messaging:b']);
    await dave.api('POST', chan('messaging', 'b', '/show'), {});
    expect(cids(await query('dave', { filter_conditions: { members: { $in: ['dave'] } } }))).toContain('messaging:b');
    await dave.close();
  });
});

describe('GetOrCreateChannel', () => {
  it('creates a channel with members; the creator becomes the owner member', async () => {
    const res = await call(emu, tokens['alice'] ?? '', 'POST', chan('messaging', 'new1', '/query'), { data: { name: 'New', members: ['bob'], colour: 'blue' }, state: true });
    expect(res.status).toBe(200);
    expect(res.body['channel']).toMatchObject({ cid: 'messaging:new1', name: 'New', custom: { name: 'New', colour: 'blue' }, member_count: 2, created_by: { id: 'alice' } });
    expect(res.body['members'].map((m: any) => [m.user_id, m.channel_role])).toEqual([['alice', 'owner'], ['bob', 'channel_member']]);
    expect(res.body['membership']['user_id']).toBe('alice');
    expect(res.body['channel']['own_capabilities']).toContain('send-message');
    expect(res.body).toMatchObject({ messages: [], pinned_messages: [], threads: [], watcher_count: 0 });
  });

  it('refuses members who do not exist (code 4) and creates nothing', async () => {
    const res = await call(emu, tokens['alice'] ?? '', 'POST', chan('messaging', 'new2', '/query'), { data: { members: ['ghost'] } });
    expect(res.status).toBe(400);
    expect(res.body['code']).toBe(4);
    const again = await query('alice', { filter_conditions: { cid: 'messaging:new2' } });
    expect(again.body.channels).toEqual([]);
  });

  it('unknown channel type is code 16; non-members of messaging get code 17; livestream is open', async () => {
    expect((await call(emu, tokens['alice'] ?? '', 'POST', chan('nosuch', 'x', '/query'), {})).body['code']).toBe(16);
    const denied = await call(emu, tokens['alice'] ?? '', 'POST', chan('messaging', 'private', '/query'), {});
    expect(denied.status).toBe(403);
    expect(denied.body['code']).toBe(17);
    const send = await call(emu, tokens['alice'] ?? '', 'POST', chan('messaging', 'private', '/message'), { message: { text: 'let me in' } });
    expect(send.body['code']).toBe(17);
    const live = await call(emu, tokens['eve'] ?? '', 'POST', chan('livestream', 'live', '/query'), {});
    expect(live.status).toBe(200);
    expect(live.body['messages'].map((m: any) => m.text)).toEqual(['on air']);
    const liveSend = await call(emu, tokens['eve'] ?? '', 'POST', chan('livestream', 'live', '/message'), { message: { text: 'hi all' } });
    expect(liveSend.status).toBe(200);
  });

  it('distinct channels are found again by their member set', async () => {
    const first = await call(emu, tokens['carol'] ?? '', 'POST', '/api/v2/chat/channels/messaging/query', { data: { members: ['carol', 'dave'] } });
    expect(first.status).toBe(200);
    const second = await call(emu, tokens['dave'] ?? '', 'POST', '/api/v2/chat/channels/messaging/query', { data: { members: ['dave', 'carol'] } });
    expect(second.body['channel']['cid']).toBe(first.body['channel']['cid']);
    expect(first.body['channel']['id']).toMatch(/^!members-/);
  });
});
