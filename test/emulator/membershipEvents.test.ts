// Membership news (PROTOCOL.md section 6, last paragraphs): members of a new channel hear of it
// at once, new members of an existing one too, and a hidden channel that a message makes
// visible again says so before the message arrives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
const clients: RawClient[] = [];

beforeEach(async () => {
  emu = await startEmulator({ seed: { users: [{ id: 'alice' }, { id: 'bob' }, { id: 'carol' }, { id: 'dave' }] } });
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await emu.close();
});

async function connect(id: string): Promise<RawClient> {
  const c = await RawClient.connect(emu, id);
  clients.push(c);
  return c;
}

describe('membership events', () => {
  it('creating a channel with members sends notification.added_to_channel to each member but the creator', async () => {
    const [alice, bob, carol] = [await connect('alice'), await connect('bob'), await connect('carol')];
    await alice.api('POST', chan('messaging', 'new', '/query'), { data: { members: ['alice', 'bob', 'carol'], name: 'New' }, watch: true });
    for (const member of [bob, carol]) {
      const event = await member.waitForType('notification.added_to_channel');
      expect(event).toMatchObject({ cid: 'messaging:new', channel: { cid: 'messaging:new', name: 'New', member_count: 3 }, member: { user_id: member.userId } });
      expect(typeof event['total_unread_count']).toBe('number');
    }
    await alice.sync();
    expect(alice.ofType('notification.added_to_channel')).toEqual([]);
    // Querying the channel again creates nothing and announces nothing.
    bob.clear();
    await alice.api('POST', chan('messaging', 'new', '/query'), {});
    await bob.sync();
    expect(bob.ofType('notification.added_to_channel')).toEqual([]);
  });

  it('adding members sends member.added to watchers and notification.added_to_channel to the new member', async () => {
    const [alice, dave] = [await connect('alice'), await connect('dave')];
    await alice.api('POST', chan('messaging', 'grow', '/query'), { data: { members: ['alice', 'bob'] }, watch: true });
    await alice.api('POST', chan('messaging', 'grow'), { add_members: [{ user_id: 'dave' }] });
    expect(await alice.waitForType('member.added')).toMatchObject({ member: { user_id: 'dave' } });
    expect(await dave.waitForType('notification.added_to_channel')).toMatchObject({ channel: { cid: 'messaging:grow' }, member: { user_id: 'dave' } });
  });

  it('a message that makes a hidden channel visible sends channel.visible to the hider before its message', async () => {
    const [alice, bob] = [await connect('alice'), await connect('bob')];
    await alice.api('POST', chan('messaging', 'hid', '/query'), { data: { members: ['alice', 'bob'] }, watch: true });
    await bob.api('POST', chan('messaging', 'hid', '/hide'), {});
    await bob.waitForType('channel.hidden');
    bob.clear();
    alice.clear();
    await alice.api('POST', chan('messaging', 'hid', '/message'), { message: { id: 'back', text: 'are you there?' } });
    const visible = await bob.waitForType('channel.visible');
    expect(visible).toMatchObject({ cid: 'messaging:hid', user: { id: 'bob' }, channel: { cid: 'messaging:hid', hidden: false } });
    await bob.waitForType('notification.message_new');
    const order = bob.events.map((e) => e['type']);
    expect(order.indexOf('channel.visible')).toBeLessThan(order.indexOf('notification.message_new'));
    // Only the user who hid it hears of it; the next message announces nothing more.
    await alice.sync();
    expect(alice.ofType('channel.visible')).toEqual([]);
    bob.clear();
    await alice.api('POST', chan('messaging', 'hid', '/message'), { message: { text: 'again' } });
    await bob.waitForType('notification.message_new');
    expect(bob.ofType('channel.visible')).toEqual([]);
  });

  it('a watcher who hid the channel gets channel.visible before message.new', async () => {
    const [alice, bob] = [await connect('alice'), await connect('bob')];
    await alice.api('POST', chan('messaging', 'hw', '/query'), { data: { members: ['alice', 'bob'] } });
    await bob.api('POST', chan('messaging', 'hw', '/query'), { watch: true });
    await bob.api('POST', chan('messaging', 'hw', '/hide'), {});
    bob.clear();
    await alice.api('POST', chan('messaging', 'hw', '/message'), { message: { text: 'hi' } });
    await bob.waitForType('message.new');
    const order = bob.events.map((e) => e['type']);
    expect(order.indexOf('channel.visible')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('channel.visible')).toBeLessThan(order.indexOf('message.new'));
  });
});
