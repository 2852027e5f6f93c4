// Distinct channels, channel management and members with two (or three) real clients over
// the emulator: real HTTP, WebSocket and JWTs.
import { describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { ChatError, type ChatClient } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

const cids = (rows: readonly { cid: string }[]) => rows.map((r) => r.cid);
const now = <T>(o: import('rxjs').Observable<T>): Promise<T> => firstValueFrom(o);

async function shared(alice: ChatClient, id: string, members = ['alice', 'bob']) {
  const ch = alice.channel('messaging', id, { members });
  await ch.watch();
  return ch;
}

async function rejection(p: Promise<unknown>): Promise<ChatError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ChatError) return e;
    throw e;
  }
  throw new Error('expected a ChatError');
}

describe('distinct channels', () => {
  it('client.channel(type, { members }) gets or creates the channel of exactly those members and becomes the handle of its cid', async () => {
    const alice = await suite.client('alice');
    const bob = await suite.client('bob');
    const dm = alice.channel('messaging', { members: ['alice', 'bob'] });
    expect(alice.channel('messaging', { members: ['bob', 'alice'] })).toBe(dm);
    expect(dm.cid).toBe('');
    await dm.watch();
    expect(dm.cid).toMatch(/^messaging:!members-/);
    expect(alice.channel('messaging', dm.id)).toBe(dm);
    expect((await now(dm.members$)).map((m) => m.user_id).sort()).toEqual(['alice', 'bob']);

    // Bob's distinct channel of the same members (himself left out: he is one anyway) is the same channel.
    const bobDm = bob.channel('messaging', { members: ['alice'] });
    await bobDm.sendMessage({ text: 'hi alice' });
    expect(bobDm.cid).toBe(dm.cid);
    await until(dm.messages$, (ms) => ms.some((m) => m.text === 'hi alice'));

    // A different member set is a different channel.
    await suite.registerUsers('carol');
    const group = alice.channel('messaging', { members: ['bob', 'carol'] });
    await group.watch();
    expect(group.cid).not.toBe(dm.cid);
  });

  it('bad members are a ChatError and create nothing', async () => {
    const alice = await suite.client('alice');
    expect(() => alice.channel('messaging', { members: [] })).toThrow(ChatError);
    const e = await rejection(alice.channel('messaging', { members: ['nobody-here'] }).watch());
    expect(e.code).toBe(4);
    expect(alice.getState().channels.size).toBe(0);
  });
});

describe('channel management', () => {
  it('a rename shows at once, reaches the other member, and an over-long name is refused with the state as it was', async () => {
    const alice = await suite.client('alice');
    const bob = await suite.client('bob');
    const ch = await shared(alice, 'rename');
    await bob.channel('messaging', 'rename').watch();

    const renamed = ch.update({ name: 'Team room' });
    expect((await now(ch.channel$))?.['name']).toBe('Team room');
    expect((await renamed)?.['name']).toBe('Team room');
    await until(bob.channel('messaging', 'rename').channel$, (c) => c?.['name'] === 'Team room');

    const held = await now(ch.channel$);
    const refused = ch.update({ name: 'x'.repeat(6_000) });
    expect((await now(ch.channel$))?.['name']).toHaveLength(6_000); // shown at once
    const e = await rejection(refused);
    expect(e.code).toBe(4);
    expect(e.message).toMatch(/custom data/);
    const after = await now(ch.channel$);
    expect(after).toEqual(held);
    expect(after?.['name']).toBe('Team room');

    await ch.updatePartial({ set: { topic: 'plans' } });
    await until(bob.channel('messaging', 'rename').channel$, (c) => c?.['topic'] === 'plans' && c?.['name'] === 'Team room');
    await ch.updatePartial({ unset: ['topic'] });
    expect((await now(ch.channel$))?.['topic']).toBeUndefined();
  });

  it('pin, archive, hide and mute move the channel in lists as the server orders them', async () => {
    const alice = await suite.client('alice');
    const bob = await suite.client('bob');
    const one = await shared(alice, 'one');
    await one.sendMessage({ text: 'one' });
    const two = await shared(alice, 'two');
    await two.sendMessage({ text: 'two' });

    const list = alice.queryChannels({ members: { $in: ['alice'] }, archived: false }, [{ field: 'pinned_at', direction: -1 }, { field: 'last_message_at', direction: -1 }]);
    expect(cids(await until(list.channels$, (r) => r.length === 2))).toEqual(['messaging:two', 'messaging:one']);

    // Pin: first at once, and the membership on channel$ says so.
    const pinned = one.pin();
    expect(cids(await now(list.channels$))).toEqual(['messaging:one', 'messaging:two']);
    expect((await now(one.channel$))?.membership?.pinned_at).toBeTypeOf('number');
    expect((await pinned)?.pinned_at).toBeTypeOf('number');
    await one.unpin();
    expect(cids(await now(list.channels$))).toEqual(['messaging:two', 'messaging:one']);

    // Archive: out of the archived:false list.
    await two.archive();
    expect(cids(await now(list.channels$))).toEqual(['messaging:one']);
    expect((await now(two.channel$))?.membership?.archived_at).toBeTypeOf('number');
    await two.unarchive();
    await drained(suite.emu, alice, 'alice');
    expect(cids(await now(list.channels$))).toEqual(['messaging:two', 'messaging:one']);

    // Hide: out of lists until a new message makes it visible again (channel.visible).
    await one.hide();
    expect(cids(await now(list.channels$))).toEqual(['messaging:two']);
    await bob.channel('messaging', 'one').sendMessage({ text: 'back again' });
    expect(cids(await until(list.channels$, (r) => r.length === 2))).toEqual(['messaging:one', 'messaging:two']);
    expect((await now(one.channel$))?.hidden).toBe(false);

    // Mute: the channel's messages leave the unread totals.
    await two.mute();
    expect((await now(two.channel$))?.muted).toBe(true);
    await bob.channel('messaging', 'two').sendMessage({ text: 'muted news' });
    await until(two.unread$, (u) => u.messages === 1);
    await drained(suite.emu, alice, 'alice');
    const totals = await now(alice.unread$);
    expect(totals.totalMessages).toBe(1); // only "back again" in channel one
    await two.unmute();
    expect((await now(two.channel$))?.muted).toBe(false);
    list.dispose();
  });

  it('truncate drops the history for both members; delete takes the channel out of their lists', async () => {
    const alice = await suite.client('alice');
    const bob = await suite.client('bob');
    const ch = await shared(alice, 'cut');
    for (const text of ['a', 'b', 'c']) await ch.sendMessage({ text });
    const bobCh = bob.channel('messaging', 'cut');
    await bobCh.watch();
    expect((await now(bobCh.messages$)).length).toBe(3);

    await ch.truncate({ message: { text: 'history cleared' } });
    expect((await now(ch.messages$)).map((m) => m.text)).toEqual(['history cleared']);
    await until(bobCh.messages$, (ms) => ms.length === 1 && ms[0]?.text === 'history cleared');

    const bobList = bob.queryChannels({ members: { $in: ['bob'] } });
    await until(bobList.channels$, (r) => r.length === 1);
    await ch.delete();
    expect((await now(ch.channel$))?.deleted_at).toBeTypeOf('number');
    await until(bobList.channels$, (r) => r.length === 0);
    bobList.dispose();
  });
});

