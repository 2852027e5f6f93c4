// The official JavaScript client, `stream-chat`, unchanged against the emulator (PROTOCOL.md
// section 9): real HTTP in its own path layout, a real WebSocket, tokens signed by the
// emulator. The steps are the ones an app takes, in order, with two users; each step checks
// what that client's own state shows, since that is what its app would render.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamChat, type Channel, type Event } from 'stream-chat';
import { startEmulator, type Emulator } from 'chatstore/emulator';

let emu: Emulator;
let alice: StreamChat;
let bob: StreamChat;
let aliceRoom: Channel;
let bobRoom: Channel;
const CID = 'messaging:official';

/** The next event of `type` on `client` that satisfies `match` (the bound only guards a broken test). */
function nextEvent(client: StreamChat, type: string, match: (e: Event) => boolean = () => true): Promise<Event> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error(`no ${type} for ${client.userID}`));
    }, 5_000);
    const sub = client.on(type, (event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(event);
    });
  });
}

async function connect(id: string): Promise<StreamChat> {
  // A client per user (not the shared getInstance singleton), pointed at the emulator.
  const client = new StreamChat(emu.apiKey, { baseURL: emu.url, allowServerSideConnect: true });
  await client.connectUser({ id, name: id.toUpperCase() }, await emu.createToken(id));
  return client;
}

const ownTypes = (channel: Channel, id: string): string[] =>
  (channel.state.findMessage(id)?.own_reactions ?? []).map((r) => r.type).sort();

beforeAll(async () => {
  emu = await startEmulator({ seed: { users: [{ id: 'alice' }, { id: 'bob' }] } });
});
afterAll(async () => {
  await alice?.disconnectUser();
  await bob?.disconnectUser();
  await emu.close();
});

