// Issue 7 integration: two real clients on the emulator over loopback. After each step the
// thread's view and the channel's view of the parent agree, on both clients, and the thread
// lists and unread counts say what the server says.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { startEmulator } from 'chatstore/emulator';
import type { ChannelHandle, ChatClient, LocalMessage, ThreadHandle, ThreadView } from 'chatstore';
import { connectedClient, until, type Emulator } from '../integration/helpers.ts';

let emu: Emulator;
const clients: ChatClient[] = [];

beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.disconnectUser();
  await emu.close();
});

async function client(id: string): Promise<ChatClient> {
  const c = await connectedClient(emu, id);
  clients.push(c);
  return c;
}

const now = <T>(o: { subscribe: (f: (v: T) => void) => { unsubscribe(): void } }): T => {
  let value: T | undefined;
  o.subscribe((v) => (value = v)).unsubscribe();
  return value as T;
};

/** The parent as the channel shows it. */
function parentIn(ch: ChannelHandle, id: string): LocalMessage | undefined {
  return now<readonly LocalMessage[]>(ch.messages$).find((m) => m.id === id);
}

/** The thread's view and the channel's view of the parent are the same object, so they agree. */
function expectAgreement(ch: ChannelHandle, thread: ThreadHandle, replyCount: number): ThreadView {
  const view = now<ThreadView | null>(thread.thread$);
  expect(view).not.toBeNull();
  const parent = parentIn(ch, thread.parentId);
  expect(view?.parent).toBe(parent);
  expect(view?.reply_count).toBe(replyCount);
  expect(parent?.reply_count).toBe(replyCount);
  if (parent?.thread_participants) expect(view?.participants).toBe(parent.thread_participants);
  else expect(view?.participants).toEqual([]);
  return view as ThreadView;
}

