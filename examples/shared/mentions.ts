// The mention picker both apps put on their composers, as plain functions: where the `@word`
// being typed is, who it matches (the channel's members, or the server's answer when the
// channel has more members than it loaded), what picking one does to the text, what the
// keys do while the list is open, and which picked users are still named when the message
// is sent (those go out as `mentioned_users`). The apps only render the list and keep state.
import type { Attachment, ChannelMemberResponse, MemberList } from 'chatstore';

export interface Mentionable {
  id: string;
  name?: string | undefined;
}

/** The `@query` at the caret: from the `@` to the caret, with no space in it. */
export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** Index of the caret (the end of the query). */
  end: number;
  query: string;
}

/** Longest query the picker follows; past it the `@` is taken for plain text. */
const MAX_QUERY = 40;

/**
 * The mention being typed at `caret`, or undefined. The `@` must start the text or follow a
 * space or an opening bracket/quote (so `ann@example.com` opens nothing), and the query runs
 * to the caret without whitespace.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | undefined {
  if (caret < 1 || caret > text.length) return undefined;
  for (let i = caret - 1; i >= 0 && caret - i - 1 <= MAX_QUERY; i--) {
    const ch = text[i]!;
    if (ch === '@') {
      const before = i === 0 ? '' : text[i - 1]!;
      if (before !== '' && !/[\s([{"'«]/u.test(before)) return undefined;
      return { start: i, end: caret, query: text.slice(i + 1, caret) };
    }
    if (/\s/u.test(ch)) return undefined;
  }
  return undefined;
}

/** What is shown for a user in the text and the list: the name, else the id. */
export function mentionLabel(user: Mentionable): string {
  return user.name || user.id;
}

function matches(user: Mentionable, q: string): boolean {
  if (!q) return true;
  if (user.id.toLowerCase().startsWith(q)) return true;
  const name = (user.name ?? '').toLowerCase();
  return name.startsWith(q) || name.split(/\s+/u).some((word) => word.startsWith(q));
}

/**
 * The users the picker offers for `query`: those whose id, name or a word of the name starts
 * with it (ignoring case), never the own user (as the official client does), each once,
 * by name, at most `limit`.
 */
export function mentionCandidates(users: Iterable<Mentionable>, query: string, meId: string | undefined, limit = 8): Mentionable[] {
  const q = query.toLowerCase();
  const seen = new Set<string>();
  const out: Mentionable[] = [];
  for (const u of users) {
    if (u.id === meId || seen.has(u.id) || !matches(u, q)) continue;
    seen.add(u.id);
    out.push(u);
  }
  out.sort((a, b) => mentionLabel(a).localeCompare(mentionLabel(b)) || a.id.localeCompare(b.id));
  return out.slice(0, limit);
}

/** The users of a channel's members (a member without its user object still has its id). */
export function membersAsMentionable(members: Iterable<ChannelMemberResponse>): Mentionable[] {
  const out: Mentionable[] = [];
  for (const m of members) {
    const id = m.user?.id ?? m.user_id;
    if (id) out.push({ id, name: m.user?.name });
  }
  return out;
}

/**
 * Whether the channel holds fewer members than it has, so the picker must ask the server
 * (`member_count` from the channel's data; without it, all are taken to be loaded).
 */
export function membersIncomplete(loaded: number, memberCount: unknown): boolean {
  return typeof memberCount === 'number' && memberCount > loaded;
}

