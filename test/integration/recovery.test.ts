// Recovery after a gap (PROTOCOL.md section 7): messages sent while a client was cut off
// appear after it reconnects, with the right unread counts, and it reports "recovering"
// before "connected".
import { describe, expect, it } from 'vitest';
import type { ChatClient, ConnectionStatus } from 'chatstore';
import { firstValueFrom } from 'rxjs';
import { emulatorSuite, until } from './helpers.ts';
import { startTcpProxy } from '../helpers/tcpProxy.ts';

const firstValue = firstValueFrom;

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

describe('recovery re-reads everything it holds (issue 21, cause 1)', () => {
  const deep = emulatorSuite({
    port: 0,
    seed: {
      users: [{ id: 'alice' }, { id: 'bob' }],
      channels: [{ type: 'messaging', id: 'deep', members: ['alice', 'bob'], messages: Array.from({ length: 400 }, (_, k) => ({ id: `d${k}`, user: 'alice', text: `old ${k}` })) }],
    },
  });

  it('changes to old messages made during the gap show after it: edits, deletes, reactions', async () => {
    const proxy = await startTcpProxy(Number(new URL(deep.emu.url).port));
    try {
      const alice = await deep.client('alice');
      const bob = await deep.client('bob', { baseUrl: `http://127.0.0.1:${proxy.port}` });
      const a = alice.channel('messaging', 'deep');
      await a.watch();
      const b = bob.channel('messaging', 'deep');
      await b.watch({ messageLimit: 300 });
      await b.loadOlder(300);
      expect((await until(b.messages$, (m) => m.length === 400)).map((m) => m.id)).toEqual(Array.from({ length: 400 }, (_, k) => `d${k}`));

      proxy.cut();
      await until(bob.connection$, (c) => c.status !== 'connected');
      await a.updateMessage('d5', { text: 'edited in the gap' });
      await a.deleteMessage('d10');
      await a.deleteMessage('d20', { hard: true });
      await a.sendReaction('d30', 'like');
      await a.sendMessage({ id: 'new-1', text: 'new' });
      proxy.restore();

      await until(bob.connection$, (c) => c.status === 'connected', 15_000);
      const msgs = await until(b.messages$, (m) => m.at(-1)?.id === 'new-1', 5_000);
      const byId = new Map(msgs.map((m) => [m.id, m]));
      expect(byId.get('d5')?.text).toBe('edited in the gap');
      expect(byId.get('d10')?.type).toBe('deleted');
      expect(byId.has('d20')).toBe(false);
      expect(byId.get('d30')?.reaction_counts).toEqual({ like: 1 });
      expect(msgs.map((m) => m.id)).toEqual([...Array.from({ length: 400 }, (_, k) => `d${k}`).filter((id) => id !== 'd20'), 'new-1']);
      expect(await firstValue(b.pagination$)).toMatchObject({ isLatest: true, hasOlder: false });
    } finally {
      await proxy.close();
    }
  });
  it('a view scrolled back stays where it was, re-read', async () => {
    const proxy = await startTcpProxy(Number(new URL(deep.emu.url).port));
    try {
      const alice = await deep.client('alice');
      const bob = await deep.client('bob', { baseUrl: `http://127.0.0.1:${proxy.port}` });
      const a = alice.channel('messaging', 'deep');
      await a.watch();
      const b = bob.channel('messaging', 'deep');
      await b.watch();
      await b.jumpToMessage('d100', 20);
      expect((await firstValue(b.messages$)).map((m) => m.id)).toEqual(Array.from({ length: 20 }, (_, k) => `d${91 + k}`));

      proxy.cut();
      await until(bob.connection$, (c) => c.status !== 'connected');
      await a.updateMessage('d95', { text: 'edited in the gap' });
      await a.deleteMessage('d99', { hard: true });
      await a.updateMessage('d390', { text: 'latest edited' });
      proxy.restore();

      await until(bob.connection$, (c) => c.status === 'connected', 15_000);
      const msgs = await firstValue(b.messages$);
      // Where it was (re-read pages may reach a little further than the window did).
      const ids = msgs.map((m) => m.id);
      expect(ids.slice(0, 19)).toEqual(Array.from({ length: 20 }, (_, k) => `d${91 + k}`).filter((id) => id !== 'd99'));
      expect(ids).toEqual(Array.from({ length: ids.length + 1 }, (_, k) => `d${91 + k}`).filter((id) => id !== 'd99'));
      expect(msgs.find((m) => m.id === 'd95')?.text).toBe('edited in the gap');
      expect(await firstValue(b.pagination$)).toMatchObject({ isLatest: false, hasNewer: true });
      await b.jumpToLatest();
      const latest = await firstValue(b.messages$);
      expect(latest.find((m) => m.id === 'd390')?.text).toBe('latest edited');
    } finally {
      await proxy.close();
    }
  });
});
