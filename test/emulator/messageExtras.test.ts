// The emulator side of issue 24's message extras and uploads, over real HTTP with raw
// fetch and ws (never chatstore's client): translations kept on the message and announced
// as message.updated, the upload size limit answered with the service's PayloadTooBig
// error, uploaded files and giphy images served back at the URLs the API returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient, type Json } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;
let bob: RawClient;

const LIMIT = 4096;

beforeAll(async () => {
  emu = await startEmulator({
    uploadSizeLimit: LIMIT,
    seed: {
      users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }],
      channels: [{ type: 'messaging', id: 'room', members: ['alice', 'bob'], messages: [{ id: 'm1', user: 'bob', text: 'hello there' }] }],
    },
  });
  [alice, bob] = (await Promise.all(['alice', 'bob'].map((u) => RawClient.connect(emu, u)))) as [RawClient, RawClient];
  await bob.api('POST', chan('messaging', 'room', '/query'), { watch: true });
});
afterAll(async () => {
  for (const c of [alice, bob]) await c.close();
  await emu.close();
});

function form(bytes: number, type = 'text/plain', name = 'notes.txt'): FormData {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes).fill(65)], { type }), name);
  return f;
}

describe('translations are kept', () => {
  it('TranslateMessage stores i18n, announces message.updated, and later reads carry it', async () => {
    const res = await alice.api('POST', '/api/v2/chat/messages/m1/translate', { language: 'fr' });
    expect(res.status).toBe(200);
    expect(res.body['message']['i18n']).toEqual({ language: 'en', en_text: 'hello there', fr_text: '[fr] hello there' });
    const ev = await bob.waitForType('message.updated', (e) => e['message']['id'] === 'm1');
    expect(ev['message']['i18n']).toMatchObject({ fr_text: '[fr] hello there' });
    // A second language adds to the first; a read of the message afterwards has both.
    await alice.api('POST', '/api/v2/chat/messages/m1/translate', { language: 'de' });
    const got = await bob.api('GET', '/api/v2/chat/messages/m1');
    expect(got.body['message']['i18n']).toEqual({ language: 'en', en_text: 'hello there', fr_text: '[fr] hello there', de_text: '[de] hello there' });
    const page = await bob.api('POST', chan('messaging', 'room', '/query'), { state: true });
    expect(page.body['messages'].find((m: Json) => m['id'] === 'm1')['i18n']['de_text']).toBe('[de] hello there');
  });

  it('a repeat changes nothing and sends no event; an edit of the text drops the stale translations', async () => {
    await bob.sync();
    bob.clear();
    await alice.api('POST', '/api/v2/chat/messages/m1/translate', { language: 'fr' });
    await bob.sync();
    expect(bob.ofType('message.updated')).toEqual([]);
    const edited = await bob.api('PUT', '/api/v2/chat/messages/m1', { set: { text: 'hello again' } });
    expect(edited.status).toBe(200);
    expect(edited.body['message']['i18n']).toBeUndefined();
  });
});

describe('upload limit', () => {
  it('a file over the limit gets code 22 with HTTP 413 and is not stored', async () => {
    const over = await alice.api('POST', chan('messaging', 'room', '/file'), undefined, { rawBody: form(LIMIT + 1) });
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ code: 22, StatusCode: 413 });
    expect(over.body['message']).toContain(`${LIMIT} bytes`);
    const image = await alice.api('POST', chan('messaging', 'room', '/image'), undefined, { rawBody: form(LIMIT + 1, 'image/png', 'a.png') });
    expect(image.body['code']).toBe(22);
    const app = await alice.api('GET', '/api/v2/app');
    expect(app.body['app']['file_upload_config']['size_limit']).toBe(LIMIT);
  });

  it('a file at the limit is stored and served back byte for byte with its type', async () => {
    const ok = await alice.api('POST', chan('messaging', 'room', '/file'), undefined, { rawBody: form(LIMIT) });
    expect(ok.status).toBe(200);
    const served = await fetch(ok.body['file'] as string);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/plain');
    expect((await served.arrayBuffer()).byteLength).toBe(LIMIT);
    const gone = await alice.api('DELETE', chan('messaging', 'room', '/file'), undefined, { query: { url: ok.body['file'] as string } });
    expect(gone.status).toBe(200);
    expect((await fetch(ok.body['file'] as string)).status).toBe(404);
  });
});

describe('giphy images are served locally', () => {
  it('every image of a giphy preview is a GIF the emulator serves; other names are 404', async () => {
    const sent = await alice.api('POST', chan('messaging', 'room', '/message'), { message: { id: 'gif-serve', text: '/giphy cats' } });
    const seen = new Set<string>();
    let message = sent.body['message'] as Json;
    for (let i = 0; i < 5; i++) {
      const url = message['attachments'][0]['image_url'] as string;
      expect(url.startsWith(emu.url)).toBe(true);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 6).toString('ascii')).toBe('GIF89a');
      expect(bytes.readUInt16LE(6)).toBeGreaterThan(0);
      expect(bytes[bytes.length - 1]).toBe(0x3b);
      seen.add(bytes.toString('base64'));
      message = (await alice.api('POST', '/api/v2/chat/messages/gif-serve/action', { form_data: { image_action: 'shuffle' } })).body['message'] as Json;
    }
    // Each image of the set is a picture of its own.
    expect(seen.size).toBe(5);
    expect((await fetch(`${emu.url}/giphy/not-in-the-set.gif`)).status).toBe(404);
  });
});
