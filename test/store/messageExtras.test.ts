// Reducers of issue 24's message extras: the files of a message being sent (upload/*
// actions on the send's local copy), the answers of translate/undelete/message actions
// (message/stored, message.updated, message.undeleted), and thread updates (thread/*).
// Each: what it changes, that a repeat keeps the same state reference, and that actions
// about something not held change nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableGet, type Attachment, type LocalUpload, type ThreadResponse } from 'chatstore';
import { selectChannelSummary, selectMessages } from '../../src/store/selectors.ts';
import { newUploads } from '../../src/store/uploads.ts';
import type { Action } from '../../src/store/reducer.ts';
import { BASE_MS, msg, storeHarness } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';
import { CID, setupStore, threadFixture, threadState } from '../threads/threadFixtures.ts';

const A = 'messaging:a';
const t = (n: number) => BASE_MS + n * 1_000;

function held(h: ReturnType<typeof storeHarness>, id: string) {
  return selectMessages(h.ch(A)).find((m) => m.id === id);
}

const files = (n: number) => newUploads(Array.from({ length: n }, (_, i) => ({ id: `f${i}`, name: `file${i}.png`, type: 'image/png', size: 100 + i, previewUrl: `blob:preview-${i}` })));

function sendingWithFiles(n = 2) {
  const h = storeHarness();
  h.hydrate(A, { messages: [msg(A, 'a1', t(1))] });
  h.dispatch({ type: 'op/started', op: { kind: 'send', id: 'send:s1', cid: A, request: { id: 's1', text: 'files' }, queued: true, uploads: files(n) } });
  return h;
}

const attachment = (i: number): Attachment => ({ type: 'image', image_url: `http://x/f${i}.png`, thumb_url: `http://x/f${i}.png`, title: `file${i}.png`, custom: {} });
const progress = (uploadId: string, p: number): Action => ({ type: 'upload/progress', cid: A, messageId: 's1', uploadId, progress: p });
const uploaded = (i: number): Action => ({ type: 'upload/settled', cid: A, messageId: 's1', uploadId: `f${i}`, state: 'uploaded', attachment: attachment(i), size: 100 + i });
const ERR = { code: 22, status: 413, message: 'too big', endpoint: 'UploadChannelImage', retryable: false };

