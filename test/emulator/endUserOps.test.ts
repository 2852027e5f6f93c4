// Every end-user operation the emulator served before issue 23, called by name at the
// seed's method and path (test/emulator/opCalls.ts), with the state a later call reads back
// and the event the socket carries. The operations added by issue 23 are in newOps*.test.ts;
// operations.test.ts proves the two lists together are the 85 end-user operations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { RawClient } from './helpers.ts';
import { BASE_OPERATIONS, OpLedger, payload } from './opCalls.ts';

const ops = new OpLedger();
let emu: Emulator;
let alice: RawClient;
let bob: RawClient;
const room = { type: 'messaging', id: 'room' };

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }, { id: 'carol' }],
      polls: [{ id: 'p1', name: 'Tea?', created_by: 'alice', options: ['Yes', 'No'] }],
      channels: [{ type: 'messaging', id: 'room', created_by: 'alice', members: ['alice', 'bob'], messages: [
        { id: 'r1', user: 'bob', text: 'first' }, { id: 'poll-msg', user: 'alice', text: 'vote', poll_id: 'p1' },
      ] }],
    },
  });
  [alice, bob] = (await Promise.all(['alice', 'bob'].map((u) => RawClient.connect(emu, u)))) as [RawClient, RawClient];
  await ops.ok(bob, 'GetOrCreateChannel', room, { watch: true, state: true });
  await alice.api('POST', '/api/v2/chat/channels/messaging/room/query', { watch: true });
});
afterAll(async () => {
  for (const c of [alice, bob]) await c.close();
  await emu.close();
});

describe('channels', () => {
  it('query, create distinct, update, partial update, hide and show, truncate, delete', async () => {
    expect((await ops.ok(alice, 'QueryChannels', {}, { filter_conditions: { members: { $in: ['alice'] } } }))['channels'].map((c: any) => c.channel.cid)).toContain('messaging:room');
    const distinct = await ops.ok(alice, 'GetOrCreateDistinctChannel', { type: 'messaging' }, { data: { members: ['alice', 'carol'] } });
    expect(distinct['channel']['member_count']).toBe(2);
    await ops.ok(alice, 'UpdateChannel', room, { data: { name: 'Room' } });
    expect((await bob.waitForType('channel.updated'))['channel']).toMatchObject({ name: 'Room' });
    await ops.ok(alice, 'UpdateChannelPartial', room, { set: { topic: 'tea' } });
    await bob.waitForType('channel.updated', (e) => e['channel']['topic'] === 'tea');
    await ops.ok(bob, 'HideChannel', room, {});
    expect((await ops.ok(bob, 'GetOrCreateChannel', room, {}))['channel']['hidden']).toBe(true);
    await ops.ok(bob, 'ShowChannel', room, {});
    expect((await ops.ok(bob, 'GetOrCreateChannel', room, {}))['channel']['hidden']).toBe(false);
    await ops.ok(alice, 'GetOrCreateChannel', { type: 'messaging', id: 'scratch' }, { data: { members: ['alice', 'bob'] } });
    await ops.ok(alice, 'TruncateChannel', { type: 'messaging', id: 'scratch' }, {});
    await ops.ok(alice, 'DeleteChannel', { type: 'messaging', id: 'scratch' });
    await bob.waitForType('notification.channel_deleted', (e) => e['cid'] === 'messaging:scratch');
  });

  it('members, events, mutes and uploads', async () => {
    expect((await ops.ok(bob, 'UpdateMemberPartial', room, { set: { pinned: true } }))['channel_member']['pinned_at']).toBeDefined();
    expect((await ops.ok(alice, 'QueryMembers', {}, undefined, payload({ type: 'messaging', id: 'room', filter_conditions: {} })))['members']).toHaveLength(2);
    await ops.ok(alice, 'SendEvent', room, { event: { type: 'tea.ready' } });
    await bob.waitForType('tea.ready');
    await ops.ok(alice, 'MuteChannel', {}, { channel_cids: ['messaging:room'] });
    await alice.waitForType('notification.channel_mutes_updated');
    await ops.ok(alice, 'UnmuteChannel', {}, { channel_cids: ['messaging:room'] });
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    const img = new FormData();
    img.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'x.png');
    for (const [up, del, body, params] of [['UploadChannelFile', 'DeleteChannelFile', form, room], ['UploadChannelImage', 'DeleteChannelImage', img, room], ['UploadFile', 'DeleteFile', form, {}], ['UploadImage', 'DeleteImage', img, {}]] as const) {
      const url = (await ops.ok(alice, up, params, undefined, { rawBody: body }))['file'] as string;
      expect((await fetch(url)).status).toBe(200);
      await ops.ok(alice, del, params, undefined, { query: { url } });
      expect((await fetch(url)).status).toBe(404);
    }
  });
});

