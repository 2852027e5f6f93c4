import { describe, expect, it } from 'vitest';
import { DecodeError, decodeEvent, decodeJson, decodeModel } from 'chatstore';
import { T0, wireMessage, wireUser } from '../helpers/fixtures.ts';

// T0 has microseconds: they stay, as the fraction of the millisecond.
const T0_MS = Date.UTC(2024, 4, 1, 10, 20, 30, 123) + 0.456;

describe('decodeModel', () => {
  it('decodes a message: timestamps to epoch ms, nested models, extra fields kept', () => {
    const input = wireMessage({
      id: 'm1',
      pinned_at: '2024-05-01T12:20:30.123+02:00',
      quoted_message: wireMessage({ id: 'm0' }),
      latest_reactions: [{ type: 'like', message_id: 'm1', user_id: 'bob', created_at: T0, updated_at: T0 }],
      my_custom_field: { nested: [1, 2] },
    });
    const r = decodeModel('MessageResponse', input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.created_at).toBe(T0_MS);
    expect(r.value.pinned_at).toBe(Math.floor(T0_MS)); // written with milliseconds only
    expect(r.value.quoted_message?.id).toBe('m0');
    expect(r.value.quoted_message?.created_at).toBe(T0_MS);
    expect(r.value.latest_reactions[0]?.created_at).toBe(T0_MS);
    expect((r.value as unknown as Record<string, unknown>)['my_custom_field']).toEqual({ nested: [1, 2] });
    expect(r.value.user.id).toBe('alice');
  });

  it('does not modify its input', () => {
    const input = wireMessage();
    const copy = structuredClone(input);
    decodeModel('MessageResponse', input);
    expect(input).toEqual(copy);
  });

  it('fills absent required collections and treats null as absent', () => {
    const r = decodeModel('MessageResponse', {
      id: 'm1',
      cid: 'messaging:x',
      type: 'regular',
      created_at: T0,
      mentioned_users: null,
      pinned_at: null,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.mentioned_users).toEqual([]);
    expect(r.value.latest_reactions).toEqual([]);
    expect(r.value.reaction_counts).toEqual({});
    expect('pinned_at' in r.value).toBe(false);
  });

  it('decodes events with the unread fields PROTOCOL.md lists', () => {
    const r = decodeEvent({
      type: 'notification.mark_read',
      created_at: T0,
      cid: 'messaging:x',
      total_unread_count: 3,
      unread_channels: 1,
      last_read_at: '2024-05-01T10:20:30.123Z',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.total_unread_count).toBe(3);
    expect(r.value.last_read_at).toBe(Math.floor(T0_MS)); // written with milliseconds only
    expect(r.value.custom).toEqual({});
  });

  it('decodes JSON text', () => {
    const r = decodeJson('UserResponse', JSON.stringify(wireUser('zed')));
    expect(r.ok && r.value.id).toBe('zed');
  });

  it('does not let a __proto__ key reach the prototype', () => {
    const r = decodeJson('UserResponse', '{"id":"u","__proto__":{"polluted":true}}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.value as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(r.value, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it('keeps the input key order whether or not a known field is null', () => {
    const withNull = decodeJson('UserResponse', '{"id":"u","name":null,"role":"user","created_at":"2024-05-01T10:20:30Z","custom":{"a":1}}');
    const without = decodeJson('UserResponse', '{"id":"u","role":"user","created_at":"2024-05-01T10:20:30Z","custom":{"a":1}}');
    expect(withNull.ok && without.ok).toBe(true);
    if (!withNull.ok || !without.ok) return;
    expect(withNull.value).toEqual(without.value);
    expect(Object.keys(withNull.value)).toEqual(Object.keys(without.value));
    expect(Object.keys(withNull.value).slice(0, 4)).toEqual(['id', 'role', 'created_at', 'custom']);
    expect(withNull.value.created_at).toBe(Date.UTC(2024, 4, 1, 10, 20, 30));
  });
});

describe('bad input gives a DecodeError naming the path, and no value', () => {
  const deep = (() => {
    let m: Record<string, unknown> = wireMessage();
    for (let i = 0; i < 60; i++) m = wireMessage({ quoted_message: m });
    return m;
  })();
  const cyclic: Record<string, unknown> = wireMessage();
  cyclic['quoted_message'] = cyclic;

  const cases: Array<[string, () => ReturnType<typeof decodeModel>, string]> = [
    ['null', () => decodeModel('MessageResponse', null), '$'],
    ['an array', () => decodeModel('MessageResponse', [wireMessage()]), '$'],
    ['a string', () => decodeModel('MessageResponse', 'hello'), '$'],
    ['a number', () => decodeModel('MessageResponse', 42), '$'],
    ['undefined', () => decodeModel('MessageResponse', undefined), '$'],
    ['a missing id', () => decodeModel('MessageResponse', { ...wireMessage(), id: undefined }), '$.id'],
    ['a missing cid', () => decodeModel('MessageResponse', { ...wireMessage(), cid: undefined }), '$.cid'],
    ['a missing type', () => decodeModel('MessageResponse', { ...wireMessage(), type: null }), '$.type'],
    ['a missing created_at', () => decodeModel('MessageResponse', { ...wireMessage(), created_at: undefined }), '$.created_at'],
    ['a numeric id', () => decodeModel('MessageResponse', wireMessage({ id: 7 })), '$.id'],
    ['an invalid month', () => decodeModel('MessageResponse', wireMessage({ created_at: '2024-13-01T00:00:00Z' })), '$.created_at'],
    ['30 February', () => decodeModel('MessageResponse', wireMessage({ created_at: '2024-02-30T00:00:00Z' })), '$.created_at'],
    ['a date that is prose', () => decodeModel('MessageResponse', wireMessage({ updated_at: 'last tuesday' })), '$.updated_at'],
    ['a boolean date', () => decodeModel('MessageResponse', wireMessage({ created_at: true })), '$.created_at'],
    ['a NaN number', () => decodeModel('MessageResponse', wireMessage({ reply_count: Number.NaN })), '$.reply_count'],
    ['an infinite date', () => decodeModel('MessageResponse', wireMessage({ created_at: Number.POSITIVE_INFINITY })), '$.created_at'],
    ['a huge string', () => decodeModel('MessageResponse', wireMessage({ text: 'x'.repeat(2_000_001) })), '$.text'],
    ['a nested user with a numeric id', () => decodeModel('MessageResponse', wireMessage({ user: { id: 5 } })), '$.user.id'],
    ['an object where an array belongs', () => decodeModel('MessageResponse', wireMessage({ latest_reactions: {} })), '$.latest_reactions'],
    ['a bad array element', () => decodeModel('MessageResponse', wireMessage({ mentioned_users: [wireUser('a'), 'bob'] })), '$.mentioned_users[1]'],
    ['a string boolean', () => decodeModel('MessageResponse', wireMessage({ pinned: 'yes' })), '$.pinned'],
    ['an array where a map belongs', () => decodeModel('MessageResponse', wireMessage({ custom: [] })), '$.custom'],
    ['a reaction without message_id', () => decodeModel('MessageResponse', wireMessage({ own_reactions: [{ type: 'like' }] })), '$.own_reactions[0].message_id'],
    ['a too deep nesting', () => decodeModel('MessageResponse', deep), '$'],
    ['a cyclic object', () => decodeModel('MessageResponse', cyclic), '$'],
    ['a non-string union value', () => decodeModel('BlockListOptions', { blocklist: 'b', behavior: 3 }), '$.behavior'],
    ['an event without type', () => decodeEvent({ created_at: T0 }), '$.type'],
    ['an event with a string unread count', () => decodeEvent({ type: 'x', created_at: T0, total_unread_count: '3' }), '$.total_unread_count'],
    ['a channel state with a bad message deep inside', () =>
      decodeModel('ChannelStateResponse', { messages: [wireMessage(), wireMessage({ created_at: 'nope' })] }), '$.messages[1].created_at'],
    ['malformed JSON text', () => decodeJson('MessageResponse', '{"id": "m1",'), '$'],
  ];

  it.each(cases)('%s', (_what, run, path) => {
    const r = run();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(DecodeError);
    expect(r.error.path.startsWith(path)).toBe(true);
    expect(r.error.message).toContain(r.error.path);
    expect('value' in r).toBe(false);
  });

  it('covers at least 20 kinds of bad input', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it('honours a smaller string limit', () => {
    const r = decodeModel('MessageResponse', wireMessage({ text: 'x'.repeat(11) }), { maxStringLength: 10 });
    expect(r.ok).toBe(false);
  });
});

describe('failures deep inside report the exact path, expectation and received value', () => {
  const failureOf = (r: ReturnType<typeof decodeModel>): [string, string, string, string] => {
    expect(r.ok).toBe(false);
    if (r.ok) return ['', '', '', ''];
    return [r.error.path, r.error.expected, r.error.received, r.error.message];
  };

  it('a wrong type inside an array element inside an array element', () => {
    const bad = wireMessage({
      latest_reactions: [
        { type: 'like', message_id: 'm', user_id: 'a', created_at: T0, updated_at: T0 },
        { type: 'love', message_id: 'm', user_id: 'b', created_at: T0, updated_at: T0, user: { id: 5 } },
      ],
    });
    expect(failureOf(decodeModel('ChannelStateResponse', { messages: [wireMessage(), bad] }))).toEqual([
      '$.messages[1].latest_reactions[1].user.id',
      'string',
      '5',
      '$.messages[1].latest_reactions[1].user.id: expected string, received 5',
    ]);
  });

  it('a required field missing in an array element', () => {
    const r = decodeModel('ChannelStateResponse', { messages: [wireMessage({ own_reactions: [{ type: 'like' }] })] });
    expect(failureOf(r)).toEqual([
      '$.messages[0].own_reactions[0].message_id',
      'required field (ReactionResponse)',
      'undefined',
      '$.messages[0].own_reactions[0].message_id: expected required field (ReactionResponse), received undefined',
    ]);
  });

  it('a bad timestamp three models down in an event', () => {
    const r = decodeEvent({
      type: 'message.new',
      created_at: T0,
      message: wireMessage({ quoted_message: wireMessage({ user: wireUser('q', { created_at: 'nope' }) }) }),
    });
    expect(failureOf(r)).toEqual([
      '$.message.quoted_message.user.created_at',
      'RFC 3339 date-time or epoch milliseconds',
      '"nope"',
      '$.message.quoted_message.user.created_at: expected RFC 3339 date-time or epoch milliseconds, received "nope"',
    ]);
  });

  it('an array field that is not an array, and a model element that is not an object', () => {
    const notArray = decodeModel('ChannelStateResponse', { messages: [wireMessage({ mentioned_users: {} })] });
    expect(failureOf(notArray).slice(0, 3)).toEqual(['$.messages[0].mentioned_users', 'array of UserResponse', 'object']);
    const notObject = decodeModel('ChannelStateResponse', { messages: [wireMessage(), 'x'] });
    expect(failureOf(notObject).slice(0, 3)).toEqual(['$.messages[1]', 'object (MessageResponse)', '"x"']);
  });

  it('a wrong element in an array of strings inside a nested model', () => {
    const r = decodeModel('ChannelStateResponse', {
      channel: { id: 'c', type: 'messaging', cid: 'messaging:c', created_at: T0, own_capabilities: ['read-events', 'send-message', 3] },
    });
    expect(failureOf(r).slice(0, 3)).toEqual(['$.channel.own_capabilities[2]', 'string', '3']);
  });

  it('the option limits, with their own wording', () => {
    const nested = wireMessage({ quoted_message: wireMessage({ quoted_message: wireMessage({ quoted_message: wireMessage() }) }) });
    expect(failureOf(decodeModel('MessageResponse', nested, { maxDepth: 2 })).slice(0, 3)).toEqual([
      // The author comes before the quote in the message's key order, so it is the first too deep.
      '$.quoted_message.quoted_message.user',
      'nesting of at most 2 levels',
      'object',
    ]);
    const long = decodeModel('MessageResponse', wireMessage({ quoted_message: wireMessage({ text: 'x'.repeat(21) }) }), { maxStringLength: 20 });
    expect(failureOf(long).slice(0, 3)).toEqual(['$.quoted_message.text', 'string of at most 20 chars', `"${'x'.repeat(21)}"`]);
  });
});

describe('decoding does not depend on the key order of earlier inputs', () => {
  it('gives the same value for the same fields in another order, after a failure too', () => {
    const input = wireMessage({ id: 'm-order', extra_one: 1, pinned_at: '2024-05-01T10:20:30Z' });
    const reversed = Object.fromEntries(Object.entries(input).reverse());
    const first = decodeModel('MessageResponse', input);
    expect(decodeModel('MessageResponse', { ...input, created_at: 'bad' }).ok).toBe(false);
    const second = decodeModel('MessageResponse', reversed);
    const third = decodeModel('MessageResponse', input);
    expect(first.ok && second.ok && third.ok).toBe(true);
    if (!first.ok || !second.ok || !third.ok) return;
    expect(second.value).toEqual(first.value);
    expect(third.value).toEqual(first.value);
    expect(second.value.pinned_at).toBe(Date.UTC(2024, 4, 1, 10, 20, 30));
  });

  it('keeps the input key order, with missing collections after it', () => {
    const r = decodeModel('UserResponse', { name: 'Ann', id: 'ann', zz_extra: true, created_at: T0 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value)).toEqual(['name', 'id', 'zz_extra', 'created_at', 'blocked_user_ids', 'custom', 'teams']);
  });
});