describe('stream-chat against the emulator', () => {
  it('connects two users over the socket', async () => {
    alice = await connect('alice');
    bob = await connect('bob');
    expect(alice.wsConnection?.isHealthy).toBe(true);
    expect(alice.user).toMatchObject({ id: 'alice', name: 'ALICE', total_unread_count: 0 });
    expect(bob.wsConnection?.connectionID).toMatch(/^bob--/);
  });

  it('creates and watches a channel with both; the other member hears of it', async () => {
    const added = nextEvent(bob, 'notification.added_to_channel');
    aliceRoom = alice.channel('messaging', 'official', { members: ['alice', 'bob'] });
    await aliceRoom.watch();
    expect(aliceRoom.cid).toBe(CID);
    expect(Object.keys(aliceRoom.state.members).sort()).toEqual(['alice', 'bob']);
    expect(aliceRoom.data?.own_capabilities).toContain('send-message');
    // The config the client switches features on from.
    expect(aliceRoom.getConfig()).toMatchObject({ typing_events: true, read_events: true, reactions: true, replies: true });
    expect((await added).channel?.cid).toBe(CID);
  });

  it('queries channels and watches them', async () => {
    const channels = await bob.queryChannels({ members: { $in: ['bob'] } }, { last_message_at: -1 }, { watch: true, state: true });
    expect(channels.map((c) => c.cid)).toEqual([CID]);
    bobRoom = channels[0]!;
    expect(bobRoom.initialized).toBe(true);
    expect(bobRoom.state.watcher_count).toBeGreaterThanOrEqual(1);
  });

  let first = '';
  it('sends, receives over the socket, and counts unread', async () => {
    const arrived = nextEvent(bob, 'message.new');
    const sent = await aliceRoom.sendMessage({ text: 'hello bob' });
    first = sent.message.id;
    const event = await arrived;
    expect(event.message).toMatchObject({ id: first, text: 'hello bob', user: { id: 'alice' } });
    expect(event.total_unread_count).toBe(1);
    expect(bobRoom.state.latestMessages.map((m) => m.text)).toEqual(['hello bob']);
    expect(bobRoom.countUnread()).toBe(1);
    expect((await bob.getUnreadCount()).total_unread_count).toBe(1);
  });

  it('adds and removes reactions with own_reactions right on both sides', async () => {
    const seen = nextEvent(alice, 'reaction.new');
    const echo = nextEvent(bob, 'reaction.new');
    const res = await bobRoom.sendReaction(first, { type: 'love' });
    expect(res.message.own_reactions?.map((r) => r.type)).toEqual(['love']);
    await Promise.all([seen, echo]);
    expect(alice.activeChannels[CID]?.state.findMessage(first)?.reaction_counts).toEqual({ love: 1 });
    expect(ownTypes(aliceRoom, first)).toEqual([]);
    expect(ownTypes(bobRoom, first)).toEqual(['love']);

    const aliceToo = nextEvent(bob, 'reaction.new', (e) => e.user?.id === 'alice');
    await aliceRoom.sendReaction(first, { type: 'like' });
    await aliceToo;
    expect(ownTypes(bobRoom, first)).toEqual(['love']);
    expect(ownTypes(aliceRoom, first)).toEqual(['like']);

    const removed = nextEvent(alice, 'reaction.deleted');
    await bobRoom.deleteReaction(first, 'love');
    await removed;
    expect(aliceRoom.state.findMessage(first)?.reaction_counts).toEqual({ like: 1 });
    expect(ownTypes(aliceRoom, first)).toEqual(['like']);
    expect(ownTypes(bobRoom, first)).toEqual([]);
  });

  it('marks read: the unread count drops on both sides', async () => {
    const read = nextEvent(alice, 'message.read', (e) => e.user?.id === 'bob');
    await bobRoom.markRead();
    await read;
    expect(bobRoom.countUnread()).toBe(0);
    expect((await bob.getUnreadCount()).total_unread_count).toBe(0);
    expect(aliceRoom.state.read['bob']?.unread_messages).toBe(0);
  });

  it('shows typing to the other member', async () => {
    const started = nextEvent(alice, 'typing.start');
    await bobRoom.keystroke();
    expect((await started).user?.id).toBe('bob');
    expect(Object.keys(aliceRoom.state.typing)).toEqual(['bob']);
    const stopped = nextEvent(alice, 'typing.stop');
    await bobRoom.stopTyping();
    await stopped;
    expect(Object.keys(aliceRoom.state.typing)).toEqual([]);
  });

  it('edits and deletes', async () => {
    const extra = await aliceRoom.sendMessage({ text: 'typo' });
    const edited = nextEvent(bob, 'message.updated');
    await alice.updateMessage({ id: extra.message.id, text: 'fixed' });
    await edited;
    expect(bobRoom.state.findMessage(extra.message.id)?.text).toBe('fixed');
    const deleted = nextEvent(bob, 'message.deleted');
    await alice.deleteMessage(extra.message.id);
    await deleted;
    expect(bobRoom.state.findMessage(extra.message.id)?.type).toBe('deleted');
  });

  it('replies in a thread, reads the replies and queries threads', async () => {
    const reply = nextEvent(alice, 'message.new', (e) => e.message?.parent_id === first);
    await bobRoom.sendMessage({ text: 'in the thread', parent_id: first });
    await reply;
    expect(aliceRoom.state.findMessage(first)?.reply_count).toBe(1);
    const replies = await aliceRoom.getReplies(first, { limit: 10 });
    expect(replies.messages.map((m) => m.text)).toEqual(['in the thread']);
    const { threads } = await alice.queryThreads({ limit: 10 });
    expect(threads.map((t) => t.id)).toEqual([first]);
    expect(threads[0]?.state.getLatestValue().replies.map((m) => m.text)).toEqual(['in the thread']);
  });

  it('queries users and searches messages', async () => {
    const { users } = await alice.queryUsers({ id: { $in: ['alice', 'bob'] } }, { id: 1 });
    expect(users.map((u) => [u.id, u.name])).toEqual([['alice', 'ALICE'], ['bob', 'BOB']]);
    const found = await alice.search({ cid: CID }, 'hello');
    expect(found.results.map((r) => r.message.text)).toEqual(['hello bob']);
  });

  it('creates a poll and votes on it', async () => {
    const { poll } = await alice.createPoll({ name: 'Lunch?', options: [{ text: 'pizza' }, { text: 'salad' }] });
    const posted = await aliceRoom.sendMessage({ text: 'vote please', poll_id: poll.id });
    const pizza = poll.options.find((o) => o.text === 'pizza')!;
    const cast = nextEvent(alice, 'poll.vote_casted');
    const vote = await bob.castPollVote(posted.message.id, poll.id, { option_id: pizza.id });
    expect(vote.vote).toMatchObject({ option_id: pizza.id });
    const event = await cast;
    expect(event.poll?.vote_counts_by_option).toMatchObject({ [pizza.id]: 1 });
  });

  it('pins a message of another member', async () => {
    const updated = nextEvent(alice, 'message.updated', (e) => e.message?.pinned === true);
    const res = await bob.pinMessage(first);
    expect(res.message).toMatchObject({ id: first, pinned: true, pinned_by: { id: 'bob' } });
    await updated;
    expect(aliceRoom.state.pinnedMessages.map((m) => m.id)).toContain(first);
    const listed = await aliceRoom.getPinnedMessages({ limit: 10 });
    expect(listed.messages.map((m) => m.id)).toEqual([first]);
  });

  it('pages through 60 messages 20 at a time', async () => {
    const room = alice.channel('messaging', 'paging', { members: ['alice', 'bob'] });
    await room.create();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await room.sendMessage({ text: `m${i}` })).message.id);
    const view = bob.channel('messaging', 'paging');
    await view.query({ messages: { limit: 20 } });
    expect(view.state.messages.map((m) => m.text)).toEqual(ids.slice(40).map((_, i) => `m${40 + i}`));
    expect(view.state.messagePagination.hasPrev).toBe(true);
    await view.query({ messages: { limit: 20, id_lt: view.state.messages[0]!.id } }, 'current');
    expect(view.state.messages.length).toBe(40);
    await view.query({ messages: { limit: 20, id_lt: view.state.messages[0]!.id } }, 'current');
    expect(view.state.messages.map((m) => m.id)).toEqual(ids);
    const end = await view.query({ messages: { limit: 20, id_lt: ids[0]! } }, 'current');
    expect(end.messages).toEqual([]);
    expect(view.state.messagePagination.hasPrev).toBe(false);
  });

  it('stops watching a channel: its news then come as notifications', async () => {
    const stopped = nextEvent(alice, 'user.watching.stop', (e) => e.user?.id === 'bob');
    await bobRoom.stopWatching();
    await stopped;
    const note = nextEvent(bob, 'notification.message_new');
    await aliceRoom.sendMessage({ text: 'after stop' });
    expect((await note).message?.text).toBe('after stop');
  });

  it('disconnects', async () => {
    const offline = nextEvent(alice, 'user.presence.changed', (e) => e.user?.id === 'bob' && e.user.online === false);
    await bob.disconnectUser();
    await offline;
    expect(bob.userID).toBeUndefined();
    expect(bob.wsConnection?.isHealthy ?? false).toBe(false);
    await alice.disconnectUser();
    expect(alice.userID).toBeUndefined();
  });
});
