// DeleteMessage with delete_for_me: the message is deleted for the caller only. Behaviour
// follows the service as the official client documents it (see handlers/deleteForMe.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from 'chatstore/emulator';
import { chan, RawClient, watchingPair } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ emu, alice, bob, close } = await watchingPair(
    {
      users: [{ id: 'alice' }, { id: 'bob' }],
      channels: [{ type: 'messaging', id: 'dfm', members: ['alice', 'bob'], messages: [{ id: 'd1', user: 'alice', text: 'secret' }, { id: 'd2', user: 'bob', text: 'mine' }] }],
    },
    'dfm',
  ));
});
afterAll(() => close());

const texts = (body: Record<string, any>): Array<[string, string, string, boolean | undefined]> =>
  body['messages'].map((m: any) => [m.id, m.type, m.text, m.deleted_for_me]);

describe('delete_for_me', () => {
  it('deletes another user\'s message for the caller only', async () => {
    alice.clear();
    bob.clear();
    const res = await bob.api('DELETE', '/api/v2/chat/messages/d1', undefined, { query: { delete_for_me: 'true' } });
    expect(res.status).toBe(200);
    // The answer is the message as stored (the official client marks it deleted itself).
    expect(res.body['message']).toMatchObject({ id: 'd1', text: 'secret' });

    // The caller's connections hear message.deleted with deleted_for_me at the event's root.
    const event = await bob.waitForType('message.deleted');
    expect(event).toMatchObject({ deleted_for_me: true, hard_delete: false, message: { id: 'd1' } });
    expect(event['message']['deleted_for_me']).toBeUndefined();
    // Nobody else does: for them nothing changed.
    await alice.sync();
    expect(alice.ofType('message.deleted')).toEqual([]);

    const forBob = await bob.api('POST', chan('messaging', 'dfm', '/query'), {});
    expect(texts(forBob.body)).toEqual([['d1', 'deleted', '', true], ['d2', 'regular', 'mine', undefined]]);
    expect((await bob.api('GET', '/api/v2/chat/messages/d1')).body['message']).toMatchObject({ type: 'deleted', deleted_for_me: true });
    const forAlice = await alice.api('POST', chan('messaging', 'dfm', '/query'), {});
    expect(texts(forAlice.body)).toEqual([['d1', 'regular', 'secret', undefined], ['d2', 'regular', 'mine', undefined]]);
  });

  it('cannot be combined with hard, and needs access to the channel', async () => {
    const both = await bob.api('DELETE', '/api/v2/chat/messages/d2', undefined, { query: { delete_for_me: 'true', hard: 'true' } });
    expect(both.status).toBe(400);
    expect(both.body['code']).toBe(4);
    const carol = await RawClient.connect(emu, 'carol');
    expect((await carol.api('DELETE', '/api/v2/chat/messages/d2', undefined, { query: { delete_for_me: 'true' } })).body['code']).toBe(17);
    await carol.close();
    expect((await alice.api('GET', '/api/v2/chat/messages/d2')).body['message']['type']).toBe('regular');
  });
});
