// Pins between two real clients over the emulator: optimistic pin and unpin, exact
// rollback, bad input, and pins that expire on the client's scheduler.
import { describe, expect, it } from 'vitest';
import { ChatError, tableGet, type ChatClient } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';
import { createVirtualClock } from '../helpers/virtualClock.ts';

const suite = emulatorSuite();
const CID = 'messaging:pins';

function heldCopy(client: ChatClient, id: string) {
  const ch = tableGet(client.getState().channels, CID);
  return ch ? tableGet(ch.messages, id) : undefined;
}

async function setup(extra: Record<string, unknown> = {}, bobExtra: Record<string, unknown> = {}) {
  const alice = await suite.client('alice', extra);
  const bob = await suite.client('bob', bobExtra);
  const a = alice.channel('messaging', 'pins', { members: ['alice', 'bob'] });
  await a.watch();
  const b = bob.channel('messaging', 'pins');
  await b.watch();
  await b.sendMessage({ id: 'bob-1', text: 'pin this' });
  await until(a.messages$, (m) => m.some((x) => x.id === 'bob-1'));
  return { alice, bob, a, b };
}

describe('pins', () => {
  it('pins at once, the other member sees it; unpin likewise', async () => {
    const { alice, a, b } = await setup();
    const pin = a.pinMessage('bob-1');
    // Optimistic: in alice's pinned list before the server answered.
    expect(heldCopy(alice, 'bob-1')).toMatchObject({ pinned: true, pinned_by: { id: 'alice' } });
    const stored = await pin;
    expect(stored).toMatchObject({ id: 'bob-1', pinned: true, status: 'received', pinned_by: { id: 'alice' } });
    expect(typeof stored.pinned_at).toBe('number');
    const seen = await until(b.pinned$, (p) => p.length === 1);
    expect(seen[0]).toMatchObject({ id: 'bob-1', pinned_by: { id: 'alice' } });

    const unpin = a.unpinMessage('bob-1');
    expect(heldCopy(alice, 'bob-1')?.pinned).toBe(false);
    await unpin;
    await until(b.pinned$, (p) => p.length === 0);
    expect(await until(a.pinned$, (p) => p.length === 0)).toEqual([]);
  });

  it('a failed pin is rolled back exactly', async () => {
    const { alice, a } = await setup();
    const before = heldCopy(alice, 'bob-1');
    suite.emu.controls.failNext('UpdateMessagePartial', { status: 403, code: 17, message: 'no pinning here' });
    const pin = a.pinMessage('bob-1', { expiresAt: Date.now() + 3_600_000 });
    expect(heldCopy(alice, 'bob-1')?.pinned).toBe(true);
    const err = await pin.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect((err as ChatError).code).toBe(17);
    const after = heldCopy(alice, 'bob-1');
    expect(after).toEqual(before);
    expect(after && ('pinned_at' in after || 'pin_expires' in after || 'pinned_by' in after)).toBe(false);
    expect(await until(a.pinned$, () => true)).toEqual([]);
  });

  it('refuses an expiry that is not in the future, changing nothing and sending nothing', async () => {
    const { alice, a } = await setup();
    const state = alice.getState();
    const past = a.pinMessage('bob-1', { expiresAt: new Date(Date.now() - 1_000) });
    await expect(past).rejects.toMatchObject({ name: 'ChatError', code: 4 });
    await expect(a.pinMessage('bob-1', { expiresAt: 'not a date' })).rejects.toMatchObject({ code: 4 });
    expect(alice.getState()).toBe(state);
  });

  it('a pin ends at its pin_expires on each client\'s scheduler', async () => {
    const aliceClock = createVirtualClock();
    const bobClock = createVirtualClock();
    aliceClock.scheduler.frame = Date.now();
    bobClock.scheduler.frame = Date.now();
    const { a, b, bob } = await setup({ scheduler: aliceClock.scheduler, requestTimeoutMs: false }, { scheduler: bobClock.scheduler, requestTimeoutMs: false });
    const expiresAt = aliceClock.scheduler.now() + 5_000;
    await a.pinMessage('bob-1', { expiresAt });
    const [pinned] = await until(b.pinned$, (p) => p.length === 1);
    expect(pinned?.pin_expires).toBe(expiresAt);
    // The timer is set when the store tells its subscribers of the pin (its UI flush).
    await drained(suite.emu, bob, 'bob');
    bobClock.advance(4_999);
    expect((await until(b.pinned$, () => true)).length).toBe(1);
    bobClock.advance(1);
    await until(b.pinned$, (p) => p.length === 0);
    expect((await until(b.messages$, () => true)).find((m) => m.id === 'bob-1')).toMatchObject({ pinned: false });
    // Alice's clock has not moved: hers is still pinned until it does.
    expect((await until(a.pinned$, () => true)).length).toBe(1);
    aliceClock.advance(5_000);
    await until(a.pinned$, (p) => p.length === 0);
  });
});
