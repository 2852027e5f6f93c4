// Issue 5 integration: two real clients on the emulator.
import { describe, expect, it } from 'vitest';
import type { Observable } from 'rxjs';
import type { ChatClient } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

const client = (id: string): Promise<ChatClient> => suite.client(id);

const registerUsers = (...ids: string[]): Promise<void> => suite.registerUsers(...ids);

async function seedMessages(c: ChatClient, channelId: string, count: number): Promise<string[]> {
  const ch = c.channel('messaging', channelId);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `seed-${channelId}-${String(i).padStart(3, '0')}`;
    await ch.sendMessage({ text: `message ${i}`, id });
    ids.push(id);
  }
  return ids;
}

describe('channel lists', () => {
  it('follow new messages and new channels live, in the server\'s order', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    for (const id of ['one', 'two']) await alice.channel('messaging', id, { members: ['alice', 'bob'] }).watch();
    await alice.channel('messaging', 'one').sendMessage({ text: 'first' });
    await alice.channel('messaging', 'two').sendMessage({ text: 'second' });

    const list = bob.queryChannels({ members: { $in: ['bob'] } }, { last_message_at: -1 });
    const cids = (rows: readonly { cid: string }[]) => rows.map((r) => r.cid);
    expect(cids(await until(list.channels$, (r) => r.length === 2))).toEqual(['messaging:two', 'messaging:one']);

    // A message in the older channel moves it to the top.
    await alice.channel('messaging', 'one').sendMessage({ text: 'bump' });
    expect(cids(await until(list.channels$, (r) => r[0]?.cid === 'messaging:one'))).toEqual(['messaging:one', 'messaging:two']);

    // A channel bob is added to appears first; the row carries its unread count.
    const three = alice.channel('messaging', 'three', { members: ['alice', 'bob'] });
    await three.watch();
    await three.sendMessage({ text: 'hello three' });
    const rows = await until(list.channels$, (r) => r[0]?.cid === 'messaging:three');
    expect(cids(rows)).toEqual(['messaging:three', 'messaging:one', 'messaging:two']);
    expect(new Set(cids(rows)).size).toBe(rows.length);
    expect((await until(list.channels$, (r) => r[0]?.unread.messages === 1))[0]?.lastMessage?.text).toBe('hello three');
    await list.loadMore();
    expect((await until(list.status$, (s) => !s.loading)).hasMore).toBe(false);
    list.dispose();
  });
});

describe('pagination and jumps', () => {
  it('pages older and newer with flags from the server, jumps to a message and back', async () => {
    await registerUsers('bob');
    const alice = await client('alice');
    await alice.channel('messaging', 'long', { members: ['alice', 'bob'] }).watch();
    const ids = await seedMessages(alice, 'long', 60);
    // Bob connects after the history was written, so he holds none of it yet.
    const bob = await client('bob');

    const ch = bob.channel('messaging', 'long');
    await ch.watch({ messageLimit: 20 });
    let msgs = await until(ch.messages$, (m) => m.length === 20);
    expect(msgs.map((m) => m.id)).toEqual(ids.slice(40));
    expect(await until(ch.pagination$, () => true)).toMatchObject({ hasOlder: true, hasNewer: false, isLatest: true });

    await ch.loadOlder(30);
    msgs = await until(ch.messages$, (m) => m.length === 50);
    expect(msgs.map((m) => m.id)).toEqual(ids.slice(10));
    expect((await until(ch.pagination$, () => true)).hasOlder).toBe(true);
    await ch.loadOlder(30);
    msgs = await until(ch.messages$, (m) => m.length === 60);
    expect((await until(ch.pagination$, () => true)).hasOlder).toBe(false);
    expect(msgs.map((m) => m.id)).toEqual(ids);
  });

  it('jumpToMessage loads a window around an old message; jumpToLatest returns', async () => {
    await registerUsers('bob');
    const alice = await client('alice');
    await alice.channel('messaging', 'jump', { members: ['alice', 'bob'] }).watch();
    const ids = await seedMessages(alice, 'jump', 50);
    const bob = await client('bob');
    const ch = bob.channel('messaging', 'jump');
    await ch.watch({ messageLimit: 10 });
    await ch.jumpToMessage(ids[5] as string, 10);
    const around = await until(ch.messages$, (m) => m.some((x) => x.id === ids[5]));
    expect(around.map((m) => m.id)).toEqual(ids.slice(1, 11));
    expect(await until(ch.pagination$, () => true)).toMatchObject({ hasOlder: true, hasNewer: true, isLatest: false });

    // New messages keep arriving in the latest window while the user looks at history.
    await alice.channel('messaging', 'jump').sendMessage({ text: 'while away', id: 'live-1' });
    await until(ch.unread$, (u) => u.messages >= 1);
    expect((await until(ch.messages$, () => true)).some((m) => m.id === 'live-1')).toBe(false);

    await ch.loadNewer(10);
    const newer = await until(ch.messages$, (m) => m.length === 20);
    expect(newer.map((m) => m.id)).toEqual(ids.slice(1, 21));

    await ch.jumpToLatest();
    const latest = await until(ch.messages$, (m) => m.at(-1)?.id === 'live-1');
    expect(latest.map((m) => m.id)).toEqual([...ids.slice(40), 'live-1']);
    expect((await until(ch.pagination$, () => true)).isLatest).toBe(true);
  });
});

