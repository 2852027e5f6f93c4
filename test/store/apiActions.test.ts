// The store actions that API answers dispatch (src/handles/apiResponses.ts): they replace
// what is held and never add what a filtered or historical answer happens to carry.
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/models/decode.ts';
import { tableGet } from '../../src/store/table.ts';
import { channelData, member, msg, storeHarness } from '../helpers/storeFixtures.ts';

const cid = 'messaging:general';

function decodedMember(userId: string, extra: Record<string, unknown> = {}) {
  const r = decodeModel('ChannelMemberResponse', member(userId, extra));
  if (!r.ok) throw r.error;
  return r.value;
}

describe('API answer actions', () => {
  it('members/fetched replaces held members and the own membership, and adds no member', () => {
    const h = storeHarness();
    h.hydrate(cid, { members: ['me', 'bob'] });
    h.dispatch({ type: 'members/fetched', cid, members: [decodedMember('me', { pinned_at: '2024-05-01T10:00:00Z' }), decodedMember('carol')] });
    const ch = h.ch(cid);
    expect(ch.membership?.pinned_at).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(ch.members['me']?.pinned_at).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(ch.members['carol']).toBeUndefined();
    expect(ch.data?.member_count).toBe(2);
  });

  it('message/refreshed replaces a held message and adds none', () => {
    const h = storeHarness();
    h.hydrate(cid, { messages: [msg(cid, 'm2', 2_000)] }, 1);
    h.dispatch({ type: 'message/refreshed', cid, message: msg(cid, 'm2', 2_000, { text: 'edited', updated_at: new Date(3_000).toISOString() }) });
    h.dispatch({ type: 'message/refreshed', cid, message: msg(cid, 'm1', 1_000) });
    // A newer message read back is not appended either: what came between is unknown, and
    // the window would show a gap as if it were none.
    h.dispatch({ type: 'message/refreshed', cid, message: msg(cid, 'm9', 9_000) });
    expect(h.ids(cid)).toEqual(['m2']);
    expect(tableGet(h.ch(cid).messages, 'm9')).toBeUndefined();
    expect(tableGet(h.ch(cid).messages, 'm2')?.text).toBe('edited');
  });

  it('channel/updated replaces the data of a held channel only', () => {
    const h = storeHarness();
    h.hydrate(cid);
    const r = decodeModel('ChannelResponse', channelData(cid, { name: 'General', updated_at: new Date(9_000_000_000_000).toISOString() }));
    const other = decodeModel('ChannelResponse', channelData('messaging:other'));
    if (!r.ok || !other.ok) throw new Error('fixture');
    h.dispatch({ type: 'channel/updated', channel: r.value });
    h.dispatch({ type: 'channel/updated', channel: other.value });
    expect((h.ch(cid).data as { name?: string } | null)?.name).toBe('General');
    expect(h.has('messaging:other')).toBe(false);
  });

  it('users/fetched merges users into the user table', () => {
    const h = storeHarness();
    const r = decodeModel('UserResponse', { id: 'carol', name: 'Carol', role: 'user', banned: false, online: false, custom: {}, created_at: '2024-05-01T10:00:00Z', updated_at: '2024-05-01T10:00:00Z', language: '', teams: [], blocked_user_ids: [], shadow_banned: false, invisible: false });
    if (!r.ok) throw r.error;
    h.dispatch({ type: 'users/fetched', users: [r.value] });
    expect(tableGet(h.store.getState().users, 'carol')?.name).toBe('Carol');
  });
});
