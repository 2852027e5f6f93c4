import { describe, expect, it } from 'vitest';
import { createChatClient, type ChatClient } from 'chatstore';
import { emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

const client = (id: string): Promise<ChatClient> => suite.client(id);

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
    const c = createChatClient({ apiKey: suite.emu.apiKey, baseUrl: suite.emu.url });
    const token = await suite.emu.createToken('alice');
    const [a, b] = await Promise.all([c.connectUser({ id: 'alice' }, token), c.connectUser({ id: 'alice' }, token)]);
    expect(a.id).toBe('alice');
    expect(b).toBe(a);
    await expect(c.connectUser({ id: 'bob' }, await suite.emu.createToken('bob'))).rejects.toMatchObject({ endpoint: 'connect' });
    await c.disconnectUser();
  });
});
