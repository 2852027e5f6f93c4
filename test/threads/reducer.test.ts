// Thread reducers, event by event, through the store's actions and the thread selectors.
import { describe, expect, it } from 'vitest';
import { createRepliesSelector, createThreadSelector, selectMessages, tableGet, type ChatState } from 'chatstore';
import type { ChatStore } from '../../src/store/store.ts';
import { BASE_MS, CID, channelOf, decodeMessage, ev, heldMessage, iso, setupStore, threadFixture, threadState, user, wireMessage } from './threadFixtures.ts';

function loaded(count: number, options: Parameters<typeof threadState>[1] = {}) {
  const store = setupStore();
  const f = threadFixture(count);
  store.dispatch({ type: 'threads/hydrated', threads: [threadState(f, options)], replyLimit: 25 });
  const view = createThreadSelector('p1');
  const replies = createRepliesSelector('p1');
  return { store, f, view: () => view(store.getState()), replies: () => replies(store.getState()) };
}

function reply(at: number, extra: Record<string, unknown> = {}) {
  return wireMessage(at, { parent_id: 'p1', type: 'reply', ...extra });
}

function send(store: ChatStore, type: string, fields: Record<string, unknown>): ChatState {
  store.dispatch({ type: 'event', event: ev(type, fields) });
  return store.getState();
}

describe('thread hydration', () => {
  it('holds the parent and the replies once, in the channel table, with the parent as the counter source', () => {
    const { store, f, view, replies } = loaded(3, { unread: 2 });
    const s = store.getState();
    const v = view();
    expect(v?.parent).toBe(heldMessage(s, 'p1'));
    expect(v?.reply_count).toBe(3);
    expect(v?.participants.map((u) => u.id)).toEqual(['me', 'bob']);
    expect(v?.unread).toBe(2);
    expect(v?.title).toBe('A thread');
    expect(replies().map((m) => m.id)).toEqual(f.replies.map((r) => r['id']));
    // The same objects as the channel holds, and thread-only replies stay out of its window.
    for (const m of replies()) expect(heldMessage(s, m.id)).toBe(m);
    expect(selectMessages(channelOf(s))).toEqual([]);
  });

  it('a repeated answer keeps every reference', () => {
    const { store, f } = loaded(2);
    const before = store.getState();
    store.dispatch({ type: 'threads/hydrated', threads: [threadState(f)], replyLimit: 25 });
    expect(store.getState()).toBe(before);
  });
});

describe('reply pages (every GetReplies cursor form)', () => {
  const many = () => {
    const store = setupStore();
    const f = threadFixture(10);
    store.dispatch({ type: 'threads/hydrated', threads: [threadState(f, { latest: 4 })], replyLimit: 4 });
    const ids = f.replies.map((r) => r['id'] as string);
    const page = (cursor: string, id: string | undefined, limit: number, from: number, to: number) =>
      store.dispatch({
        type: 'thread/replies',
        parentId: 'p1',
        cid: CID,
        page: { cursor: cursor as 'latest', ...(id ? { id } : {}), limit, messages: f.replies.slice(from, to).map(decodeMessage) },
      });
    const replies = createRepliesSelector('p1');
    const flags = () => {
      const t = tableGet(store.getState().threads, 'p1');
      return { hasOlder: t?.hasOlder, hasNewer: t?.hasNewer };
    };
    return { store, f, ids, page, held: () => replies(store.getState()).map((m) => m.id), flags };
  };

  it('latest then id_lt pages extend the run; a short page ends it', () => {
    const { ids, page, held, flags } = many();
    expect(held()).toEqual(ids.slice(6));
    expect(flags()).toEqual({ hasOlder: true, hasNewer: false });
    page('id_lt', ids[6], 4, 2, 6);
    expect(held()).toEqual(ids.slice(2));
    expect(flags().hasOlder).toBe(true);
    page('id_lt', ids[2], 4, 0, 2);
    expect(held()).toEqual(ids);
    expect(flags().hasOlder).toBe(false);
  });

  it('id_lte and id_gt around a reply replace a run they do not touch, then id_gte extends it', () => {
    const { ids, page, held, flags } = many();
    page('id_lte', ids[2], 2, 1, 3);
    expect(held()).toEqual(ids.slice(1, 3));
    expect(flags()).toEqual({ hasOlder: true, hasNewer: true });
    page('id_gt', ids[2], 2, 3, 5);
    expect(held()).toEqual(ids.slice(1, 5));
    expect(flags()).toEqual({ hasOlder: true, hasNewer: true });
    page('id_gte', ids[4], 10, 4, 10);
    expect(held()).toEqual(ids.slice(1));
    expect(flags()).toEqual({ hasOlder: true, hasNewer: false });
  });

  it('a full id_around page leaves both sides open; a short one closes both', () => {
    const { ids, page, held, flags } = many();
    page('id_around', ids[1], 3, 0, 3);
    expect(held()).toEqual(ids.slice(0, 3));
    expect(flags()).toEqual({ hasOlder: true, hasNewer: true });
    page('id_around', ids[5], 20, 0, 10);
    expect(held()).toEqual(ids);
    expect(flags()).toEqual({ hasOlder: false, hasNewer: false });
  });

  it('a newest page drops a held reply inside its span that the server no longer has', () => {
    const { store, f, ids, held } = many();
    const page = [5, 6, 8, 9].map((i) => decodeMessage(f.replies[i] as Record<string, unknown>));
    store.dispatch({ type: 'thread/replies', parentId: 'p1', cid: CID, page: { cursor: 'latest', limit: 4, messages: page } });
    expect(held()).toEqual([ids[5], ids[6], ids[8], ids[9]]);
  });
});

