// A channel answer that left the server before something newer happened must not undo it
// (PROTOCOL.md section 7: the store converges; server state wins only for what it covers).
// Found in the example apps: a message sent while the first watch() was still in flight
// vanished from messages$ when the late answer arrived.
import { describe, expect, it } from 'vitest';
import { emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

describe('a late channel answer', () => {
  it('keeps a message sent while the watch was in flight', async () => {
    const alice = await suite.client('alice');
    await suite.registerUsers('bob');
    const ch = alice.channel('messaging', 'late', { members: ['alice', 'bob'] });
    await ch.watch();
    await ch.sendMessage({ text: 'first', id: 'late-1' });

    // The answer is held back after the server built it (it lacks what is sent meanwhile),
    // until the test opens the gate: the send happens inside the hold by construction.
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const held = suite.emu.controls.delayNext('GetOrCreateChannel', 0, { phase: 'response', until: gate });
    let answered = false;
    const watching = ch.watch().finally(() => {
      answered = true;
    });
    await held;
    await ch.sendMessage({ text: 'during', id: 'late-2' });
    await until(ch.messages$, (m) => m.some((x) => x.id === 'late-2' && x.status === 'received'));
    expect(answered).toBe(false);
    open();
    await watching;

    const ids = (await until(ch.messages$, () => true)).map((m) => m.id);
    expect(ids).toEqual(['late-1', 'late-2']);
  });

  it('still drops a message the server no longer has, inside the span of the answer', async () => {
    const alice = await suite.client('alice');
    const bob = await suite.client('bob');
    const a = alice.channel('messaging', 'gone', { members: ['alice', 'bob'] });
    await a.watch();
    for (const i of [1, 2, 3]) await a.sendMessage({ text: `m${i}`, id: `gone-${i}` });
    const b = bob.channel('messaging', 'gone');
    await b.watch();
    await until(b.messages$, (m) => m.length === 3);

    // Bob misses the hard delete of the middle message (his socket is cut and kept out),
    // and learns of it from the re-query after he is back.
    suite.emu.controls.refuseConnections(1_000);
    suite.emu.controls.dropSockets();
    await until(bob.connection$, (c) => c.status !== 'connected');
    await a.deleteMessage('gone-2', { hard: true });
    await until(bob.connection$, (c) => c.status === 'connected', 10_000);
    const ids = (await until(b.messages$, (m) => !m.some((x) => x.id === 'gone-2'), 10_000)).map((m) => m.id);
    expect(ids).toEqual(['gone-1', 'gone-3']);
  });
});
