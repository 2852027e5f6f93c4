// Reducers for message.new / updated / undeleted / deleted and reaction.* (PROTOCOL.md
// section 6), asserted through getState and the public selectors.
import { describe, expect, it } from 'vitest';
import { selectMessages } from '../../src/store/selectors.ts';
import { BASE_MS, msg, reaction, storeHarness, user } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const B = 'messaging:b';
const t = (n: number) => BASE_MS + n * 1_000;

function withChannel(messages = [msg(A, 'a1', t(1)), msg(A, 'a2', t(2))]) {
  const h = storeHarness();
  h.hydrate(A, { messages });
  return h;
}

function held(h: ReturnType<typeof storeHarness>, cid: string, id: string) {
  return selectMessages(h.ch(cid)).find((m) => m.id === id);
}

describe('message.new', () => {
  it('appends to the latest window, marks it received and bumps last_message_at', () => {
    const h = withChannel();
    h.send('message.new', { cid: A, message: msg(A, 'a3', t(3)) });
    expect(h.ids(A)).toEqual(['a1', 'a2', 'a3']);
    expect(held(h, A, 'a3')).toMatchObject({ id: 'a3', status: 'received', text: `text ${t(3)}` });
    expect(h.ch(A).data?.last_message_at).toBe(t(3));
  });

  it('places a message created earlier than the newest by (created_at, id)', () => {
    const h = withChannel([msg(A, 'a1', t(1)), msg(A, 'a3', t(3))]);
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    h.send('message.new', { cid: A, message: msg(A, 'a0', t(3)) });
    expect(h.ids(A)).toEqual(['a1', 'a2', 'a0', 'a3']);
    // last_message_at never moves back for an older message.
    expect(h.ch(A).data?.last_message_at).toBe(t(3));
  });

  it('for a channel not held creates nothing', () => {
    const h = withChannel();
    const before = h.store.getState();
    h.send('message.new', { cid: B, message: msg(B, 'b1', t(1)) });
    expect(h.has(B)).toBe(false);
    expect(h.store.getState()).toBe(before);
  });

  it('twice keeps the state reference and counts once', () => {
    const h = withChannel();
    h.send('message.new', { cid: A, message: msg(A, 'a3', t(3)) });
    const once = h.store.getState();
    h.send('message.new', { cid: A, message: msg(A, 'a3', t(3)) });
    expect(h.store.getState()).toBe(once);
    expect(h.ids(A)).toEqual(['a1', 'a2', 'a3']);
    expect(h.ch(A).unread.messages).toBe(1);
  });

  it('repeated after an edit keeps the edited copy (events reorder)', () => {
    const h = withChannel();
    h.send('message.updated', { cid: A, message: msg(A, 'a2', t(2), { text: 'edited', updated_at: t(9) }) });
    const edited = h.store.getState();
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    expect(h.store.getState()).toBe(edited);
    expect(held(h, A, 'a2')?.text).toBe('edited');
  });

  it('keeps a thread-only reply out of the window; show_in_channel puts it in', () => {
    const h = withChannel();
    h.send('message.new', { cid: A, message: msg(A, 'r1', t(3), { parent_id: 'a1' }) });
    expect(h.ids(A)).toEqual(['a1', 'a2']);
    expect(h.ch(A).data?.last_message_at).toBe(t(2));
    h.send('message.new', { cid: A, message: msg(A, 'r2', t(4), { parent_id: 'a1', show_in_channel: true }) });
    expect(h.ids(A)).toEqual(['a1', 'a2', 'r2']);
  });

  it('does not invent adjacency: a message older than a window with unloaded history stays out', () => {
    const h = storeHarness();
    h.hydrate(A, { messages: [msg(A, 'a5', t(5)), msg(A, 'a6', t(6))] }, 2);
    expect(h.pagination(A).hasOlder).toBe(true);
    h.send('message.new', { cid: A, message: msg(A, 'old', t(1)) });
    expect(h.ids(A)).toEqual(['a5', 'a6']);
  });
});

