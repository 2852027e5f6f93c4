// Recovery after a gap (PROTOCOL.md section 7): messages sent while a client was cut off
// appear after it reconnects, with the right unread counts, and it reports "recovering"
// before "connected".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from 'chatstore/emulator';
import type { ChatClient, ConnectionStatus } from 'chatstore';
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

describe('recovery after a dropped connection', () => {
  it('re-queries held channels and lists, and fixes unread totals', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const a = alice.channel('messaging', 'gap', { members: ['alice', 'bob'] });
    await a.watch();
    const b = bob.channel('messaging', 'gap');
    await b.watch();
    const list = bob.queryChannels({ members: { $in: ['bob'] } });
    await until(list.channels$, (rows) => rows.length === 1);
    await a.sendMessage({ text: 'before', id: 'gap-0' });
    await until(b.messages$, (m) => m.length === 1);

    const statuses: ConnectionStatus[] = [];
    const sub = bob.connection$.subscribe((c) => statuses.push(c.status));
    // Cut every socket and keep bob out long enough for alice to write.
    emu.controls.refuseConnections(400);
    emu.controls.dropSockets();
    await until(bob.connection$, (c) => c.status !== 'connected');
    await a.sendMessage({ text: 'during 1', id: 'gap-1' });
    await a.sendMessage({ text: 'during 2', id: 'gap-2' });

    await until(bob.connection$, (c) => c.status === 'connected', 10_000);
    const msgs = await until(b.messages$, (m) => m.length === 3);
    expect(msgs.map((m) => m.id)).toEqual(['gap-0', 'gap-1', 'gap-2']);
    expect(await until(b.unread$, (u) => u.messages === 3)).toEqual({ messages: 3, mentions: 0 });
    expect(await until(bob.unread$, (u) => u.totalMessages === 3)).toMatchObject({ channels: 1 });
    expect(statuses).toContain('recovering');
    expect(statuses.indexOf('recovering')).toBeLessThan(statuses.lastIndexOf('connected'));

    // Still watching after the reconnect: live events flow again.
    await a.sendMessage({ text: 'after', id: 'gap-3' });
    await until(b.messages$, (m) => m.at(-1)?.id === 'gap-3');
    sub.unsubscribe();
  });
});