/** The text with the query replaced by `@Name ` and where the caret goes after it. */
export function insertMention(text: string, at: MentionQuery, user: Mentionable): { text: string; caret: number } {
  const after = text.slice(at.end);
  const inserted = `@${mentionLabel(user)}`;
  // One space after the name: the one already there, or a new one.
  const space = after.startsWith(' ') ? '' : ' ';
  const next = `${text.slice(0, at.start)}${inserted}${space}${after}`;
  return { text: next, caret: at.start + inserted.length + 1 };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function named(text: string, label: string): boolean {
  // `@Bob Baker` names Bob; `@Bob Bakery` does not.
  return new RegExp(`@${escapeRegExp(label)}(?![\\p{L}\\p{N}_])`, 'u').test(text);
}

/**
 * The ids of the picked users the text still names (by `@Name` or `@id`), each once, in pick
 * order: a mention deleted from the text before sending is not sent.
 */
export function mentionedIds(text: string, picked: readonly Mentionable[]): string[] {
  const out: string[] = [];
  for (const u of picked) {
    if (out.includes(u.id)) continue;
    if (named(text, mentionLabel(u)) || named(text, u.id)) out.push(u.id);
  }
  return out;
}

/**
 * Escape closes the list for the mention being typed (the `@` at `closedAt`) until the caret
 * leaves it: the position to keep as closed, or undefined once the query is gone or another.
 */
export function stillClosed(closedAt: number | undefined, query: MentionQuery | undefined): number | undefined {
  return closedAt !== undefined && query?.start === closedAt ? closedAt : undefined;
}

export type MentionKeyAction = { kind: 'move'; active: number } | { kind: 'pick' } | { kind: 'close' };

/**
 * What a key does while the list is open (`count` options, `active` highlighted): arrows
 * move (wrapping), Enter or Tab picks, Escape closes. undefined: the key is the text box's.
 */
export function mentionKey(e: { key: string; shiftKey?: boolean; isComposing?: boolean }, count: number, active: number): MentionKeyAction | undefined {
  if (e.isComposing || count === 0) return undefined;
  switch (e.key) {
    case 'ArrowDown':
      return { kind: 'move', active: (active + 1) % count };
    case 'ArrowUp':
      return { kind: 'move', active: (active - 1 + count) % count };
    case 'Enter':
      return e.shiftKey ? undefined : { kind: 'pick' };
    case 'Tab':
      return e.shiftKey ? undefined : { kind: 'pick' };
    case 'Escape':
      return { kind: 'close' };
    default:
      return undefined;
  }
}

/**
 * The server's part of the search when a channel has more members than it loaded: a member
 * query by name prefix (the service autocompletes members by name only), the latest query
 * replacing the one before. `onResult` gets the members found for the current query.
 */
export class MemberSearch {
  #query: string | undefined;
  #list: MemberList | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly channel: { queryMembers(filter: Record<string, unknown>, sort?: Record<string, 1 | -1>, options?: { limit?: number }): MemberList },
    private readonly onResult: (users: Mentionable[]) => void,
  ) {}

  search(query: string): void {
    if (query === this.#query) return;
    this.#query = query;
    this.#stop();
    if (!query) {
      this.onResult([]);
      return;
    }
    const list = this.channel.queryMembers({ name: { $autocomplete: query } }, { name: 1 }, { limit: 10 });
    this.#list = list;
    const sub = list.members$.subscribe((members) => this.onResult(membersAsMentionable(members)));
    this.#unsubscribe = () => sub.unsubscribe();
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#list?.dispose();
    this.#unsubscribe = undefined;
    this.#list = undefined;
  }

  dispose(): void {
    this.#stop();
    this.#query = undefined;
  }
}

/**
 * The picks a saved draft names (its `mentioned_users` ids, as the official client saves
 * them), as the channel's users where known, so a draft restored after switching channels or
 * reloading still sends its mentions.
 */
export function picksFromDraft(ids: unknown, users: readonly Mentionable[]): Mentionable[] {
  if (!Array.isArray(ids)) return [];
  return ids.filter((id): id is string => typeof id === 'string').map((id) => users.find((u) => u.id === id) ?? { id });
}

/** What a composer saves as its draft: the text, and the ids of the picks it still names. */
export function draftFields(text: string, picked: readonly Mentionable[]): { text: string; mentioned_users?: string[] } {
  const ids = mentionedIds(text, picked);
  return ids.length > 0 ? { text, mentioned_users: ids } : { text };
}

/** What a composer adds to the text it sends: the users still named, the link previews kept. */
export interface SendExtras {
  mentioned_users?: string[];
  attachments?: Attachment[];
}

/** The extras of a send, leaving out empty ones (the request then carries no empty field). */
export function sendExtras(text: string, picked: readonly Mentionable[], previews: readonly Attachment[]): SendExtras {
  const ids = mentionedIds(text, picked);
  return { ...(ids.length > 0 ? { mentioned_users: ids } : {}), ...(previews.length > 0 ? { attachments: [...previews] } : {}) };
}
