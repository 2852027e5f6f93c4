import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
const clients: RawClient[] = [];
async function connect(id: string): Promise<RawClient> {
  const c = await RawClient.connect(emu, id);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await emu?.close();
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice' }, { id: 'bob' }, { id: 'carol' }],
      channels: [{ type: 'messaging', id: 'room', members: ['alice', 'bob', 'carol'], messages: [{ id: 'p1', user: 'alice', text: 'parent' }] }],
    },
  });
});
afterAll(async () => {
  for (const c of clients.splice(0)) await c.close();
  await emu.close();
});

describe('event routing', () => {
  it('watchers get message.new; members who do not watch get notification.message_new with totals', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const carol = await connect('carol');
    await bob.api('POST', chan('messaging', 'room', '/query'), { watch: true, state: true });
    const sent = await alice.api('POST', chan('messaging', 'room', '/message'), { message: { id: 'm1', text: 'hello' } });
    expect(sent.status).toBe(200);
    const toBob = await bob.waitForType('message.new');
    expect(toBob).toMatchObject({ cid: 'messaging:room', channel_type: 'messaging', channel_id: 'room', message: { id: 'm1', text: 'hello' }, user: { id: 'alice' }, watcher_count: 1, total_unread_count: 1, unread_channels: 1, unread_count: 1 });
    const toCarol = await carol.waitForType('notification.message_new');
    expect(toCarol).toMatchObject({ cid: 'messaging:room', channel: { cid: 'messaging:room' }, message: { id: 'm1' }, total_unread_count: 1, unread_channels: 1, unread_count: 1, unread_messages: 1 });
    await Promise.all([bob.sync(), carol.sync(), alice.sync()]);
    expect(bob.ofType('notification.message_new')).toHaveLength(0);
    expect(carol.ofType('message.new')).toHaveLength(0);
    // The sender does not watch and gets no notification about their own message.
    expect(alice.ofType('notification.message_new')).toHaveLength(0);
  });

  it('routes per connection: the watching socket gets the channel event, the other socket the notification', async () => {
    const alice = await connect('alice');
    const bob1 = await connect('bob');
    const bob2 = await connect('bob');
    await bob1.api('POST', chan('messaging', 'room', '/query'), { watch: true });
    await alice.api('POST', chan('messaging', 'room', '/message'), { message: { text: 'x' } });
    await bob1.waitForType('message.new');
    await bob2.waitForType('notification.message_new');
    await Promise.all([bob1.sync(), bob2.sync()]);
    expect(bob1.ofType('notification.message_new')).toHaveLength(0);
    expect(bob2.ofType('message.new')).toHaveLength(0);
  });

  it('read events: message.read to watchers, notification.mark_read with totals to the reader', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    await alice.api('POST', chan('messaging', 'room', '/query'), { watch: true });
    await alice.api('POST', chan('messaging', 'room', '/message'), { message: { id: 'm2', text: 'read me' } });
    await bob.waitForType('notification.message_new');
    const res = await bob.api('POST', chan('messaging', 'room', '/read'), {});
    expect(res.body['event']).toMatchObject({ type: 'message.read', cid: 'messaging:room', last_read_message_id: 'm2' });
    const read = await alice.waitForType('message.read');
    expect(read).toMatchObject({ user: { id: 'bob' }, last_read_message_id: 'm2' });
    const own = await bob.waitForType('notification.mark_read');
    expect(own).toMatchObject({ cid: 'messaging:room', total_unread_count: 0, unread_channels: 0, unread_threads: 0, unread_count: 0 });
  });

  it('thread replies: message.new to watchers, notification.thread_message_new to participants, no channel unread', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    await bob.api('POST', chan('messaging', 'room', '/query'), { watch: true });
    await bob.api('POST', chan('messaging', 'room', '/message'), { message: { id: 'r1', text: 'reply', parent_id: 'p1' } });
    const n = await alice.waitForType('notification.thread_message_new');
    expect(n).toMatchObject({ message: { id: 'r1', parent_id: 'p1' }, thread_id: 'p1', unread_threads: 1, total_unread_count: 0 });
    await alice.sync();
    expect(alice.ofType('notification.message_new')).toHaveLength(0);
    const unread = await alice.api('GET', '/api/v2/chat/unread');
    expect(unread.status).toBe(200);
    expect(unread.body).toMatchObject({ total_unread_count: 0, total_unread_threads_count: 1 });
  });

  it('typing events go to watchers with parent_id', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    await bob.api('POST', chan('messaging', 'room', '/query'), { watch: true });
    const res = await alice.api('POST', chan('messaging', 'room', '/event'), { event: { type: 'typing.start', parent_id: 'p1' } });
    expect(res.status).toBe(200);
    expect(await bob.waitForType('typing.start')).toMatchObject({ user: { id: 'alice' }, parent_id: 'p1', cid: 'messaging:room' });
    await alice.api('POST', chan('messaging', 'room', '/event'), { event: { type: 'typing.stop' } });
    await bob.waitForType('typing.stop');
    const custom = await alice.api('POST', chan('messaging', 'room', '/event'), { event: { type: 'party', custom: { balloons: 3 } } });
    expect(custom.status).toBe(200);
    expect(await bob.waitForType('party')).toMatchObject({ custom: { balloons: 3 } });
    const reserved = await alice.api('POST', chan('messaging', 'room', '/event'), { event: { type: 'message.new' } });
    expect(reserved.body['code']).toBe(4);
  });

  it('reactions carry the same own_reactions, [], to every recipient (the service serializes once)', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    await alice.api('POST', chan('messaging', 'room', '/query'), { watch: true });
    await bob.api('POST', chan('messaging', 'room', '/query'), { watch: true });
    await bob.api('POST', '/api/v2/chat/messages/p1/reaction', { reaction: { type: 'like' } });
    const toAlice = await alice.waitForType('reaction.new');
    const toBob = await bob.waitForType('reaction.new');
    expect(toAlice['message']['own_reactions']).toEqual([]);
    expect(toBob['message']['own_reactions']).toEqual([]);
    expect(toAlice).toMatchObject({ reaction: { type: 'like', user_id: 'bob' }, message: { reaction_counts: { like: 1 } } });
  });
});
