// client.api against the emulator, as an app calls it: every area the emulator serves, and
// answers that carry state landing in the store (src/handles/apiResponses.ts) exactly when
// the call resolves, without the socket's help (the channels here are not watched).
import { describe, expect, it } from 'vitest';
import { ChatError, type ChatClient } from 'chatstore';
import { selectMessages } from '../../src/store/selectors.ts';
import { tableGet } from '../../src/store/table.ts';
import { emulatorSuite } from './helpers.ts';

const suite = emulatorSuite();

async function pair(): Promise<{ alice: ChatClient; bob: ChatClient }> {
  return { alice: await suite.client('alice'), bob: await suite.client('bob') };
}

const members = { members: [{ user_id: 'alice', channel_role: 'owner' }, { user_id: 'bob' }] };

function held(client: ChatClient, cid: string, messageId: string) {
  const ch = tableGet(client.getState().channels, cid);
  return ch ? tableGet(ch.messages, messageId) : undefined;
}

describe('client.api: channels', () => {
  it('a channel state answer hydrates the channel as a handle query does', async () => {
    const { alice, bob } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-m1', text: 'one' } });

    // Bob has never looked at the channel: the answer alone brings it into his store.
    const res = await bob.api.getOrCreateChannel('messaging', 'c1', { state: true, messages: { limit: 10 } });
    expect(res.messages.map((m) => m.id)).toEqual(['alice-m1']);
    expect(tableGet(bob.getState().channels, 'messaging:c1')?.data?.cid).toBe('messaging:c1');
    expect(selectMessages(tableGet(bob.getState().channels, 'messaging:c1')!).map((m) => m.id)).toEqual(['alice-m1']);

    // QueryChannels likewise.
    await bob.api.getOrCreateChannel('messaging', 'c2', { data: { members: [{ user_id: 'bob' }, { user_id: 'alice' }] } });
    const fresh = await suite.client('alice', {});
    const list = await fresh.api.queryChannels({ filter_conditions: { members: { $in: ['alice'] } }, message_limit: 5 });
    expect(list.channels.map((c) => c.channel?.cid).sort()).toEqual(['messaging:c1', 'messaging:c2']);
    expect(tableGet(fresh.getState().channels, 'messaging:c2')).toBeDefined();
  });

  it('channel updates replace the held channel data; hide, show, mute and truncate answer', async () => {
    const { alice } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    await alice.api.updateChannelPartial('messaging', 'c1', { set: { topic: 'plans' } });
    expect(tableGet(alice.getState().channels, 'messaging:c1')?.data?.custom?.['topic'] ?? (tableGet(alice.getState().channels, 'messaging:c1')?.data as Record<string, unknown> | undefined)?.['topic']).toBe('plans');
    await alice.api.updateChannel('messaging', 'c1', { data: { name: 'Plans' } as never });
    expect((tableGet(alice.getState().channels, 'messaging:c1')?.data as { name?: string } | undefined)?.name).toBe('Plans');
    await alice.api.hideChannel('messaging', 'c1');
    await alice.api.showChannel('messaging', 'c1');
    const muted = await alice.api.muteChannel({ channel_cids: ['messaging:c1'] });
    expect(muted.duration).toBeTypeOf('string');
    await alice.api.unmuteChannel({ channel_cids: ['messaging:c1'] });
    const truncated = await alice.api.truncateChannel('messaging', 'c1');
    expect(truncated.channel?.cid).toBe('messaging:c1');
    const deleted = await alice.api.deleteChannel('messaging', 'c1');
    expect(deleted.channel?.cid).toBe('messaging:c1');
  });
});