describe('message.updated / message.undeleted', () => {
  it('replaces the held copy in place', () => {
    const h = withChannel();
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { text: 'new text', updated_at: t(5) }) });
    expect(h.ids(A)).toEqual(['a1', 'a2']);
    expect(held(h, A, 'a1')).toMatchObject({ text: 'new text', updated_at: t(5) });
  });

  it('tells copies apart by updated_at alone, and nested equal values named updated_at apart from none', () => {
    const h = withChannel([msg(A, 'a1', t(1), { custom: { note: { updated_at: { by: 'x' } } } })]);
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { updated_at: t(5), custom: { note: { updated_at: { by: 'x' } } } }) });
    expect(held(h, A, 'a1')?.updated_at).toBe(t(5));
    const once = h.store.getState();
    // Equal again, nested objects under the same name included: nothing changes.
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { updated_at: t(5), custom: { note: { updated_at: { by: 'x' } } } }) });
    expect(h.store.getState()).toBe(once);
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { updated_at: t(5), custom: { note: { updated_at: { by: 'y' } } } }) });
    expect(held(h, A, 'a1')?.custom).toEqual({ note: { updated_at: { by: 'y' } } });
  });

  it('ignores a message or channel not held (no phantom message or channel)', () => {
    const h = withChannel();
    const before = h.store.getState();
    h.send('message.updated', { cid: A, message: msg(A, 'zz', t(1), { updated_at: t(5) }) });
    h.send('message.updated', { cid: B, message: msg(B, 'b1', t(1), { updated_at: t(5) }) });
    h.send('message.undeleted', { cid: A, message: msg(A, 'zz', t(1), { updated_at: t(5) }) });
    expect(h.store.getState()).toBe(before);
    expect(h.has(B)).toBe(false);
  });

  it('an older copy after a newer one changes nothing', () => {
    const h = withChannel();
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { text: 'second', updated_at: t(8) }) });
    const newer = h.store.getState();
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { text: 'first', updated_at: t(7) }) });
    expect(h.store.getState()).toBe(newer);
    expect(held(h, A, 'a1')?.text).toBe('second');
  });

  it('the same update twice keeps the state reference', () => {
    const h = withChannel();
    const upd = () => h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { text: 'x', updated_at: t(5) }) });
    upd();
    const once = h.store.getState();
    upd();
    expect(h.store.getState()).toBe(once);
  });

  it('undeleted restores a soft-deleted message', () => {
    const h = withChannel();
    h.send('message.deleted', { cid: A, message: msg(A, 'a1', t(1), { type: 'deleted', text: '', deleted_at: t(5), updated_at: t(5) }) });
    expect(held(h, A, 'a1')?.type).toBe('deleted');
    h.send('message.undeleted', { cid: A, message: msg(A, 'a1', t(1), { text: 'back', updated_at: t(6) }) });
    expect(held(h, A, 'a1')).toMatchObject({ type: 'regular', text: 'back' });
    expect(h.ids(A)).toEqual(['a1', 'a2']);
  });

  it('pins and unpins: the pinned list follows pinned / pinned_at', () => {
    const h = withChannel([msg(A, 'a1', t(1)), msg(A, 'a2', t(2)), msg(A, 'a3', t(3))]);
    h.send('message.updated', { cid: A, message: msg(A, 'a3', t(3), { pinned: true, pinned_at: t(10), updated_at: t(10) }) });
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { pinned: true, pinned_at: t(11), updated_at: t(11) }) });
    expect(h.pinnedIds(A)).toEqual(['a3', 'a1']);
    h.send('message.updated', { cid: A, message: msg(A, 'a3', t(3), { pinned: false, updated_at: t(12) }) });
    expect(h.pinnedIds(A)).toEqual(['a1']);
    // A soft-deleted pinned message leaves the pinned list.
    h.send('message.deleted', { cid: A, message: msg(A, 'a1', t(1), { type: 'deleted', pinned: true, pinned_at: t(11), updated_at: t(13) }) });
    expect(h.pinnedIds(A)).toEqual([]);
  });

  it('refreshes the quoted copy inside messages that quote the updated one', () => {
    const original = msg(A, 'a1', t(1), { text: 'original' });
    const h = withChannel([original, msg(A, 'q1', t(2), { quoted_message_id: 'a1', quoted_message: original })]);
    expect(held(h, A, 'q1')?.quoted_message?.text).toBe('original');
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { text: 'edited', updated_at: t(5) }) });
    expect(held(h, A, 'q1')?.quoted_message?.text).toBe('edited');
    expect(held(h, A, 'q1')?.quoted_message).toBe(held(h, A, 'a1'));
  });
});

