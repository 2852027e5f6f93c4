// Delivery receipts between two real clients over the emulator: bob's client reports the
// messages that reach it (batched, 1 s on its scheduler), alice sees bob's delivered
// position in reads$; nothing is reported for what bob has read, for his own messages, or
// where the channel type has delivery events off.
import { describe, expect, it } from 'vitest';
import type { ChatClient, ChatEvent } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';
import { createVirtualClock } from '../helpers/virtualClock.ts';
import { DELIVERY_BUFFER_MS } from '../../src/handles/deliveryReporter.ts';

const suite = emulatorSuite();

/**
 * Requests bob's client makes to MarkDelivered: the emulator is told to refuse the next one,
 * so a request shows on bob's errors$ (the emulator's own checks cannot hide a client that
 * reports what it should not).
 */
function reportsOf(client: ChatClient): string[] {
  suite.emu.controls.failNext('MarkDelivered', { status: 400, code: 4, message: 'test: refused' });
  const out: string[] = [];
  client.errors$.subscribe((e) => {
    if (e.endpoint === 'MarkDelivered') out.push(e.message);
  });
  return out;
}

function deliveredEvents(client: ChatClient): ChatEvent[] {
  const seen: ChatEvent[] = [];
  client.events$.subscribe((e) => {
    if (e.type === 'message.delivered') seen.push(e);
  });
  return seen;
}

async function setup(type = 'messaging', id = 'deliv') {
  const clock = createVirtualClock();
  clock.scheduler.frame = Date.now();
  const alice = await suite.client('alice');
  const bob = await suite.client('bob', { scheduler: clock.scheduler, requestTimeoutMs: false });
  const a = alice.channel(type, id, { members: ['alice', 'bob'] });
  await a.watch();
  const b = bob.channel(type, id);
  await b.watch();
  return { clock, alice, bob, a, b };
}

describe('delivery receipts', () => {
  it('a received message is reported after the buffer, and alice sees it delivered to bob', async () => {
    const { clock, alice, bob, a, b } = await setup();
    const seen = deliveredEvents(alice);
    await a.sendMessage({ id: 'alice-1', text: 'one' });
    await a.sendMessage({ id: 'alice-2', text: 'two' });
    await until(b.messages$, (m) => m.length === 2);
    await drained(suite.emu, bob, 'bob');
    clock.advance(DELIVERY_BUFFER_MS - 1);
    await drained(suite.emu, alice, 'alice');
    expect(seen).toEqual([]);
    clock.advance(1);
    const reads = await until(a.reads$, (r) => r['bob']?.last_delivered_message_id === 'alice-2');
    expect(reads['bob']?.last_delivered_at).toBeGreaterThan(0);
    // One report for the channel, naming the newest message only.
    await drained(suite.emu, alice, 'alice');
    expect(seen.map((e) => e.last_delivered_message_id)).toEqual(['alice-2']);
    // Bob's own store has his delivered position too (the event reaches him), so nothing
    // is reported again.
    await until(b.reads$, (r) => r['bob']?.last_delivered_message_id === 'alice-2');
    await drained(suite.emu, bob, 'bob');
    clock.advance(10 * DELIVERY_BUFFER_MS);
    await drained(suite.emu, alice, 'alice');
    expect(seen).toHaveLength(1);
  });

  it('nothing is reported for messages bob has read, nor for his own', async () => {
    const { clock, alice, bob, a, b } = await setup('messaging', 'deliv2');
    const seen = deliveredEvents(alice);
    const reports = reportsOf(bob);
    await a.sendMessage({ id: 'alice-3', text: 'read at once' });
    await until(b.messages$, (m) => m.length === 1);
    await b.markRead();
    await b.sendMessage({ id: 'bob-1', text: 'mine' });
    await drained(suite.emu, bob, 'bob');
    clock.advance(5 * DELIVERY_BUFFER_MS);
    await drained(suite.emu, alice, 'alice');
    await drained(suite.emu, bob, 'bob');
    expect(seen).toEqual([]);
    expect(reports).toEqual([]);
  });

  it('nothing is reported where the channel type has delivery events off', async () => {
    const { clock, alice, bob, a, b } = await setup('livestream', 'deliv3');
    const seen = deliveredEvents(alice);
    const reports = reportsOf(bob);
    await a.sendMessage({ id: 'alice-4', text: 'live' });
    await until(b.messages$, (m) => m.length === 1);
    await drained(suite.emu, bob, 'bob');
    clock.advance(5 * DELIVERY_BUFFER_MS);
    await drained(suite.emu, alice, 'alice');
    await drained(suite.emu, bob, 'bob');
    expect(seen).toEqual([]);
    expect(reports).toEqual([]);
  });
});