describe('message.new with parent_id', () => {
  it('adds the reply to the thread and the counters on the parent, not to the channel window or unread', () => {
    const { store, view, replies } = loaded(2);
    const r = reply(BASE_MS + 50_000);
    const s = send(store, 'message.new', { message: r, parent_id: 'p1' });
    expect(replies().at(-1)?.id).toBe(r['id']);
    expect(heldMessage(s, 'p1')?.reply_count).toBe(3);
    expect(view()?.reply_count).toBe(3);
    expect(view()?.unread).toBe(1);
    expect(s.unread.threads).toBe(1);
    expect(selectMessages(channelOf(s))).toEqual([]);
    expect(channelOf(s).unread.messages).toBe(0);
    expect(view()?.last_message_at).toBe(BASE_MS + 50_000);
    // Repeated: nothing changes, not even references.
    expect(send(store, 'message.new', { message: r, parent_id: 'p1' })).toBe(s);
  });

  it('a new participant joins the parent\'s thread_participants once', () => {
    const { store, view } = loaded(1);
    send(store, 'message.new', { message: reply(BASE_MS + 60_000, { user: user('carol') }) });
    send(store, 'message.new', { message: reply(BASE_MS + 61_000, { user: user('carol') }) });
    expect(view()?.participants.map((u) => u.id)).toEqual(['me', 'bob', 'carol']);
    expect(heldMessage(store.getState(), 'p1')?.thread_participants).toBe(view()?.participants);
    expect(view()?.reply_count).toBe(3);
  });

  it('show_in_channel replies also enter the channel window and count as channel unread', () => {
    const store = setupStore();
    const parent = wireMessage(BASE_MS + 1_000, { id: 'p1', user: user('me') });
    send(store, 'message.new', { message: parent });
    const f = threadFixture(0);
    store.dispatch({ type: 'threads/hydrated', threads: [threadState(f)], replyLimit: 25 });
    const r = reply(BASE_MS + 5_000, { show_in_channel: true });
    const s = send(store, 'message.new', { message: r });
    expect(selectMessages(channelOf(s)).map((m) => m.id)).toEqual(['p1', r['id']]);
    expect(createRepliesSelector('p1')(s).map((m) => m.id)).toEqual([r['id']]);
    expect(channelOf(s).unread.messages).toBe(1);
    expect(createThreadSelector('p1')(s)?.reply_count).toBe(1);
  });

  it('the own reply clears the own thread unread; server totals win', () => {
    const { store, view } = loaded(1, { unread: 1 });
    send(store, 'message.new', { message: reply(BASE_MS + 70_000, { user: user('me') }), unread_threads: 5 });
    expect(view()?.unread).toBe(0);
    expect(store.getState().unread.threads).toBe(5);
  });
});

