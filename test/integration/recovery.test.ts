// Recovery after a gap (PROTOCOL.md section 7): messages sent while a client was cut off
// appear after it reconnects, with the right unread counts, and it reports "recovering"
// before "connected".
import { describe, expect, it } from 'vitest';
import type { ChatClient, ConnectionStatus } from 'chatstore';
import { emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

const client = (id: string): Promise<ChatClient> => suite.client(id);

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
    suite.emu.controls.refuseConnections(1_500);
    suite.emu.controls.dropSockets();
    await until(bob.connection$, (c) => c.status !== 'connected');
    await a.sendMessage({ text: 'during 1', id: 'gap-1' });
    await a.sendMessage({ text: 'during 2', id: 'gap-2' });

    await until(bob.connection$, (c) => c.status === 'connected', 10_000);
    const msgs = await until(b.messages$, (m) => m.length === 3, 10_000);
    expect(msgs.map((m) => m.id)).toEqual(['gap-0', 'gap-1', 'gap-2']);
    expect(await until(b.unread$, (u) => u.messages === 3, 10_000)).toEqual({ messages: 3, mentions: 0 });
    expect(await until(bob.unread$, (u) => u.totalMessages === 3, 10_000)).toMatchObject({ channels: 1 });
    expect(statuses).toContain('recovering');
    expect(statuses.indexOf('recovering')).toBeLessThan(statuses.lastIndexOf('connected'));

    // Still watching after the reconnect: live events flow again.
    await a.sendMessage({ text: 'after', id: 'gap-3' });
    await until(b.messages$, (m) => m.at(-1)?.id === 'gap-3');
    sub.unsubscribe();
  });
});
