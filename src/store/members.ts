// Members, watchers, typing and bans of a channel.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelMemberResponse, UserResponse } from '../models/generated/types.ts';
import type { ChannelEntry, ChatState, TypingEntry } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { child, peek } from './peek.ts';

/** Typing entries count for 7 s after their last typing.start (PROTOCOL.md section 6). */
export const TYPING_TTL_MS = 7_000;

function memberUserId(m: ChannelMemberResponse): string | undefined {
  return m.user_id ?? m.user?.id;
}

export function setMember(state: ChatState, ch: ChannelEntry, member: ChannelMemberResponse): void {
  const id = memberUserId(member);
  if (!id) return;
  const members = ch.members as Record<string, ChannelMemberResponse>;
  const isNew = !members[id];
  // A repeated member event carries an equal copy: keep the held references.
  if (!isNew && deepEqual(members[id], member)) return;
  members[id] = member;
  if (id === state.me?.id) ch.membership = member;
  if (isNew && ch.data && ch.data.member_count !== undefined) ch.data.member_count += 1;
}

export function removeMember(state: ChatState, ch: ChannelEntry, userId: string): void {
  const members = ch.members as Record<string, ChannelMemberResponse>;
  if (!members[userId]) return;
  delete members[userId];
  if (userId === state.me?.id) ch.membership = null;
  if (ch.data && ch.data.member_count !== undefined) ch.data.member_count = Math.max(0, ch.data.member_count - 1);
}

export function watchingStart(ch: ChannelEntry, ev: ChatEvent): void {
  const user = ev.user;
  if (!user) return;
  const watchers = ch.watchers as Record<string, UserResponse>;
  const isNew = !watchers[user.id];
  if (!deepEqual(watchers[user.id], user)) watchers[user.id] = user;
  ch.watcherCount = ev.watcher_count ?? (isNew ? ch.watcherCount + 1 : ch.watcherCount);
}

export function watchingStop(ch: ChannelEntry, ev: ChatEvent): void {
  const id = ev.user?.id ?? ev.user_id;
  const watchers = ch.watchers as Record<string, UserResponse>;
  const had = id !== undefined && !!watchers[id];
  if (id !== undefined) delete watchers[id];
  ch.watcherCount = ev.watcher_count ?? (had ? Math.max(0, ch.watcherCount - 1) : ch.watcherCount);
}

export function typingKey(userId: string, parentId: string | undefined): string {
  return parentId ? `${userId}:${parentId}` : userId;
}

export function typingStart(state: ChatState, ch: ChannelEntry, ev: ChatEvent, now: number): void {
  const user = ev.user;
  if (!user || user.id === state.me?.id) return;
  const entry: TypingEntry = { user, expiresAt: now + TYPING_TTL_MS };
  if (ev.parent_id) entry.parentId = ev.parent_id;
  const key = typingKey(user.id, ev.parent_id);
  if (!deepEqual(ch.typing[key], entry)) (ch.typing as Record<string, TypingEntry>)[key] = entry;
}

export function typingStop(ch: ChannelEntry, ev: ChatEvent): void {
  const id = ev.user?.id ?? ev.user_id;
  if (!id) return;
  const key = typingKey(id, ev.parent_id);
  if (ch.typing[key]) delete (ch.typing as Record<string, TypingEntry>)[key];
}

/**
 * A message from someone ends their typing where they sent it (the channel, or the thread of
 * its parent_id), PROTOCOL.md section 6: the indicator must not outlive the message it led to.
 */
export function typingEndedBy(ch: ChannelEntry, userId: string, parentId: string | undefined): void {
  const key = typingKey(userId, parentId);
  // Read without drafting: most messages come from someone who was not typing.
  if (peek(peek(ch).typing)[key]) delete (child(ch, 'typing') as Record<string, TypingEntry>)[key];
}

/** Drop a typing entry whose time is up (the client's timer says so, with the time). */
export function typingExpire(ch: ChannelEntry, key: string, at: number): void {
  const entry = ch.typing[key];
  if (entry && entry.expiresAt <= at) delete (ch.typing as Record<string, TypingEntry>)[key];
}

export function setBanned(state: ChatState, ch: ChannelEntry, userId: string, banned: boolean, shadow: boolean): void {
  const m = ch.members[userId];
  if (!m) return;
  const next = { ...m, banned: banned && !shadow, shadow_banned: banned && shadow };
  if (m.banned === next.banned && m.shadow_banned === next.shadow_banned) return;
  (ch.members as Record<string, ChannelMemberResponse>)[userId] = next;
  // The own membership is the same member: a ban of the own user shows on it too.
  if (userId === state.me?.id) ch.membership = next;
}
