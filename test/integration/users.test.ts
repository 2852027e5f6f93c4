// Users and moderation with two real clients over the emulator (real HTTP, WebSocket, JWT).
import { describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { ChatError, createChatClient, selectChannelPushPreferences, tableGet } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

async function dm(a: Awaited<ReturnType<typeof suite.client>>, id: string, members: string[]) {
  const ch = a.channel('messaging', id, { members });
  await ch.watch();
  return ch;
}

describe('users and presence', () => {
  it('user$ follows the other user\'s profile edits and presence; the copies in members read live by id', async () => {
    const alice = await suite.client('alice');
    await suite.registerUsers('bob');
    const ch = await dm(alice, 'ab', ['alice', 'bob']);
    const bob$ = alice.user$('bob');
    expect((await firstValueFrom(bob$))?.online).toBe(false);
    const bob = await suite.client('bob');
    await until(bob$, (u) => u?.online === true);
    await bob.updateUser({ set: { name: 'Robert', image: 'https://img.test/bob.png' } });
    const live = await until(bob$, (u) => u?.name === 'Robert');
    expect(live?.image).toBe('https://img.test/bob.png');
    // The member copy is as it was sent; rendering reads it through the table by id.
    const memberCopy = alice.getState().channels && (await firstValueFrom(ch.members$)).find((m) => m.user_id === 'bob');
    expect(memberCopy?.user?.id).toBe('bob');
    expect(tableGet(alice.getState().users, 'bob')?.name).toBe('Robert');
    await bob.disconnectUser();
    await until(bob$, (u) => u?.online === false);
  });

  it('queryUsers pages users (loads on first subscribe); loadMore appends; presence stays live', async () => {
    await suite.registerUsers('u1', 'u2', 'u3');
    const alice = await suite.client('alice');
    const list = alice.queryUsers({ id: { $in: ['u1', 'u2', 'u3'] } }, { id: 1 }, { limit: 2, presence: true });
    const page1 = await until(list.users$, (u) => u.length === 2);
    expect(page1.map((u) => u.id)).toEqual(['u1', 'u2']);
    expect((await firstValueFrom(list.status$)).hasMore).toBe(true);
    await list.loadMore();
    const all = await until(list.users$, (u) => u.length === 3);
    expect(all.map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
    expect((await firstValueFrom(list.status$)).hasMore).toBe(false);
    list.dispose();
  });

  it('updateUser is shown at once and me$ follows; a refused update (an over-long name) rolls back exactly with a ChatError', async () => {
    const alice = await suite.client('alice');
    const before = alice.getState().me;
    const pending = alice.updateUser({ set: { name: 'Alice A.', mood: 'sunny' } });
    expect(alice.getState().me?.name).toBe('Alice A.');
    const stored = await pending;
    expect(stored).toMatchObject({ name: 'Alice A.' });
    expect((await firstValueFrom(alice.me$))?.custom['mood']).toBe('sunny');

    const settled = alice.getState().me;
    const tooLong = alice.updateUser({ set: { name: 'x'.repeat(6_000) } });
    expect(alice.getState().me?.name).toHaveLength(6_000);
    const error = await tooLong.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 4, endpoint: 'UpdateUsersPartial' });
    expect(alice.getState().me).toEqual(settled);
    expect(before?.name).toBe('alice');
  });

  it('updateUser refuses a field the user cannot change, before any request, state as it was', async () => {
    const alice = await suite.client('alice');
    const state = alice.getState();
    await expect(alice.updateUser({ set: { role: 'admin' } })).rejects.toMatchObject({ code: 4 });
    expect(alice.getState()).toBe(state);
  });

  it('connectGuestUser creates a guest (no token) and connects as it', async () => {
    const guest = createChatClient({ apiKey: suite.emu.apiKey, baseUrl: suite.emu.url });
    try {
      const me = await guest.connectGuestUser({ id: 'visitor-1', name: 'Visitor' });
      expect(me).toMatchObject({ id: 'visitor-1', role: 'guest', name: 'Visitor' });
      expect((await firstValueFrom(guest.connection$)).status).toBe('connected');
    } finally {
      await guest.disconnectUser();
    }
  });

  it('connectGuestUser with the id of a regular user is refused with a ChatError and connects nothing', async () => {
    await suite.registerUsers('bob');
    const guest = createChatClient({ apiKey: suite.emu.apiKey, baseUrl: suite.emu.url });
    await expect(guest.connectGuestUser({ id: 'bob' })).rejects.toMatchObject({ code: 4, endpoint: 'CreateGuest' });
    expect(guest.getState().me).toBeNull();
  });
});