describe('messages, reactions, reads', () => {
  it('send, read, edit, delete and undelete; watchers hear each', async () => {
    await ops.ok(alice, 'SendMessage', room, { message: { id: 'a1', text: 'hello' } });
    await bob.waitForType('message.new', (e) => e['message']['id'] === 'a1');
    expect((await ops.ok(bob, 'GetMessage', { id: 'a1' }))['message']['text']).toBe('hello');
    expect((await ops.ok(bob, 'GetManyMessages', room, undefined, { query: { ids: 'a1,r1' } }))['messages']).toHaveLength(2);
    await ops.ok(alice, 'UpdateMessage', { id: 'a1' }, { message: { text: 'hello!' } });
    await bob.waitForType('message.updated', (e) => e['message']['text'] === 'hello!');
    await ops.ok(alice, 'UpdateMessagePartial', { id: 'a1' }, { set: { mood: 'sunny' } });
    await bob.waitForType('message.updated', (e) => e['message']['mood'] === 'sunny');
    await ops.ok(alice, 'DeleteMessage', { id: 'a1' });
    await bob.waitForType('message.deleted', (e) => e['message']['id'] === 'a1');
    await ops.ok(alice, 'UndeleteMessage', { id: 'a1' }, { undeleted_by: 'alice' });
    await bob.waitForType('message.undeleted', (e) => e['message']['id'] === 'a1');
    await ops.ok(bob, 'SendMessage', room, { message: { id: 'b-reply', text: 'in thread', parent_id: 'a1' } });
    expect((await ops.ok(alice, 'GetReplies', { parent_id: 'a1' }))['messages'].map((m: any) => m.id)).toEqual(['b-reply']);
  });

  it('reactions', async () => {
    await ops.ok(bob, 'SendReaction', { id: 'r1' }, { reaction: { type: 'like' } });
    expect((await alice.waitForType('reaction.new'))['reaction']).toMatchObject({ type: 'like', user_id: 'bob' });
    expect((await ops.ok(alice, 'GetReactions', { id: 'r1' }))['reactions']).toHaveLength(1);
    await ops.ok(bob, 'DeleteReaction', { id: 'r1', type: 'like' });
    await alice.waitForType('reaction.deleted');
  });

  it('reads, unread, delivery and counts', async () => {
    await ops.ok(bob, 'MarkRead', room, {});
    await alice.waitForType('message.read', (e) => e['user']['id'] === 'bob');
    await ops.ok(bob, 'MarkUnread', room, { message_id: 'r1' });
    await ops.ok(bob, 'MarkChannelsRead', {}, {});
    await ops.ok(bob, 'MarkDelivered', {}, { latest_delivered_messages: [{ cid: 'messaging:room', id: 'poll-msg' }] });
    expect((await ops.ok(bob, 'UnreadCounts'))['total_unread_count']).toBe(0);
    expect((await ops.ok(alice, 'UnreadCountsBatch', {}, { user_ids: ['alice'] }))['counts_by_user']).toBeDefined();
  });
});

describe('threads, drafts, polls, search, users', () => {
  it('threads and drafts', async () => {
    expect((await ops.ok(alice, 'QueryThreads', {}, {}))['threads'].map((t: any) => t.parent_message_id)).toContain('a1');
    expect((await ops.ok(alice, 'GetThread', { message_id: 'a1' }))['thread']['parent_message_id']).toBe('a1');
    expect((await ops.ok(alice, 'UpdateThreadPartial', { message_id: 'a1' }, { set: { title: 'Hello thread' } }))['thread']['title']).toBe('Hello thread');
    await alice.api('POST', '/api/v2/chat/channels/messaging/room/draft', { message: { text: 'later' } });
    await alice.waitForType('draft.updated');
    expect((await ops.ok(alice, 'GetDraft', room))['draft']['message']['text']).toBe('later');
    expect((await ops.ok(alice, 'QueryDrafts', {}, {}))['drafts']).toHaveLength(1);
    await ops.ok(alice, 'DeleteDraft', room);
    await alice.waitForType('draft.deleted');
  });

  it('polls, search and users', async () => {
    expect((await ops.ok(alice, 'CreatePoll', {}, { name: 'Cake?', options: [{ text: 'Yes' }] }))['poll']['name']).toBe('Cake?');
    expect((await ops.ok(alice, 'QueryPolls', {}, { filter: { name: 'Tea?' } }))['polls']).toHaveLength(1);
    const yes = (await ops.ok(bob, 'GetPoll', { poll_id: 'p1' }))['poll']['options'][0]['id'];
    const vote = await ops.ok(bob, 'CastPollVote', { message_id: 'poll-msg', poll_id: 'p1' }, { vote: { option_id: yes } });
    await ops.ok(bob, 'DeletePollVote', { message_id: 'poll-msg', poll_id: 'p1', vote_id: vote['vote']['id'] });
    await alice.waitForType('poll.vote_removed');
    const found = await ops.ok(alice, 'Search', {}, undefined, payload({ filter_conditions: { members: { $in: ['alice'] } }, query: 'first' }));
    expect(found['results'].map((r: any) => r.message.id)).toEqual(['r1']);
    expect((await ops.ok(alice, 'QueryUsers', {}, undefined, payload({ filter_conditions: { id: { $in: ['bob'] } } })))['users'][0]['id']).toBe('bob');
    await ops.ok(alice, 'UpdateUsers', {}, { users: { alice: { id: 'alice', name: 'Alice A.' } } });
    await bob.waitForType('user.updated', (e) => e['user']['name'] === 'Alice A.');
    await ops.ok(alice, 'UpdateUsersPartial', {}, { users: [{ id: 'alice', set: { city: 'Delft' } }] });
    await bob.waitForType('user.updated', (e) => e['user']['city'] === 'Delft');
  });

  it('called every operation served before issue 23', () => {
    expect(BASE_OPERATIONS.filter((name) => !ops.called.has(name))).toEqual([]);
  });
});