describe('edits, deletes and reactions', () => {
  it('an edited reply is the same object in the thread and in the channel table', () => {
    const { store, f, replies } = loaded(2);
    const edited: Record<string, unknown> = { ...f.replies[0], text: 'edited', updated_at: iso(BASE_MS + 80_000) };
    const s = send(store, 'message.updated', { message: edited });
    expect(replies()[0]?.text).toBe('edited');
    expect(replies()[0]).toBe(heldMessage(s, edited['id'] as string));
  });

  it('a deleted unread reply leaves the thread\'s unread count and the totals; undelete brings it back', () => {
    const { store, view } = loaded(2);
    const r1 = reply(BASE_MS + 50_000);
    const r2 = reply(BASE_MS + 51_000);
    send(store, 'message.new', { message: r1 });
    send(store, 'message.new', { message: r2 });
    expect(view()?.unread).toBe(2);
    const soft = { ...r1, type: 'deleted', deleted_at: iso(BASE_MS + 52_000), updated_at: iso(BASE_MS + 52_000) };
    send(store, 'message.deleted', { message: soft });
    send(store, 'message.deleted', { message: soft });
    expect(view()?.unread).toBe(1);
    send(store, 'message.undeleted', { message: { ...r1, updated_at: iso(BASE_MS + 53_000) } });
    expect(view()?.unread).toBe(2);
    send(store, 'message.deleted', { message: r1, hard_delete: true });
    const s = send(store, 'message.deleted', { message: r2, hard_delete: true });
    expect(view()?.unread).toBe(0);
    expect(s.unread.threads).toBe(0);
  });

  it('soft and hard deletes of replies move reply_count on the parent; undelete moves it back', () => {
    const { store, f, view, replies } = loaded(3);
    const [a, b] = f.replies;
    const softA = { ...a, type: 'deleted', deleted_at: iso(BASE_MS + 81_000), updated_at: iso(BASE_MS + 81_000) };
    send(store, 'message.deleted', { message: softA });
    expect(view()?.reply_count).toBe(2);
    expect(replies()[0]?.type).toBe('deleted');
    send(store, 'message.deleted', { message: softA });
    expect(view()?.reply_count).toBe(2);
    send(store, 'message.undeleted', { message: { ...a, updated_at: iso(BASE_MS + 82_000) } });
    expect(view()?.reply_count).toBe(3);
    send(store, 'message.deleted', { message: b, hard_delete: true });
    expect(view()?.reply_count).toBe(2);
    expect(replies().map((m) => m.id)).not.toContain(b?.['id']);
    expect(heldMessage(store.getState(), b?.['id'] as string)).toBeUndefined();
    expect(heldMessage(store.getState(), 'p1')?.reply_count).toBe(2);
  });

  it('an edited parent is the thread\'s parent; a hard-deleted parent takes the thread with it', () => {
    const { store, f, view } = loaded(2, { unread: 1 });
    store.dispatch({ type: 'threadList/requested', key: 'l', filter: {}, reset: true });
    store.dispatch({ type: 'threadList/loaded', key: 'l', threads: [threadState(f, { unread: 1 })], reset: true, next: null, replyLimit: 3 });
    send(store, 'message.updated', { message: { ...f.parent, text: 'new parent text', updated_at: iso(BASE_MS + 90_000) } });
    expect(view()?.parent?.text).toBe('new parent text');
    expect(view()?.reply_count).toBe(2);
    const s = send(store, 'message.deleted', { message: f.parent, hard_delete: true });
    expect(view()).toBeNull();
    expect(s.threadLists['l']?.parentIds).toEqual([]);
    for (const r of f.replies) expect(heldMessage(s, r['id'] as string)).toBeUndefined();
  });

  it('a reaction on a reply replaces the reply everywhere it shows', () => {
    const { store, f, replies } = loaded(1);
    const r = f.replies[0] as Record<string, unknown>;
    const reacted = { ...r, reaction_counts: { like: 1 }, latest_reactions: [{ type: 'like', user_id: 'carol', message_id: r['id'], created_at: iso(BASE_MS), updated_at: iso(BASE_MS), score: 1, custom: {}, user: user('carol') }] };
    send(store, 'reaction.new', { message: reacted, reaction: { type: 'like', user_id: 'carol', message_id: r['id'], score: 1, created_at: iso(BASE_MS), updated_at: iso(BASE_MS), custom: {}, user: user('carol') }, user: user('carol') });
    expect(replies()[0]?.reaction_counts).toEqual({ like: 1 });
  });
});

