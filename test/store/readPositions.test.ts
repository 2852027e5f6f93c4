// Where a read stands and what it leaves counted, whatever order the events come in: a read
// covers every message created at or before its time (as the service counts), names the
// newest message it covers or none, and a deleted message never counts. The reorder
// property (reorder.test.ts) found the cases of read ids and of deletes, and five of the
// tests below fail without their fix; the others guard what already held (the millisecond
// rule, and deletes that must change nothing).
import { describe, expect, it } from 'vitest';
import { selectUnreadSummary } from '../../src/store/selectors.ts';
import { BASE_MS, iso, msg, storeHarness, user } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const t = (n: number) => BASE_MS + n * 1_000;

type Harness = ReturnType<typeof storeHarness>;

function channel(): Harness {
  const h = storeHarness();
  h.hydrate(A, { members: ['me', 'bob'], messages: [msg(A, 'a0', t(1))] });
  return h;
}

const post = (h: Harness, id: string, at: number, extra: Record<string, unknown> = {}) => h.send('message.new', { cid: A, message: msg(A, id, at, extra) });
const own = (h: Harness, id: string, at: number) => post(h, id, at, { user: user('me') });
const readAt = (h: Harness, at: number) => h.send('message.read', { cid: A, user: user('me'), created_at: iso(at) });
const softDelete = (h: Harness, id: string, at: number, extra: Record<string, unknown> = {}) =>
  h.send('message.deleted', { cid: A, message: msg(A, id, at, { type: 'deleted', text: '', updated_at: iso(at + 500), ...extra }) });
const hardDelete = (h: Harness, id: string, at: number) => h.send('message.deleted', { cid: A, hard_delete: true, message: msg(A, id, at) });

describe('the own read position', () => {
  it('forgets the older message id when a read moves on without naming one', () => {
    const h = channel();
    own(h, 'm1', t(2));
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(2), last_read_message_id: 'm1' });
    readAt(h, t(3));
    expect(h.ch(A).reads['me']?.last_read).toBe(t(3));
    expect(h.ch(A).reads['me']?.last_read_message_id).toBeUndefined();
  });

  it.each([
    ['in order', ['m1', 'm2']],
    ['reversed', ['m2', 'm1']],
  ])('ends at the later of two own messages of one millisecond (%s)', (_name, ids) => {
    const h = channel();
    for (const id of ids) own(h, id, t(2));
    expect(h.ch(A).reads['me']).toMatchObject({ last_read: t(2), last_read_message_id: 'm2' });
  });

  it('keeps the id it names when a read at the same time names none', () => {
    const h = channel();
    own(h, 'm1', t(2));
    readAt(h, t(2));
    expect(h.ch(A).reads['me']?.last_read_message_id).toBe('m1');
  });
});

describe('what a read leaves counted', () => {
  it.each([
    ["another user's message first", ['bob', 'own']],
    ['the own message first', ['own', 'bob']],
  ])('an own message covers every message of its millisecond (%s)', (_name, order) => {
    const h = channel();
    // 'z' sorts after 'm' at the same time: the service still counts it as read.
    for (const who of order) who === 'own' ? own(h, 'm', t(2)) : post(h, 'z', t(2));
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(h.ch(A).reads['me']?.unread_messages).toBe(0);
  });
});

describe('deleted messages and the unread count', () => {
  it('a soft or hard delete takes an unread message out of the count, its mention and the totals', () => {
    const h = channel();
    post(h, 'x', t(2), { mentioned_users: [user('me')] });
    post(h, 'y', t(3));
    expect(h.ch(A).unread).toEqual({ messages: 2, mentions: 1 });
    softDelete(h, 'x', t(2), { mentioned_users: [user('me')] });
    expect(h.ch(A).unread).toEqual({ messages: 1, mentions: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 1, channels: 1 });
    hardDelete(h, 'y', t(3));
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 0, channels: 0 });
  });

  it('a repeated delete takes nothing more, and an undelete counts the message again', () => {
    const h = channel();
    post(h, 'x', t(2));
    post(h, 'y', t(3));
    softDelete(h, 'x', t(2));
    softDelete(h, 'x', t(2));
    expect(h.ch(A).unread.messages).toBe(1);
    h.send('message.undeleted', { cid: A, message: msg(A, 'x', t(2), { updated_at: iso(t(2) + 900) }) });
    expect(h.ch(A).unread.messages).toBe(2);
  });

  it('a read or a message already read changes nothing when deleted', () => {
    const h = channel();
    post(h, 'x', t(2));
    readAt(h, t(3));
    softDelete(h, 'x', t(2));
    own(h, 'm', t(4));
    hardDelete(h, 'm', t(4));
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
    expect(selectUnreadSummary(h.store.getState())).toMatchObject({ totalMessages: 0, channels: 0 });
  });

  it.each([
    ['the read last', ['post', 'delete', 'read']],
    ['the read first', ['read', 'post', 'delete']],
  ])('a message posted and deleted leaves the same count with %s', (_name, order) => {
    const h = channel();
    for (const step of order) {
      if (step === 'post') post(h, 'x', t(3));
      else if (step === 'delete') softDelete(h, 'x', t(3));
      else readAt(h, t(2));
    }
    expect(h.ch(A).unread).toEqual({ messages: 0, mentions: 0 });
  });
});
