// Oversized requests get a status and the PROTOCOL.md error body, never a connection reset;
// the static folder sends `/vue` to the Vue app's folder, not to the app at the root.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { call, chan } from './helpers.ts';

let emu: Emulator;
let token: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatstore-static-'));
  writeFileSync(join(dir, 'index.html'), '<title>react app</title>');
  mkdirSync(join(dir, 'vue'));
  writeFileSync(join(dir, 'vue', 'index.html'), '<title>vue app</title>');
  writeFileSync(join(dir, 'vue', 'app.js'), 'console.log(1)');
  emu = await startEmulator({ seed: { users: [{ id: 'alice' }] }, staticDir: dir });
  token = await emu.createToken('alice');
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectErrorBody(body: Record<string, unknown>, status: number): void {
  expect(body).toMatchObject({ code: 4, StatusCode: status });
  expect(typeof body['message']).toBe('string');
  expect(typeof body['duration']).toBe('string');
}

/** Send raw bytes and return what the server answered before it closed the connection. */
function rawRequest(text: string): Promise<string> {
  const { port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('request limits', () => {
  it('a body over 20 MiB gets 413 with the error body, and the server keeps serving', async () => {
    const big = JSON.stringify({ message: { text: 'x'.repeat(21 * 1024 * 1024) } });
    const res = await call(emu, token, 'POST', chan('messaging', 'nope', '/message'), undefined, { rawBody: big });
    expect(res.status).toBe(413);
    expectErrorBody(res.body, 413);
    expect((await call(emu, token, 'POST', '/api/v2/chat/channels', {})).status).toBe(200);
  });

  it('a URL over 16 KiB gets 414 with the error body', async () => {
    const res = await call(emu, token, 'GET', '/api/v2/users', undefined, { query: { payload: JSON.stringify({ filter_conditions: { id: 'a'.repeat(20_000) } }) } });
    expect(res.status).toBe(414);
    expectErrorBody(res.body, 414);
  });

  it('headers over 16 KiB get 431 with the error body, even past what the parser reads', async () => {
    for (const size of [20_000, 2 * 1024 * 1024]) {
      const res = await call(emu, token, 'GET', '/api/v2/users', undefined, { headers: { 'x-padding': 'p'.repeat(size) } });
      expect(res.status).toBe(431);
      expectErrorBody(res.body, 431);
    }
  });

  it('a request that is not HTTP gets 400 with the error body', async () => {
    const answer = await rawRequest('NOT HTTP AT ALL\r\n\r\n');
    expect(answer.startsWith('HTTP/1.1 400')).toBe(true);
    expectErrorBody(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)), 400);
  });
});

describe('static app folders', () => {
  it('redirects a folder named without its slash to the folder, keeping the query', async () => {
    for (const [path, location] of [['/vue', '/vue/'], ['/vue?user=carol', '/vue/?user=carol']] as const) {
      const res = await fetch(new URL(path, emu.url), { redirect: 'manual' });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(location);
    }
    const followed = await fetch(new URL('/vue?user=carol', emu.url));
    expect(await followed.text()).toContain('vue app');
  });

  it('serves the nearest app folder\'s index.html for unknown paths under it', async () => {
    expect(await (await fetch(new URL('/vue/rooms/general', emu.url))).text()).toContain('vue app');
    expect(await (await fetch(new URL('/rooms/general', emu.url))).text()).toContain('react app');
    expect(await (await fetch(new URL('/vue/app.js', emu.url))).text()).toBe('console.log(1)');
  });
});