describe('client.api: messages and reactions', () => {
  it('sent, edited, reacted to and deleted messages land in the store when the call resolves', async () => {
    const { alice } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    const sent = await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-m1', text: 'hello' } });
    expect(sent.message.created_at).toBeTypeOf('number');
    expect(held(alice, 'messaging:c1', 'alice-m1')?.text).toBe('hello');

    await alice.api.updateMessage('alice-m1', { message: { text: 'hello!' } });
    expect(held(alice, 'messaging:c1', 'alice-m1')?.text).toBe('hello!');
    await alice.api.updateMessagePartial('alice-m1', { set: { text: 'hello!!' } });
    expect(held(alice, 'messaging:c1', 'alice-m1')?.text).toBe('hello!!');

    await alice.api.sendReaction('alice-m1', { reaction: { type: 'love' } });
    expect(held(alice, 'messaging:c1', 'alice-m1')?.reaction_counts?.['love']).toBe(1);
    expect((await alice.api.getReactions('alice-m1')).reactions.map((r) => r.type)).toEqual(['love']);
    await alice.api.deleteReaction('alice-m1', 'love');
    expect(held(alice, 'messaging:c1', 'alice-m1')?.reaction_counts?.['love'] ?? 0).toBe(0);

    const got = await alice.api.getMessage('alice-m1');
    expect(got.message.id).toBe('alice-m1');
    const many = await alice.api.getManyMessages('messaging', 'c1', { ids: ['alice-m1'] });
    expect(many.messages).toHaveLength(1);

    await alice.api.deleteMessage('alice-m1');
    expect(held(alice, 'messaging:c1', 'alice-m1')?.type).toBe('deleted');
    await alice.api.undeleteMessage('alice-m1', { undeleted_by: 'alice' });
    expect(held(alice, 'messaging:c1', 'alice-m1')?.type).not.toBe('deleted');
    await alice.api.deleteMessage('alice-m1', { hard: true });
    expect(held(alice, 'messaging:c1', 'alice-m1')).toBeUndefined();
  });

  it('a message read back is refreshed where it is held and never added to a channel window', async () => {
    const { alice } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-m1', text: 'old' } });
    await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-m2', text: 'new' } });
    // A second device of Alice's holds only the latest message.
    const other = await suite.client('alice');
    await other.api.getOrCreateChannel('messaging', 'c1', { messages: { limit: 1 } });
    expect(held(other, 'messaging:c1', 'alice-m2')?.text).toBe('new');
    await other.api.getMessage('alice-m1');
    expect(held(other, 'messaging:c1', 'alice-m1')).toBeUndefined();
    await alice.api.updateMessage('alice-m2', { message: { text: 'newer' } });
    await other.api.getManyMessages('messaging', 'c1', { ids: ['alice-m1', 'alice-m2'] });
    expect(held(other, 'messaging:c1', 'alice-m2')?.text).toBe('newer');
    expect(held(other, 'messaging:c1', 'alice-m1')).toBeUndefined();
  });
});

describe('client.api: threads, reads, members, users, search', () => {
  it('threads and replies', async () => {
    const { alice, bob } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-p', text: 'parent' } });
    await bob.api.sendMessage('messaging', 'c1', { message: { id: 'bob-r1', text: 'reply', parent_id: 'alice-p' } });
    const replies = await alice.api.getReplies('alice-p', { limit: 10 });
    expect(replies.messages.map((m) => m.id)).toEqual(['bob-r1']);
    const thread = await alice.api.getThread('alice-p', { reply_limit: 5 });
    expect(thread.thread.parent_message_id).toBe('alice-p');
    expect(tableGet(alice.getState().threads, 'alice-p')).toBeDefined();
    const threads = await bob.api.queryThreads({ limit: 5 });
    expect(threads.threads.map((t) => t.parent_message_id)).toEqual(['alice-p']);
    expect(tableGet(bob.getState().threads, 'alice-p')).toBeDefined();
    await alice.api.updateThreadPartial('alice-p', { set: { title: 'Lunch' } });
  });

  it('reads and unread counts', async () => {
    const { alice, bob } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-m1', text: 'ping' } });
    const counts = await bob.api.unreadCounts();
    expect(counts.total_unread_count).toBe(1);
    expect(bob.getState().unread.totalMessages).toBe(1);
    await bob.api.markRead('messaging', 'c1');
    expect((await bob.api.unreadCounts()).total_unread_count).toBe(0);
    expect(bob.getState().unread.totalMessages).toBe(0);
    await bob.api.markUnread('messaging', 'c1', { message_id: 'alice-m1' });
    await bob.api.markChannelsRead();
    await bob.api.markDelivered({ latest_delivered_messages: [{ cid: 'messaging:c1', id: 'alice-m1' }] });
    const batch = await bob.api.unreadCountsBatch({ user_ids: ['bob'] });
    expect(batch.counts_by_user).toHaveProperty('bob');
  });

  it('members, users and search', async () => {
    const { alice } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-m1', text: 'find the needle' } });
    const found = await alice.api.queryMembers({ payload: { type: 'messaging', id: 'c1', filter_conditions: {} } });
    expect(found.members.map((m) => m.user_id ?? m.user?.id).sort()).toEqual(['alice', 'bob']);
    await alice.api.updateMemberPartial('messaging', 'c1', { set: { pinned: true } });
    const ch = tableGet(alice.getState().channels, 'messaging:c1');
    expect(ch?.membership?.pinned_at).toBeTypeOf('number');
    expect(ch?.members['alice']?.pinned_at).toBeTypeOf('number');

    const users = await alice.api.queryUsers({ payload: { filter_conditions: { id: { $in: ['bob'] } } } });
    expect(users.users.map((u) => u.id)).toEqual(['bob']);
    // Carol shares no channel with Alice: only the answer can bring her into the store.
    await suite.registerUsers('carol');
    expect(tableGet(alice.getState().users, 'carol')).toBeUndefined();
    await alice.api.queryUsers({ payload: { filter_conditions: { id: 'carol' } } });
    expect(tableGet(alice.getState().users, 'carol')?.name).toBe('carol');
    await alice.api.updateUsersPartial({ users: [{ id: 'alice', set: { name: 'Alice P.' } }] });
    expect(tableGet(alice.getState().users, 'alice')?.name).toBe('Alice P.');
    await alice.api.updateUsers({ users: { alice: { id: 'alice', name: 'Alice Q.' } } });
    expect(tableGet(alice.getState().users, 'alice')?.name).toBe('Alice Q.');
    expect(alice.getState().me?.name).toBe('Alice Q.');

    const search = await alice.api.search({ payload: { filter_conditions: { cid: 'messaging:c1' }, query: 'needle' } });
    expect(search.results).toHaveLength(1);
    await alice.api.sendEvent('messaging', 'c1', { event: { type: 'custom.wave' } });
  });
});