describe('thread reads and unread', () => {
  it('message.read with thread: another user\'s read moves; the own read clears the thread, not the channel', () => {
    const { store, view } = loaded(2, { unread: 2 });
    const channelReadBefore = channelOf(store.getState()).reads['me'];
    send(store, 'message.read', { thread: threadState(threadFixture(2)), user: user('carol'), created_at: iso(BASE_MS + 95_000) });
    expect(view()?.read['carol']?.last_read).toBe(BASE_MS + 95_000);
    expect(view()?.unread).toBe(2);
    const s = send(store, 'message.read', { thread_id: 'p1', user: user('me'), created_at: iso(BASE_MS + 96_000) });
    expect(view()?.unread).toBe(0);
    expect(channelOf(s).reads['me']).toBe(channelReadBefore);
  });

  it('the own first reply counts a later reply of another user that came first', () => {
    const store = setupStore();
    store.dispatch({ type: 'thread/started', parent: decodeMessage(wireMessage(BASE_MS + 1_000, { id: 'p1', user: user('alice') })) });
    const view = createThreadSelector('p1');
    send(store, 'message.new', { message: reply(BASE_MS + 3_000) });
    // Not taking part yet: nothing counts.
    expect(view(store.getState())?.unread).toBe(0);
    const s = send(store, 'message.new', { message: reply(BASE_MS + 2_000, { user: user('me') }) });
    expect(view(s)?.unread).toBe(1);
    expect(s.unread.threads).toBe(1);
  });

  it('a late own reply, older than the own read, leaves the count alone', () => {
    const { store, view } = loaded(1);
    send(store, 'message.new', { message: reply(BASE_MS + 10_000, { user: user('me') }) });
    send(store, 'message.new', { message: reply(BASE_MS + 11_000) });
    expect(view()?.unread).toBe(1);
    send(store, 'message.new', { message: reply(BASE_MS + 9_000, { user: user('me') }) });
    expect(view()?.unread).toBe(1);
  });

  it.each([
    ['in order', ['ra', 'rb']],
    ['reversed', ['rb', 'ra']],
  ])('two own replies of one millisecond leave the own read at the later (%s)', (_name, ids) => {
    const { store, view } = loaded(1);
    for (const id of ids) send(store, 'message.new', { message: reply(BASE_MS + 5_000, { id, user: user('me') }) });
    expect(view()?.read['me']).toMatchObject({ last_read: BASE_MS + 5_000, last_read_message_id: 'rb' });
  });

  it('notification.mark_read with thread_id and the local thread/read agree', () => {
    const { store, view } = loaded(2, { unread: 2 });
    store.dispatch({ type: 'event', event: ev('health.check', { me: { ...user('me'), total_unread_count: 0, unread_channels: 0, unread_threads: 1, unread_count: 0, channel_mutes: [], mutes: [] } }) });
    store.dispatch({ type: 'thread/read', parentId: 'p1', userId: 'me', at: BASE_MS + 97_000 });
    expect(view()?.unread).toBe(0);
    expect(store.getState().unread.threads).toBe(0);
    send(store, 'notification.mark_read', { thread_id: 'p1', user: user('me'), created_at: iso(BASE_MS + 97_000), unread_threads: 0 });
    expect(view()?.unread).toBe(0);
  });

  it('notification.mark_unread with thread_id sets the own unread and totals from the event', () => {
    const { store, f, view } = loaded(3);
    send(store, 'notification.mark_unread', {
      thread_id: 'p1',
      user: user('me'),
      unread_messages: 2,
      unread_threads: 1,
      last_read_at: iso(BASE_MS + 1_500),
      first_unread_message_id: f.replies[1]?.['id'],
    });
    expect(view()?.unread).toBe(2);
    expect(view()?.read['me']?.last_read).toBe(BASE_MS + 1_500);
    expect(store.getState().unread.threads).toBe(1);
    const before = store.getState();
    send(store, 'notification.mark_unread', {
      thread_id: 'p1',
      user: user('me'),
      unread_messages: 2,
      unread_threads: 1,
      last_read_at: iso(BASE_MS + 1_500),
      first_unread_message_id: f.replies[1]?.['id'],
    });
    expect(store.getState()).toBe(before);
    // Without server totals the count of unread threads follows the thread's own.
    send(store, 'message.read', { thread_id: 'p1', user: user('me'), created_at: iso(BASE_MS + 99_000) });
    expect(store.getState().unread.threads).toBe(0);
  });
});

