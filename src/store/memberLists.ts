// Member queries (channel.queryMembers): pages of a channel's members in the server's order,
// kept live by the member events of that channel. A member who joins goes to the end of a
// list without a filter (the service's default order is by join time); a filtered list gets
// new members on its next refresh, as the client cannot evaluate every member filter. Work
// per event is bounded by the lists of that channel (usually none or one).
import type { ChannelMemberResponse } from '../models/generated/types.ts';
import type { ChatState, MemberListState, StoredError } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { emptyRecord } from './records.ts';
import { peek } from './peek.ts';

type Lists = Record<string, MemberListState>;

function memberId(m: ChannelMemberResponse): string | undefined {
  return m.user_id ?? m.user?.id;
}

export function memberListRequested(state: ChatState, key: string, cid: string, filter: Readonly<Record<string, unknown>>, reset: boolean): void {
  const lists = state.memberLists as Lists;
  const prev = lists[key];
  if (!prev) {
    lists[key] = { key, cid, filter, ids: [], members: emptyRecord(), hasMore: true, loading: true, error: null, offset: 0 };
    return;
  }
  prev.loading = true;
  prev.error = null;
  if (reset) prev.offset = 0;
}

/** A page of members at `offset` (0 replaces the list). */
export function memberListLoaded(state: ChatState, key: string, members: readonly ChannelMemberResponse[], offset: number, limit: number): void {
  const list = (state.memberLists as Lists)[key];
  if (!list) return;
  const ids = offset === 0 ? [] : [...list.ids];
  const byId: Record<string, ChannelMemberResponse> = offset === 0 ? emptyRecord() : { ...list.members };
  for (const m of members) {
    const id = memberId(m);
    if (!id) continue;
    if (!(id in byId)) ids.push(id);
    byId[id] = m;
  }
  if (!deepEqual(list.ids, ids)) list.ids = ids;
  if (!deepEqual(list.members, byId)) list.members = byId;
  list.offset = offset + members.length;
  list.hasMore = members.length >= limit;
  list.loading = false;
  list.error = null;
}

export function memberListFailed(state: ChatState, key: string, error: StoredError): void {
  const list = (state.memberLists as Lists)[key];
  if (!list) return;
  list.loading = false;
  list.error = error;
}

export function memberListDisposed(state: ChatState, key: string): void {
  if (state.memberLists[key]) delete (state.memberLists as Lists)[key];
}

/** Keys of the member lists of a channel, read without drafting. */
function listsOf(state: ChatState, cid: string): string[] {
  const lists = peek(peek(state).memberLists);
  const out: string[] = [];
  for (const key in lists) if (peek(lists[key] as MemberListState).cid === cid) out.push(key);
  return out;
}

/** member.added / member.updated: replace the member where listed; a new one ends an unfiltered list. */
export function memberListsOnMember(state: ChatState, cid: string, member: ChannelMemberResponse, added: boolean): void {
  const id = memberId(member);
  if (!id) return;
  for (const key of listsOf(state, cid)) {
    const list = (state.memberLists as Lists)[key] as MemberListState;
    const held = list.members[id];
    if (held) {
      if (!deepEqual(held, member)) (list.members as Record<string, ChannelMemberResponse>)[id] = member;
      continue;
    }
    if (!added || Object.keys(list.filter).length > 0 || list.hasMore) continue;
    (list.members as Record<string, ChannelMemberResponse>)[id] = member;
    (list.ids as string[]).push(id);
    list.offset += 1;
  }
}

/** member.removed: the member leaves every list of the channel. */
export function memberListsOnRemoved(state: ChatState, cid: string, userId: string): void {
  for (const key of listsOf(state, cid)) {
    const list = (state.memberLists as Lists)[key] as MemberListState;
    if (!list.members[userId]) continue;
    delete (list.members as Record<string, ChannelMemberResponse>)[userId];
    list.ids = list.ids.filter((id) => id !== userId);
    list.offset = Math.max(0, list.offset - 1);
  }
}

/** user.banned / user.unbanned in a channel: the listed member's ban flags. */
export function memberListsOnBan(state: ChatState, cid: string, userId: string, banned: boolean, shadow: boolean): void {
  for (const key of listsOf(state, cid)) {
    const list = (state.memberLists as Lists)[key] as MemberListState;
    const m = list.members[userId];
    if (!m) continue;
    const next = { ...m, banned: banned && !shadow, shadow_banned: banned && shadow };
    if (m.banned !== next.banned || m.shadow_banned !== next.shadow_banned) (list.members as Record<string, ChannelMemberResponse>)[userId] = next;
  }
}
