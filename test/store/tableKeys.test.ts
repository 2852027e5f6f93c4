// Ids come from the server and from apps: any string is a valid message, user or channel
// id, including the names Object.prototype gives every plain object. The store's tables
// must hold those like any other key (a bucket that is a plain `{}` would take
// `__proto__` as a prototype change and hide `constructor` behind the inherited one).
import { describe, expect, it } from 'vitest';
import { selectChannel, selectMembers, selectReads, selectUser } from '../../src/store/selectors.ts';
import { tableGet } from '../../src/store/table.ts';
import { BASE_MS, msg, storeHarness, user } from '../helpers/storeFixtures.ts';

const A = 'messaging:a';
const AWKWARD = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'];

describe('ids that name Object.prototype members', () => {
  it('holds messages whose ids name Object.prototype members', () => {
    const h = storeHarness({ windowCap: 0 });
    h.hydrate(A, { messages: [] });
    AWKWARD.forEach((id, i) => h.send('message.new', { cid: A, message: msg(A, id, BASE_MS + i * 1_000) }));
    expect(h.ids(A)).toEqual(AWKWARD);
    const entry = selectChannel(h.store.getState(), A);
    for (const id of AWKWARD) expect(entry && tableGet(entry.messages, id)?.id).toBe(id);
    // And they leave again like any other.
    h.send('message.deleted', { cid: A, hard_delete: true, message: msg(A, '__proto__', BASE_MS) });
    expect(h.ids(A)).toEqual(AWKWARD.slice(1));
  });

  it('hold members and read states of users with such ids', () => {
    const h = storeHarness();
    h.hydrate(A, { members: ['me', ...AWKWARD] });
    const entry = h.ch(A);
    expect(selectMembers(entry).map((m) => m.user_id).sort()).toEqual(['me', ...AWKWARD].sort());
    const reads = selectReads(entry);
    for (const id of AWKWARD) expect(Object.hasOwn(reads, id) && reads[id]?.user.id).toBe(id);
    // A member leaves: only that one goes.
    h.send('member.removed', { cid: A, user: user('constructor'), member: { user_id: 'constructor', user: user('constructor') } });
    expect(selectMembers(h.ch(A)).map((m) => m.user_id)).not.toContain('constructor');
    expect(selectMembers(h.ch(A))).toHaveLength(AWKWARD.length);
  });

  it('holds users whose ids name Object.prototype members', () => {
    const h = storeHarness();
    for (const id of AWKWARD) h.send('user.updated', { user: { ...user(id), name: `user ${id}` } });
    for (const id of AWKWARD) expect(selectUser(h.store.getState(), id)?.name).toBe(`user ${id}`);
  });
});
