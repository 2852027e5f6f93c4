import { decodeJwt, SignJWT } from 'jose';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserToken, startEmulator, type Emulator } from 'chatstore/emulator';
import { call, closed, connectUrl, firstFrame } from './helpers.ts';

const SECRET = 'auth-test-secret';
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ secret: SECRET, apiKey: 'auth-key', seed: { users: [{ id: 'alice' }, { id: 'bob' }], channels: [{ type: 'messaging', id: 'c1', members: ['alice', 'bob'] }] } });
});
afterAll(() => emu.close());

const query = (token: string) => call(emu, token, 'POST', '/api/v2/chat/channels', { filter_conditions: { cid: 'messaging:c1' } });

describe('createUserToken', () => {
  it('signs HS256 with user_id, iat and exp', async () => {
    const token = await createUserToken(SECRET, 'alice', { expiresInSeconds: 60, issuedAt: 1_700_000_000 });
    expect(decodeJwt(token)).toEqual({ user_id: 'alice', iat: 1_700_000_000, exp: 1_700_000_060 });
    const plain = await createUserToken(SECRET, 'bob');
    expect(decodeJwt(plain)).toEqual({ user_id: 'bob' });
  });
});

describe('REST authentication', () => {
  it('accepts a valid token, as Bearer or bare', async () => {
    const token = await emu.createToken('alice');
    expect((await query(token)).status).toBe(200);
    const bare = await call(emu, token, 'POST', '/api/v2/chat/channels', {}, { token: null, headers: { Authorization: token } });
    expect(bare.status).toBe(200);
  });

  it('rejects a bad signature with code 43', async () => {
    const token = await createUserToken('another-secret', 'alice');
    const res = await query(token);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 43, StatusCode: 401 });
    expect(typeof res.body['message']).toBe('string');
    expect(typeof res.body['duration']).toBe('string');
  });

  it('rejects an expired token with code 40', async () => {
    const token = await createUserToken(SECRET, 'alice', { issuedAt: Math.floor(Date.now() / 1000) - 120, expiresInSeconds: 60 });
    const res = await query(token);
    expect(res.status).toBe(401);
    expect(res.body['code']).toBe(40);
  });

  it('rejects a token without user_id', async () => {
    const token = await new SignJWT({ name: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
    const res = await query(token);
    expect(res.status).toBe(401);
    expect(res.body['code']).toBe(43);
  });

  it('rejects a missing token and a wrong api key', async () => {
    const token = await emu.createToken('alice');
    const missing = await call(emu, token, 'POST', '/api/v2/chat/channels', {}, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body['code']).toBe(5);
    const wrongKey = await call(emu, token, 'POST', '/api/v2/chat/channels', {}, { apiKey: 'nope' });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toMatchObject({ code: 2, message: 'API key not found' });
  });
});

describe('WebSocket authentication', () => {
  async function connectWith(token: string, userId: string, details: Record<string, unknown> = {}) {
    const socket = new WebSocket(connectUrl(emu, token, userId, details));
    const frame = await firstFrame(socket);
    return { frame, code: await closedOrOpen(socket) };
  }
  async function closedOrOpen(socket: WebSocket): Promise<number | 'open'> {
    if (socket.readyState === socket.OPEN) {
      // A rejected socket is closed by the server right after the error frame.
      const code = await Promise.race([closed(socket), new Promise<'open'>((r) => setTimeout(() => r('open'), 300))]);
      if (code === 'open') socket.close();
      return code;
    }
    return closed(socket);
  }

  it('rejects a bad signature with an error frame, then closes', async () => {
    const { frame, code } = await connectWith(await createUserToken('wrong', 'alice'), 'alice');
    expect(frame['error']).toMatchObject({ code: 43, StatusCode: 401 });
    expect(code).toBe(1000);
  });

  it('rejects an expired token with code 40', async () => {
    const token = await createUserToken(SECRET, 'alice', { issuedAt: Math.floor(Date.now() / 1000) - 100, expiresInSeconds: 10 });
    const { frame } = await connectWith(token, 'alice');
    expect(frame['error']['code']).toBe(40);
  });

  it('rejects a token for another user than the connect payload', async () => {
    const token = await emu.createToken('bob');
    const { frame, code } = await connectWith(token, 'alice');
    expect(frame['error']['code']).toBe(43);
    expect(code).toBe(1000);
    const viaDetails = new WebSocket(`${emu.wsUrl}?${new URLSearchParams({ json: JSON.stringify({ user_id: 'bob', user_details: { id: 'alice' } }), api_key: emu.apiKey, authorization: token })}`);
    expect((await firstFrame(viaDetails))['error']['code']).toBe(43);
  });

  it('rejects a wrong api key with code 2', async () => {
    const token = await emu.createToken('alice');
    const socket = new WebSocket(`${emu.wsUrl}?${new URLSearchParams({ json: JSON.stringify({ user_id: 'alice' }), api_key: 'nope', authorization: token })}`);
    expect((await firstFrame(socket))['error']['code']).toBe(2);
  });

  it('accepts a valid token and answers with health.check', async () => {
    const socket = new WebSocket(connectUrl(emu, await emu.createToken('alice'), 'alice'));
    const frame = await firstFrame(socket);
    expect(frame['type']).toBe('health.check');
    expect(frame['connection_id']).toMatch(/^alice--/);
    socket.close();
  });
});
