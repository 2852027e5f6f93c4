// The remaining endpoints, each driven over raw HTTP: channel administration, members,
// threads, drafts, mutes, polls, users, uploads, search, CORS and the server's robustness.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, expectTime, RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;
let carol: RawClient;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }, { id: 'carol', name: 'Carol' }, { id: 'dave' }],
      polls: [{ id: 'poll1', name: 'Lunch?', created_by: 'alice', options: ['Pizza', 'Sushi'] }],
      channels: [
        { type: 'messaging', id: 'admin', created_by: 'alice', members: ['alice', 'bob'], messages: [{ id: 'old1', user: 'bob', text: 'old news' }] },
        { type: 'messaging', id: 'talk', members: ['alice', 'bob', 'carol'], messages: [{ id: 'poll-msg', user: 'alice', text: 'vote', poll_id: 'poll1' }, { id: 'tp', user: 'alice', text: 'thread parent', replies: [{ id: 'tr1', user: 'bob', text: 'banana bread recipe' }, { id: 'tr2', user: 'carol', text: 'yum' }] }] },
      ],
    },
  });
  [alice, bob, carol] = (await Promise.all(['alice', 'bob', 'carol'].map((u) => RawClient.connect(emu, u)))) as [RawClient, RawClient, RawClient];
});
afterAll(async () => {
  for (const c of [alice, bob, carol]) await c.close();
  await emu.close();
});

describe('channel administration', () => {
  it('UpdateChannel adds and removes members with events, updates data, refuses non-admins', async () => {
    const res = await alice.api('POST', chan('messaging', 'admin'), { add_members: ['carol'], data: { name: 'Admin room', topic: 'ops' } });
    expect(res.status).toBe(200);
    expect(res.body['channel']).toMatchObject({ name: 'Admin room', member_count: 3 });
    expect(await carol.waitForType('notification.added_to_channel', (e) => e['cid'] === 'messaging:admin')).toMatchObject({ channel: { cid: 'messaging:admin' } });
    expect((await bob.api('POST', chan('messaging', 'admin'), { data: { name: 'mine' } })).body['code']).toBe(17);
    expect((await alice.api('POST', chan('messaging', 'admin'), { add_members: ['ghost'] })).body['code']).toBe(4);
    await alice.api('POST', chan('messaging', 'admin'), { remove_members: ['carol'] });
    await carol.waitForType('notification.removed_from_channel', (e) => e['cid'] === 'messaging:admin');
    expect((await carol.api('POST', chan('messaging', 'admin', '/query'), {})).body['code']).toBe(17);
  });

  it('UpdateChannelPartial sets and unsets custom fields (channel.updated to watchers)', async () => {
    await bob.api('POST', chan('messaging', 'admin', '/query'), { watch: true });
    const res = await alice.api('PATCH', chan('messaging', 'admin'), { set: { colour: 'green' }, unset: ['topic'] });
    expect(res.body['channel']).toMatchObject({ custom: { name: 'Admin room', colour: 'green' } });
    expect(res.body['channel']['custom']['topic']).toBeUndefined();
    expect(await bob.waitForType('channel.updated')).toMatchObject({ channel: { colour: 'green' } });
    expect((await alice.api('PATCH', chan('messaging', 'admin'), { set: { cid: 'x' } })).body['code']).toBe(4);
  });

  it('TruncateChannel drops older messages and can add a system message', async () => {
    const res = await alice.api('POST', chan('messaging', 'admin', '/truncate'), { message: { text: 'history cleared' } });
    expect(expectTime(res.body['channel']['truncated_at'])).toBeGreaterThanOrEqual(expectTime(res.body['channel']['created_at']));
    expect(expectTime(res.body['message']['created_at'])).toBeGreaterThanOrEqual(expectTime(res.body['channel']['truncated_at']));
    expect(res.body['message']).toMatchObject({ type: 'system', text: 'history cleared' });
    expect(await bob.waitForType('channel.truncated')).toMatchObject({ cid: 'messaging:admin' });
    const state = await bob.api('POST', chan('messaging', 'admin', '/query'), {});
    expect(state.body['messages'].map((m: any) => m.text)).toEqual(['history cleared']);
  });

  it('UpdateMemberPartial and QueryMembers', async () => {
    const res = await bob.api('PATCH', chan('messaging', 'talk', '/member'), { set: { pinned: true, nickname: 'B' } });
    expect(res.body['channel_member']).toMatchObject({ user_id: 'bob', custom: { nickname: 'B' } });
    expect(expectTime(res.body['channel_member']['pinned_at'])).toBeGreaterThanOrEqual(expectTime(res.body['channel_member']['created_at']));
    const payload = (p: unknown) => ({ query: { payload: JSON.stringify(p) } });
    const all = await alice.api('GET', '/api/v2/chat/members', undefined, payload({ type: 'messaging', id: 'talk', filter_conditions: {}, sort: [{ field: 'user_id', direction: -1 }] }));
    expect(all.body['members'].map((m: any) => m.user_id)).toEqual(['carol', 'bob', 'alice']);
    const named = await alice.api('GET', '/api/v2/chat/members', undefined, payload({ type: 'messaging', id: 'talk', filter_conditions: { name: { $autocomplete: 'Car' } } }));
    expect(named.body['members'].map((m: any) => m.user_id)).toEqual(['carol']);
    expect((await alice.api('GET', '/api/v2/chat/members', undefined, { query: { payload: '{bad json' } })).body['code']).toBe(4);
  });

  it('DeleteChannel removes it and notifies members', async () => {
    await alice.api('POST', chan('messaging', 'doomed', '/query'), { data: { members: ['bob'] } });
    expect((await bob.api('DELETE', chan('messaging', 'doomed'))).body['code']).toBe(17);
    const res = await alice.api('DELETE', chan('messaging', 'doomed'), undefined, { query: { hard_delete: 'true' } });
    expect(expectTime(res.body['channel']['deleted_at'])).toBeGreaterThanOrEqual(expectTime(res.body['channel']['created_at']));
    await bob.waitForType('notification.channel_deleted', (e) => e['cid'] === 'messaging:doomed');
    expect((await bob.api('POST', chan('messaging', 'doomed', '/message'), { message: { text: 'x' } })).body['code']).toBe(16);
  });
});

