// Held messages share what equals the rest of the state (memory, bench W2): empty
// collections, and an author equal to the channel member's user. Equality decides, never
// identity: an author whose copy differs keeps its own.
import { describe, expect, it } from 'vitest';
import { selectMessages } from '../../src/store/selectors.ts';
import { BASE_MS, msg, storeHarness, user } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const t = (n: number) => BASE_MS + n * 1_000;

function held(h: ReturnType<typeof storeHarness>, id: string) {
  const m = selectMessages(h.ch(A)).find((x) => x.id === id);
  if (!m) throw new Error(`message ${id} not held`);
  return m;
}

describe('held messages share equal values', () => {
  it('an author equal to the member user is the member user; empties are shared and frozen', () => {
    const h = storeHarness();
    h.hydrate(A, { members: ['me', 'bob'], messages: [msg(A, 'a1', t(1))] });
    h.send('message.new', { cid: A, message: msg(A, 'a2', t(2)) });
    const memberUser = h.ch(A).members['bob']?.user;
    const first = held(h, 'a1');
    const second = held(h, 'a2');
    expect(memberUser).toBeDefined();
    expect(first.user).toBe(memberUser);
    expect(second.user).toBe(memberUser);
    expect(first.attachments).toEqual([]);
    expect(first.attachments).toBe(second.attachments);
    expect(first.custom).toBe(second.custom);
    expect(Object.isFrozen(first.attachments)).toBe(true);
  });

  it('an author whose copy differs from the member user keeps its own copy', () => {
    const h = storeHarness();
    h.hydrate(A, { members: ['me', 'bob'], messages: [] });
    h.send('message.new', { cid: A, message: msg(A, 'a1', t(1), { user: { ...user('bob'), name: 'Robert' } }) });
    const m = held(h, 'a1');
    expect(m.user.name).toBe('Robert');
    expect(m.user).not.toBe(h.ch(A).members['bob']?.user);
  });

  it('a message with content in its collections keeps them', () => {
    const h = storeHarness();
    h.hydrate(A, { members: ['me', 'bob'], messages: [] });
    h.send('message.new', { cid: A, message: msg(A, 'a1', t(1), { mentioned_users: [user('carol')], custom: { topic: 'x' } }) });
    const m = held(h, 'a1');
    expect(m.mentioned_users.map((u) => u.id)).toEqual(['carol']);
    expect(m.custom).toEqual({ topic: 'x' });
  });
});
