import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from 'chatstore/emulator';
import { chan, expectTime, RawClient, watchingPair } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ emu, alice, bob, close } = await watchingPair(
    {
      users: [{ id: 'alice' }, { id: 'bob' }, { id: 'carol' }],
      channels: [
        { type: 'messaging', id: 'm', members: ['alice', 'bob'] },
        { type: 'messaging', id: 'other', members: ['alice', 'carol'], messages: [{ id: 'secret', user: 'carol', text: 'only for alice and carol' }] },
      ],
    },
    'm',
  ));
});
afterAll(() => close());

const send = (c: RawClient, message: Record<string, unknown>) => c.api('POST', chan('messaging', 'm', '/message'), { message });
const channelMessages = async () => (await alice.api('POST', chan('messaging', 'm', '/query'), { messages: { limit: 300 } })).body['messages'] as any[];

describe('SendMessage', () => {
  it('honours the client id and returns the full message', async () => {
    const res = await send(alice, { id: 'alice-1', text: 'hello @bob', mentioned_users: ['bob'], attachments: [{ type: 'image', image_url: 'http://x/y.png' }], priority: 'high' });
    expect(res.status).toBe(200);
    expect(res.body['message']).toMatchObject({
      id: 'alice-1', cid: 'messaging:m', text: 'hello @bob', type: 'regular', user: { id: 'alice' }, mentioned_users: [{ id: 'bob' }],
      attachments: [{ type: 'image', image_url: 'http://x/y.png' }], custom: { priority: 'high' }, priority: 'high',
      latest_reactions: [], own_reactions: [], reaction_counts: {}, reaction_scores: {}, reply_count: 0, pinned: false, silent: false, shadowed: false,
    });
    expect(res.body['message']['created_at']).toMatch(/\.\d{6}Z$/);
  });

  it('sending an existing id again is code 4 and creates no duplicate', async () => {
    await send(alice, { id: 'dup-1', text: 'first' });
    bob.clear();
    const again = await send(alice, { id: 'dup-1', text: 'second' });
    expect(again.status).toBe(400);
    expect(again.body['code']).toBe(4);
    expect(again.body['message']).toMatch(/already exists/);
    expect((await channelMessages()).filter((m) => m.id === 'dup-1').map((m) => m.text)).toEqual(['first']);
    await bob.sync();
    expect(bob.ofType('message.new')).toHaveLength(0);
  });

  it('rejects bad input with code 4 and changes nothing', async () => {
    const before = (await channelMessages()).length;
    const bad = [
      await send(alice, { text: 'x'.repeat(5001) }),
      await send(alice, { text: '' }),
      await send(alice, { text: 42 }),
      await send(alice, { text: 'hi', mentioned_users: ['ghost'] }),
      await send(alice, { text: 'hi', parent_id: 'nope' }),
      await send(alice, { text: 'hi', attachments: 'nope' }),
      await alice.api('POST', chan('messaging', 'm', '/message'), {}),
      await alice.api('POST', chan('messaging', 'm', '/message'), undefined, { rawBody: '{"message": {"text": "hi"' }),
      await alice.api('POST', chan('messaging', 'm', '/message'), undefined, { rawBody: '[1,2]' }),
    ];
    for (const res of bad) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 4, StatusCode: 400 });
    }
    const unknown = await alice.api('POST', chan('messaging', 'nowhere', '/message'), { message: { text: 'hi' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body['code']).toBe(16);
    expect((await channelMessages()).length).toBe(before);
    // The server is still up and serving.
    expect((await send(alice, { text: 'still here' })).status).toBe(200);
  });
});

describe('GetMessage, GetManyMessages', () => {
  it('returns a message with its channel, and refuses messages of channels the user cannot read', async () => {
    await send(alice, { id: 'get-1', text: 'get me' });
    const res = await bob.api('GET', '/api/v2/chat/messages/get-1');
    expect(res.body['message']).toMatchObject({ id: 'get-1', channel: { cid: 'messaging:m' } });
    expect((await bob.api('GET', '/api/v2/chat/messages/secret')).body['code']).toBe(17);
    expect((await bob.api('GET', '/api/v2/chat/messages/missing')).body['code']).toBe(16);
    const many = await bob.api('GET', chan('messaging', 'm', '/messages'), undefined, { query: { ids: 'get-1,alice-1,missing' } });
    expect(many.body['messages'].map((m: any) => m.id)).toEqual(['get-1', 'alice-1']);
  });
});