describe('threads', () => {
  it('QueryThreads pages with next; GetThread; UpdateThreadPartial sends thread.updated', async () => {
    await alice.api('POST', chan('messaging', 'talk', '/message'), { message: { id: 'tp2', text: 'second thread' } });
    await bob.api('POST', chan('messaging', 'talk', '/message'), { message: { id: 'tp2-r', text: 'r', parent_id: 'tp2' } });
    const page1 = await alice.api('POST', '/api/v2/chat/threads', { limit: 1 });
    expect(page1.body['threads'].map((t: any) => t.parent_message_id)).toEqual(['tp2']);
    expect(page1.body['next']).toEqual(expect.any(String));
    const page2 = await alice.api('POST', '/api/v2/chat/threads', { limit: 1, next: page1.body['next'] });
    expect(page2.body['threads'].map((t: any) => t.parent_message_id)).toEqual(['tp']);
    expect(page2.body['next']).toBeUndefined();
    expect(page2.body['threads'][0]).toMatchObject({ channel_cid: 'messaging:talk', reply_count: 2, participant_count: 3 });
    expect(page2.body['threads'][0]['latest_replies'].map((m: any) => m.id)).toEqual(['tr1', 'tr2']);
    const one = await carol.api('GET', '/api/v2/chat/threads/tp', undefined, { query: { reply_limit: '1' } });
    expect(one.body['thread']['latest_replies'].map((m: any) => m.id)).toEqual(['tr2']);
    expect(one.body['thread']['read'].length).toBe(3);
    await carol.api('POST', chan('messaging', 'talk', '/query'), { watch: true });
    const upd = await alice.api('PATCH', '/api/v2/chat/threads/tp', { set: { title: 'Recipes' } });
    expect(upd.body['thread']).toMatchObject({ title: 'Recipes' });
    expect(await carol.waitForType('thread.updated')).toMatchObject({ thread: { title: 'Recipes' } });
    expect((await alice.api('POST', '/api/v2/chat/threads', { next: 'garbage!' })).body['code']).toBe(4);
    expect((await alice.api('GET', '/api/v2/chat/threads/nope')).body['code']).toBe(16);
  });
});

