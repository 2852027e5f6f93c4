// The REST side of the transport against the real emulator over loopback.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUserToken, DEFAULT_SECRET, startEmulator, type Emulator } from 'chatstore/emulator';
import { uid } from '../helpers/fixtures.ts';
import { ChatError } from '../../src/transport/chatError.ts';
import { connectTransport, drive } from './helpers/emulatorClients.ts';
import { VirtualClock } from './helpers/virtualClock.ts';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emu.close();
});

const nowSec = () => Math.floor(Date.now() / 1000);
const expiredToken = (userId: string) =>
  createUserToken(DEFAULT_SECRET, userId, { issuedAt: nowSec() - 3600, expiresInSeconds: 60 });

async function user(userId = uid('u')) {
  const clock = new VirtualClock(Date.now());
  const t = connectTransport(emu, clock, userId, await emu.createToken(userId));
  return { ...t, clock, userId };
}

async function channelOf(owner: Awaited<ReturnType<typeof user>>, members: string[] = []) {
  const id = uid('ch');
  const res = await owner.api.getOrCreateChannel('messaging', id, {
    data: { members: [owner.userId, ...members].map((user_id) => ({ user_id })) },
  });
  return { id, cid: res.channel?.cid ?? '' };
}

async function failure(p: Promise<unknown>): Promise<ChatError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ChatError);
  return e as ChatError;
}