describe('moderation', () => {
  it('blockUser: blockedUsers$ at once; the DM leaves lists and the blocker hears nothing from the blocked user there; groups unaffected', async () => {
    await suite.registerUsers('carol');
    const alice = await suite.client('alice');
    const bob = await suite.client('bob');
    await dm(alice, 'ab', ['alice', 'bob']);
    await dm(alice, 'group', ['alice', 'bob', 'carol']);
    const list = alice.queryChannels({ members: { $in: ['alice'] } }, { last_message_at: -1 });
    await until(list.channels$, (c) => c.length === 2);

    const blocking = alice.blockUser('bob');
    expect(await firstValueFrom(alice.blockedUsers$)).toEqual(['bob']);
    await blocking;
    expect((await firstValueFrom(list.channels$)).map((c) => c.cid)).toEqual(['messaging:group']);

    await bob.channel('messaging', 'ab').watch();
    await bob.channel('messaging', 'ab').sendMessage({ text: 'hello?' });
    await bob.channel('messaging', 'group').watch();
    await bob.channel('messaging', 'group').sendMessage({ text: 'hi all' });
    await drained(suite.emu, alice, 'alice');
    const texts = (cid: string) => {
      const ch = tableGet(alice.getState().channels, cid);
      return ch ? ch.messages.buckets.flatMap((b) => Object.values(b)).map((m) => m.text) : [];
    };
    expect(texts('messaging:ab')).not.toContain('hello?');
    expect(texts('messaging:group')).toContain('hi all');

    // A fresh query leaves the DM out; asked for hidden channels, it comes marked blocked.
    const hidden = await alice.api.queryChannels({ filter_conditions: { cid: 'messaging:ab', hidden: true } });
    expect(hidden.channels[0]?.channel?.blocked).toBe(true);

    await alice.unblockUser('bob');
    expect(await firstValueFrom(alice.blockedUsers$)).toEqual([]);
    list.dispose();
  });

  it('blocking an unknown user fails with a ChatError and blockedUsers$ is as it was', async () => {
    const alice = await suite.client('alice');
    await expect(alice.blockUser('nobody-here')).rejects.toMatchObject({ code: 4, endpoint: 'BlockUsers' });
    expect(await firstValueFrom(alice.blockedUsers$)).toEqual([]);
    expect(alice.getState().account.blockOps).toEqual({});
  });

  it('a ban set through the emulator controls reaches the other client as member ban flags; queryBannedUsers lists it', async () => {
    const alice = await suite.client('alice');
    const bob = await suite.client('bob');
    const ch = await dm(alice, 'ab', ['alice', 'bob']);
    await bob.channel('messaging', 'ab').watch();
    suite.emu.controls.banUser('bob', { channel: 'messaging:ab', reason: 'spam', bannedBy: 'alice' });
    await until(ch.members$, (ms) => ms.some((m) => m.user_id === 'bob' && m.banned));
    // The banned user's own client sees it on its own membership.
    await until(bob.state$, (s) => tableGet(s.channels, 'messaging:ab')?.membership?.banned === true);
    const bans = alice.queryBannedUsers({ channel_cid: 'messaging:ab' });
    const rows = await until(bans.bans$, (b) => b.length === 1);
    expect(rows[0]?.user?.id).toBe('bob');
    suite.emu.controls.unbanUser('bob', { channel: 'messaging:ab' });
    await until(ch.members$, (ms) => ms.some((m) => m.user_id === 'bob' && !m.banned));
    bans.dispose();
  });

  it('queryMessageFlags lists the flags a regular user made, not another user\'s', async () => {
    await suite.registerUsers('bob');
    const alice = await suite.client('alice');
    const ch = await dm(alice, 'ab', ['alice', 'bob']);
    const sent = await ch.sendMessage({ text: 'flag me' });
    suite.emu.controls.flagMessage('bob', sent.id, 'rude');
    const own = alice.queryMessageFlags({ channel_cid: 'messaging:ab' });
    await until(own.status$, (s) => !s.loading);
    expect(await firstValueFrom(own.flags$)).toEqual([]);
    own.dispose();
    const bob = await suite.client('bob');
    const bobs = bob.queryMessageFlags();
    const rows = await until(bobs.flags$, (f) => f.length === 1);
    expect(rows[0]).toMatchObject({ reason: 'rude', message: { id: sent.id } });
    bobs.dispose();
  });
});

describe('devices, push preferences, app settings, link previews', () => {
  it('addDevice / listDevices / removeDevice round-trip; an unknown provider is a ChatError', async () => {
    const alice = await suite.client('alice');
    await alice.addDevice('device-1', 'firebase');
    expect((await alice.listDevices()).map((d) => d.id)).toEqual(['device-1']);
    await expect(alice.addDevice('device-2', 'pigeon' as never)).rejects.toMatchObject({ code: 4 });
    await alice.removeDevice('device-1');
    expect(await alice.listDevices()).toEqual([]);
    await expect(alice.removeDevice('device-1')).rejects.toBeInstanceOf(ChatError);
  });

  it('setPushPreferences for a channel is held, and channel query answers carry it (issue 23 leftover)', async () => {
    await suite.registerUsers('bob');
    const alice = await suite.client('alice');
    await dm(alice, 'ab', ['alice', 'bob']);
    await alice.setPushPreferences([{ channel_cid: 'messaging:ab', chat_level: 'mentions' }]);
    expect(selectChannelPushPreferences(alice.getState(), 'messaging:ab')).toMatchObject({ chat_level: 'mentions' });
    const fresh = createChatClient({ apiKey: suite.emu.apiKey, baseUrl: suite.emu.url });
    try {
      await fresh.connectUser({ id: 'alice' }, await suite.emu.createToken('alice'));
      await fresh.channel('messaging', 'ab').watch();
      expect(selectChannelPushPreferences(fresh.getState(), 'messaging:ab')).toMatchObject({ chat_level: 'mentions' });
    } finally {
      await fresh.disconnectUser();
    }
  });

  it('getAppSettings reads the app; enrichUrl previews a known URL and refuses an unknown outside one', async () => {
    const alice = await suite.client('alice');
    const app = await alice.getAppSettings();
    expect(app.app.name).toBeTruthy();
    const og = await alice.enrichUrl('https://example.com');
    expect(og.title).toBe('Example Domain');
    await expect(alice.enrichUrl('https://unknown.invalid/page')).rejects.toMatchObject({ code: 4, endpoint: 'GetOG' });
    await expect(alice.enrichUrl('not a url')).rejects.toMatchObject({ code: 4, endpoint: 'GetOG' });
  });
});