describe('client.api: polls, drafts, uploads', () => {
  it('polls and votes', async () => {
    const { alice, bob } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    const poll = await alice.api.createPoll({ id: 'poll-1', name: 'Lunch?', options: [{ text: 'pizza' }] });
    await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-poll', text: 'vote', poll_id: 'poll-1' } });
    const option = poll.poll.options[0]!.id;
    const vote = await bob.api.castPollVote('alice-poll', 'poll-1', { vote: { option_id: option } });
    expect((await alice.api.getPoll('poll-1')).poll.vote_count).toBe(1);
    await bob.api.deletePollVote('alice-poll', 'poll-1', vote.vote!.id);
    expect((await alice.api.queryPolls({ filter: { id: 'poll-1' } })).polls.map((p) => p.id)).toEqual(['poll-1']);
  });

  it('drafts', async () => {
    const { alice } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    expect((await alice.api.queryDrafts()).drafts).toEqual([]);
    const missing = await alice.api.getDraft('messaging', 'c1').catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 16, endpoint: 'GetDraft' });
    await alice.api.deleteDraft('messaging', 'c1').catch(() => undefined);
  });

  it('uploads with progress, and deletes them', async () => {
    const { alice } = await pair();
    await alice.api.getOrCreateChannel('messaging', 'c1', { data: members });
    const progress: number[] = [];
    const file = await alice.api.uploadChannelFile('messaging', 'c1', { file: new Blob(['x'.repeat(10_000)]) }, { name: 'a.txt', onProgress: (p) => progress.push(p.loaded) });
    expect(file.file).toMatch(/a\.txt$/);
    expect(progress.at(-1)).toBeGreaterThanOrEqual(10_000);
    await alice.api.deleteChannelFile('messaging', 'c1', { url: file.file! });
    const image = await alice.api.uploadImage({ file: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }) }, { name: 'a.png' });
    expect(image.file).toMatch(/a\.png$/);
    await alice.api.deleteImage({ url: image.file! });
  });
});

describe('client.api: errors', () => {
  it('rejects a wrong parameter with code 4 before sending, and an admin operation with the emulator\'s documented error', async () => {
    const { alice } = await pair();
    const bad = await alice.api.getMessage('m1', { show_deleted_message: 'yes' as never }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ChatError);
    expect(bad).toMatchObject({ code: 4, endpoint: 'GetMessage', status: 0 });
    expect((bad as ChatError).message).toMatch(/show_deleted_message must be a boolean/);
    const admin = await alice.api.listRoles().catch((e: unknown) => e);
    expect(admin).toMatchObject({ code: 5, status: 501, endpoint: 'ListRoles' });
  });

  it('rejects while nobody is connected, naming the operation', async () => {
    const alice = await suite.client('alice');
    await alice.disconnectUser();
    await expect(alice.api.getApp()).rejects.toMatchObject({ endpoint: 'GetApp', code: -1 });
  });
});
