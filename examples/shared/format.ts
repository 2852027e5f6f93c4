// What both example apps show the same way, as plain functions of the store's data: names,
// times, day separators, previews, reactions, avatars, "seen by", the unread divider and
// the text of a message cut into plain text, links and mentions. No framework code here:
// the React and Vue apps render these results in their own way.
import type { ChannelMemberResponse, LocalMessage, ReadState, UserResponse } from 'chatstore';

/**
 * The longest text the composer sends: the service's default `max_message_length` (the
 * emulator refuses longer ones with a 400). An app whose settings differ would read
 * `max_message_length` of its channel config instead.
 */
export const MAX_MESSAGE_LENGTH = 5000;

/** The reaction types the picker offers, in order, with their emoji and a spoken label. */
export const REACTIONS: ReadonlyArray<{ type: string; emoji: string; label: string }> = [
  { type: 'like', emoji: '👍', label: 'thumbs up' },
  { type: 'love', emoji: '❤️', label: 'heart' },
  { type: 'haha', emoji: '😂', label: 'laughing' },
  { type: 'wow', emoji: '😮', label: 'surprised' },
  { type: 'sad', emoji: '😢', label: 'sad' },
  { type: 'fire', emoji: '🔥', label: 'fire' },
];

// Types other clients send that the picker does not offer (the demo data has thumbsup).
const OTHER_EMOJI: Record<string, string> = { thumbsup: '👍', thumbsdown: '👎', angry: '😠', party: '🎉', rocket: '🚀', eyes: '👀' };

export function reactionEmoji(type: string): string {
  return REACTIONS.find((r) => r.type === type)?.emoji ?? OTHER_EMOJI[type] ?? `:${type}:`;
}

export function userName(user: Pick<UserResponse, 'id'> & { name?: string | undefined } | undefined): string {
  return user?.name || user?.id || 'someone';
}

export function isDeleted(m: LocalMessage): boolean {
  return m.deleted_at !== undefined || m.type === 'deleted';
}

/** Whether the text was changed after sending (the server stamps message_text_updated_at). */
export function isEdited(m: LocalMessage): boolean {
  return m.message_text_updated_at !== undefined && !isDeleted(m);
}

export function timeLabel(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

const DAY = 86_400_000;

function dayStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "Today", "Yesterday", or the date, for the separator before a day's first message. */
export function dayLabel(ms: number, now = Date.now()): string {
  const days = Math.round((dayStart(now) - dayStart(ms)) / DAY);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return new Date(ms).toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** The channel list's one line about the latest message. */
export function previewText(m: LocalMessage | undefined, meId: string | undefined): string {
  if (!m) return 'No messages yet';
  const who = m.user.id === meId ? 'You' : userName(m.user);
  if (isDeleted(m)) return `${who}: message deleted`;
  if (m.poll) return `${who}: 📊 ${m.poll.name}`;
  if (m.text) return `${who}: ${m.text}`;
  if (m.attachments.length > 0) return `${who}: 📎 ${m.attachments.length === 1 ? 'an attachment' : `${m.attachments.length} attachments`}`;
  return `${who}: …`;
}

/** A channel's title: its name, or for a channel without one, the other members' names. */
export function channelTitle(name: unknown, members: Iterable<ChannelMemberResponse>, meId: string | undefined, cid: string): string {
  if (typeof name === 'string' && name) return name;
  const others = [...members].filter((m) => m.user_id !== meId).map((m) => userName(m.user ?? { id: m.user_id ?? '?' }));
  return others.length > 0 ? others.join(', ') : cid;
}

/** Initials and a stable colour for a user without an image. */
export function avatarOf(user: { id: string; name?: string | undefined }): { initials: string; hue: number } {
  const words = userName(user).split(/\s+/).filter(Boolean);
  const initials = words.length > 1 ? `${words[0]![0]}${words[words.length - 1]![0]}` : userName(user).slice(0, 2);
  let hash = 0;
  for (const ch of user.id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { initials: initials.toUpperCase(), hue: hash % 360 };
}

export type Token = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'mention'; text: string; me: boolean };

const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/giu;

/** The http(s) links of a text, in order (what tokenize makes clickable). */
export function linksIn(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[0]);
}

/**
 * The text cut into plain runs, links (http and https only, so a message cannot carry a
 * javascript: link) and mentions of the users the message names in mentioned_users.
 */
export function tokenize(text: string, mentioned: readonly UserResponse[], meId: string | undefined): Token[] {
  const names = mentioned.flatMap((u) => [u.id, u.name].filter((n): n is string => !!n).map((n) => ({ n, id: u.id })));
  names.sort((a, b) => b.n.length - a.n.length);
  const out: Token[] = [];
  const pushText = (s: string) => {
    if (!s) return;
    if (names.length === 0) {
      out.push({ kind: 'text', text: s });
      return;
    }
    let rest = s;
    for (;;) {
      let best: { at: number; n: string; id: string } | undefined;
      for (const { n, id } of names) {
        const at = rest.indexOf(`@${n}`);
        if (at >= 0 && (!best || at < best.at)) best = { at, n, id };
      }
      if (!best) break;
      if (best.at > 0) out.push({ kind: 'text', text: rest.slice(0, best.at) });
      out.push({ kind: 'mention', text: `@${best.n}`, me: best.id === meId });
      rest = rest.slice(best.at + best.n.length + 1);
    }
    if (rest) out.push({ kind: 'text', text: rest });
  };
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    pushText(text.slice(last, match.index));
    out.push({ kind: 'link', text: match[0], href: match[0] });
    last = match.index + match[0].length;
  }
  pushText(text.slice(last));
  return out;
}

