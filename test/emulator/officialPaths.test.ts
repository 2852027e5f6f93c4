// The official client's path layout (PROTOCOL.md section 9) reaches the same handlers as the
// seeds' layout: the Chat API without `/api/v2/chat`, the Common API without `/api/v2`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;

beforeAll(async () => {
  emu = await startEmulator({
    seed: { users: [{ id: 'alice' }, { id: 'bob' }], channels: [{ type: 'messaging', id: 'op', members: ['alice', 'bob'], messages: [{ id: 'o1', user: 'bob', text: 'hi' }] }] },
  });
  alice = await RawClient.connect(emu, 'alice');
});
afterAll(async () => {
  await alice.close();
  await emu.close();
});

describe('official client paths', () => {
  it('serve the same operations as the seeds\' paths', async () => {
    const pairs: Array<[string, string, string, unknown?]> = [
      ['POST', '/channels', '/api/v2/chat/channels', { filter_conditions: { cid: 'messaging:op' } }],
      ['GET', '/messages/o1', '/api/v2/chat/messages/o1'],
      ['GET', '/users?payload=%7B%22filter_conditions%22%3A%7B%22id%22%3A%22bob%22%7D%7D', '/api/v2/users?payload=%7B%22filter_conditions%22%3A%7B%22id%22%3A%22bob%22%7D%7D'],
      ['GET', '/unread', '/api/v2/chat/unread'],
    ];
    for (const [method, official, seed, body] of pairs) {
      const a = await alice.api(method, official, body);
      const b = await alice.api(method, seed, body);
      expect(a.status, official).toBe(200);
      const { duration: _a, ...restA } = a.body;
      const { duration: _b, ...restB } = b.body;
      expect(restA, official).toEqual(restB);
    }
  });

  it('write through the official layout, with the method rules of the seeds', async () => {
    const sent = await alice.api('POST', '/channels/messaging/op/message', { message: { id: 'o2', text: 'via the old layout' } });
    expect(sent.body['message']).toMatchObject({ id: 'o2', text: 'via the old layout' });
    const reacted = await alice.api('POST', '/messages/o2/reaction', { reaction: { type: 'like' } });
    expect(reacted.body['message']['reaction_counts']).toEqual({ like: 1 });
    const wrong = await alice.api('PATCH', '/messages/o2/reaction');
    expect(wrong.status).toBe(405);
    expect(wrong.body['code']).toBe(4);
    const unknown = await alice.api('GET', '/no/such/endpoint');
    expect(unknown.status).toBe(404);
    expect(unknown.body['code']).toBe(16);
  });
});
