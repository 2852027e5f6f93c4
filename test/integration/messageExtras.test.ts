// Issue 24 (attachments and uploads, message extras): two real clients over the emulator
// (real HTTP with multipart uploads, WebSocket, JWTs).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChatErrorCode, tableGet, type ChatClient, type LocalMessage } from 'chatstore';
import { drained, emulatorSuite, until } from './helpers.ts';

const LIMIT = 64 * 1024;
const suite = emulatorSuite({ port: 0, uploadSizeLimit: LIMIT });

function held(c: ChatClient, cid: string, id: string): LocalMessage | undefined {
  let found: LocalMessage | undefined;
  c.channel(cid.split(':')[0] as string, cid.split(':')[1] as string).messages$.subscribe((list) => (found = list.find((m) => m.id === id))).unsubscribe();
  return found;
}

async function pair(id: string): Promise<{ alice: ChatClient; bob: ChatClient }> {
  const alice = await suite.client('alice');
  const bob = await suite.client('bob');
  await alice.channel('messaging', id, { members: ['alice', 'bob'] }).watch();
  await bob.channel('messaging', id).watch();
  return { alice, bob };
}

const png = (bytes: number): Blob => new Blob([new Uint8Array(bytes).fill(7)], { type: 'image/png' });

describe('a message with files', () => {
  it('shows at once with each file uploading, then both users see it with the files as attachments served by the emulator', async () => {
    const { alice, bob } = await pair('files');
    const ch = alice.channel('messaging', 'files');
    // Hold the send itself, to look at the message once its files are uploaded.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const sendHeld = suite.emu.controls.delayNext('SendMessage', 0, { phase: 'request', until: gate });
    const sending = ch.sendMessage({
      id: 'with-files',
      text: 'two files',
      files: [
        Object.assign(png(3000), { name: 'photo.png' }) as Blob,
        { data: Readable.from([Buffer.from('hello '), Buffer.from('world')]), name: 'notes.txt', type: 'text/plain' },
      ],
    });
    // At once: the local copy with both files, nothing uploaded yet, no preview in Node.
    const local = held(alice, 'messaging:files', 'with-files');
    expect(local?.status).toBe('sending');
    expect(local?.uploads?.map((u) => [u.name, u.type, u.state, u.progress])).toEqual([
      ['photo.png', 'image/png', 'uploading', 0],
      ['notes.txt', 'text/plain', 'uploading', 0],
    ]);
    expect(local?.uploads?.[0]?.previewUrl).toBeUndefined();
    await sendHeld;
    const uploaded = held(alice, 'messaging:files', 'with-files');
    expect(uploaded?.status).toBe('sending');
    expect(uploaded?.uploads?.map((u) => [u.state, u.progress])).toEqual([['uploaded', 1], ['uploaded', 1]]);
    expect(uploaded?.uploads?.[1]?.size).toBe(11); // the stream's size, once read
    open();
    const sent = await sending;
    expect(sent.status).toBe('received');
    expect(sent.uploads).toBeUndefined();
    expect(sent.attachments.map((a) => a.type)).toEqual(['image', 'file']);
    const [image, file] = sent.attachments as unknown as [Record<string, unknown>, Record<string, unknown>];
    expect(image).toMatchObject({ title: 'photo.png', mime_type: 'image/png', file_size: 3000 });
    expect(file).toMatchObject({ title: 'notes.txt', mime_type: 'text/plain', file_size: 11 });
    expect(await (await fetch(file['asset_url'] as string)).text()).toBe('hello world');
    expect((await (await fetch(image['image_url'] as string)).arrayBuffer()).byteLength).toBe(3000);
    const seen = await until(bob.channel('messaging', 'files').messages$, (l) => l.some((m) => m.id === 'with-files'));
    expect(seen.find((m) => m.id === 'with-files')?.attachments.map((a) => a.title)).toEqual(['photo.png', 'notes.txt']);
  });

  it('a file over the limit fails the message with code 22 and nothing is sent; retry uploads only what is missing', async () => {
    const { alice, bob } = await pair('big');
    const ch = alice.channel('messaging', 'big');
    const big = { data: new Uint8Array(LIMIT + 1), name: 'big.bin', type: 'application/octet-stream' };
    const small = { data: Buffer.from('small one'), name: 'small.txt', type: 'text/plain' };
    const error = await ch.sendMessage({ id: 'too-big', text: 'x', files: [small, big] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 22, status: 413, endpoint: 'UploadChannelFile' });
    const failed = held(alice, 'messaging:big', 'too-big');
    expect(failed?.status).toBe('failed');
    expect(failed?.uploads?.map((u) => u.state)).toEqual(['uploaded', 'failed']);
    expect(failed?.uploads?.[1]?.error?.code).toBe(22);
    const smallUrl = failed?.uploads?.[0]?.attachment?.asset_url;
    await drained(suite.emu, bob, 'bob');
    expect(held(bob, 'messaging:big', 'too-big')).toBeUndefined();
    // A retry uploads the big file again (still too big): the small one keeps its URL.
    await expect(ch.retryMessage('too-big')).rejects.toMatchObject({ code: 22 });
    expect(held(alice, 'messaging:big', 'too-big')?.uploads?.[0]?.attachment?.asset_url).toBe(smallUrl);
    // Deleting the failed message removes it locally; nothing ever reached the server.
    await ch.deleteMessage('too-big');
    expect(held(alice, 'messaging:big', 'too-big')).toBeUndefined();
  });

  it('a cancelled upload leaves the message failed; retry finishes it without uploading the done file again', async () => {
    const { alice, bob } = await pair('cancel');
    const ch = alice.channel('messaging', 'cancel');
    // Hold the second file's upload in the emulator until the test has cancelled it.
    let uploads = 0;
    const controller = new AbortController();
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        uploads += 1;
        c.enqueue(new TextEncoder().encode('slow bytes'));
        c.close();
      },
    });
    // The two files upload at once and may reach the emulator in either order: hold the
    // slow one by its name.
    const held1 = suite.emu.controls.delayNext('UploadChannelFile', 0, { phase: 'request', until: new Promise(() => undefined), count: 1, bodyIncludes: 'slow.txt' });
    const sending = ch.sendMessage({ id: 'cancel-me', text: 'c', files: [png(100), { data: stream, name: 'slow.txt', type: 'text/plain' }] }, { signal: controller.signal });
    await held1;
    await until(ch.messages$, (l) => l.some((x) => x.id === 'cancel-me' && x.uploads?.[0]?.state === 'uploaded'));
    controller.abort();
    await expect(sending).rejects.toMatchObject({ code: ChatErrorCode.Client, retryable: true });
    const m = held(alice, 'messaging:cancel', 'cancel-me');
    expect(m?.status).toBe('failed');
    expect(m?.uploads?.map((u) => u.state)).toEqual(['uploaded', 'cancelled']);
    const imageUrl = m?.uploads?.[0]?.attachment?.image_url;
    suite.emu.controls.reset();
    const sent = await ch.retryMessage('cancel-me');
    expect(sent.status).toBe('received');
    expect(sent.attachments.map((a) => a.image_url ?? a.asset_url)[0]).toBe(imageUrl);
    expect(uploads).toBe(1); // the stream was read once; the retry used the bytes kept
    expect(await (await fetch(sent.attachments[1]?.asset_url as string)).text()).toBe('slow bytes');
    await until(bob.channel('messaging', 'cancel').messages$, (l) => l.some((x) => x.id === 'cancel-me' && x.attachments.length === 2));
  });

  it('bad files are a ChatError (code 4) before anything changes', async () => {
    const { alice } = await pair('bad');
    const ch = alice.channel('messaging', 'bad');
    const before = alice.getState();
    await expect(ch.sendMessage({ text: 'x', files: [{ data: Buffer.from('x') } as never] })).rejects.toMatchObject({ code: 4, message: expect.stringContaining('needs a name') });
    await expect(ch.sendMessage({ text: 'x', files: ['nope' as never] })).rejects.toMatchObject({ code: 4 });
    await expect(ch.uploadImage({ data: Buffer.from('x'), name: 'a.txt', type: 'text/plain' })).rejects.toMatchObject({ code: 4, message: expect.stringContaining('not an image') });
    expect(alice.getState()).toBe(before);
  });
});