describe('files of a message being sent', () => {
  it('the local copy shows each file at once: uploading, 0, with its preview', () => {
    const h = sendingWithFiles();
    const m = held(h, 's1');
    expect(m?.status).toBe('sending');
    expect(m?.uploads?.map((u) => [u.id, u.state, u.progress, u.previewUrl])).toEqual([
      ['f0', 'uploading', 0, 'blob:preview-0'],
      ['f1', 'uploading', 0, 'blob:preview-1'],
    ]);
  });

  it('upload/progress moves one file; a repeat keeps the state reference', () => {
    const h = sendingWithFiles();
    h.dispatch(progress('f1', 0.4));
    expect(held(h, 's1')?.uploads?.map((u) => u.progress)).toEqual([0, 0.4]);
    const once = h.store.getState();
    h.dispatch(progress('f1', 0.4));
    expect(h.store.getState()).toBe(once);
    // Out of range is clamped, never shown as more than done.
    h.dispatch(progress('f1', 7));
    expect(held(h, 's1')?.uploads?.[1]?.progress).toBe(1);
    expect(held(h, 's1')?.uploads?.[1]?.state).toBe('uploading');
  });

  it('upload/settled uploaded keeps the attachment and the size; a repeat or a late progress changes nothing', () => {
    const h = sendingWithFiles();
    h.dispatch(uploaded(0));
    const u = held(h, 's1')?.uploads?.[0] as LocalUpload;
    expect(u).toMatchObject({ state: 'uploaded', progress: 1, size: 100, attachment: attachment(0) });
    const once = h.store.getState();
    h.dispatch(uploaded(0));
    h.dispatch(progress('f0', 0.5));
    expect(h.store.getState()).toBe(once);
  });

  it('upload/settled failed or cancelled keeps the error; a progress (a retry) starts the file again without it', () => {
    const h = sendingWithFiles();
    h.dispatch({ type: 'upload/settled', cid: A, messageId: 's1', uploadId: 'f1', state: 'failed', error: ERR });
    expect(held(h, 's1')?.uploads?.[1]).toMatchObject({ state: 'failed', error: ERR });
    const once = h.store.getState();
    h.dispatch({ type: 'upload/settled', cid: A, messageId: 's1', uploadId: 'f1', state: 'failed', error: ERR });
    expect(h.store.getState()).toBe(once);
    h.dispatch(progress('f1', 0));
    expect(held(h, 's1')?.uploads?.[1]).toEqual(expect.objectContaining({ state: 'uploading', progress: 0 }));
    expect(held(h, 's1')?.uploads?.[1]?.error).toBeUndefined();
    h.dispatch({ type: 'upload/settled', cid: A, messageId: 's1', uploadId: 'f1', state: 'cancelled', error: ERR });
    expect(held(h, 's1')?.uploads?.[1]?.state).toBe('cancelled');
  });

  it('the failed send keeps its files (for the retry); the server copy replaces them with its attachments', () => {
    const h = sendingWithFiles();
    h.dispatch(uploaded(0));
    h.dispatch({ type: 'upload/settled', cid: A, messageId: 's1', uploadId: 'f1', state: 'failed', error: ERR });
    h.dispatch({ type: 'op/failed', opId: 'send:s1', error: ERR });
    expect(held(h, 's1')?.status).toBe('failed');
    expect(held(h, 's1')?.uploads?.map((u) => u.state)).toEqual(['uploaded', 'failed']);
    h.send('message.new', { cid: A, message: msg(A, 's1', t(5), { user: { id: 'me' }, attachments: [attachment(0), attachment(1)] }) });
    const m = held(h, 's1');
    expect(m?.status).toBe('received');
    expect(m?.uploads).toBeUndefined();
    expect(m?.attachments.map((a) => a.image_url)).toEqual(['http://x/f0.png', 'http://x/f1.png']);
    // A late report about the sent message's files changes nothing.
    const after = h.store.getState();
    h.dispatch(progress('f1', 0.3));
    h.dispatch(uploaded(1));
    expect(h.store.getState()).toBe(after);
  });

  it('actions about a message, a file or a channel not held change nothing', () => {
    const h = sendingWithFiles();
    const before = h.store.getState();
    h.dispatch({ type: 'upload/progress', cid: A, messageId: 'nope', uploadId: 'f0', progress: 0.5 });
    h.dispatch({ type: 'upload/progress', cid: A, messageId: 's1', uploadId: 'nope', progress: 0.5 });
    h.dispatch({ type: 'upload/progress', cid: 'messaging:zzz', messageId: 's1', uploadId: 'f0', progress: 0.5 });
    h.dispatch({ type: 'upload/progress', cid: A, messageId: 'a1', uploadId: 'f0', progress: 0.5 });
    expect(h.store.getState()).toBe(before);
  });

  it('property: files reporting in any interleaving (with repeats) end the same as one by one, in file order', () => {
    // Per file: increasing progress reports then its settlement; files upload in parallel,
    // so their reports interleave in any way, and a report may be delivered twice in a row.
    const perFile = (i: number) =>
      fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 4 }).map((ps) => [...ps.sort((a, b) => a - b).map((p) => progress(`f${i}`, p / 100)), uploaded(i)]);
    fc.assert(
      fc.property(
        fc.tuple(perFile(0), perFile(1), perFile(2)),
        fc.array(fc.nat(2), { minLength: 40, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (queues, picks, repeats) => {
          const h = sendingWithFiles(3);
          const q = queues.map((x) => [...x]);
          let k = 0;
          while (q.some((x) => x.length > 0)) {
            let i = (picks[k % picks.length] ?? 0) % 3;
            while ((q[i] as Action[]).length === 0) i = (i + 1) % 3;
            const a = (q[i] as Action[]).shift() as Action;
            h.dispatch(a);
            if (repeats[k % repeats.length]) {
              const s = h.store.getState();
              h.dispatch(a);
              expect(h.store.getState()).toBe(s);
            }
            const shown = held(h, 's1')?.uploads ?? [];
            expect(shown.map((u) => u.id)).toEqual(['f0', 'f1', 'f2']);
            k += 1;
          }
          const sequential = sendingWithFiles(3);
          for (const x of queues) for (const a of x) sequential.dispatch(a);
          expect(held(h, 's1')?.uploads).toEqual(held(sequential, 's1')?.uploads);
          expect(held(h, 's1')?.uploads?.every((u) => u.state === 'uploaded' && u.progress === 1)).toBe(true);
        },
      ),
      propertyRuns({ seed: 24_01, numRuns: 60 }),
    );
  });
});

