import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;

beforeEach(async () => {
  await alice?.close();
  await bob?.close();
  await emu?.close();
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice' }, { id: 'bob' }],
      channels: [
        { type: 'messaging', id: 'x', members: ['alice', 'bob'], messages: [{ id: 'x0', user: 'alice', text: 'start' }] },
        { type: 'messaging', id: 'y', members: ['alice', 'bob'] },
      ],
    },
  });
  alice = await RawClient.connect(emu, 'alice');
  bob = await RawClient.connect(emu, 'bob');
});
afterAll(async () => {
  await alice.close();
  await bob.close();
  await emu.close();
});

const send = (c: RawClient, id: string, message: Record<string, unknown>) => c.api('POST', chan('messaging', id, '/message'), { message });
const readOf = async (c: RawClient, id: string, user: string) => {
  const res = await c.api('POST', chan('messaging', id, '/query'), { state: true });
  return res.body['read'].find((r: any) => r.user.id === user);
};
const me = async (c: RawClient) => {
  const again = await RawClient.connect(emu, c.userId);
  const m = again.first['me'];
  await again.close();
  return m;
};

describe('unread counts', () => {
  it('count other users\' messages, not own, silent or thread-only ones; mentions counted', async () => {
    await send(alice, 'x', { id: 'a1', text: 'mine' });
    await send(bob, 'x', { id: 'b1', text: 'for you @alice', mentioned_users: ['alice'] });
    await send(bob, 'x', { id: 'b2', text: 'quiet', silent: true });
    await send(bob, 'x', { id: 'b3', text: 'reply', parent_id: 'x0' });
    await send(bob, 'x', { id: 'b4', text: 'plain' });
    await send(bob, 'y', { id: 'b5', text: 'other channel' });
    expect((await readOf(alice, 'x', 'alice'))['unread_messages']).toBe(2);
    expect((await readOf(alice, 'x', 'bob'))['unread_messages']).toBe(0);
    expect(await me(alice)).toMatchObject({ total_unread_count: 3, unread_channels: 2, unread_threads: 1 });
    const counts = await alice.api('GET', '/api/v2/chat/unread');
    expect(counts.status).toBe(200);
    expect(counts.body).toMatchObject({ total_unread_count: 3, total_unread_threads_count: 1 });
    const x = counts.body['channels'].find((c: any) => c.channel_id === 'messaging:x');
    expect(x).toMatchObject({ unread_count: 2 });
    expect(counts.body['threads']).toEqual([expect.objectContaining({ parent_message_id: 'x0', unread_count: 1 })]);
    expect(counts.body['channel_type']).toEqual([expect.objectContaining({ channel_type: 'messaging', channel_count: 2, unread_count: 3 })]);
  });

  it('MarkRead clears a channel; with message_id it reads up to that message; thread reads are separate', async () => {
    for (const id of ['b1', 'b2', 'b3']) await send(bob, 'x', { id, text: id });
    await send(bob, 'x', { id: 'r1', text: 'reply', parent_id: 'x0' });
    await alice.api('POST', chan('messaging', 'x', '/read'), { message_id: 'b2' });
    expect(await readOf(alice, 'x', 'alice')).toMatchObject({ unread_messages: 1, last_read_message_id: 'b2' });
    await alice.api('POST', chan('messaging', 'x', '/read'), {});
    expect(await readOf(alice, 'x', 'alice')).toMatchObject({ unread_messages: 0, last_read_message_id: 'b3' });
    expect(await me(alice)).toMatchObject({ total_unread_count: 0, unread_threads: 1 });
    const res = await alice.api('POST', chan('messaging', 'x', '/read'), { thread_id: 'x0' });
    expect(res.body['event']).toMatchObject({ type: 'message.read', thread: { parent_message_id: 'x0' } });
    const n = await alice.waitForType('notification.mark_read', (e) => e['thread_id'] === 'x0');
    expect(n).toMatchObject({ unread_threads: 0 });
    expect(await me(alice)).toMatchObject({ unread_threads: 0 });
  });

  it('MarkUnread from a message makes it and everything after unread, with notification.mark_unread', async () => {
    for (const id of ['b1', 'b2', 'b3']) await send(bob, 'x', { id, text: id });
    await alice.api('POST', chan('messaging', 'x', '/read'), {});
    const res = await alice.api('POST', chan('messaging', 'x', '/unread'), { message_id: 'b2' });
    expect(res.status).toBe(200);
    const n = await alice.waitForType('notification.mark_unread');
    expect(n).toMatchObject({ cid: 'messaging:x', unread_messages: 2, first_unread_message_id: 'b2', last_read_message_id: 'b1', total_unread_count: 2, unread_channels: 1 });
    expect(await readOf(alice, 'x', 'alice')).toMatchObject({ unread_messages: 2, last_read_message_id: 'b1' });
    expect((await alice.api('POST', chan('messaging', 'x', '/unread'), {})).body['code']).toBe(4);
  });

  it('MarkUnread of a thread, MarkChannelsRead and MarkDelivered', async () => {
    await send(bob, 'x', { id: 'r1', text: 'a', parent_id: 'x0' });
    await send(bob, 'x', { id: 'r2', text: 'b', parent_id: 'x0' });
    await alice.api('POST', chan('messaging', 'x', '/read'), { thread_id: 'x0' });
    await alice.api('POST', chan('messaging', 'x', '/unread'), { thread_id: 'x0', message_id: 'r2' });
    const n = await alice.waitForType('notification.mark_unread', (e) => e['thread_id'] === 'x0');
    expect(n).toMatchObject({ unread_messages: 1, unread_threads: 1 });
    await send(bob, 'x', { id: 'b1', text: 'c' });
    await send(bob, 'y', { id: 'b2', text: 'd' });
    await alice.api('POST', '/api/v2/chat/channels/read', {});
    expect(await me(alice)).toMatchObject({ total_unread_count: 0, unread_channels: 0 });
    const delivered = await alice.api('POST', '/api/v2/chat/channels/delivered', { latest_delivered_messages: [{ cid: 'messaging:y', id: 'b2' }] });
    expect(delivered.status).toBe(200);
    expect(await readOf(alice, 'y', 'alice')).toMatchObject({ last_delivered_message_id: 'b2' });
    expect((await alice.api('POST', '/api/v2/chat/channels/delivered', { latest_delivered_messages: [{ cid: 'messaging:y' }] })).body['code']).toBe(4);
  });

  it('UnreadCountsBatch answers for several users', async () => {
    await send(bob, 'x', { id: 'b1', text: 'c' });
    const res = await alice.api('POST', '/api/v2/chat/unread_batch', { user_ids: ['alice', 'bob'] });
    expect(res.body['counts_by_user']['alice']).toMatchObject({ total_unread_count: 1 });
    expect(res.body['counts_by_user']['bob']).toMatchObject({ total_unread_count: 0 });
    expect((await alice.api('POST', '/api/v2/chat/unread_batch', {})).body['code']).toBe(4);
  });
  it('me and GET /unread carry the unread counts by team, muted channels left out (issue 21)', async () => {
    const patched = await alice.api('PATCH', chan('messaging', 'x', ''), { set: { team: 'red' } });
    expect(patched.status).toBe(200);
    await alice.api('PATCH', chan('messaging', 'y', ''), { set: { team: 'red' } });
    await send(bob, 'x', { id: 'b1', text: 'c' });
    await send(bob, 'y', { id: 'b2', text: 'd' });
    expect(await me(alice)).toMatchObject({ total_unread_count: 2, total_unread_count_by_team: { red: 2 } });
    await alice.api('POST', '/api/v2/chat/moderation/mute/channel', { channel_cids: ['messaging:y'] });
    expect(await me(alice)).toMatchObject({ total_unread_count: 1, total_unread_count_by_team: { red: 1 } });
    expect((await alice.api('GET', '/api/v2/chat/unread')).body).toMatchObject({ total_unread_count: 1, total_unread_count_by_team: { red: 1 } });
  });
});