describe('drafts, mutes, search', () => {
  it('CreateDraft, GetDraft, QueryDrafts, DeleteDraft', async () => {
    const created = await alice.api('POST', chan('messaging', 'talk', '/draft'), { message: { text: 'half a thought' } });
    expect(created.body['draft']).toMatchObject({ channel_cid: 'messaging:talk', message: { text: 'half a thought' } });
    await alice.waitForType('draft.updated');
    expect((await alice.api('GET', chan('messaging', 'talk', '/draft'))).body['draft']['message']['text']).toBe('half a thought');
    expect((await alice.api('POST', '/api/v2/chat/drafts/query', {})).body['drafts']).toHaveLength(1);
    expect((await bob.api('POST', '/api/v2/chat/drafts/query', {})).body['drafts']).toHaveLength(0);
    await alice.api('DELETE', chan('messaging', 'talk', '/draft'));
    expect((await alice.api('GET', chan('messaging', 'talk', '/draft'))).body['code']).toBe(16);
  });

  it('MuteChannel keeps unread out of totals; UnmuteChannel restores them', async () => {
    await bob.api('POST', chan('messaging', 'talk', '/message'), { message: { text: 'noise' } });
    const unread = async () => (await alice.api('GET', '/api/v2/chat/unread')).body['total_unread_count'];
    const before = await unread();
    expect(before).toBeGreaterThan(0);
    const muted = await alice.api('POST', '/api/v2/chat/moderation/mute/channel', { channel_cids: ['messaging:talk'] });
    expect(muted.body['channel_mute']).toMatchObject({ channel: { cid: 'messaging:talk', muted: true } });
    expect(muted.body['own_user']['channel_mutes']).toHaveLength(1);
    await alice.waitForType('notification.channel_mutes_updated');
    expect(await unread()).toBe(0);
    await alice.api('POST', '/api/v2/chat/moderation/unmute/channel', { channel_cids: ['messaging:talk'] });
    expect(await unread()).toBe(before);
    expect((await alice.api('POST', '/api/v2/chat/moderation/mute/channel', {})).body['code']).toBe(4);
  });

  it('Search finds message text in the channels the user can read', async () => {
    const res = await alice.api('GET', '/api/v2/chat/search', undefined, { query: { payload: JSON.stringify({ filter_conditions: { members: { $in: ['alice'] } }, query: 'banana' }) } });
    expect(res.body['results'].map((r: any) => r.message.id)).toEqual(['tr1']);
    expect(res.body['results'][0]['message']['channel']['cid']).toBe('messaging:talk');
    const none = await carol.api('GET', '/api/v2/chat/search', undefined, { query: { payload: JSON.stringify({ filter_conditions: { cid: 'messaging:admin' }, query: 'old' }) } });
    expect(none.body['results']).toEqual([]);
    expect((await alice.api('GET', '/api/v2/chat/search', undefined, { query: { payload: JSON.stringify({ query: 'x' }) } })).body['code']).toBe(4);
  });
});

describe('polls', () => {
  it('CreatePoll, GetPoll, QueryPolls, CastPollVote, DeletePollVote', async () => {
    const created = await bob.api('POST', '/api/v2/polls', { name: 'Colour?', options: [{ text: 'Red' }, { text: 'Blue' }], enforce_unique_vote: true });
    expect(created.body['poll']).toMatchObject({ name: 'Colour?', vote_count: 0, created_by_id: 'bob' });
    expect((await bob.api('POST', '/api/v2/polls', { options: [] })).body['code']).toBe(4);
    const polls = await bob.api('POST', '/api/v2/polls/query', { filter: { name: 'Lunch?' } });
    expect(polls.body['polls'].map((p: any) => p.id)).toEqual(['poll1']);
    const poll = (await bob.api('GET', '/api/v2/polls/poll1')).body['poll'];
    const [pizza, sushi] = poll.options;
    await alice.api('POST', chan('messaging', 'talk', '/query'), { watch: true });
    const vote = await bob.api('POST', '/api/v2/chat/messages/poll-msg/polls/poll1/vote', { vote: { option_id: pizza.id } });
    expect(vote.body['poll']).toMatchObject({ vote_count: 1, vote_counts_by_option: { [pizza.id]: 1 } });
    expect(vote.body['poll']['own_votes']).toHaveLength(1);
    expect(await alice.waitForType('poll.vote_casted')).toMatchObject({ poll: { id: 'poll1', vote_count: 1 } });
    const changed = await bob.api('POST', '/api/v2/chat/messages/poll-msg/polls/poll1/vote', { vote: { option_id: sushi.id } });
    expect(changed.body['poll']['vote_counts_by_option']).toEqual({ [pizza.id]: 0, [sushi.id]: 1 });
    await alice.waitForType('poll.vote_changed');
    const removed = await bob.api('DELETE', `/api/v2/chat/messages/poll-msg/polls/poll1/vote/${changed.body['vote']['id']}`);
    expect(removed.body['poll']['vote_count']).toBe(0);
    await alice.waitForType('poll.vote_removed');
    expect((await bob.api('POST', '/api/v2/chat/messages/poll-msg/polls/poll1/vote', { vote: { option_id: 'nope' } })).body['code']).toBe(4);
  });
});