describe('channel uploads', () => {
  it('uploadFile reports progress and returns the URL; deleteFile removes it; a file over the limit is code 22', async () => {
    const { alice } = await pair('up');
    const ch = alice.channel('messaging', 'up');
    const seen: number[] = [];
    const res = await ch.uploadFile({ data: Buffer.from('abc'), name: 'a.txt', type: 'text/plain' }, { onProgress: (p) => seen.push(p.progress) });
    expect(seen[seen.length - 1]).toBe(1);
    expect(await (await fetch(res.file)).text()).toBe('abc');
    const img = await ch.uploadImage(png(10));
    expect(img.thumb_url).toBeTruthy();
    await ch.deleteFile(res.file);
    await ch.deleteImage(img.file);
    expect((await fetch(res.file)).status).toBe(404);
    const before = alice.getState();
    await expect(ch.uploadFile({ data: new Uint8Array(LIMIT + 1), name: 'big.bin' })).rejects.toMatchObject({ code: 22, status: 413 });
    await expect(ch.deleteFile(res.file)).rejects.toMatchObject({ code: 16 });
    expect(alice.getState()).toBe(before);
  });
});

describe('message extras', () => {
  it('translateMessage keeps i18n on the message for both users, until the text changes', async () => {
    const { alice, bob } = await pair('tr');
    await alice.channel('messaging', 'tr').sendMessage({ id: 'tr1', text: 'good morning' });
    const translated = await bob.channel('messaging', 'tr').translateMessage('tr1', 'fr');
    expect(translated.i18n).toMatchObject({ fr_text: '[fr] good morning', language: 'en' });
    expect(held(bob, 'messaging:tr', 'tr1')?.i18n?.['fr_text']).toBe('[fr] good morning');
    // Alice hears of it through message.updated.
    await until(alice.channel('messaging', 'tr').messages$, (l) => l.some((m) => m.id === 'tr1' && m.i18n?.['fr_text'] === '[fr] good morning'));
    await alice.channel('messaging', 'tr').updateMessage('tr1', { text: 'good evening' });
    await until(bob.channel('messaging', 'tr').messages$, (l) => l.some((m) => m.id === 'tr1' && m.text === 'good evening' && m.i18n === undefined));
    const before = bob.getState();
    await expect(bob.channel('messaging', 'tr').translateMessage('tr1', 'not a language')).rejects.toMatchObject({ code: 4 });
    expect(bob.getState()).toBe(before);
  });

  it('undeleteMessage restores a soft-deleted message for both users', async () => {
    const { alice, bob } = await pair('undel');
    const ch = alice.channel('messaging', 'undel');
    await ch.sendMessage({ id: 'u1', text: 'oops' });
    await ch.deleteMessage('u1');
    await until(bob.channel('messaging', 'undel').messages$, (l) => l.some((m) => m.id === 'u1' && m.type === 'deleted'));
    const back = await ch.undeleteMessage('u1');
    expect(back).toMatchObject({ id: 'u1', text: 'oops', type: 'regular', status: 'received' });
    await until(bob.channel('messaging', 'undel').messages$, (l) => l.some((m) => m.id === 'u1' && m.text === 'oops'));
  });

  it('getReactions pages by offset; queryReactions filters and pages by cursor', async () => {
    const { alice, bob } = await pair('reac');
    await alice.channel('messaging', 'reac').sendMessage({ id: 'r1', text: 'react to me' });
    await alice.channel('messaging', 'reac').sendReaction('r1', 'like');
    await alice.channel('messaging', 'reac').sendReaction('r1', 'love');
    await bob.channel('messaging', 'reac').sendReaction('r1', 'love');
    const all = await bob.channel('messaging', 'reac').getReactions('r1');
    expect(all.reactions).toHaveLength(3);
    const page = await bob.channel('messaging', 'reac').getReactions('r1', { limit: 2, offset: 2 });
    expect(page.reactions).toHaveLength(1);
    const loves = await bob.channel('messaging', 'reac').queryReactions('r1', { type: 'love' }, { limit: 1 });
    expect(loves.reactions).toHaveLength(1);
    expect(loves.next).toBeTruthy();
    const more = await bob.channel('messaging', 'reac').queryReactions('r1', { type: 'love' }, { limit: 1, next: loves.next as string });
    expect(more.reactions).toHaveLength(1);
    expect(new Set([...loves.reactions, ...more.reactions].map((r) => r.user_id))).toEqual(new Set(['alice', 'bob']));
    await expect(bob.channel('messaging', 'reac').getReactions('r1', { limit: -1 })).rejects.toMatchObject({ code: 4 });
  });

  it('a giphy preview is shown to the sender only, shuffled, then sent to both; or cancelled and gone', async () => {
    const { alice, bob } = await pair('gif');
    const ch = alice.channel('messaging', 'gif');
    const preview = await ch.sendMessage({ id: 'g1', text: '/giphy cats' });
    expect(preview).toMatchObject({ type: 'ephemeral', command: 'giphy', status: 'received' });
    const first = preview.attachments[0]?.image_url;
    const shuffled = await ch.runMessageAction('g1', { image_action: 'shuffle' });
    expect(shuffled?.attachments[0]?.image_url).not.toBe(first);
    expect(held(alice, 'messaging:gif', 'g1')?.attachments[0]?.image_url).toBe(shuffled?.attachments[0]?.image_url);
    await drained(suite.emu, bob, 'bob');
    expect(held(bob, 'messaging:gif', 'g1')).toBeUndefined();
    const sent = await ch.runMessageAction('g1', { image_action: 'send' });
    expect(sent).toMatchObject({ id: 'g1', type: 'regular' });
    const bobs = await until(bob.channel('messaging', 'gif').messages$, (l) => l.some((m) => m.id === 'g1'));
    expect(bobs.find((m) => m.id === 'g1')?.attachments[0]?.type).toBe('giphy');

    await ch.sendMessage({ id: 'g2', text: '/giphy dogs' });
    expect(await ch.runMessageAction('g2', { image_action: 'cancel' })).toBeNull();
    expect(held(alice, 'messaging:gif', 'g2')).toBeUndefined();
    await expect(ch.runMessageAction('g1', {})).rejects.toMatchObject({ code: 4 });
  });

  it('thread.update shows the title at once, both users get the server\'s thread, and a refused update is taken back', async () => {
    const { alice, bob } = await pair('thr');
    const ch = alice.channel('messaging', 'thr');
    await ch.sendMessage({ id: 'p1', text: 'parent' });
    await ch.sendMessage({ text: 'reply', parent_id: 'p1' });
    const thread = alice.thread('p1');
    await thread.load();
    const bobThread = bob.thread('p1');
    await bobThread.load();
    const updating = thread.update({ title: 'Plans', custom: { color: 'blue' } });
    const titleOf = (): string | undefined => tableGet(alice.getState().threads, 'p1')?.data?.title;
    expect(titleOf()).toBe('Plans'); // at once, before the server answers
    const data = await updating;
    expect(data).toMatchObject({ title: 'Plans', custom: { color: 'blue' } });
    await until(bobThread.thread$, (t) => t?.title === 'Plans');
    // Refused by the server: the local title goes back to what it was.
    suite.emu.controls.failNext('UpdateThreadPartial', { status: 403, code: 17, message: 'not allowed' });
    const refused = thread.update({ title: 'Nope' });
    expect(titleOf()).toBe('Nope');
    await expect(refused).rejects.toMatchObject({ code: 17 });
    expect(titleOf()).toBe('Plans');
    await expect(thread.update({})).rejects.toMatchObject({ code: 4 });
  });
});