describe('message.deleted', () => {
  it('soft: replaced by the deleted copy, still in the window', () => {
    const h = withChannel();
    h.send('message.deleted', { cid: A, message: msg(A, 'a2', t(2), { type: 'deleted', text: '', deleted_at: t(5), updated_at: t(5) }) });
    expect(h.ids(A)).toEqual(['a1', 'a2']);
    expect(held(h, A, 'a2')).toMatchObject({ type: 'deleted', deleted_at: t(5) });
  });

  it('hard: removed from the window and the pinned list', () => {
    const h = withChannel([msg(A, 'a1', t(1), { pinned: true, pinned_at: t(1) }), msg(A, 'a2', t(2))]);
    expect(h.pinnedIds(A)).toEqual(['a1']);
    h.send('message.deleted', { cid: A, hard_delete: true, message: msg(A, 'a1', t(1)) });
    expect(h.ids(A)).toEqual(['a2']);
    expect(h.pinnedIds(A)).toEqual([]);
  });

  it('twice, or for messages and channels not held, keeps the state reference', () => {
    const h = withChannel();
    h.send('message.deleted', { cid: A, hard_delete: true, message: msg(A, 'a1', t(1)) });
    const once = h.store.getState();
    h.send('message.deleted', { cid: A, hard_delete: true, message: msg(A, 'a1', t(1)) });
    h.send('message.deleted', { cid: A, message: msg(A, 'zz', t(1), { type: 'deleted' }) });
    h.send('message.deleted', { cid: B, message: msg(B, 'b1', t(1), { type: 'deleted' }) });
    expect(h.store.getState()).toBe(once);
    expect(h.has(B)).toBe(false);
  });
});

