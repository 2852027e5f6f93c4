// The mention picker's rules shared by both example apps (examples/shared/mentions.ts): the
// query at the caret, who it offers, what a pick does to the text, the keys, and which
// picked users a send names.
import { describe, expect, it } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import type { ChannelMemberResponse, MemberList } from 'chatstore';
import { draftFields, insertMention, MemberSearch, mentionCandidates, mentionedIds, mentionKey, mentionQueryAt, membersAsMentionable, membersIncomplete, picksFromDraft, sendExtras, stillClosed } from '../../examples/shared/mentions.ts';

const alice = { id: 'alice', name: 'Alice Archer' };
const bob = { id: 'bob', name: 'Bob Baker' };
const bobby = { id: 'bobby', name: 'Bobby Tables' };
const carol = { id: 'carol', name: 'Carol Chen' };
const users = [carol, bobby, bob, alice];

describe('mentionQueryAt', () => {
  it('finds the @query that ends at the caret', () => {
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(mentionQueryAt('hi @bo', 6)).toEqual({ start: 3, end: 6, query: 'bo' });
    // The caret inside the word: the query is what is before it.
    expect(mentionQueryAt('hi @bob there', 5)).toEqual({ start: 3, end: 5, query: 'b' });
    expect(mentionQueryAt('(@ca', 4)).toEqual({ start: 1, end: 4, query: 'ca' });
  });

  it('is nothing after a space, inside an e-mail address, or without an @', () => {
    expect(mentionQueryAt('hi @bob ', 8)).toBeUndefined();
    expect(mentionQueryAt('ann@example.com', 15)).toBeUndefined();
    expect(mentionQueryAt('hello', 5)).toBeUndefined();
    expect(mentionQueryAt('@bob', 0)).toBeUndefined();
    // A blurred box (caret -1) has no query.
    expect(mentionQueryAt('@bob', -1)).toBeUndefined();
  });
});

describe('mentionCandidates', () => {
  it('offers everyone but the own user for an empty query, by name', () => {
    expect(mentionCandidates(users, '', 'alice').map((u) => u.id)).toEqual(['bob', 'bobby', 'carol']);
  });

  it('narrows by a prefix of the id, the name or a word of the name, ignoring case', () => {
    expect(mentionCandidates(users, 'BO', 'alice').map((u) => u.id)).toEqual(['bob', 'bobby']);
    expect(mentionCandidates(users, 'bobb', 'alice').map((u) => u.id)).toEqual(['bobby']);
    expect(mentionCandidates(users, 'chen', 'alice').map((u) => u.id)).toEqual(['carol']);
    expect(mentionCandidates(users, 'ob', 'alice')).toEqual([]);
  });

  it('lists a user once and at most `limit`', () => {
    expect(mentionCandidates([bob, bob, carol], '', undefined, 1).map((u) => u.id)).toEqual(['bob']);
  });
});

describe('insertMention', () => {
  it('replaces the query by @Name and a space, the caret after it', () => {
    const text = 'hi @bo';
    const at = mentionQueryAt(text, 6)!;
    expect(insertMention(text, at, bob)).toEqual({ text: 'hi @Bob Baker ', caret: 14 });
  });

  it('keeps the text after the caret and does not double a space', () => {
    const text = 'hi @b and more';
    const at = mentionQueryAt(text, 5)!;
    const next = insertMention(text, at, bob);
    expect(next.text).toBe('hi @Bob Baker and more');
    expect(next.text.slice(0, next.caret)).toBe('hi @Bob Baker ');
  });

  it('uses the id of a user without a name', () => {
    expect(insertMention('@', { start: 0, end: 1, query: '' }, { id: 'zed' }).text).toBe('@zed ');
  });
});

describe('mentionedIds', () => {
  it('keeps the picked users the text still names, once each, in pick order', () => {
    expect(mentionedIds('@Carol Chen and @Bob Baker, hi @Carol Chen', [carol, bob, carol])).toEqual(['carol', 'bob']);
  });

  it('drops a pick whose mention was deleted or changed', () => {
    expect(mentionedIds('hi @Bob', [bob])).toEqual([]);
    expect(mentionedIds('hi @Bob Bakery', [bob])).toEqual([]);
    expect(mentionedIds('hi there', [bob, carol])).toEqual([]);
  });

  it('accepts the id typed instead of the name', () => {
    expect(mentionedIds('ping @bob!', [bob])).toEqual(['bob']);
  });
});

