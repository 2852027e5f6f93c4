// The service serializes an event's message once for every recipient, so `own_reactions` in
// WebSocket events is always empty; REST answers keep the caller's own list (PROTOCOL.md
// section 6, reactions row).
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
      channels: [{ type: 'messaging', id: 'own', members: ['alice', 'bob'], messages: [{ id: 'm1', user: 'alice', text: 'react here' }] }],
    },
    'own',
  ));
});
afterAll(() => close());

describe('own_reactions on the wire', () => {
  it('is [] in reaction events for every recipient, the reactor included; REST keeps the caller\'s', async () => {
    alice.clear();
    bob.clear();
    const res = await bob.api('POST', '/api/v2/chat/messages/m1/reaction', { reaction: { type: 'like' } });
    expect(res.body['message']['own_reactions'].map((r: any) => r.type)).toEqual(['like']);
    const toBob = await bob.waitForType('reaction.new');
    const toAlice = await alice.waitForType('reaction.new');
    expect(toBob['message']['own_reactions']).toEqual([]);
    expect(toAlice['message']['own_reactions']).toEqual([]);
    // The counts still say what happened.
    expect(toBob['message']['reaction_counts']).toEqual({ like: 1 });
    expect(toBob['reaction']).toMatchObject({ type: 'like', user_id: 'bob' });

    const gone = await bob.api('DELETE', '/api/v2/chat/messages/m1/reaction/like');
    expect(gone.body['message']['own_reactions']).toEqual([]);
    expect((await bob.waitForType('reaction.deleted'))['message']['own_reactions']).toEqual([]);
  });

  it('is [] in message.updated and message.new events, while a REST read keeps it', async () => {
    await bob.api('POST', '/api/v2/chat/messages/m1/reaction', { reaction: { type: 'love' } });
    await alice.api('POST', '/api/v2/chat/messages/m1/reaction', { reaction: { type: 'wow' } });
    alice.clear();
    bob.clear();
    await alice.api('PUT', '/api/v2/chat/messages/m1', { set: { text: 'edited' } });
    const updatedForBob = await bob.waitForType('message.updated');
    const updatedForAlice = await alice.waitForType('message.updated');
    expect(updatedForBob['message']['own_reactions']).toEqual([]);
    expect(updatedForAlice['message']['own_reactions']).toEqual([]);
    expect(updatedForBob['message']['reaction_counts']).toEqual({ love: 1, wow: 1 });

    // A reply quoting the reacted message: the quoted copy in message.new carries none either.
    await bob.api('POST', chan('messaging', 'own', '/message'), { message: { id: 'm2', text: 'quoting', quoted_message_id: 'm1' } });
    const fresh = await bob.waitForType('message.new', (e) => e['message']['id'] === 'm2');
    expect(fresh['message']['quoted_message']['own_reactions']).toEqual([]);

    const read = await bob.api('GET', '/api/v2/chat/messages/m1');
    expect(read.body['message']['own_reactions'].map((r: any) => r.type)).toEqual(['love']);
  });
});