describe('translations, undelete and message actions', () => {
  function withMessage() {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'a1', t(1), { text: 'hello' })] });
    return h;
  }

  it('a translate answer holds i18n; a repeat keeps the state reference; the message.updated echo changes nothing more', () => {
    const h = withMessage();
    const translated = msg(A, 'a1', t(1), { text: 'hello', updated_at: new Date(t(3)).toISOString(), i18n: { language: 'en', en_text: 'hello', fr_text: '[fr] hello' } });
    h.dispatch({ type: 'message/stored', cid: A, message: translated });
    expect(held(h, 'a1')?.i18n).toEqual({ language: 'en', en_text: 'hello', fr_text: '[fr] hello' });
    const once = h.store.getState();
    h.dispatch({ type: 'message/stored', cid: A, message: translated });
    h.send('message.updated', { cid: A, message: { ...translated, updated_at: new Date(t(3)).toISOString(), created_at: new Date(t(1)).toISOString() } });
    expect(h.store.getState()).toBe(once);
  });

  it('an older copy without i18n (events reorder) does not drop a newer translation', () => {
    const h = withMessage();
    h.dispatch({ type: 'message/stored', cid: A, message: msg(A, 'a1', t(1), { text: 'hello', updated_at: new Date(t(3)).toISOString(), i18n: { language: 'en', de_text: '[de] hello' } }) });
    h.send('message.updated', { cid: A, message: { id: 'a1', cid: A, type: 'regular', text: 'hello', user: { id: 'bob' }, created_at: new Date(t(1)).toISOString(), updated_at: new Date(t(2)).toISOString() } });
    expect(held(h, 'a1')?.i18n?.['de_text']).toBe('[de] hello');
  });

  it('message.undeleted restores the copy; twice keeps the reference', () => {
    const h = withMessage();
    h.send('message.deleted', { cid: A, message: msg(A, 'a1', t(1), { type: 'deleted', text: '', deleted_at: new Date(t(2)).toISOString(), updated_at: new Date(t(2)).toISOString() }) });
    expect(held(h, 'a1')?.type).toBe('deleted');
    const back = { cid: A, message: msg(A, 'a1', t(1), { text: 'hello', updated_at: new Date(t(4)).toISOString() }) };
    h.send('message.undeleted', back);
    expect(held(h, 'a1')).toMatchObject({ type: 'regular', text: 'hello' });
    const once = h.store.getState();
    h.send('message.undeleted', back);
    expect(h.store.getState()).toBe(once);
  });

  it('a giphy preview is not the channel\'s last message and does not move its activity', () => {
    const h = withMessage();
    const lastAt = h.ch(A).data?.last_message_at;
    h.dispatch({ type: 'message/stored', cid: A, message: msg(A, 'g0', t(5), { type: 'ephemeral', command: 'giphy', user: { id: 'me' } }) });
    expect(held(h, 'g0')?.type).toBe('ephemeral');
    expect(h.ch(A).data?.last_message_at).toBe(lastAt);
    expect(selectChannelSummary(h.ch(A)).lastMessage?.id).toBe('a1');
  });

  it('a cancelled giphy preview is removed; removing it again changes nothing', () => {
    const h = withMessage();
    h.dispatch({ type: 'message/stored', cid: A, message: msg(A, 'g1', t(2), { type: 'ephemeral', command: 'giphy', user: { id: 'me' } }) });
    expect(held(h, 'g1')?.type).toBe('ephemeral');
    h.dispatch({ type: 'message/removed', cid: A, messageId: 'g1' });
    expect(held(h, 'g1')).toBeUndefined();
    const once = h.store.getState();
    h.dispatch({ type: 'message/removed', cid: A, messageId: 'g1' });
    expect(h.store.getState()).toBe(once);
  });
});