describe('mentionKey', () => {
  it('moves with the arrows (wrapping), picks with Enter or Tab, closes with Escape', () => {
    expect(mentionKey({ key: 'ArrowDown' }, 3, 2)).toEqual({ kind: 'move', active: 0 });
    expect(mentionKey({ key: 'ArrowUp' }, 3, 0)).toEqual({ kind: 'move', active: 2 });
    expect(mentionKey({ key: 'Enter' }, 3, 1)).toEqual({ kind: 'pick' });
    expect(mentionKey({ key: 'Tab' }, 3, 1)).toEqual({ kind: 'pick' });
    expect(mentionKey({ key: 'Escape' }, 3, 1)).toEqual({ kind: 'close' });
  });

  it('leaves other keys, Shift+Enter, composition and an empty list to the text box', () => {
    expect(mentionKey({ key: 'a' }, 3, 0)).toBeUndefined();
    expect(mentionKey({ key: 'Enter', shiftKey: true }, 3, 0)).toBeUndefined();
    expect(mentionKey({ key: 'Enter', isComposing: true }, 3, 0)).toBeUndefined();
    expect(mentionKey({ key: 'Enter' }, 0, 0)).toBeUndefined();
  });
});

describe('members and the server search', () => {
  const member = (id: string, name?: string): ChannelMemberResponse => ({ user_id: id, ...(name ? { user: { id, name } } : {}) }) as ChannelMemberResponse;

  it('takes the members as users, and asks the server only when fewer are held than counted', () => {
    expect(membersAsMentionable([member('bob', 'Bob Baker'), member('x')])).toEqual([{ id: 'bob', name: 'Bob Baker' }, { id: 'x', name: undefined }]);
    expect(membersIncomplete(4, 4)).toBe(false);
    expect(membersIncomplete(4, undefined)).toBe(false);
    expect(membersIncomplete(100, 250)).toBe(true);
  });

  it('queries members by name prefix, the latest query replacing the one before', () => {
    const made: Array<{ filter: unknown; disposed: boolean; members: BehaviorSubject<ChannelMemberResponse[]> }> = [];
    const channel = {
      queryMembers(filter: Record<string, unknown>): MemberList {
        const entry = { filter, disposed: false, members: new BehaviorSubject<ChannelMemberResponse[]>([]) };
        made.push(entry);
        return { members$: entry.members, status$: new BehaviorSubject({ loading: false, hasMore: false }), loadMore: async () => undefined, refresh: async () => undefined, dispose: () => (entry.disposed = true) };
      },
    };
    const results: string[][] = [];
    const search = new MemberSearch(channel, (found) => results.push(found.map((u) => u.id)));
    search.search('bo');
    search.search('bo');
    expect(made).toHaveLength(1);
    expect(made[0]!.filter).toEqual({ name: { $autocomplete: 'bo' } });
    made[0]!.members.next([member('bob', 'Bob Baker')]);
    search.search('bob');
    expect(made[0]!.disposed).toBe(true);
    // The first query's late answer is not heard any more.
    made[0]!.members.next([member('bobby', 'Bobby Tables')]);
    made[1]!.members.next([member('bob', 'Bob Baker')]);
    search.search('');
    expect(made[1]!.disposed).toBe(true);
    expect(results).toEqual([[], ['bob'], [], ['bob'], []]);
    search.dispose();
  });
});

describe('sendExtras', () => {
  it('carries only what is there', () => {
    expect(sendExtras('hi', [bob], [])).toEqual({});
    const preview = { custom: {}, og_scrape_url: 'https://example.com', title: 'Example' };
    expect(sendExtras('@Bob Baker see https://example.com', [bob, carol], [preview])).toEqual({ mentioned_users: ['bob'], attachments: [preview] });
  });
});

describe('stillClosed', () => {
  it('keeps the list closed while the same mention is typed, and forgets it once the caret leaves', () => {
    expect(stillClosed(3, mentionQueryAt('Hi @bo', 6))).toBe(3);
    expect(stillClosed(3, mentionQueryAt('Hi ', 3))).toBeUndefined();
    expect(stillClosed(3, mentionQueryAt('Hi @bob @c', 10))).toBeUndefined();
    expect(stillClosed(undefined, mentionQueryAt('Hi @bo', 6))).toBeUndefined();
  });
});

describe('drafts', () => {
  it('saves the ids of the picks the text still names, and restores them as the channel users', () => {
    expect(draftFields('@Bob Baker hi', [bob, carol])).toEqual({ text: '@Bob Baker hi', mentioned_users: ['bob'] });
    expect(draftFields('hi', [bob])).toEqual({ text: 'hi' });
    expect(picksFromDraft(['bob', 'gone', 7], users)).toEqual([bob, { id: 'gone' }]);
    expect(picksFromDraft(undefined, users)).toEqual([]);
    // Restored picks count at the send like fresh ones.
    expect(sendExtras('@Bob Baker hi', picksFromDraft(['bob'], users), [])).toEqual({ mentioned_users: ['bob'] });
  });
});