describe('reads and unread counts', () => {
  it('tracks read states of both users and every unread count', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const a1 = alice.channel('messaging', 'r1', { members: ['alice', 'bob'] });
    const a2 = alice.channel('messaging', 'r2', { members: ['alice', 'bob'] });
    await a1.watch();
    await a2.watch();
    const b1 = bob.channel('messaging', 'r1');
    await b1.watch();
    await a1.sendMessage({ text: 'one' });
    await a1.sendMessage({ text: `two @bob`, mentioned_users: ['bob'] });
    await a2.sendMessage({ text: 'three' });

    expect(await until(b1.unread$, (u) => u.messages === 2)).toEqual({ messages: 2, mentions: 1 });
    const totals = await until(bob.unread$, (u) => u.totalMessages === 3 && u.channels === 2);
    expect(totals.byChannel['messaging:r1']).toEqual({ messages: 2, mentions: 1 });

    await b1.markRead();
    expect(await until(b1.unread$, (u) => u.messages === 0)).toEqual({ messages: 0, mentions: 0 });
    expect(await until(bob.unread$, (u) => u.totalMessages === 1)).toMatchObject({ channels: 1 });

    // Alice sees bob's read state move.
    const reads = await until(a1.reads$, (r) => (r['bob']?.unread_messages ?? -1) === 0 && r['bob']?.last_read_message_id !== undefined);
    expect(reads['bob']?.last_read).toBeGreaterThan(0);

    // Own messages never count as unread for the sender.
    expect((await until(alice.unread$, () => true)).totalMessages).toBe(0);
  });
});

describe('deleted unread messages', () => {
  it('leave the live counts as they leave the server\'s, soft or hard', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const a = alice.channel('messaging', 'del', { members: ['alice', 'bob'] });
    await a.watch();
    const b = bob.channel('messaging', 'del');
    await b.watch();
    await a.sendMessage({ text: 'one', id: 'del-1' });
    await a.sendMessage({ text: 'two @bob', id: 'del-2', mentioned_users: ['bob'] });
    await a.sendMessage({ text: 'three', id: 'del-3' });
    expect(await until(b.unread$, (u) => u.messages === 3)).toEqual({ messages: 3, mentions: 1 });

    await a.deleteMessage('del-2');
    expect(await until(b.unread$, (u) => u.messages === 2)).toEqual({ messages: 2, mentions: 0 });
    await a.deleteMessage('del-3', { hard: true });
    expect(await until(b.unread$, (u) => u.messages === 1)).toEqual({ messages: 1, mentions: 0 });
    expect((await until(bob.unread$, (u) => u.totalMessages === 1)).channels).toBe(1);

    // A fresh load of the same user: the server counts the same.
    const again = await client('bob');
    expect((await until(again.unread$, () => true)).totalMessages).toBe(1);
    const fresh = again.channel('messaging', 'del');
    await fresh.watch();
    expect(await until(fresh.unread$, () => true)).toEqual({ messages: 1, mentions: 0 });
  });
});

describe('isolation', () => {
  it('an event in channel A emits nothing on channel B', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const a = alice.channel('messaging', 'iso-a', { members: ['alice', 'bob'] });
    const bChan = alice.channel('messaging', 'iso-b', { members: ['alice', 'bob'] });
    await a.watch();
    await bChan.watch();
    const bobA = bob.channel('messaging', 'iso-a');
    const bobB = bob.channel('messaging', 'iso-b');
    await bobA.watch();
    await bobB.watch();
    let emissions = 0;
    const observables: Observable<unknown>[] = [bobB.messages$, bobB.channel$, bobB.unread$, bobB.members$, bobB.reads$, bobB.typing$, bobB.pagination$];
    const subs = observables.map((o) =>
      o.subscribe(() => (emissions += 1)),
    );
    const initial = emissions;
    await a.sendMessage({ text: 'only in A' });
    await until(bobA.messages$, (m) => m.length === 1);
    // Not at once: a stray emission on B a tick later must be seen too.
    await drained(suite.emu, bob, 'bob');
    expect(emissions).toBe(initial);
    for (const s of subs) s.unsubscribe();
  });
});

describe('unread from the server on first load', () => {
  it('takes messages and mentions from the read state of a channel loaded after the fact', async () => {
    await registerUsers('bob');
    const alice = await client('alice');
    const a = alice.channel('messaging', 'later', { members: ['alice', 'bob'] });
    await a.watch();
    await a.sendMessage({ text: 'plain' });
    await a.sendMessage({ text: 'hey @bob', mentioned_users: ['bob'] });
    const bob = await client('bob');
    expect((await until(bob.unread$, () => true)).totalMessages).toBe(2);
    const b = bob.channel('messaging', 'later');
    await b.watch({ messageLimit: 1 });
    // Only one message was loaded, but both counts come from the server.
    expect(await until(b.unread$, (u) => u.messages === 2)).toEqual({ messages: 2, mentions: 1 });
  });
});
