// Pins with pin_expires: once the time has passed the service renders the message unpinned
// and leaves it out of pinned_messages (no event is sent; clients expire pins themselves).
// Pinning a pinned message again sets its expiry anew (null: no expiry).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice' }, { id: 'bob' }],
      channels: [{ type: 'messaging', id: 'exp', members: ['alice', 'bob'], messages: [{ id: 'e1', user: 'bob', text: 'one' }, { id: 'e2', user: 'bob', text: 'two' }] }],
    },
  });
  alice = await RawClient.connect(emu, 'alice');
});
afterAll(async () => {
  await alice.close();
  await emu.close();
});

describe('pin expiry', () => {
  it('an expired pin shows as no pin anywhere', async () => {
    const past = new Date(Date.now() - 1_000).toISOString();
    await alice.api('PUT', '/api/v2/chat/messages/e1', { set: { pinned: true, pin_expires: past } });
    const got = (await alice.api('GET', '/api/v2/chat/messages/e1')).body['message'];
    expect(got['pinned']).toBe(false);
    expect(got['pinned_at']).toBeUndefined();
    expect(got['pin_expires']).toBeUndefined();
    const state = await alice.api('POST', chan('messaging', 'exp', '/query'), {});
    expect(state.body['pinned_messages']).toEqual([]);
    const search = await alice.api('GET', `/api/v2/chat/search?payload=${encodeURIComponent(JSON.stringify({ filter_conditions: { cid: 'messaging:exp' }, message_filter_conditions: { pinned: true } }))}`);
    expect(search.body['results']).toEqual([]);
  });

  it('pinning a pinned message again sets its expiry anew, null clearing it', async () => {
    const later = '2099-01-01T00:00:00.000000Z';
    await alice.api('PUT', '/api/v2/chat/messages/e2', { set: { pinned: true, pin_expires: later } });
    const first = (await alice.api('GET', '/api/v2/chat/messages/e2')).body['message'];
    expect(first['pin_expires']).toBe(later);
    const again = await alice.api('PUT', '/api/v2/chat/messages/e2', { set: { pinned: true, pin_expires: null } });
    expect(again.body['message']['pinned']).toBe(true);
    expect(again.body['message']['pin_expires']).toBeUndefined();
    // The pin itself is the same one: pinned_at did not move.
    expect(again.body['message']['pinned_at']).toBe(first['pinned_at']);
  });
});