describe('reaction.new / updated / deleted', () => {
  const like = (by: string) => ({ ...reaction('a1', by), user: user(by) });

  function reacted(h: ReturnType<typeof storeHarness>) {
    // The own reaction, as the service sends it: serialized once for all recipients, so
    // the event's own_reactions is [] (PROTOCOL.md section 6).
    h.send('reaction.new', {
      cid: A,
      reaction: like('me'),
      user: user('me'),
      message: msg(A, 'a1', t(1), { own_reactions: [], latest_reactions: [like('me')], reaction_counts: { like: 1 }, updated_at: t(3) }),
    });
  }

  it('an own reaction (from another device) is added to the held own_reactions, whatever the event lists', () => {
    const h = withChannel();
    reacted(h);
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.user_id)).toEqual(['me']);
    expect(held(h, A, 'a1')?.reaction_counts).toEqual({ like: 1 });
  });

  it("another user's reaction replaces counts but keeps our own_reactions", () => {
    const h = withChannel();
    reacted(h);
    // The server's copy for bob's event carries bob's perspective: own_reactions empty.
    h.send('reaction.new', {
      cid: A,
      reaction: like('bob'),
      user: user('bob'),
      message: msg(A, 'a1', t(1), { own_reactions: [], latest_reactions: [like('bob'), like('me')], reaction_counts: { like: 2 }, updated_at: t(4) }),
    });
    const m = held(h, A, 'a1');
    expect(m?.reaction_counts).toEqual({ like: 2 });
    expect(m?.latest_reactions.map((r) => r.user_id)).toEqual(['bob', 'me']);
    expect(m?.own_reactions.map((r) => r.user_id)).toEqual(['me']);
    h.send('reaction.updated', {
      cid: A,
      reaction: { ...like('bob'), score: 3 },
      user: user('bob'),
      message: msg(A, 'a1', t(1), { own_reactions: [], latest_reactions: [like('bob'), like('me')], reaction_counts: { like: 2 }, reaction_scores: { like: 4 }, updated_at: t(5) }),
    });
    expect(held(h, A, 'a1')?.reaction_scores).toEqual({ like: 4 });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.user_id)).toEqual(['me']);
    h.send('reaction.deleted', {
      cid: A,
      reaction: like('bob'),
      user: user('bob'),
      message: msg(A, 'a1', t(1), { own_reactions: [], latest_reactions: [like('me')], reaction_counts: { like: 1 }, updated_at: t(6) }),
    });
    expect(held(h, A, 'a1')?.reaction_counts).toEqual({ like: 1 });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.user_id)).toEqual(['me']);
  });

  it('own reaction.deleted clears own_reactions', () => {
    const h = withChannel();
    reacted(h);
    h.send('reaction.deleted', { cid: A, reaction: like('me'), user: user('me'), message: msg(A, 'a1', t(1), { own_reactions: [], updated_at: t(4) }) });
    expect(held(h, A, 'a1')?.own_reactions).toEqual([]);
  });

  it('message.updated, undeleted and soft deletes keep the held own_reactions (the event lists none)', () => {
    const h = withChannel();
    reacted(h);
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { text: 'edited', own_reactions: [], reaction_counts: { like: 1 }, updated_at: t(4) }) });
    expect(held(h, A, 'a1')?.text).toBe('edited');
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type)).toEqual(['like']);
    h.send('message.deleted', { cid: A, message: msg(A, 'a1', t(1), { type: 'deleted', own_reactions: [], updated_at: t(5) }) });
    h.send('message.undeleted', { cid: A, message: msg(A, 'a1', t(1), { text: 'back', own_reactions: [], updated_at: t(6) }) });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type)).toEqual(['like']);
  });

  it('an event cannot put own reactions in: a list on another user\'s event is ignored', () => {
    const h = withChannel();
    h.send('reaction.new', {
      cid: A, reaction: like('bob'), user: user('bob'),
      message: msg(A, 'a1', t(1), { own_reactions: [like('bob')], latest_reactions: [like('bob')], reaction_counts: { like: 1 }, updated_at: t(3) }),
    });
    expect(held(h, A, 'a1')?.own_reactions).toEqual([]);
    expect(held(h, A, 'a1')?.reaction_counts).toEqual({ like: 1 });
  });

  it('own reaction.updated (enforce_unique) replaces the own reactions the event no longer lists', () => {
    const h = withChannel();
    reacted(h);
    const love = { ...reaction('a1', 'me', 'love'), user: user('me') };
    h.send('reaction.new', { cid: A, reaction: love, user: user('me'), message: msg(A, 'a1', t(1), { own_reactions: [], latest_reactions: [love, like('me')], reaction_counts: { like: 1, love: 1 }, updated_at: t(4) }) });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type).sort()).toEqual(['like', 'love']);
    // A re-score of love without enforce_unique: like is still listed, so it stays.
    h.send('reaction.updated', { cid: A, reaction: { ...love, score: 3 }, user: user('me'), message: msg(A, 'a1', t(1), { own_reactions: [], latest_reactions: [{ ...love, score: 3 }, like('me')], reaction_counts: { like: 1, love: 1 }, updated_at: t(5) }) });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => `${r.type}:${r.score}`).sort()).toEqual(['like:1', 'love:3']);
    const wow = { ...reaction('a1', 'me', 'wow'), user: user('me') };
    h.send('reaction.updated', { cid: A, reaction: wow, user: user('me'), message: msg(A, 'a1', t(1), { own_reactions: [], latest_reactions: [wow], reaction_counts: { wow: 1 }, updated_at: t(6) }) });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type)).toEqual(['wow']);
  });

  it('an own optimistic reaction and its echo count once', () => {
    const h = withChannel();
    h.dispatch({ type: 'op/started', op: { kind: 'reaction', id: 'r1', cid: A, messageId: 'a1', type: 'like', enforceUnique: false } });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type)).toEqual(['like']);
    expect(held(h, A, 'a1')?.reaction_counts).toEqual({ like: 1 });
    reacted(h);
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type)).toEqual(['like']);
    expect(held(h, A, 'a1')?.reaction_counts).toEqual({ like: 1 });
    // The HTTP answer (with the caller's list) confirms it.
    h.dispatch({ type: 'message/stored', cid: A, message: msg(A, 'a1', t(1), { own_reactions: [like('me')], latest_reactions: [like('me')], reaction_counts: { like: 1 }, updated_at: t(3) }) });
    h.dispatch({ type: 'op/succeeded', opId: 'r1' });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type)).toEqual(['like']);
    expect(held(h, A, 'a1')?.reaction_counts).toEqual({ like: 1 });
  });

  it('an own pending reaction survives another user\'s event and a message.updated, counted once', () => {
    const h = withChannel();
    h.dispatch({ type: 'op/started', op: { kind: 'reaction', id: 'r1', cid: A, messageId: 'a1', type: 'like', enforceUnique: false } });
    h.send('message.updated', { cid: A, message: msg(A, 'a1', t(1), { text: 'edited', own_reactions: [], updated_at: t(3) }) });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type)).toEqual(['like']);
    expect(held(h, A, 'a1')?.reaction_counts).toEqual({ like: 1 });
    h.send('reaction.new', { cid: A, reaction: like('bob'), user: user('bob'), message: msg(A, 'a1', t(1), { text: 'edited', own_reactions: [], latest_reactions: [like('bob')], reaction_counts: { like: 1 }, updated_at: t(4) }) });
    expect(held(h, A, 'a1')?.own_reactions.map((r) => r.type)).toEqual(['like']);
    expect(held(h, A, 'a1')?.reaction_counts).toEqual({ like: 2 });
  });

  it('twice keeps the state reference; unknown messages and channels change nothing', () => {
    const h = withChannel();
    reacted(h);
    const once = h.store.getState();
    reacted(h);
    h.send('reaction.new', { cid: A, reaction: reaction('zz', 'bob'), user: user('bob'), message: msg(A, 'zz', t(1)) });
    h.send('reaction.new', { cid: B, reaction: reaction('b1', 'bob'), user: user('bob'), message: msg(B, 'b1', t(1)) });
    expect(h.store.getState()).toBe(once);
    expect(h.has(B)).toBe(false);
  });
});
