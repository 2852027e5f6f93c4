// Optimistic reactions, markRead and markUnread against the real emulator and its faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingList } from '../../src/store/pendingTable.ts';
import { ChatError } from 'chatstore';
import { held, pair, record, until, type Pair } from './helpers.ts';

const CID = 'messaging:room';
const MID = 'bob-m1';
let p: Pair;

beforeEach(async () => {
  p = await pair();
  await p.b.sendMessage({ text: 'react to me', id: MID });
  await until(p.a.messages$, (m) => m.length === 1);
});
afterEach(async () => {
  await p.close();
});

const summary = (c: Pair['alice']) => {
  const m = held(c, CID, MID);
  return {
    counts: m?.reaction_counts,
    scores: m?.reaction_scores,
    groups: Object.fromEntries(Object.entries(m?.reaction_groups ?? {}).map(([k, g]) => [k, (g as { count: number }).count])),
    own: m?.own_reactions.map((r) => r.type),
    latest: m?.latest_reactions.map((r) => `${r.user_id}:${r.type}`),
  };
};

describe('sendReaction and deleteReaction', () => {
  it('counts at once; the echo before the delayed answer and the answer never count it twice', async () => {
    const seen = record(p.alice, (c) => summary(c).counts);
    p.emu.controls.delayNext('SendReaction', 300, { phase: 'response' });
    const r = p.a.sendReaction(MID, 'like', { score: 3 });
    expect(summary(p.alice)).toEqual({ counts: { like: 1 }, scores: { like: 3 }, groups: { like: 1 }, own: ['like'], latest: ['alice:like'] });
    await until(p.alice.events$, (e) => e.type === 'reaction.new');
    expect(summary(p.alice).counts).toEqual({ like: 1 });
    await r;
    expect(summary(p.alice)).toEqual({ counts: { like: 1 }, scores: { like: 3 }, groups: { like: 1 }, own: ['like'], latest: ['alice:like'] });
    expect(pendingList(p.alice.getState().pending)).toEqual([]);
    expect(seen.values).toEqual([{}, { like: 1 }]);
    seen.stop();
  });

  it('enforceUnique replaces the own reaction at once; a failure restores it and keeps others\' reactions', async () => {
    await p.a.sendReaction(MID, 'like');
    await p.b.sendReaction(MID, 'love');
    await until(p.a.messages$, (m) => m[0]?.reaction_counts['love'] === 1);
    p.emu.controls.failNext('SendReaction', { status: 403, code: 17, message: 'no' });
    const r = p.a.sendReaction(MID, 'wow', { enforceUnique: true });
    expect(summary(p.alice).counts).toEqual({ love: 1, wow: 1 });
    expect(summary(p.alice).own).toEqual(['wow']);
    const err = await r.catch((e: unknown) => e);
    expect((err as ChatError).code).toBe(17);
    expect(summary(p.alice).counts).toEqual({ like: 1, love: 1 });
    expect(summary(p.alice).own).toEqual(['like']);
    expect(p.errors.map((e) => e.endpoint)).toEqual(['SendReaction']);
  });

  it('another user\'s reaction arriving while ours is out is kept, ours is not lost or doubled', async () => {
    const r = p.a.sendReaction(MID, 'like');
    // bob's event reaches alice while her request is out (dispatched as the socket would).
    p.alice.dispatchEvent({
      type: 'reaction.new', cid: CID, created_at: Date.now(), user: { id: 'bob' }, reaction: { type: 'love', user_id: 'bob', message_id: MID, score: 1, created_at: Date.now(), updated_at: Date.now(), custom: {}, user: { id: 'bob' } },
      message: { ...held(p.bob, CID, MID), reaction_counts: { love: 1 }, reaction_scores: { love: 1 }, reaction_groups: { love: { count: 1, sum_scores: 1 } }, own_reactions: [], latest_reactions: [] },
    });
    expect(summary(p.alice).counts).toEqual({ like: 1, love: 1 });
    expect(summary(p.alice).own).toEqual(['like']);
    await r;
    await p.b.sendReaction(MID, 'love');
    expect((await until(p.a.messages$, (m) => m[0]?.latest_reactions.length === 2))[0]?.reaction_counts).toEqual({ like: 1, love: 1 });
  });

  it('deleteReaction removes at once; failure restores it; success with a delayed answer stays removed', async () => {
    await p.a.sendReaction(MID, 'like');
    await until(p.a.messages$, (m) => m[0]?.reaction_counts['like'] === 1 && !m[0].pendingOps);
    p.emu.controls.failNext('DeleteReaction', { status: 403, code: 5, message: 'no' });
    const d = p.a.deleteReaction(MID, 'like');
    expect(summary(p.alice).counts).toEqual({});
    await expect(d).rejects.toBeInstanceOf(ChatError);
    expect(summary(p.alice)).toMatchObject({ counts: { like: 1 }, own: ['like'], latest: ['alice:like'] });

    p.emu.controls.delayNext('DeleteReaction', 300, { phase: 'response' });
    await p.a.deleteReaction(MID, 'like');
    expect(summary(p.alice)).toMatchObject({ counts: {}, own: [], latest: [] });
    expect((await until(p.b.messages$, (m) => Object.keys(m[0]?.reaction_counts ?? { x: 1 }).length === 0))[0]?.latest_reactions).toEqual([]);
  });
});

