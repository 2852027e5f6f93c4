// MarkDelivered as the service answers it: message.delivered to the channel's watchers with
// the reporter's new position; a position only moves forward; channel types without
// delivery events keep no receipts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice' }, { id: 'bob' }],
      channels: [
        { type: 'messaging', id: 'd', members: ['alice', 'bob'], messages: [{ id: 'd1', user: 'alice', text: 'one' }, { id: 'd2', user: 'alice', text: 'two' }] },
        { type: 'livestream', id: 'live', members: ['alice', 'bob'], messages: [{ id: 'l1', user: 'alice', text: 'hi' }] },
      ],
    },
  });
  alice = await RawClient.connect(emu, 'alice');
  bob = await RawClient.connect(emu, 'bob');
  await alice.api('POST', chan('messaging', 'd', '/query'), { watch: true });
  await alice.api('POST', chan('livestream', 'live', '/query'), { watch: true });
});
afterAll(async () => {
  await alice.close();
  await bob.close();
  await emu.close();
});

async function bobsRead(type: string, id: string): Promise<Record<string, unknown> | undefined> {
  const state = await alice.api('POST', chan(type, id, '/query'), {});
  return state.body['read'].find((r: any) => r.user.id === 'bob');
}

describe('MarkDelivered', () => {
  it('announces the new position to watchers and never moves it back', async () => {
    await bob.api('POST', '/api/v2/chat/channels/delivered', { latest_delivered_messages: [{ cid: 'messaging:d', id: 'd2' }] });
    const ev = await alice.waitForType('message.delivered', (e) => e['last_delivered_message_id'] === 'd2');
    expect(ev).toMatchObject({ cid: 'messaging:d', user: { id: 'bob' } });
    expect(typeof ev['last_delivered_at']).toBe('string');
    const read = await bobsRead('messaging', 'd');
    expect(read).toMatchObject({ last_delivered_message_id: 'd2', last_delivered_at: ev['last_delivered_at'] });
    // An older message reported late: nothing changes.
    await bob.api('POST', '/api/v2/chat/channels/delivered', { latest_delivered_messages: [{ cid: 'messaging:d', id: 'd1' }] });
    expect(await bobsRead('messaging', 'd')).toMatchObject({ last_delivered_message_id: 'd2', last_delivered_at: ev['last_delivered_at'] });
  });

  it('keeps no receipts where the channel type has delivery events off', async () => {
    const res = await bob.api('POST', '/api/v2/chat/channels/delivered', { latest_delivered_messages: [{ cid: 'livestream:live', id: 'l1' }] });
    expect(res.status).toBe(200);
    expect((await bobsRead('livestream', 'live'))?.['last_delivered_message_id']).toBeUndefined();
  });
});