describe('thread updates', () => {
  function withThread() {
    const store = setupStore();
    store.dispatch({ type: 'threads/hydrated', threads: [threadState(threadFixture(1))], replyLimit: 0 });
    const data = () => tableGet(store.getState().threads, 'p1')?.data;
    return { store, data };
  }
  const serverThread = (title: string, custom: Record<string, unknown> = {}): ThreadResponse =>
    ({ ...threadState(threadFixture(1)), title, custom, updated_at: BASE_MS + 50_000 }) as unknown as ThreadResponse;

  it('thread/patched sets the title and custom fields (unset removes); a repeat keeps the reference', () => {
    const { store, data } = withThread();
    store.dispatch({ type: 'thread/patched', parentId: 'p1', patch: { set: { title: 'Plans', color: 'blue', custom: { size: 2 } }, unset: [] } });
    expect(data()).toMatchObject({ title: 'Plans', custom: { color: 'blue', size: 2 } });
    const once = store.getState();
    store.dispatch({ type: 'thread/patched', parentId: 'p1', patch: { set: { title: 'Plans', color: 'blue', custom: { size: 2 } }, unset: [] } });
    expect(store.getState()).toBe(once);
    store.dispatch({ type: 'thread/patched', parentId: 'p1', patch: { set: {}, unset: ['color', 'title'] } });
    expect(data()).toMatchObject({ title: '', custom: { size: 2 } });
  });

  it('thread/unpatched puts back exactly what was there; not when the server replaced it meanwhile', () => {
    const { store, data } = withThread();
    const before = data();
    store.dispatch({ type: 'thread/patched', parentId: 'p1', patch: { set: { title: 'Plans' }, unset: [] } });
    const patched = data();
    store.dispatch({ type: 'thread/unpatched', parentId: 'p1', before: before as never, patched: patched as never });
    expect(data()).toEqual(before);
    // Patched, then the server's copy arrives (another user's change): the rollback leaves it.
    store.dispatch({ type: 'thread/patched', parentId: 'p1', patch: { set: { title: 'Mine' }, unset: [] } });
    const mine = data();
    store.dispatch({ type: 'thread/updated', thread: serverThread('Theirs') });
    store.dispatch({ type: 'thread/unpatched', parentId: 'p1', before: before as never, patched: mine as never });
    expect(data()?.title).toBe('Theirs');
  });

  it('thread/updated replaces the held data, a repeat keeps the reference, and a thread not held is not added', () => {
    const { store, data } = withThread();
    store.dispatch({ type: 'thread/updated', thread: serverThread('Server', { color: 'red' }) });
    expect(data()).toMatchObject({ title: 'Server', custom: { color: 'red' } });
    const once = store.getState();
    store.dispatch({ type: 'thread/updated', thread: serverThread('Server', { color: 'red' }) });
    expect(store.getState()).toBe(once);
    store.dispatch({ type: 'thread/updated', thread: { ...serverThread('Other'), parent_message_id: 'p9' } as ThreadResponse });
    store.dispatch({ type: 'thread/patched', parentId: 'p9', patch: { set: { title: 'x' }, unset: [] } });
    expect(store.getState()).toBe(once);
    expect(tableGet(store.getState().threads, 'p9')).toBeUndefined();
    void CID;
  });
});