describe('thread.updated, notification.thread_message_new, typing', () => {
  it('thread.updated replaces the thread data', () => {
    const { store, view } = loaded(1);
    const t = threadState(threadFixture(1));
    const wire = { channel_cid: CID, parent_message_id: 'p1', title: 'Renamed', custom: { topic: 'x' }, created_by_user_id: 'me', participant_count: 2, active_participant_count: 2, created_at: iso(t.created_at), updated_at: iso(BASE_MS + 99_000) };
    send(store, 'thread.updated', { thread: wire });
    expect(view()?.title).toBe('Renamed');
    expect(view()?.data?.custom).toEqual({ topic: 'x' });
  });

  it('a held thread takes the reply once when both message.new and the notification arrive', () => {
    const { store, view, replies } = loaded(1);
    const r = reply(BASE_MS + 100_000);
    send(store, 'message.new', { message: r });
    send(store, 'notification.thread_message_new', { message: r, thread_id: 'p1' });
    expect(view()?.reply_count).toBe(2);
    expect(view()?.unread).toBe(1);
    expect(replies().filter((m) => m.id === r['id'])).toHaveLength(1);
  });

  it('an unknown thread is marked unseen in thread lists, and a refresh clears the mark', () => {
    const store = setupStore();
    store.dispatch({ type: 'threadList/requested', key: 'l', filter: {}, reset: true });
    store.dispatch({ type: 'threadList/loaded', key: 'l', threads: [], reset: true, next: null, replyLimit: 3 });
    send(store, 'notification.thread_message_new', { message: wireMessage(BASE_MS + 5_000, { parent_id: 'other', type: 'reply' }), thread_id: 'other', unread_threads: 3 });
    expect(store.getState().threadLists['l']?.unseen).toEqual(['other']);
    expect(store.getState().unread.threads).toBe(3);
    store.dispatch({ type: 'threadList/requested', key: 'l', filter: {}, reset: true });
    store.dispatch({ type: 'threadList/loaded', key: 'l', threads: [], reset: true, next: null, replyLimit: 3 });
    expect(store.getState().threadLists['l']?.unseen).toEqual([]);
  });

  it('typing with parent_id is kept apart from channel typing', () => {
    const store = setupStore();
    const s = send(store, 'typing.start', { user: user('bob'), parent_id: 'p1' });
    const entries = Object.values(channelOf(s).typing);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.parentId).toBe('p1');
  });
});

describe('thread lists', () => {
  it('order by last reply and move a thread up when a reply arrives', () => {
    const store = setupStore();
    const a = threadFixture(1);
    const b = { parent: { ...threadFixture(1).parent, id: 'p2' }, replies: [] as Record<string, unknown>[] };
    const ta = threadState(a, { lastMessageAt: BASE_MS + 10_000 });
    const tb = threadState(b, { parentId: 'p2', lastMessageAt: BASE_MS + 20_000 });
    store.dispatch({ type: 'threadList/requested', key: 'l', filter: {}, reset: true });
    store.dispatch({ type: 'threadList/loaded', key: 'l', threads: [tb, ta], reset: true, next: null, replyLimit: 3 });
    expect(store.getState().threadLists['l']?.parentIds).toEqual(['p2', 'p1']);
    send(store, 'message.new', { message: reply(BASE_MS + 30_000) });
    expect(store.getState().threadLists['l']?.parentIds).toEqual(['p1', 'p2']);
    expect(store.getState().threadLists['l']?.unseen).toEqual([]);
  });
});

