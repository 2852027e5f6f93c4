// Optimistic sends, edits and deletes against the real emulator and its fault controls.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingGet, pendingList } from '../../src/store/pendingTable.ts';
import { ChatError } from 'chatstore';
import { connectedClient } from '../integration/helpers.ts';
import { held, ids, pair, record, until, type Pair } from './helpers.ts';

const CID = 'messaging:room';
let p: Pair;

beforeEach(async () => {
  p = await pair();
});
afterEach(async () => {
  await p.close();
});

describe('sendMessage', () => {
  it('shows the message at once, confirms on the echo before the delayed answer, and the answer changes nothing', async () => {
    p.emu.controls.delayNext('SendMessage', 400, { phase: 'response' });
    const sent = p.a.sendMessage({ text: 'hello', id: 'alice-m1' });
    const local = held(p.alice, CID, 'alice-m1');
    expect(local?.status).toBe('sending');
    expect(local?.text).toBe('hello');
    expect(pendingList(p.alice.getState().pending).map((op) => op.id)).toEqual(['send:alice-m1']);

    const afterEcho = await until(p.a.messages$, (m) => m[0]?.status === 'received');
    expect(ids(afterEcho)).toEqual(['alice-m1']);
    expect(pendingList(p.alice.getState().pending)).toEqual([]);
    const stateAfterEcho = held(p.alice, CID, 'alice-m1');
    await sent;
    expect(held(p.alice, CID, 'alice-m1')).toBe(stateAfterEcho);
    expect(ids(await until(p.b.messages$, (m) => m.length === 1))).toEqual(['alice-m1']);
  });

  it('a duplicate echo (same frame twice) changes nothing', async () => {
    const echoes: unknown[] = [];
    const sub = p.alice.events$.subscribe((e) => {
      if (e.type === 'message.new') echoes.push(e);
    });
    await p.a.sendMessage({ text: 'once', id: 'alice-dup' });
    await until(p.a.messages$, (m) => m[0]?.status === 'received' && echoes.length === 1);
    const before = p.alice.getState();
    p.emu.controls.injectFrame('alice', JSON.stringify(echoes[0]));
    await until(p.alice.events$, (e) => e.type === 'message.new');
    expect(p.alice.getState()).toBe(before);
    sub.unsubscribe();
  });

  it('a failed send stays failed with its error, rejects, reports, and retries with the same id', async () => {
    p.emu.controls.failNext('SendMessage', { status: 403, code: 17, message: 'no send' });
    const err = await p.a.sendMessage({ text: 'try', id: 'alice-f1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect((err as ChatError).code).toBe(17);
    const failed = held(p.alice, CID, 'alice-f1');
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatchObject({ code: 17, status: 403, endpoint: 'SendMessage' });
    expect(p.errors.map((e) => e.code)).toEqual([17]);

    const retry = p.a.retryMessage('alice-f1');
    expect(held(p.alice, CID, 'alice-f1')?.status).toBe('sending');
    expect(held(p.alice, CID, 'alice-f1')?.error).toBeUndefined();
    await retry;
    expect(held(p.alice, CID, 'alice-f1')?.status).toBe('received');
    expect(ids(await until(p.b.messages$, (m) => m.length === 1))).toEqual(['alice-f1']);
  });

  it('an id the server already has (code 4) is fetched and becomes received', async () => {
    // A second connection of alice posts the id first; this client does not watch, so it
    // learns of it only through the "already exists" answer.
    const other = await connectedClient(p.emu, 'alice');
    const solo = other.channel('messaging', 'room');
    await solo.watch({ watch: false });
    await p.a.sendMessage({ text: 'first copy', id: 'alice-twice' });
    await solo.sendMessage({ text: 'second copy', id: 'alice-twice' });
    const m = held(other, CID, 'alice-twice');
    expect(m?.status).toBe('received');
    expect(m?.text).toBe('first copy');
    await other.disconnectUser();
  });

  it('keeps a pending message after every confirmed one, even one that arrives later', async () => {
    await p.b.sendMessage({ text: 'before', id: 'bob-0' });
    await until(p.a.messages$, (m) => m.length === 1);
    p.emu.controls.delayNext('SendMessage', 500, { phase: 'request' });
    const sent = p.a.sendMessage({ text: 'mine', id: 'alice-late' });
    await p.b.sendMessage({ text: 'meanwhile', id: 'bob-1' });
    const during = await until(p.a.messages$, (m) => m.some((x) => x.id === 'bob-1'));
    expect(ids(during)).toEqual(['bob-0', 'bob-1', 'alice-late']);
    expect(during[2]?.status).toBe('sending');
    await sent;
    // Confirmed: ordered by the server's created_at, which came after bob's.
    expect(ids(await until(p.a.messages$, (m) => m.every((x) => x.status === 'received')))).toEqual(['bob-0', 'bob-1', 'alice-late']);
  });

  it('queues while the socket is down and sends once after recovery, nothing twice', async () => {
    p.emu.controls.refuseConnections(60_000);
    p.emu.controls.dropSockets();
    await until(p.alice.connection$, (c) => c.status !== 'connected', 20_000);
    const sent = p.a.sendMessage({ text: 'offline', id: 'alice-q1' });
    const sent2 = p.a.sendMessage({ text: 'offline 2', id: 'alice-q2' });
    expect(held(p.alice, CID, 'alice-q1')?.status).toBe('sending');
    expect(pendingGet(p.alice.getState().pending, 'send:alice-q1')).toMatchObject({ phase: 'queued' });
    expect(pendingGet(p.alice.getState().pending, 'send:alice-q2')).toMatchObject({ phase: 'queued' });
    p.emu.controls.refuseConnections(0);
    await Promise.all([sent, sent2]);
    expect(pendingList(p.alice.getState().pending)).toEqual([]);
    const bobSees = await until(p.b.messages$, (m) => m.length === 2, 20_000);
    expect(ids(bobSees)).toEqual(['alice-q1', 'alice-q2']);
    expect(ids(await until(p.a.messages$, (m) => m.every((x) => x.status === 'received')))).toEqual(['alice-q1', 'alice-q2']);
    // The reconnect waits out the socket's backoff, which on a loaded machine can take long.
  }, 45_000);

  it('a send in flight when the socket drops is confirmed by its answer; recovery adds no copy', async () => {
    p.emu.controls.delayNext('SendMessage', 300, { phase: 'request' });
    const sent = p.a.sendMessage({ text: 'mid-drop', id: 'alice-d1' });
    p.emu.controls.dropSockets();
    await sent;
    expect(held(p.alice, CID, 'alice-d1')?.status).toBe('received');
    await until(p.alice.connection$, (c) => c.status === 'connected', 20_000);
    expect(ids(await until(p.a.messages$, (m) => m.length >= 1))).toEqual(['alice-d1']);
    expect(ids(await until(p.b.messages$, (m) => m.length === 1, 20_000))).toEqual(['alice-d1']);
  }, 45_000);

  it('thread replies are stored once by id; show_in_channel and quotes appear in the channel', async () => {
    await p.a.sendMessage({ text: 'parent', id: 'alice-parent' });
    const reply = p.a.sendMessage({ text: 'in thread', id: 'alice-r1', parent_id: 'alice-parent' });
    expect(held(p.alice, CID, 'alice-r1')).toMatchObject({ status: 'sending', parent_id: 'alice-parent', type: 'reply' });
    expect(ids(await until(p.a.messages$, () => true))).toEqual(['alice-parent']);
    await reply;
    expect(held(p.alice, CID, 'alice-r1')?.status).toBe('received');

    const shown = p.a.sendMessage({ text: 'also here', id: 'alice-r2', parent_id: 'alice-parent', show_in_channel: true, quoted_message_id: 'alice-parent' });
    expect(held(p.alice, CID, 'alice-r2')?.quoted_message?.id).toBe('alice-parent');
    expect(ids(await until(p.a.messages$, (m) => m.length === 2))).toEqual(['alice-parent', 'alice-r2']);
    await shown;
    const after = await until(p.a.messages$, (m) => m[1]?.status === 'received');
    expect(ids(after)).toEqual(['alice-parent', 'alice-r2']);
    expect(after[1]?.quoted_message?.text).toBe('parent');
  });
});

describe('updateMessage and deleteMessage', () => {
  beforeEach(async () => {
    await p.a.sendMessage({ text: 'original', id: 'alice-e1' });
    await until(p.b.messages$, (m) => m.length === 1);
  });

  it('an edit shows at once, survives the echo and the delayed answer without flicker', async () => {
    const seen = record(p.alice, (c) => held(c, CID, 'alice-e1')?.text);
    p.emu.controls.delayNext('UpdateMessagePartial', 300, { phase: 'response' });
    const edit = p.a.updateMessage('alice-e1', { text: 'edited' });
    expect(held(p.alice, CID, 'alice-e1')?.text).toBe('edited');
    await until(p.b.messages$, (m) => m[0]?.text === 'edited');
    await edit;
    expect(held(p.alice, CID, 'alice-e1')?.text).toBe('edited');
    expect(held(p.alice, CID, 'alice-e1')?.pendingOps).toBeUndefined();
    // Never back to the original once edited: the echo and the answer agree with the local edit.
    expect(seen.values).toEqual(['original', 'edited']);
    seen.stop();
  });

  it('a failed edit is rolled back exactly, keeping a reaction another user added meanwhile', async () => {
    p.emu.controls.failNext('UpdateMessagePartial', { status: 403, code: 5, message: 'no' });
    const edit = p.a.updateMessage('alice-e1', { text: 'never', mood: 'happy' });
    expect(held(p.alice, CID, 'alice-e1')).toMatchObject({ text: 'never', mood: 'happy', custom: { mood: 'happy' } });
    const err = await edit.catch((e: unknown) => e);
    expect((err as ChatError).code).toBe(5);
    const m = held(p.alice, CID, 'alice-e1');
    expect(m?.text).toBe('original');
    expect(m && 'mood' in m).toBe(false);
    expect(m?.custom).toEqual({});
    expect(pendingList(p.alice.getState().pending)).toEqual([]);
  });

  it('a soft delete applies at once; a failed one comes back', async () => {
    p.emu.controls.failNext('DeleteMessage', { status: 403, code: 5, message: 'not allowed' });
    const del = p.a.deleteMessage('alice-e1');
    expect(held(p.alice, CID, 'alice-e1')).toMatchObject({ type: 'deleted', text: '' });
    await expect(del).rejects.toBeInstanceOf(ChatError);
    expect(held(p.alice, CID, 'alice-e1')).toMatchObject({ type: 'regular', text: 'original' });

    p.emu.controls.delayNext('DeleteMessage', 300, { phase: 'response' });
    const del2 = p.a.deleteMessage('alice-e1');
    await until(p.b.messages$, (m) => m[0]?.type === 'deleted');
    await del2;
    expect(held(p.alice, CID, 'alice-e1')).toMatchObject({ type: 'deleted', status: 'received' });
    expect(pendingList(p.alice.getState().pending)).toEqual([]);
  });

  it('a hard delete removes at once; a failure puts it back in its place', async () => {
    await p.a.sendMessage({ text: 'second', id: 'alice-e2' });
    p.emu.controls.failNext('DeleteMessage', { status: 403, code: 5, message: 'no' });
    const del = p.a.deleteMessage('alice-e1', { hard: true });
    expect(held(p.alice, CID, 'alice-e1')).toBeUndefined();
    await expect(del).rejects.toBeInstanceOf(ChatError);
    expect(ids(await until(p.a.messages$, (m) => m.length === 2))).toEqual(['alice-e1', 'alice-e2']);

    await p.a.deleteMessage('alice-e1', { hard: true });
    expect(held(p.alice, CID, 'alice-e1')).toBeUndefined();
    expect(ids(await until(p.b.messages$, (m) => m.length === 1))).toEqual(['alice-e2']);
  });

  it('deleting a failed message removes it locally without asking the server', async () => {
    p.emu.controls.failNext('SendMessage', { status: 403, code: 17, message: 'no send' });
    await p.a.sendMessage({ text: 'x', id: 'alice-gone' }).catch(() => undefined);
    await p.a.deleteMessage('alice-gone');
    expect(held(p.alice, CID, 'alice-gone')).toBeUndefined();
    expect(pendingList(p.alice.getState().pending)).toEqual([]);
  });
});

describe('writes resolve with what was stored (API.md, issue 20)', () => {
  it('sendMessage, sendReply, updateMessage and retryMessage resolve with the LocalMessage as held, received', async () => {
    const sent = await p.a.sendMessage({ text: 'first' });
    expect(sent).toMatchObject({ text: 'first', status: 'received', cid: CID });
    expect(sent.id).toMatch(/^alice-/);
    expect(sent).toBe(held(p.alice, CID, sent.id));

    const thread = p.alice.thread(sent.id);
    await thread.load();
    const reply = await thread.sendReply({ text: 'in thread' });
    expect(reply).toMatchObject({ text: 'in thread', parent_id: sent.id, status: 'received' });
    expect(reply).toBe(held(p.alice, CID, reply.id));

    const edited = await p.a.updateMessage(sent.id, { text: 'edited' });
    expect(edited).toMatchObject({ id: sent.id, text: 'edited', status: 'received' });
    expect(edited).toBe(held(p.alice, CID, sent.id));

    p.emu.controls.failNext('SendMessage', { status: 403, code: 17, message: 'no send' });
    await p.a.sendMessage({ text: 'again', id: 'alice-r1' }).catch(() => undefined);
    const retried = await p.a.retryMessage('alice-r1');
    expect(retried).toMatchObject({ id: 'alice-r1', text: 'again', status: 'received' });
    expect(retried).toBe(held(p.alice, CID, 'alice-r1'));
  });

  it('sendReaction and deleteReaction resolve with the updated message', async () => {
    const m = await p.a.sendMessage({ text: 'react to me' });
    const liked = await p.a.sendReaction(m.id, 'like');
    expect(liked.id).toBe(m.id);
    expect(liked.reaction_counts).toEqual({ like: 1 });
    expect(liked.own_reactions.map((r) => r.type)).toEqual(['like']);
    expect(liked).toBe(held(p.alice, CID, m.id));
    const unliked = await p.a.deleteReaction(m.id, 'like');
    expect(unliked.reaction_counts).toEqual({});
    expect(unliked.own_reactions).toEqual([]);
    expect(unliked).toBe(held(p.alice, CID, m.id));
  });
});
