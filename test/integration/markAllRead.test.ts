// client.markAllRead() with real clients over the emulator: every count and the totals go
// to 0 at once (channels held and channels the client never loaded), the server agrees,
// and a failure puts back exactly what was unread.
import { describe, expect, it } from 'vitest';
import { ChatError, type ChatClient } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

/** Bob writes to alice in two channels alice holds and one she has never loaded. */
async function setup(): Promise<{ alice: ChatClient; bob: ChatClient }> {
  const bob = await suite.client('bob');
  await suite.registerUsers('alice');
  const hidden = bob.channel('messaging', 'never-loaded', { members: ['alice', 'bob'] });
  await hidden.watch();
  await hidden.sendMessage({ text: 'you have not seen this channel yet' });
  const alice = await suite.client('alice');
  for (const id of ['one', 'two']) {
    const b = bob.channel('messaging', id, { members: ['alice', 'bob'] });
    await b.watch();
    await alice.channel('messaging', id).watch();
    await b.sendMessage({ text: `hello in ${id}` });
    await b.sendMessage({ text: `again in ${id}` });
  }
  await until(alice.unread$, (u) => u.totalMessages === 5);
  return { alice, bob };
}

describe('markAllRead', () => {
  it('clears every count at once and the server agrees', async () => {
    const { alice } = await setup();
    expect(alice.getState().unread).toMatchObject({ totalMessages: 5, channels: 3 });
    const done = alice.markAllRead();
    const now = alice.getState();
    expect(now.unread).toMatchObject({ totalMessages: 0, channels: 0 });
    for (const id of ['one', 'two']) expect(await until(alice.channel('messaging', id).unread$, () => true)).toEqual({ messages: 0, mentions: 0 });
    await done;
    await drained(suite.emu, alice, 'alice');
    expect(alice.getState().unread).toMatchObject({ totalMessages: 0, channels: 0 });
    // The server's own count says the same.
    const counts = await alice.api.unreadCounts();
    expect(counts.total_unread_count).toBe(0);
  });

  it('a failure puts back exactly what was unread', async () => {
    const { alice } = await setup();
    const before = alice.getState().unread;
    const one = alice.getState();
    suite.emu.controls.failNext('MarkChannelsRead', { status: 403, code: 5, message: 'not now' });
    const done = alice.markAllRead();
    expect(alice.getState().unread.totalMessages).toBe(0);
    const err = await done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    const after = alice.getState().unread;
    expect({ total: after.totalMessages, channels: after.channels }).toEqual({ total: before.totalMessages, channels: before.channels });
    for (const id of ['one', 'two']) {
      const u = await until(alice.channel('messaging', id).unread$, () => true);
      expect(u.messages).toBe(2);
    }
    expect(alice.getState().pending.ops.size).toBe(one.pending.ops.size);
  });

  it('rejects when nobody is connected, changing nothing', async () => {
    const { alice } = await setup();
    await alice.disconnectUser();
    const state = alice.getState();
    await expect(alice.markAllRead()).rejects.toBeInstanceOf(ChatError);
    expect(alice.getState()).toBe(state);
  });
});
