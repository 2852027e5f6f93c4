// Writes whose answer never comes (issue 21, src/handles/readBack.ts): the request may have
// reached the server, so the client reads the message back and settles on what the server
// holds, instead of rolling back blind. The network is cut between the client and a real
// emulator by the client's own fetch: "answer" lets the request through and loses the answer,
// "request" fails before sending.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatClient, ChannelHandle, ChatError } from 'chatstore';
import { startEmulator } from 'chatstore/emulator';
import { connectedClient, until, type Emulator } from '../integration/helpers.ts';
import { held } from './helpers.ts';
import { BASE_MS as t0, msg, storeHarness } from '../helpers/storeFixtures.ts';

interface Cut {
  /** What the next matching request loses. */
  lose: 'answer' | 'request' | null;
  match: (url: string, method: string) => boolean;
  /** How many requests it cut. */
  cuts: number;
}

function cuttingFetch(cut: Cut): typeof fetch {
  return async (input, init) => {
    const req = new Request(input, init);
    const lose = cut.lose;
    if (!lose || !cut.match(req.url, req.method)) return fetch(req);
    cut.lose = null;
    cut.cuts++;
    if (lose === 'answer') await fetch(req);
    throw new TypeError('fetch failed');
  };
}

describe('a write whose answer is lost settles on what the server holds', () => {
  let emu: Emulator;
  let alice: ChatClient;
  let bob: ChatClient;
  let a: ChannelHandle;
  let cut: Cut;
  const errors: ChatError[] = [];
  const cid = 'messaging:room';

  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
    cut = { lose: null, match: () => false, cuts: 0 };
    alice = await connectedClient(emu, 'alice', { fetch: cuttingFetch(cut) });
    bob = await connectedClient(emu, 'bob');
    a = alice.channel('messaging', 'room', { members: ['alice', 'bob'] });
    await a.watch();
    await bob.channel('messaging', 'room').watch();
    errors.length = 0;
    alice.errors$.subscribe((e) => errors.push(e));
  });

  afterEach(async () => {
    await alice.disconnectUser();
    await bob.disconnectUser();
    await emu.close();
  });

  const on = (method: string, part: string) => (url: string, m: string) => m === method && url.includes(part);

  it('a hard delete that got through stays deleted, and a later page does not bring it back', async () => {
    const sent = await a.sendMessage({ text: 'going' });
    cut.lose = 'answer';
    cut.match = on('DELETE', `/messages/${sent.id}`);
    await a.deleteMessage(sent.id, { hard: true });
    expect(cut.cuts).toBe(1);
    expect(held(alice, cid, sent.id)).toBeUndefined();
    await expect(bob.api.getMessage(sent.id)).rejects.toMatchObject({ code: 16 });
    await a.watch();
    expect(held(alice, cid, sent.id)).toBeUndefined();
    expect(alice.getState().pending.ops.size).toBe(0);
  });

  it('an edit whose answer is lost resolves with the server copy', async () => {
    const sent = await a.sendMessage({ text: 'before' });
    cut.lose = 'answer';
    cut.match = on('PUT', `/messages/${sent.id}`);
    const edited = await a.updateMessage(sent.id, { text: 'after' });
    expect(cut.cuts).toBe(1);
    expect(edited.text).toBe('after');
    const now = held(alice, cid, sent.id);
    expect(now?.text).toBe('after');
    expect(now?.pendingOps).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('an edit whose request never left is taken back to the server copy, and rejects', async () => {
    const sent = await a.sendMessage({ text: 'before' });
    cut.lose = 'request';
    cut.match = on('PUT', `/messages/${sent.id}`);
    await expect(a.updateMessage(sent.id, { text: 'after' })).rejects.toMatchObject({ code: -1, status: 0 });
    const now = held(alice, cid, sent.id);
    expect(now?.text).toBe('before');
    expect(now?.pendingOps).toBeUndefined();
    expect((await bob.api.getMessage(sent.id)).message.text).toBe('before');
  });

  it('a reaction whose answer is lost is kept, counted once', async () => {
    const sent = await a.sendMessage({ text: 'like me' });
    cut.lose = 'answer';
    cut.match = on('POST', `/messages/${sent.id}/reaction`);
    const m = await a.sendReaction(sent.id, 'love');
    expect(cut.cuts).toBe(1);
    expect(m.own_reactions.map((r) => r.type)).toEqual(['love']);
    const now = held(alice, cid, sent.id);
    expect(now?.own_reactions.map((r) => r.type)).toEqual(['love']);
    expect(now?.reaction_counts?.['love']).toBe(1);
    expect(now?.pendingOps).toBeUndefined();
  });

  it('a read mark whose request was lost goes again and lands', async () => {
    await bob.channel('messaging', 'room').sendMessage({ text: 'unread' });
    await until(alice.unread$, (u) => u.totalMessages === 1);
    cut.lose = 'request';
    cut.match = on('POST', '/channels/messaging/room/read');
    await a.markRead();
    expect(cut.cuts).toBe(1);
    expect(alice.getState().pending.ops.size).toBe(0);
    const server = (await alice.api.getOrCreateChannel('messaging', 'room', { state: true })).read?.find((r) => r.user.id === 'alice');
    expect(server?.unread_messages).toBe(0);
  });
});

describe('hard-deleted ids', () => {
  it('a page answered before a hard delete does not bring the message back', () => {
    const h = storeHarness();
    const cid = 'messaging:x';
    const m1 = msg(cid, 'm1', t0 + 1);
    const m2 = msg(cid, 'm2', t0 + 2);
    h.hydrate(cid, { messages: [m1, m2] });
    h.send('message.deleted', { cid, hard_delete: true, message: m2 });
    expect(h.ids(cid)).toEqual(['m1']);
    // The page was read before the delete and arrives after it.
    h.hydrate(cid, { messages: [m1, m2] });
    expect(h.ids(cid)).toEqual(['m1']);
  });

  it('a message sent again with that id is a new message', () => {
    const h = storeHarness();
    const cid = 'messaging:x';
    const m1 = msg(cid, 'm1', t0 + 1);
    h.hydrate(cid, { messages: [m1] });
    h.send('message.deleted', { cid, hard_delete: true, message: m1 });
    h.send('message.new', { cid, message: msg(cid, 'm1', t0 + 5) });
    expect(h.ids(cid)).toEqual(['m1']);
    h.hydrate(cid, { messages: [msg(cid, 'm1', t0 + 5)] });
    expect(h.ids(cid)).toEqual(['m1']);
  });
});