describe('REST against the emulator', () => {
  it('creates, sends and reads back through the typed API, decoded to epoch ms', async () => {
    const alice = await user();
    const { id, cid } = await channelOf(alice);
    expect(cid).toBe(`messaging:${id}`);
    const messageId = `${alice.userId}-${uid('m')}`;
    const sent = await alice.api.sendMessage('messaging', id, { message: { id: messageId, text: 'hello' } });
    expect(sent.message.id).toBe(messageId);
    expect(typeof sent.message.created_at).toBe('number');
    const got = await alice.api.getMessage(messageId);
    expect(got.message).toMatchObject({ id: messageId, text: 'hello', cid });
    const list = await alice.api.queryChannels({ filter_conditions: { cid: { $in: [cid] } }, state: true });
    expect(list.channels.map((c) => c.channel?.cid)).toEqual([cid]);
    expect(list.channels[0]?.messages.map((m) => m.id)).toEqual([messageId]);
  });

  describe('maps every error code of PROTOCOL.md section 3', () => {
    it('4: input error', async () => {
      const alice = await user();
      const { id } = await channelOf(alice);
      const e = await failure(alice.api.sendEvent('messaging', id, { event: { type: 'message.new' } }));
      expect(e).toMatchObject({ code: 4, status: 400, endpoint: 'SendEvent', retryable: false });
    });

    it('16: does not exist', async () => {
      const alice = await user();
      const e = await failure(alice.api.getMessage(uid('missing')));
      expect(e).toMatchObject({ code: 16, status: 404, endpoint: 'GetMessage', retryable: false });
    });

    it('17: missing capability', async () => {
      const alice = await user();
      const bob = await user();
      await bob.api.queryChannels({ filter_conditions: {} }); // bob exists now
      const { id } = await channelOf(alice);
      const e = await failure(bob.api.sendMessage('messaging', id, { message: { text: 'let me in' } }));
      expect(e).toMatchObject({ code: 17, status: 403, endpoint: 'SendMessage', retryable: false });
    });

    it('5: not allowed', async () => {
      const alice = await user();
      emu.controls.failNext('QueryChannels', { status: 403, code: 5, message: 'not allowed' });
      const e = await failure(alice.api.queryChannels({ filter_conditions: {} }));
      expect(e).toMatchObject({ code: 5, status: 403, message: 'not allowed', retryable: false });
    });

    it('9: rate limited, with Retry-After, retryable', async () => {
      const alice = await user();
      const { id } = await channelOf(alice);
      emu.controls.failNext('SendEvent', { status: 429, code: 9, retryAfterSeconds: 7 });
      const e = await failure(alice.api.sendEvent('messaging', id, { event: { type: 'custom.ping' } }));
      expect(e).toMatchObject({ code: 9, status: 429, retryAfterMs: 7000, retryable: true });
    });

    it('40: token expired, with a static token that cannot be refreshed', async () => {
      const userId = uid('u');
      const clock = new VirtualClock(Date.now());
      const t = connectTransport(emu, clock, userId, await expiredToken(userId));
      const e = await failure(t.api.queryChannels({ filter_conditions: {} }));
      expect(e).toMatchObject({ code: 40, status: 401, endpoint: 'QueryChannels', retryable: false });
    });

    it('43: forged token signature, not retried and not refreshed', async () => {
      const userId = uid('u');
      const forged = await createUserToken('not-the-app-secret', userId);
      const provider = vi.fn(() => Promise.resolve(forged));
      const t = connectTransport(emu, new VirtualClock(Date.now()), userId, provider);
      const e = await failure(t.api.queryChannels({ filter_conditions: {} }));
      expect(e).toMatchObject({ code: 43, status: 401, retryable: false });
      expect(provider).toHaveBeenCalledTimes(1);
    });
  });

  describe('retries', () => {
    it('retries injected 5xx on an idempotent request until it succeeds', async () => {
      const alice = await user();
      const { id } = await channelOf(alice);
      emu.controls.failNext('GetOrCreateChannel', { status: 503, code: -1, message: 'unavailable' }, 2);
      const res = await drive(alice.clock, alice.api.getOrCreateChannel('messaging', id, { state: true }));
      expect(res.channel?.id).toBe(id);
    });

    it('waits exactly Retry-After (in virtual time) on 429', async () => {
      const alice = await user();
      emu.controls.failNext('QueryChannels', { status: 429, code: 9, retryAfterSeconds: 2 });
      const start = alice.clock.now();
      await drive(alice.clock, alice.api.queryChannels({ filter_conditions: { members: { $in: [alice.userId] } } }));
      expect(alice.clock.now() - start).toBe(2000);
    });

    it('never retries a write without a client id: the failure reaches the caller once', async () => {
      const alice = await user();
      const { id } = await channelOf(alice);
      emu.controls.failNext('SendMessage', { status: 503, code: -1 });
      const e = await failure(drive(alice.clock, alice.api.sendMessage('messaging', id, { message: { text: 'once' } })));
      expect(e).toMatchObject({ status: 503, retryable: true, endpoint: 'SendMessage' });
      // Had the client retried, the retry would have created the message.
      const state = await alice.api.getOrCreateChannel('messaging', id, { state: true });
      expect(state.messages).toHaveLength(0);
    });

    it('retries a send that carries a client-generated id, and the message exists once', async () => {
      const alice = await user();
      const { id } = await channelOf(alice);
      emu.controls.failNext('SendMessage', { status: 502, code: -1 });
      const messageId = `${alice.userId}-${uid('m')}`;
      const sent = await drive(alice.clock, alice.api.sendMessage('messaging', id, { message: { id: messageId, text: 'x' } }));
      expect(sent.message.id).toBe(messageId);
      const state = await alice.api.getOrCreateChannel('messaging', id, { state: true });
      expect(state.messages.map((m) => m.id)).toEqual([messageId]);
    });
  });

  describe('token refresh', () => {
    it('refreshes an expired token once and repeats the request', async () => {
      const userId = uid('u');
      const expired = await expiredToken(userId);
      const fresh = await emu.createToken(userId);
      const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce(expired).mockResolvedValueOnce(fresh);
      const t = connectTransport(emu, new VirtualClock(Date.now()), userId, provider);
      const res = await t.api.queryChannels({ filter_conditions: { members: { $in: [userId] } } });
      expect(res.channels).toEqual([]);
      expect(provider).toHaveBeenCalledTimes(2);
    });

    it('refreshes ahead of exp by the client clock, before sending', async () => {
      const userId = uid('u');
      const first = await emu.createToken(userId, { expiresInSeconds: 600 });
      const second = await emu.createToken(userId, { expiresInSeconds: 3600 });
      const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
      const clock = new VirtualClock(Date.now());
      const t = connectTransport(emu, clock, userId, provider);
      const query = () => t.api.queryChannels({ filter_conditions: {} });
      await query();
      expect(provider).toHaveBeenCalledTimes(1);
      // 60 s before exp by the client's clock: refreshed before the request is sent.
      await clock.advance(540_000);
      await query();
      expect(provider).toHaveBeenCalledTimes(2);
      await expect(t.tokens.getToken()).resolves.toBe(second);
    });

    it('never sends a token for another user', async () => {
      const userId = uid('u');
      const t = connectTransport(emu, new VirtualClock(Date.now()), userId, await emu.createToken(uid('other')));
      const e = await failure(t.api.queryChannels({ filter_conditions: {} }));
      expect(e).toMatchObject({ code: 43, endpoint: 'QueryChannels' });
    });
  });
});