describe('threads without a server thread yet, and threads that are gone', () => {
  it('thread/started holds the parent and an empty thread; the first reply fills both views', () => {
    const store = setupStore();
    const parent = decodeMessage(wireMessage(BASE_MS + 1_000, { id: 'p1', user: user('alice') }));
    store.dispatch({ type: 'thread/started', parent });
    const view = createThreadSelector('p1');
    expect(view(store.getState())?.reply_count).toBe(0);
    expect(tableGet(store.getState().threads, 'p1')?.hasOlder).toBe(false);
    send(store, 'message.new', { message: reply(BASE_MS + 2_000, { user: user('me') }) });
    const v = view(store.getState());
    expect(v?.reply_count).toBe(1);
    // The parent's author takes part from the first reply on, as the service counts it.
    expect(v?.participants.map((u) => u.id)).toEqual(['alice', 'me']);
    expect(createRepliesSelector('p1')(store.getState())).toHaveLength(1);
  });

  it('a new thread of our own with no data yet is unseen in lists; a filtered list marks held threads unseen', () => {
    const store = setupStore();
    store.dispatch({ type: 'threadList/requested', key: 'all', filter: {}, reset: true });
    store.dispatch({ type: 'threadList/loaded', key: 'all', threads: [], reset: true, next: null, replyLimit: 3 });
    store.dispatch({ type: 'thread/started', parent: decodeMessage(wireMessage(BASE_MS + 1_000, { id: 'p1', user: user('alice') })) });
    send(store, 'message.new', { message: reply(BASE_MS + 2_000, { user: user('me') }) });
    expect(store.getState().threadLists['all']?.unseen).toEqual(['p1']);

    const { store: s2 } = loaded(1);
    s2.dispatch({ type: 'threadList/requested', key: 'f', filter: { channel_cid: CID }, reset: true });
    s2.dispatch({ type: 'threadList/loaded', key: 'f', threads: [], reset: true, next: null, replyLimit: 3 });
    s2.dispatch({ type: 'threadList/requested', key: 'all', filter: {}, reset: true });
    s2.dispatch({ type: 'threadList/loaded', key: 'all', threads: [], reset: true, next: null, replyLimit: 3 });
    send(s2, 'message.new', { message: reply(BASE_MS + 3_000) });
    // The unfiltered list can place a thread it holds the data of; the filtered one cannot tell.
    expect(s2.getState().threadLists['all']).toMatchObject({ parentIds: ['p1'], unseen: [] });
    expect(s2.getState().threadLists['f']).toMatchObject({ parentIds: [], unseen: ['p1'] });
  });

  it('thread/removed drops the thread, its replies, its unread and its list rows', () => {
    const { store, f } = loaded(2, { unread: 2 });
    store.dispatch({ type: 'threadList/requested', key: 'l', filter: {}, reset: true });
    store.dispatch({ type: 'threadList/loaded', key: 'l', threads: [threadState(f, { unread: 2 })], reset: true, next: null, replyLimit: 3 });
    store.dispatch({ type: 'event', event: ev('health.check', { me: { ...user('me'), total_unread_count: 0, unread_channels: 0, unread_threads: 1, unread_count: 0, channel_mutes: [], mutes: [] } }) });
    store.dispatch({ type: 'thread/removed', parentId: 'p1' });
    const s = store.getState();
    expect(tableGet(s.threads, 'p1')).toBeUndefined();
    expect(s.threadLists['l']?.parentIds).toEqual([]);
    expect(s.unread.threads).toBe(0);
    for (const r of f.replies) expect(heldMessage(s, r['id'] as string)).toBeUndefined();
  });

  it('unread/fetched sets each held thread\'s unread from the server', () => {
    const { store, view } = loaded(2);
    store.dispatch({
      type: 'unread/fetched',
      counts: { channel_type: [], channels: [], duration: '1ms', total_unread_count: 0, total_unread_threads_count: 1, threads: [{ parent_message_id: 'p1', unread_count: 2, last_read: BASE_MS, last_read_message_id: '' }] },
    });
    expect(view()?.unread).toBe(2);
    expect(store.getState().unread.threads).toBe(1);
  });
});
