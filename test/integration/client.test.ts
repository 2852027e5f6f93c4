import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from 'chatstore/emulator';
import type { ChatClient } from 'chatstore';
import { connectedClient, until, type Emulator } from './helpers.ts';

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

describe('two clients on the emulator', () => {
  it('sees a message from the other user, with unread counts', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const a = alice.channel('messaging', 'pair', { members: ['alice', 'bob'] });
    await a.watch();
    const b = bob.channel('messaging', 'pair');
    await b.watch();
    await a.sendMessage({ text: 'hi bob' });
    const msgs = await until(b.messages$, (m) => m.length === 1);
    expect(msgs[0]?.text).toBe('hi bob');
    const unread = await until(b.unread$, (u) => u.messages === 1);
    expect(unread.messages).toBe(1);
    expect((await until(bob.unread$, (u) => u.totalMessages === 1)).channels).toBe(1);
    await b.markRead();
    expect((await until(bob.unread$, (u) => u.totalMessages === 0)).channels).toBe(0);
  });
});

describe('connectUser', () => {
  it('shares one connection when the same user connects twice at once, and refuses another user', async () => {
    const c = (await import('chatstore')).createChatClient({ apiKey: emu.apiKey, baseUrl: emu.url });
    clients.push(c);
    const token = await emu.createToken('alice');
    const [a, b] = await Promise.all([c.connectUser({ id: 'alice' }, token), c.connectUser({ id: 'alice' }, token)]);
    expect(a.id).toBe('alice');
    expect(b).toBe(a);
    await expect(c.connectUser({ id: 'bob' }, await emu.createToken('bob'))).rejects.toMatchObject({ endpoint: 'connect' });
  });
});