describe('users and uploads', () => {
  it('QueryUsers, UpdateUsers, UpdateUsersPartial (user.updated to channel peers)', async () => {
    const payload = { query: { payload: JSON.stringify({ filter_conditions: { id: { $in: ['alice', 'bob'] } }, sort: [{ field: 'id', direction: 1 }] }) } };
    const users = await alice.api('GET', '/api/v2/users', undefined, payload);
    expect(users.body['users'].map((u: any) => [u.id, u.online])).toEqual([['alice', true], ['bob', true]]);
    const upd = await bob.api('POST', '/api/v2/users', { users: { bob: { id: 'bob', name: 'Robert', hobby: 'chess' } } });
    expect(upd.body['users']['bob']).toMatchObject({ name: 'Robert', custom: { hobby: 'chess' } });
    expect(await alice.waitForType('user.updated', (e) => e['user']['name'] === 'Robert')).toMatchObject({ user: { id: 'bob' } });
    expect((await bob.api('POST', '/api/v2/users', { users: { alice: { id: 'alice', name: 'x' } } })).body['code']).toBe(17);
    const partial = await bob.api('PATCH', '/api/v2/users', { users: [{ id: 'bob', set: { name: 'Bobby' }, unset: ['hobby'] }] });
    expect(partial.body['users']['bob']).toMatchObject({ name: 'Bobby', custom: {} });
    expect((await bob.api('PATCH', '/api/v2/users', { users: [{ id: 'bob', set: { role: 'admin' } }] })).body['code']).toBe(4);
  });

  it('uploads files and images, serves them back, deletes them', async () => {
    const form = new FormData();
    form.append('file', new Blob(['hello file'], { type: 'text/plain' }), 'note.txt');
    const up = await alice.api('POST', chan('messaging', 'talk', '/file'), undefined, { rawBody: form });
    expect(up.status).toBe(200);
    const url = up.body['file'] as string;
    expect(url).toMatch(new RegExp(`^${emu.url}/uploads/.+/note.txt$`));
    expect(await (await fetch(url)).text()).toBe('hello file');
    const notImage = await alice.api('POST', chan('messaging', 'talk', '/image'), undefined, { rawBody: form });
    expect(notImage.body['code']).toBe(4);
    const img = new FormData();
    img.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'dot.png');
    const image = await alice.api('POST', '/api/v2/uploads/image', undefined, { rawBody: img });
    expect(image.body['thumb_url']).toBe(image.body['file']);
    expect((await carol.api('POST', chan('messaging', 'admin', '/file'), undefined, { rawBody: form })).body['code']).toBe(17);
    await alice.api('DELETE', chan('messaging', 'talk', '/file'), undefined, { query: { url } });
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('HTTP surface', () => {
  it('answers CORS preflights and sets CORS headers on answers', async () => {
    const pre = await fetch(`${emu.url}/api/v2/chat/channels`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, stream-auth-type, x-stream-client' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toContain('stream-auth-type');
    const res = await alice.api('POST', '/api/v2/chat/channels', {});
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('unknown endpoints, wrong methods and malformed requests get error bodies; the server stays up', async () => {
    expect((await alice.api('GET', '/api/v2/chat/nothing-here')).status).toBe(404);
    expect((await alice.api('GET', '/api/v2/chat/channels')).status).toBe(405);
    expect((await alice.api('GET', '/api/v2/chat/messages/%E0%A4%A')).body['code']).toBe(4);
    expect((await alice.api('POST', '/api/v2/chat/channels', undefined, { rawBody: 'null' })).body['code']).toBe(4);
    expect((await alice.api('POST', '/api/v2/chat/channels', undefined, { rawBody: '{"filter_conditions": {"members": {"$in": "alice"}}}' })).body['code']).toBe(4);
    expect((await alice.api('POST', '/api/v2/chat/channels', {})).status).toBe(200);
  });
});
