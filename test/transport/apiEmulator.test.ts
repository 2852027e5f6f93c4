// Every typed API function against the real emulator: the paths, methods and bodies agree
// with the server, and its answers decode with the models' decoders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { uid } from '../helpers/fixtures.ts';
import { ChatError } from '../../src/transport/chatError.ts';
import { connectTransport } from './helpers/emulatorClients.ts';
import { VirtualClock } from './helpers/virtualClock.ts';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emu.close();
});

async function user(userId = uid('u')) {
  const t = connectTransport(emu, new VirtualClock(Date.now()), userId, await emu.createToken(userId));
  await t.api.queryChannels({ filter_conditions: {} }); // the first request creates the user
  return { ...t, userId };
}

async function pair() {
  const alice = await user();
  const bob = await user();
  const id = uid('ch');
  const created = await alice.api.getOrCreateChannel('messaging', id, {
    data: { members: [{ user_id: alice.userId, channel_role: 'owner' }, { user_id: bob.userId }] },
  });
  return { alice, bob, id, cid: created.channel?.cid ?? '' };
}

describe('typed API against the emulator', () => {
  it('messages, replies, reactions and reads', async () => {
    const { alice, bob, id, cid } = await pair();
    const parentId = `${alice.userId}-${uid('m')}`;
    await alice.api.sendMessage('messaging', id, { message: { id: parentId, text: 'parent' } });
    const reply = await bob.api.sendMessage('messaging', id, { message: { text: 'reply', parent_id: parentId } });
    expect(reply.message.parent_id).toBe(parentId);

    const replies = await alice.api.getReplies(parentId, { limit: 10 });
    expect(replies.messages.map((m) => m.text)).toEqual(['reply']);
    const many = await alice.api.getManyMessages('messaging', id, { ids: [parentId] });
    expect(many.messages.map((m) => m.id)).toEqual([parentId]);

    const reacted = await bob.api.sendReaction(parentId, { reaction: { type: 'like', score: 2 }, enforce_unique: true });
    expect(reacted.reaction).toMatchObject({ type: 'like', message_id: parentId });
    expect((await alice.api.getReactions(parentId)).reactions).toHaveLength(1);
    await bob.api.deleteReaction(parentId, 'like');
    expect((await alice.api.getReactions(parentId)).reactions).toHaveLength(0);

    const edited = await alice.api.updateMessage(parentId, { message: { text: 'parent (edited)' } });
    expect(edited.message.text).toBe('parent (edited)');
    const partial = await alice.api.updateMessagePartial(parentId, { set: { text: 'parent v3' } });
    expect(partial.message?.text).toBe('parent v3');

    // Bob writes in the channel, last: one unread message for Alice (her own messages and
    // Bob's thread-only reply do not count in the channel), none for Bob.
    const last = await bob.api.sendMessage('messaging', id, { message: { text: 'for alice' } });
    const totals = async () => (await alice.api.unreadCounts()).total_unread_count;
    const unread = await alice.api.unreadCounts();
    expect(unread.total_unread_count).toBe(1);
    expect(unread.channels.find((c) => c.channel_id === cid)?.unread_count).toBe(1);
    await alice.api.markRead('messaging', id, {});
    expect(await totals()).toBe(0);
    await alice.api.markUnread('messaging', id, { message_id: last.message.id });
    expect(await totals()).toBe(1);
    const batch = await alice.api.unreadCountsBatch({ user_ids: [alice.userId, bob.userId] });
    expect(batch.counts_by_user[alice.userId]).toMatchObject({ total_unread_count: 1 });
    expect(batch.counts_by_user[bob.userId]).toMatchObject({ total_unread_count: 0 });
    await alice.api.markChannelsRead({ read_by_channel: { [cid]: last.message.id } });
    expect(await totals()).toBe(0);

    const deleted = await alice.api.deleteMessage(parentId);
    expect(deleted.message.id).toBe(parentId);
    expect(typeof deleted.message.deleted_at).toBe('number');
  });

  it('threads, members, search and drafts', async () => {
    const { alice, bob, id, cid } = await pair();
    const parentId = `${alice.userId}-${uid('m')}`;
    await alice.api.sendMessage('messaging', id, { message: { id: parentId, text: 'needle in a thread' } });
    await bob.api.sendMessage('messaging', id, { message: { text: 'r1', parent_id: parentId } });

    const threads = await alice.api.queryThreads({ limit: 10 });
    expect(threads.threads.map((t) => t.parent_message_id)).toContain(parentId);
    const thread = await alice.api.getThread(parentId, { reply_limit: 5 });
    expect(thread.thread.parent_message_id).toBe(parentId);
    await alice.api.updateThreadPartial(parentId, { set: { title: 'A thread' } });

    const members = await alice.api.queryMembers({ payload: { type: 'messaging', id, filter_conditions: {} } });
    expect(members.members.map((m) => m.user_id ?? m.user?.id).sort()).toEqual([alice.userId, bob.userId].sort());
    const member = await bob.api.updateMemberPartial('messaging', id, { set: { pinned: true } });
    expect(member.channel_member?.user_id ?? member.channel_member?.user?.id).toBe(bob.userId);

    const found = await alice.api.search({ payload: { filter_conditions: { cid }, query: 'needle' } });
    // The seeds do not define SearchResultMessage, so results stay undecoded JSON.
    expect(found.results.map((r) => (r.message as { id?: string } | undefined)?.id)).toContain(parentId);

    const drafts = await alice.api.queryDrafts({ limit: 5 });
    expect(drafts.drafts).toEqual([]);
    const missing = await alice.api.getDraft('messaging', id).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ChatError);
    expect(missing).toMatchObject({ code: 16, endpoint: 'GetDraft' });
  });

  it('channel administration and mutes', async () => {
    const { alice, id, cid } = await pair();
    const updated = await alice.api.updateChannelPartial('messaging', id, { set: { topic: 'tests' } });
    expect(updated.channel?.cid).toBe(cid);
    const carol = await user();
    const added = await alice.api.updateChannel('messaging', id, { add_members: [{ user_id: carol.userId }] });
    expect(added.members.map((m) => m.user_id ?? m.user?.id)).toContain(carol.userId);
    await alice.api.hideChannel('messaging', id);
    await alice.api.showChannel('messaging', id);
    const muted = await alice.api.muteChannel({ channel_cids: [cid] });
    expect(muted.channel_mutes?.map((m) => m.channel?.cid) ?? muted.channel_mute?.channel?.cid).toContain(cid);
    await alice.api.unmuteChannel({ channel_cids: [cid] });
    await alice.api.sendMessage('messaging', id, { message: { text: 'soon gone' } });
    const truncated = await alice.api.truncateChannel('messaging', id, { truncated_at: Date.now() + 1000 });
    expect(truncated.channel?.cid).toBe(cid);
    const removed = await alice.api.deleteChannel('messaging', id);
    expect(removed.channel?.cid).toBe(cid);
  });

  it('polls and users', async () => {
    const { alice, bob, id } = await pair();
    const pollId = uid('poll');
    const poll = await alice.api.createPoll({ id: pollId, name: 'Lunch?', options: [{ text: 'pizza' }, { text: 'soup' }] });
    expect(poll.poll.id).toBe(pollId);
    const messageId = `${alice.userId}-${uid('m')}`;
    await alice.api.sendMessage('messaging', id, { message: { id: messageId, text: 'vote', poll_id: pollId } });
    const optionId = poll.poll.options[0]?.id ?? '';
    const vote = await bob.api.castPollVote(messageId, pollId, { vote: { option_id: optionId } });
    expect(vote.vote?.option_id).toBe(optionId);
    expect((await alice.api.getPoll(pollId)).poll.vote_count).toBe(1);
    await bob.api.deletePollVote(messageId, pollId, vote.vote?.id ?? '');
    expect((await alice.api.getPoll(pollId)).poll.vote_count).toBe(0);
    expect((await alice.api.queryPolls({ filter: { id: pollId } })).polls.map((p) => p.id)).toEqual([pollId]);

    const users = await alice.api.queryUsers({ payload: { filter_conditions: { id: { $in: [bob.userId] } } } });
    expect(users.users.map((u) => u.id)).toEqual([bob.userId]);
    const renamed = await alice.api.updateUsersPartial({ users: [{ id: alice.userId, set: { name: 'Alice P.' } }] });
    expect(renamed.users[alice.userId]).toMatchObject({ name: 'Alice P.' });
    const upserted = await alice.api.updateUsers({ users: { [alice.userId]: { id: alice.userId, name: 'Alice Q.' } } });
    expect(upserted.users[alice.userId]).toMatchObject({ name: 'Alice Q.' });
  });

  it('uploads a file over real multipart with progress, and the file is served back', async () => {
    const { alice, id } = await pair();
    const content = 'x'.repeat(200_000);
    const progress: { loaded: number; total: number }[] = [];
    const res = await alice.api.uploadChannelFile('messaging', id, { file: new Blob([content], { type: 'text/plain' }) }, {
      name: 'notes.txt',
      onProgress: (p) => progress.push(p),
    });
    expect(res.file).toMatch(/notes\.txt$/);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1];
    expect(last?.loaded).toBeGreaterThanOrEqual(200_000);
    const served = await fetch(res.file ?? '');
    expect(await served.text()).toBe(content);

    const image = await alice.api.uploadChannelImage('messaging', id, { file: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }) }, { name: 'a.png' });
    expect(image.file).toMatch(/a\.png$/);
  });

  it('an aborted upload rejects with code -1 and is not retried', async () => {
    const { alice, id } = await pair();
    const controller = new AbortController();
    controller.abort();
    const e = await alice.api
      .uploadChannelFile('messaging', id, { file: new Blob(['data']) }, { signal: controller.signal })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ChatError);
    expect(e).toMatchObject({ code: -1, retryable: false, endpoint: 'UploadChannelFile' });
  });
});