describe('markRead and markUnread', () => {
  beforeEach(async () => {
    await p.b.sendMessage({ text: 'two', id: 'bob-m2' });
    await until(p.a.unread$, (u) => u.messages === 2);
  });

  it('markRead zeroes unread at once; the echo first and the answer later keep it at zero', async () => {
    const seen = record(p.alice, (c) => c.getState().unread.totalMessages);
    p.emu.controls.delayNext('MarkRead', 300, { phase: 'response' });
    const r = p.a.markRead();
    expect(p.alice.getState().unread.totalMessages).toBe(0);
    await until(p.alice.events$, (e) => e.type === 'notification.mark_read');
    await r;
    expect(p.alice.getState().unread).toMatchObject({ totalMessages: 0, channels: 0 });
    expect(seen.values).toEqual([2, 0]);
    seen.stop();
  });

  it('a failed markRead restores the count, plus a message that arrived meanwhile', async () => {
    p.emu.controls.failNext('MarkRead', { status: 403, code: 5, message: 'no' });
    const r = p.a.markRead();
    expect((await until(p.a.unread$, () => true)).messages).toBe(0);
    p.alice.dispatchEvent({
      type: 'message.new', cid: CID, created_at: Date.now(),
      message: { ...held(p.bob, CID, 'bob-m2'), id: 'bob-m3', text: 'three', created_at: Date.now() + 1000, updated_at: Date.now() + 1000 },
    });
    expect((await until(p.a.unread$, (u) => u.messages === 1)).messages).toBe(1);
    await expect(r).rejects.toBeInstanceOf(ChatError);
    expect((await until(p.a.unread$, (u) => u.messages === 3)).messages).toBe(3);
  });

  it('markUnread counts from the message at once; a failure takes it back; success matches the server', async () => {
    await p.a.markRead();
    await until(p.alice.unread$, (u) => u.totalMessages === 0);
    p.emu.controls.failNext('MarkUnread', { status: 403, code: 5, message: 'no' });
    const r = p.a.markUnread(MID);
    expect(p.alice.getState().unread.totalMessages).toBe(2);
    await expect(r).rejects.toBeInstanceOf(ChatError);
    expect(p.alice.getState().unread.totalMessages).toBe(0);

    p.emu.controls.delayNext('MarkUnread', 300, { phase: 'response' });
    const ok = p.a.markUnread('bob-m2');
    expect(p.alice.getState().unread.totalMessages).toBe(1);
    await until(p.alice.events$, (e) => e.type === 'notification.mark_unread');
    await ok;
    expect(p.alice.getState().unread).toMatchObject({ totalMessages: 1, channels: 1 });
    expect((await until(p.a.reads$, () => true))['alice']?.last_read_message_id).toBe(MID);
  });
});