describe('UpdateMessage and UpdateMessagePartial', () => {
  it('updates text (author only) and sends message.updated', async () => {
    await send(alice, { id: 'edit-1', text: 'v1', flavour: 'plain' });
    const res = await alice.api('POST', '/api/v2/chat/messages/edit-1', { message: { text: 'v2' } });
    expect(res.body['message']).toMatchObject({ text: 'v2', custom: {} });
    expect(expectTime(res.body['message']['message_text_updated_at'])).toBeGreaterThanOrEqual(expectTime(res.body['message']['created_at']));
    expect(await bob.waitForType('message.updated', (e) => e['message']['id'] === 'edit-1')).toMatchObject({ message: { text: 'v2' } });
    const denied = await bob.api('POST', '/api/v2/chat/messages/edit-1', { message: { text: 'hacked' } });
    expect(denied.body['code']).toBe(17);
    const partial = await alice.api('PUT', '/api/v2/chat/messages/edit-1', { set: { text: 'v3', mood: 'happy' } });
    expect(partial.body['message']).toMatchObject({ text: 'v3', custom: { mood: 'happy' } });
    const unset = await alice.api('PUT', '/api/v2/chat/messages/edit-1', { unset: ['mood'] });
    expect(unset.body['message']['custom']).toEqual({});
  });

  it('pins and unpins through partial updates, by any member', async () => {
    await send(alice, { id: 'pin-1', text: 'pin me' });
    const pinned = await bob.api('PUT', '/api/v2/chat/messages/pin-1', { set: { pinned: true } });
    expect(pinned.body['message']).toMatchObject({ pinned: true, pinned_by: { id: 'bob' } });
    expect(expectTime(pinned.body['message']['pinned_at'])).toBeGreaterThanOrEqual(expectTime(pinned.body['message']['created_at']));
    const state = await alice.api('POST', chan('messaging', 'm', '/query'), {});
    expect(state.body['pinned_messages'].map((m: any) => m.id)).toContain('pin-1');
    const unpinned = await bob.api('PUT', '/api/v2/chat/messages/pin-1', { unset: ['pinned'] });
    expect(unpinned.body['message']).toMatchObject({ pinned: false });
    expect(unpinned.body['message']['pinned_at']).toBeUndefined();
  });
});

describe('DeleteMessage and UndeleteMessage', () => {
  it('soft delete keeps a deleted copy; undelete restores it', async () => {
    await send(alice, { id: 'del-1', text: 'oops' });
    const res = await alice.api('DELETE', '/api/v2/chat/messages/del-1');
    expect(res.body['message']).toMatchObject({ id: 'del-1', type: 'deleted' });
    expect(await bob.waitForType('message.deleted', (e) => e['message']['id'] === 'del-1')).toMatchObject({ hard_delete: false });
    expect((await channelMessages()).find((m) => m.id === 'del-1')).toMatchObject({ type: 'deleted' });
    const restored = await alice.api('POST', '/api/v2/chat/messages/del-1/undelete', { undeleted_by: 'alice' });
    expect(restored.body['message']).toMatchObject({ type: 'regular', text: 'oops' });
    expect(await bob.waitForType('message.undeleted')).toMatchObject({ message: { id: 'del-1' } });
    expect((await alice.api('POST', '/api/v2/chat/messages/del-1/undelete', {})).body['code']).toBe(4);
  });

  it('hard delete removes the message', async () => {
    await send(alice, { id: 'del-2', text: 'gone' });
    expect((await bob.api('DELETE', '/api/v2/chat/messages/del-2')).body['code']).toBe(17);
    await alice.api('DELETE', '/api/v2/chat/messages/del-2', undefined, { query: { hard: 'true' } });
    expect(await bob.waitForType('message.deleted', (e) => e['message']['id'] === 'del-2')).toMatchObject({ hard_delete: true });
    expect((await channelMessages()).some((m) => m.id === 'del-2')).toBe(false);
    expect((await alice.api('GET', '/api/v2/chat/messages/del-2')).body['code']).toBe(16);
  });
});

describe('threads and GetReplies', () => {
  it('replies stay out of the channel unless show_in_channel; reply_count and participants follow', async () => {
    await send(alice, { id: 'parent', text: 'thread start' });
    for (let i = 1; i <= 5; i++) await send(i % 2 ? bob : alice, { id: `reply-${i}`, text: `r${i}`, parent_id: 'parent', show_in_channel: i === 5 });
    const ids = (await channelMessages()).map((m) => m.id);
    expect(ids).toContain('reply-5');
    expect(ids).not.toContain('reply-1');
    const parent = (await alice.api('GET', '/api/v2/chat/messages/parent')).body['message'];
    expect(parent).toMatchObject({ reply_count: 5 });
    expect(parent['thread_participants'].map((u: any) => u.id)).toEqual(['alice', 'bob']);
    const replies = async (q: Record<string, string>) => (await alice.api('GET', '/api/v2/chat/messages/parent/replies', undefined, { query: q })).body['messages'].map((m: any) => m.id);
    expect(await replies({})).toEqual(['reply-1', 'reply-2', 'reply-3', 'reply-4', 'reply-5']);
    expect(await replies({ limit: '2' })).toEqual(['reply-4', 'reply-5']);
    expect(await replies({ id_lt: 'reply-4', limit: '2' })).toEqual(['reply-2', 'reply-3']);
    expect(await replies({ id_lte: 'reply-4', limit: '2' })).toEqual(['reply-3', 'reply-4']);
    expect(await replies({ id_gt: 'reply-1', limit: '2' })).toEqual(['reply-2', 'reply-3']);
    expect(await replies({ id_gte: 'reply-2', limit: '2' })).toEqual(['reply-2', 'reply-3']);
    expect(await replies({ id_around: 'reply-3', limit: '3' })).toEqual(['reply-2', 'reply-3', 'reply-4']);
    expect(await replies({ sort: JSON.stringify([{ field: 'created_at', direction: -1 }]), limit: '2' })).toEqual(['reply-5', 'reply-4']);
    const bad = await alice.api('GET', '/api/v2/chat/messages/parent/replies', undefined, { query: { limit: 'lots' } });
    expect(bad.body['code']).toBe(4);
  });
});