describe('members', () => {
  it('addMembers and removeMembers keep members$ exact on both sides, with a system message', async () => {
    const alice = await suite.client('alice');
    const bob = await suite.client('bob');
    await suite.registerUsers('carol');
    const ch = await shared(alice, 'team');
    const bobCh = bob.channel('messaging', 'team');
    await bobCh.watch();

    const members = await ch.addMembers(['carol'], { message: { text: 'carol joined' } });
    expect(members.map((m) => m.user_id).sort()).toEqual(['alice', 'bob', 'carol']);
    await until(bobCh.members$, (ms) => ms.some((m) => m.user_id === 'carol'));
    await until(bobCh.messages$, (ms) => ms.some((m) => m.text === 'carol joined'));

    // A live member query loads on first subscribe and follows member events.
    const query = bobCh.queryMembers();
    expect((await until(query.members$, (ms) => ms.length === 3)).map((m) => m.user_id)).toEqual(['alice', 'bob', 'carol']);

    await ch.removeMembers(['carol']);
    expect((await now(ch.members$)).map((m) => m.user_id).sort()).toEqual(['alice', 'bob']);
    await until(bobCh.members$, (ms) => ms.length === 2);
    await until(query.members$, (ms) => ms.length === 2);
    expect((await now(bobCh.channel$))?.member_count).toBe(2);
    query.dispose();
  });

  it('an unknown user and a non-member removing members get a ChatError, and nothing changes', async () => {
    const alice = await suite.client('alice');
    await suite.registerUsers('bob');
    const carol = await suite.client('carol');
    const ch = await shared(alice, 'closed');

    const before = await now(ch.members$);
    const unknown = await rejection(ch.addMembers(['nobody-at-all']));
    expect(unknown.code).toBe(4);
    expect(unknown.message).toMatch(/nobody-at-all/);
    expect(await now(ch.members$)).toBe(before);

    // Carol is no member: the server refuses (code 17), and nothing changes for her either.
    const stateBefore = carol.getState();
    const forbidden = await rejection(carol.channel('messaging', 'closed').removeMembers(['bob']));
    expect(forbidden.code).toBe(17);
    expect(carol.getState()).toBe(stateBefore);
    await drained(suite.emu, alice, 'alice');
    expect((await now(ch.members$)).map((m) => m.user_id).sort()).toEqual(['alice', 'bob']);

    const bad = await rejection(ch.removeMembers([]));
    expect(bad.code).toBe(4);
  });
});

describe('client.api answers of channel management', () => {
  it('UpdateChannel adds and removes members in the store when the call resolves, without watching', async () => {
    const alice = await suite.client('alice');
    await suite.registerUsers('bob', 'carol');
    // Not watched: member.* events do not come to this connection, only the answers count.
    await alice.api.getOrCreateChannel('messaging', 'quiet', { state: true, data: { members: [{ user_id: 'alice' }, { user_id: 'bob' }] } });
    const ch = alice.channel('messaging', 'quiet');
    await alice.api.updateChannel('messaging', 'quiet', { add_members: [{ user_id: 'carol' }] });
    expect((await now(ch.members$)).map((m) => m.user_id).sort()).toEqual(['alice', 'bob', 'carol']);
    await alice.api.updateChannel('messaging', 'quiet', { remove_members: ['bob'] });
    expect((await now(ch.members$)).map((m) => m.user_id).sort()).toEqual(['alice', 'carol']);
    expect((await now(ch.channel$))?.member_count).toBe(2);
  });
});