export function mentionsMe(m: LocalMessage, meId: string | undefined): boolean {
  return meId !== undefined && m.user.id !== meId && m.mentioned_users.some((u) => u.id === meId);
}

/** Who has read up to this message (others than its author), by name. */
export function seenBy(m: LocalMessage, reads: Readonly<Record<string, ReadState>>, meId: string | undefined): string[] {
  const names: string[] = [];
  for (const [userId, read] of Object.entries(reads)) {
    if (userId === meId || userId === m.user.id) continue;
    if (read.last_read >= m.created_at) names.push(userName(read.user));
  }
  return names.sort();
}

/**
 * Who the message reached but who has not read it yet: members whose delivered position
 * (message.delivered, reported by their client) is at or after it.
 */
export function deliveredTo(m: LocalMessage, reads: Readonly<Record<string, ReadState>>, meId: string | undefined): string[] {
  const names: string[] = [];
  for (const [userId, read] of Object.entries(reads)) {
    if (userId === meId || userId === m.user.id || read.last_read >= m.created_at) continue;
    if (read.last_delivered_message_id === m.id || (read.last_delivered_at ?? -Infinity) >= m.created_at) names.push(userName(read.user));
  }
  return names.sort();
}

/** The receipt under your latest message: ✓ sent, ✓✓ delivered to, ✓✓ seen by. */
export function receiptLabel(m: LocalMessage, reads: Readonly<Record<string, ReadState>>, meId: string | undefined): string {
  const seen = seenBy(m, reads, meId);
  const delivered = deliveredTo(m, reads, meId);
  const parts: string[] = [];
  if (seen.length) parts.push(`Seen by ${seen.join(', ')}`);
  if (delivered.length) parts.push(`Delivered to ${delivered.join(', ')}`);
  return parts.length ? `✓✓ ${parts.join(' · ')}` : '✓ Sent';
}

/** The id of the newest own message the server has, the one "seen by" is shown under. */
export function lastOwnReceived(messages: readonly LocalMessage[], meId: string | undefined): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.user.id === meId && m.status === 'received' && !isDeleted(m) && m.type !== 'ephemeral') return m.id;
  }
  return undefined;
}

/**
 * Where the unread divider goes: the first message after what the user had read when the
 * channel opened (their own messages never count as unread). undefined when all was read.
 */
export function firstUnreadId(messages: readonly LocalMessage[], read: { lastReadId?: string | undefined; lastRead: number } | undefined, meId: string | undefined): string | undefined {
  if (!read) return undefined;
  let after = read.lastReadId === undefined;
  for (const m of messages) {
    if (after || m.created_at > read.lastRead) {
      if (m.user.id !== meId && !isDeleted(m)) return m.id;
    }
    if (m.id === read.lastReadId) after = true;
  }
  return undefined;
}

/** Whether two messages fall on different days (a date separator goes between them). */
export function newDay(prev: LocalMessage | undefined, m: LocalMessage): boolean {
  return !prev || dayStart(prev.created_at) !== dayStart(m.created_at);
}

/** The reason a failed message shows, and whether sending it again can work. */
export function failure(m: LocalMessage): { reason: string; retryable: boolean } | undefined {
  if (m.status !== 'failed') return undefined;
  const e = m.error;
  return { reason: e?.message || 'not sent', retryable: e?.retryable ?? true };
}

/** Reaction groups as the chips under a message show them. */
export function reactionChips(m: LocalMessage): Array<{ type: string; emoji: string; count: number; mine: boolean }> {
  const own = new Set(m.own_reactions.map((r) => r.type));
  return Object.entries(m.reaction_groups ?? {})
    .map(([type, group]) => ({ type, emoji: reactionEmoji(type), count: (group as { count?: number }).count ?? 0, mine: own.has(type) }))
    .filter((c) => c.count > 0);
}

/** What a poll row needs: the live poll (client.poll(id)) or the copy a message carries. */
export interface PollLike {
  options: ReadonlyArray<{ id: string; text: string }>;
  vote_counts_by_option: Readonly<Record<string, unknown>>;
  vote_count: number;
  own_votes: ReadonlyArray<{ id: string; option_id: string }>;
}

/** A poll as rows of option, votes, share and the own vote on it (if any). */
export function pollOptionRows(poll: PollLike): Array<{ id: string; text: string; votes: number; share: number; mine: boolean; ownVoteId: string | undefined }> {
  const counts = poll.vote_counts_by_option as Record<string, number>;
  const total = Math.max(1, poll.vote_count);
  const own = new Map(poll.own_votes.map((v) => [v.option_id, v.id]));
  return poll.options.map((o) => ({ id: o.id, text: o.text, votes: counts[o.id] ?? 0, share: (counts[o.id] ?? 0) / total, mine: own.has(o.id), ownVoteId: own.get(o.id) }));
}

/** The poll a message carries, as rows of option, votes and share. */
export function pollRows(m: LocalMessage): Array<{ id: string; text: string; votes: number; share: number; mine: boolean }> {
  return m.poll ? pollOptionRows(m.poll) : [];
}

/** The options typed into the poll form: trimmed, blanks dropped, duplicates refused. */
export function pollFormOptions(texts: readonly string[]): { options: string[]; error?: string } {
  const options = texts.map((t) => t.trim()).filter((t) => t !== '');
  if (options.length < 2) return { options, error: 'A poll needs at least two options' };
  if (new Set(options).size !== options.length) return { options, error: 'Options must differ' };
  return { options };
}
