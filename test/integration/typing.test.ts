// Typing: outgoing throttling (start at most every 2 s, stop after 3 s idle) and incoming
// expiry (7 s after the last typing.start), on a virtual clock against the real emulator.
import { describe, expect, it } from 'vitest';
import { startWith } from 'rxjs';
import type { ChatClient, ChatEvent } from 'chatstore';
import { emulatorSuite, until } from './helpers.ts';
import { createVirtualClock, type VirtualClock } from '../helpers/virtualClock.ts';

const suite = emulatorSuite();

const client = (id: string, clock?: VirtualClock): Promise<ChatClient> =>
  suite.client(id, clock ? { scheduler: clock.scheduler, requestTimeoutMs: false } : {});

describe('typing', () => {
  it('sends typing.start at most every 2 s and typing.stop after 3 s idle', async () => {
    const clock = createVirtualClock();
    const alice = await client('alice', clock);
    const bob = await client('bob');
    const a = alice.channel('messaging', 'typing', { members: ['alice', 'bob'] });
    await a.watch();
    const b = bob.channel('messaging', 'typing');
    await b.watch();
    const seen: ChatEvent[] = [];
    const sub = bob.events$.subscribe((e) => {
      if (e.type.startsWith('typing.')) seen.push(e);
    });

    a.keystroke();
    await until(b.typing$, (t) => t.length === 1);
    clock.advance(1_000);
    a.keystroke(); // within 2 s: no second start
    clock.advance(1_500);
    a.keystroke(); // 2.5 s after the first: a second start
    await until(bob.events$, () => seen.filter((e) => e.type === 'typing.start').length === 2);
    clock.advance(2_999);
    expect(seen.map((e) => e.type)).toEqual(['typing.start', 'typing.start']);
    clock.advance(1); // 3 s without a keystroke
    await until(b.typing$, (t) => t.length === 0);
    expect(seen.map((e) => e.type)).toEqual(['typing.start', 'typing.start', 'typing.stop']);

    // stopTyping sends the stop at once; a thread keystroke is its own session.
    a.keystroke('parent-1');
    const inThread = await until(b.typing$, (t) => t.length === 1);
    expect(inThread[0]?.parentId).toBe('parent-1');
    a.stopTyping('parent-1');
    await until(b.typing$, (t) => t.length === 0);
    sub.unsubscribe();
  });

  it('ends the typing at once when the typist sends a message or a reply', async () => {
    // No clock is moved: the 3 s idle stop never fires here, so only the send can end it.
    const clock = createVirtualClock();
    const alice = await client('alice', clock);
    const bob = await client('bob');
    const a = alice.channel('messaging', 'typing3', { members: ['alice', 'bob'] });
    await a.watch();
    const b = bob.channel('messaging', 'typing3');
    await b.watch();
    const seen: string[] = [];
    const sub = bob.events$.subscribe((e) => {
      if (e.type.startsWith('typing.') || e.type === 'message.new') seen.push(e.type);
    });
    // Checked at once and after each event (the stop may have come before the message).
    const stops = (n: number) => until(bob.events$.pipe(startWith(null)), () => seen.filter((x) => x === 'typing.stop').length >= n);
    a.keystroke();
    await until(b.typing$, (t) => t.length === 1);
    await a.sendMessage({ text: 'hello' });
    await until(b.messages$, (m) => m.some((x) => x.text === 'hello'));
    expect((await until(b.typing$, () => true)).length).toBe(0);
    await stops(1);
    // The stop (SendEvent) and the message (SendMessage) are two requests in flight at once,
    // so the server may take them in either order; the typing ends either way.
    expect(seen[0]).toBe('typing.start');
    expect([...seen.slice(1)].sort()).toEqual(['message.new', 'typing.stop']);

    const parent = (await until(b.messages$, (m) => m.length === 1))[0]!;
    const thread = alice.thread(parent.id);
    await thread.load();
    thread.keystroke();
    await until(b.typing$, (t) => t.length === 1 && t[0]?.parentId === parent.id);
    await thread.sendReply({ text: 'in thread' });
    await until(bob.state$, () => seen.filter((x) => x === 'message.new').length === 2);
    expect((await until(b.typing$, () => true)).length).toBe(0);
    await stops(2);
    expect(seen[3]).toBe('typing.start');
    expect([...seen.slice(4)].sort()).toEqual(['message.new', 'typing.stop']);
    sub.unsubscribe();
  });

  it('expires someone else\'s typing 7 s after their last typing.start, without a stop', async () => {
    const clock = createVirtualClock();
    const bob = await client('bob', clock);
    const alice = await client('alice');
    const a = alice.channel('messaging', 'typing2', { members: ['alice', 'bob'] });
    await a.watch();
    const b = bob.channel('messaging', 'typing2');
    await b.watch();
    const start = () =>
      bob.dispatchEvent({ type: 'typing.start', cid: 'messaging:typing2', created_at: new Date().toISOString(), user: { id: 'alice' } });
    start();
    expect(bob.getState().channels.size).toBeGreaterThan(0);
    await until(b.typing$, (t) => t.length === 1);
    clock.advance(6_000);
    start(); // renews the entry
    clock.advance(6_999);
    expect((await until(b.typing$, () => true)).length).toBe(1);
    clock.advance(1);
    await until(b.typing$, (t) => t.length === 0);
  });
});