/** A REST call as `userId` without a client (another device of that user). */
async function postAs(userId: string, path: string, body: unknown): Promise<void> {
  const token = await emu.createToken(userId);
  const res = await fetch(`${emu.url}${path}?api_key=${emu.apiKey}`, {
    method: 'POST',
    headers: { Authorization: token, 'stream-auth-type': 'jwt', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

async function setup() {
  const alice = await client('alice');
  const bob = await client('bob');
  const aCh = alice.channel('messaging', 'threads', { members: ['alice', 'bob'] });
  await aCh.watch();
  const bCh = bob.channel('messaging', 'threads');
  await bCh.watch();
  return { alice, bob, aCh, bCh };
}

describe('threads with two clients', () => {
  it('reply, show_in_channel, edit, react, delete, read and unread: both views agree after every step', async () => {
    const { alice, bob, aCh, bCh } = await setup();
    await aCh.sendMessage({ text: 'what do we ship?', id: 'parent-1' });
    await until(bCh.messages$, (ms) => ms.some((m) => m.id === 'parent-1'));
    const aList = alice.queryThreads();
    await until(aList.status$, (s) => !s.loading);
    expect(now<readonly ThreadView[]>(aList.threads$)).toEqual([]);

    // 1. Bob replies in a thread that does not exist yet.
    const bThread = bob.thread('parent-1');
    expect(bob.thread('parent-1')).toBe(bThread);
    await bThread.sendReply({ text: 'the store', id: 'reply-1' });
    await until(bThread.replies$, (r) => r.length === 1);
    expectAgreement(bCh, bThread, 1);
    // Thread-only: not in the channel windows, no channel unread for alice.
    expect(parentIn(bCh, 'reply-1')).toBeUndefined();
    await until(aCh.messages$, (ms) => ms.find((m) => m.id === 'parent-1')?.reply_count === 1);
    expect(now<{ messages: number }>(aCh.unread$).messages).toBe(0);
    // Alice takes part (she wrote the parent): the thread is new activity her list has not loaded.
    await until(aList.status$, (s) => s.unseen === 1);
    expect((await until(alice.unread$, (u) => u.threads === 1)).threads).toBe(1);
    await aList.refresh();
    const rows = await until(aList.threads$, (t) => t.length === 1);
    expect(rows[0]?.parentId).toBe('parent-1');
    expect(rows[0]?.unread).toBe(1);
    expect(now<{ unseen: number }>(aList.status$).unseen).toBe(0);

    const aThread = alice.thread('parent-1');
    await until(aThread.replies$, (r) => r.length === 1);
    expectAgreement(aCh, aThread, 1);
    expect(now<ThreadView | null>(aThread.thread$)?.participants.map((u) => u.id)).toEqual(['alice', 'bob']);

    // 2. Alice replies with show_in_channel: it is in the thread and in both channel windows.
    await aThread.sendReply({ text: 'and the emulator', id: 'reply-2', show_in_channel: true });
    await until(bCh.messages$, (ms) => ms.some((m) => m.id === 'reply-2'));
    await until(bThread.replies$, (r) => r.length === 2);
    expect(parentIn(aCh, 'reply-2')).toBe(now<readonly LocalMessage[]>(aThread.replies$)[1]);
    expectAgreement(aCh, aThread, 2);
    await until(bCh.messages$, (ms) => ms.find((m) => m.id === 'parent-1')?.reply_count === 2);
    expectAgreement(bCh, bThread, 2);
    // Bob's own thread: alice's reply is unread for him; alice's own reply read hers.
    expect((await until(bThread.thread$, (v) => v?.unread === 1))?.unread).toBe(1);
    expect((await until(aThread.thread$, (v) => v?.unread === 0))?.unread).toBe(0);
    expect((await until(alice.unread$, (u) => u.threads === 0)).threads).toBe(0);
    expect((await until(bob.unread$, (u) => u.threads === 1)).threads).toBe(1);

    // 3. Bob edits his reply: alice's thread shows the edit, the same object as her channel table holds.
    await bCh.updateMessage('reply-1', { text: 'the store, reactive' });
    const edited = await until(aThread.replies$, (r) => r[0]?.text === 'the store, reactive');
    expect(edited.map((m) => m.id)).toEqual(['reply-1', 'reply-2']);

    // 4. Alice reacts to bob's reply: bob's thread shows it.
    await aCh.sendReaction('reply-1', 'like');
    const reacted = await until(bThread.replies$, (r) => (r[0]?.reaction_counts['like'] ?? 0) === 1);
    expect(reacted[0]?.own_reactions).toEqual([]);
    expect((await until(aThread.replies$, (r) => r[0]?.own_reactions.length === 1))[0]?.own_reactions[0]?.type).toBe('like');

    // 5. Bob marks the thread read, then unread from alice's reply.
    await bThread.markRead();
    expect((await until(bThread.thread$, (v) => v?.unread === 0))?.read['bob']).toBeDefined();
    expect((await until(bob.unread$, (u) => u.threads === 0)).threads).toBe(0);
    await bThread.markUnread('reply-2');
    expect((await until(bThread.thread$, (v) => v?.unread === 1))?.unread).toBe(1);
    expect((await until(bob.unread$, (u) => u.threads === 1)).threads).toBe(1);
    // The thread's read never moved the channel's read for bob: the parent and the
    // show_in_channel reply are still unread in the channel.
    expect(now<{ messages: number }>(bCh.unread$).messages).toBe(2);
    await bThread.markRead();
    await until(bob.unread$, (u) => u.threads === 0);

    // 6. Bob deletes his reply (soft): one reply counted on both clients, shown as deleted.
    await bCh.deleteMessage('reply-1');
    await until(aThread.replies$, (r) => r[0]?.type === 'deleted');
    await until(aThread.thread$, (v) => v?.reply_count === 1);
    expectAgreement(aCh, aThread, 1);
    await until(bThread.thread$, (v) => v?.reply_count === 1);
    expectAgreement(bCh, bThread, 1);

    // 7. Alice edits the parent: bob's thread shows the new parent, the one his channel shows.
    await aCh.updateMessage('parent-1', { text: 'what do we ship first?' });
    await until(bThread.thread$, (v) => v?.parent?.text === 'what do we ship first?');
    expectAgreement(bCh, bThread, 1);

    // 8. Alice hard-deletes the parent: the thread goes, with its replies, everywhere.
    await aCh.deleteMessage('parent-1', { hard: true });
    await until(bThread.thread$, (v) => v === null);
    expect(now<readonly LocalMessage[]>(bThread.replies$)).toEqual([]);
    await until(bCh.messages$, (ms) => !ms.some((m) => m.id === 'parent-1' || m.id === 'reply-2'));
    await until(aList.threads$, (t) => t.length === 0);
    aList.dispose();
  });

  it('the thread list orders by last reply and counts unread threads after each step', async () => {
    const { alice, bob, aCh, bCh } = await setup();
    for (const id of ['a', 'b', 'c']) await bCh.sendMessage({ text: `topic ${id}`, id: `p-${id}` });
    // Alice replies to each: she takes part in all three threads.
    for (const id of ['a', 'b', 'c']) await alice.thread(`p-${id}`).sendReply({ text: `on ${id}`, id: `r-${id}` });
    const bList = bob.queryThreads({ limit: 2 });
    const order = (t: readonly ThreadView[]) => t.map((v) => v.parentId);
    expect(order(await until(bList.threads$, (t) => t.length === 2))).toEqual(['p-c', 'p-b']);
    expect(now<{ hasMore: boolean }>(bList.status$).hasMore).toBe(true);
    expect((await until(bob.unread$, (u) => u.threads === 3)).threads).toBe(3);
    await bList.loadMore();
    expect(order(await until(bList.threads$, (t) => t.length === 3))).toEqual(['p-c', 'p-b', 'p-a']);
    expect((await firstValueFrom(bList.threads$)).map((v) => v.unread)).toEqual([1, 1, 1]);

    // A reply in the oldest thread moves it to the top, live.
    await aCh.sendMessage({ text: 'more on a', parent_id: 'p-a', id: 'r-a2' });
    expect(order(await until(bList.threads$, (t) => t[0]?.parentId === 'p-a'))).toEqual(['p-a', 'p-c', 'p-b']);
    expect((await until(bList.threads$, (t) => t[0]?.unread === 2))[0]?.reply_count).toBe(2);

    // Bob reads one thread: one fewer unread thread.
    await bob.thread('p-b').markRead();
    expect((await until(bob.unread$, (u) => u.threads === 2)).threads).toBe(2);
    expect((await until(bList.threads$, (t) => t.find((v) => v.parentId === 'p-b')?.unread === 0)).map((v) => v.unread)).toEqual([2, 1, 0]);

    // Bob's own reply moves the thread up and reads it for him.
    await bob.thread('p-c').sendReply({ text: 'answer on c' });
    expect(order(await until(bList.threads$, (t) => t[0]?.parentId === 'p-c'))).toEqual(['p-c', 'p-a', 'p-b']);
    expect((await until(bob.unread$, (u) => u.threads === 1)).threads).toBe(1);

    // A new thread bob takes part in but never loaded: unseen until refresh.
    await bCh.sendMessage({ text: 'topic d', id: 'p-d' });
    await alice.thread('p-d').sendReply({ text: 'on d' });
    expect((await until(bList.status$, (s) => s.unseen === 1)).unseen).toBe(1);
    await bList.refresh();
    expect(order(await until(bList.threads$, (t) => t[0]?.parentId === 'p-d'))).toEqual(['p-d', 'p-c']);
    expect(now<{ unseen: number }>(bList.status$).unseen).toBe(0);
    bList.dispose();
  });

  it('pages replies older and newer, jumps to a reply, and shows typing in the thread', async () => {
    const { alice, bob, aCh } = await setup();
    await aCh.sendMessage({ text: 'long thread', id: 'long' });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = `long-r${String(i).padStart(2, '0')}`;
      await aCh.sendMessage({ text: `reply ${i}`, parent_id: 'long', id });
      ids.push(id);
    }
    const t = bob.thread('long');
    await t.load({ replyLimit: 5 });
    expect(now<readonly LocalMessage[]>(t.replies$).map((m) => m.id)).toEqual(ids.slice(7));
    expect(now<{ hasOlder: boolean }>(t.pagination$).hasOlder).toBe(true);
    await t.loadOlder(5);
    await t.loadOlder(5);
    expect(now<readonly LocalMessage[]>(t.replies$).map((m) => m.id)).toEqual(ids);
    expect(now<{ hasOlder: boolean }>(t.pagination$).hasOlder).toBe(false);

    const u = alice.thread('long');
    await u.load({ replyLimit: 2 });
    await u.jumpToReply(ids[3] as string, 4);
    expect(now<readonly LocalMessage[]>(u.replies$).map((m) => m.id)).toEqual(ids.slice(2, 6));
    expect(now<{ hasOlder: boolean; hasNewer: boolean }>(u.pagination$)).toMatchObject({ hasOlder: true, hasNewer: true });
    await u.loadNewer(20);
    expect(now<readonly LocalMessage[]>(u.replies$).map((m) => m.id)).toEqual(ids.slice(2));
    expect(now<{ hasNewer: boolean }>(u.pagination$).hasNewer).toBe(false);

    u.keystroke();
    const typing = await until(t.typing$, (e) => e.length === 1);
    expect(typing[0]?.user.id).toBe('alice');
    expect(now<readonly unknown[]>(bob.channel('messaging', 'threads').typing$).length).toBe(1);
    u.stopTyping();
    await until(t.typing$, (e) => e.length === 0);
  });
});

describe('a new thread', () => {
  it('opens on a held parent without replies with no thread request (GetThread would answer not found)', async () => {
    const { bob, aCh, bCh } = await setup();
    await aCh.sendMessage({ text: 'no replies yet', id: 'fresh' });
    await until(bCh.messages$, (ms) => ms.some((m) => m.id === 'fresh'));
    // A thread request now fails loudly: opening the thread must not make one.
    emu.controls.failNext('GetThread', { status: 500, code: -1, message: 'must not be asked' }, 5);
    const errors: unknown[] = [];
    const sub = bob.errors$.subscribe((e) => errors.push(e));
    const t = bob.thread('fresh');
    await t.load();
    sub.unsubscribe();
    expect(errors).toEqual([]);
    expect(now<ThreadView | null>(t.thread$)?.parent?.id).toBe('fresh');
    expect(now<readonly LocalMessage[]>(t.replies$)).toEqual([]);
    // The first reply arrives live in the thread that was started locally.
    await aCh.sendMessage({ text: 'first reply', parent_id: 'fresh', id: 'fresh-r1' });
    await until(t.replies$, (r) => r.length === 1 && r[0]?.id === 'fresh-r1');
  });
});

describe('threads after a dropped connection', () => {
  it('re-reads open threads: replies, counts and unread written during the gap appear', async () => {
    const { bob, aCh, bCh } = await setup();
    await bCh.sendMessage({ text: 'gap topic', id: 'gap-parent' });
    const bThread = bob.thread('gap-parent');
    await bThread.sendReply({ text: 'before', id: 'gap-r0' });
    await until(bThread.replies$, (r) => r.length === 1);

    // Keep bob out until alice has written, however slow the machine, then let him back.
    emu.controls.refuseConnections(60_000);
    emu.controls.dropSockets();
    await until(bob.connection$, (c) => c.status !== 'connected');
    // Alice writes from another device over plain REST while every socket is refused.
    for (const [id, text] of [['gap-r1', 'during 1'], ['gap-r2', 'during 2']] as const) {
      await postAs('alice', '/api/v2/chat/channels/messaging/threads/message', { message: { id, text, parent_id: 'gap-parent' } });
    }
    emu.controls.refuseConnections(0);

    await until(bob.connection$, (c) => c.status === 'connected', 20_000);
    const replies = await until(bThread.replies$, (r) => r.length === 3);
    expect(replies.map((m) => m.id)).toEqual(['gap-r0', 'gap-r1', 'gap-r2']);
    expect((await until(bThread.thread$, (v) => v?.unread === 2))?.reply_count).toBe(3);
    await until(bCh.messages$, (ms) => ms.find((m) => m.id === 'gap-parent')?.reply_count === 3);
    expectAgreement(bCh, bThread, 3);
    const bList = bob.queryThreads();
    expect((await until(bList.threads$, (t) => t[0]?.unread === 2))[0]?.parentId).toBe('gap-parent');
    expect((await until(bob.unread$, (u) => u.threads === 1)).threads).toBe(1);

    // Live again: a new reply arrives without a reload.
    await aCh.sendMessage({ text: 'after', parent_id: 'gap-parent', id: 'gap-r3' });
    await until(bThread.replies$, (r) => r.at(-1)?.id === 'gap-r3');
    bList.dispose();
  });
});

describe('thread failures', () => {
  it('a failed thread query shows on status$ and errors$, and refresh() recovers; a failed page clears its loading flag', async () => {
    const { alice, bob, aCh } = await setup();
    await aCh.sendMessage({ text: 'topic', id: 'f-parent' });
    await bob.thread('f-parent').sendReply({ text: 'one', id: 'f-r1' });
    const errors: { code: number; endpoint: string }[] = [];
    const sub = alice.errors$.subscribe((e) => errors.push({ code: e.code, endpoint: e.endpoint }));
    emu.controls.failNext('QueryThreads', { status: 400, code: 4, message: 'bad filter' });
    const list = alice.queryThreads();
    const failed = await until(list.status$, (s) => s.error !== undefined);
    expect(failed).toMatchObject({ loading: false });
    expect(failed.error?.code).toBe(4);
    expect(errors.some((e) => e.endpoint === 'QueryThreads' && e.code === 4)).toBe(true);
    await list.refresh();
    expect((await until(list.threads$, (t) => t.length === 1))[0]?.parentId).toBe('f-parent');
    expect(now<{ error?: unknown }>(list.status$).error).toBeUndefined();

    // A thread alice takes no part in (so no list holds it): two replies, loaded one at a time.
    const bCh = bob.channel('messaging', 'threads');
    await bCh.sendMessage({ text: 'other topic', id: 'g-parent' });
    await bob.thread('g-parent').sendReply({ text: 'one' });
    await bob.thread('g-parent').sendReply({ text: 'two' });
    const t = alice.thread('g-parent');
    await t.load({ replyLimit: 1 });
    expect(now<{ hasOlder: boolean }>(t.pagination$).hasOlder).toBe(true);
    emu.controls.failNext('GetReplies', { status: 403, code: 17, message: 'not allowed' });
    await expect(t.loadOlder()).rejects.toMatchObject({ endpoint: 'GetReplies' });
    expect(now<{ loadingOlder: boolean; hasOlder: boolean }>(t.pagination$)).toMatchObject({ loadingOlder: false, hasOlder: true });
    await t.loadOlder();
    expect(now<{ hasOlder: boolean }>(t.pagination$).hasOlder).toBe(false);
    sub.unsubscribe();
    list.dispose();
  });
});

describe('optimistic replies', () => {
  it('a reply shows at once as sending in the thread, then received, counted once confirmed, on both clients', async () => {
    const { alice, bob, aCh, bCh } = await setup();
    await aCh.sendMessage({ text: 'topic', id: 'o-parent' });
    const aThread = alice.thread('o-parent');
    await aThread.load();
    emu.controls.delayNext('SendMessage', 300, { phase: 'request' });
    const sent = aThread.sendReply({ text: 'fast', id: 'o-r1' });
    const local = await until(aThread.replies$, (r) => r.length === 1);
    expect(local[0]?.status).toBe('sending');
    // reply_count is the server's number: the reply counts once the server has it.
    expectAgreement(aCh, aThread, 0);
    await sent;
    expect((await until(aThread.replies$, (r) => r[0]?.status === 'received')).map((m) => m.id)).toEqual(['o-r1']);
    expectAgreement(aCh, aThread, 1);
    await until(bCh.messages$, (ms) => ms.find((m) => m.id === 'o-parent')?.reply_count === 1);
    const bThread = bob.thread('o-parent');
    await until(bThread.replies$, (r) => r.length === 1);
    expectAgreement(bCh, bThread, 1);
  });

  it('a rejected reply ends failed in the thread and is not counted', async () => {
    const { alice, aCh } = await setup();
    await aCh.sendMessage({ text: 'topic', id: 'x-parent' });
    const aThread = alice.thread('x-parent');
    await aThread.load();
    emu.controls.failNext('SendMessage', { status: 403, code: 17, message: 'no replies here' });
    await expect(aThread.sendReply({ text: 'nope', id: 'x-r1' })).rejects.toMatchObject({ code: 17 });
    expect(now<readonly LocalMessage[]>(aThread.replies$).map((m) => [m.id, m.status])).toEqual([['x-r1', 'failed']]);
    expectAgreement(aCh, aThread, 0);
  });
});
