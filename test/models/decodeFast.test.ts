// The fast decoders (generated/fastDecoders.ts) against the generic decoder they shortcut:
// on the bench's shapes and random mutations of them, decodeModel must give exactly what
// decodeModelGeneric gives - the same value with the same key order and frozenness, or the
// same error - under every option.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModel, decodeModelGeneric, type DecodeOptions, type DecodeResult } from '../../src/models/decode.ts';
import type { ModelName } from '../../src/models/generated/types.ts';
import { T0, wireUser } from '../helpers/fixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const user = (i: number): Json => ({
  ...(wireUser(`user-${i}`) as Record<string, Json>),
  image: `https://example.com/${i}.png`,
  last_active: T0,
  online: false,
  banned: false,
  shadow_banned: false,
  invisible: false,
  language: 'en',
  teams: [],
  blocked_user_ids: [],
  custom: {},
});

const reaction = (i: number, type: string): Json => ({
  message_id: `m${i}`,
  user_id: `user-${i}`,
  user: user(i),
  type,
  score: 1,
  created_at: '2024-05-01T10:20:31.5+02:00',
  updated_at: 1714558831000,
  custom: {},
});

const message = (i: number): Json => ({
  id: `m${i}`,
  cid: 'messaging:c1',
  type: 'regular',
  text: `text ${i}`,
  html: `<p>text ${i}</p>`,
  user: user(i),
  attachments: i % 2 ? [{ type: 'image', image_url: 'https://example.com/a.png', custom: {} }] : [],
  latest_reactions: [reaction(i, 'like'), reaction(i + 1, 'love')],
  own_reactions: [],
  reaction_counts: { like: 1, love: 1 },
  reaction_scores: { like: 1, love: 1 },
  reaction_groups: { like: { count: 1, sum_scores: 1, first_reaction_at: T0, last_reaction_at: T0 } },
  reply_count: 0,
  deleted_reply_count: 0,
  mentioned_users: [],
  mentioned_channel: false,
  mentioned_here: false,
  pinned: false,
  silent: false,
  shadowed: false,
  restricted_visibility: [],
  custom: {},
  created_at: T0,
  updated_at: '2024-05-01T10:20:30Z',
});

const member = (i: number): Json => ({
  user_id: `user-${i}`,
  user: user(i),
  channel_role: 'channel_member',
  role: 'member',
  created_at: T0,
  updated_at: T0,
  banned: false,
  shadow_banned: false,
  notifications_muted: false,
  custom: {},
});

const channel: Json = {
  id: 'c1',
  type: 'messaging',
  cid: 'messaging:c1',
  created_at: T0,
  updated_at: T0,
  last_message_at: T0,
  created_by: user(1),
  frozen: false,
  disabled: false,
  hidden: false,
  member_count: 2,
  config: { name: 'messaging', commands: [], max_message_length: 5000 },
  own_capabilities: ['send-message', 'read-events'],
  custom: { name: 'Channel 1' },
};

const channelState: Json = {
  channel,
  members: [member(0), member(1)],
  membership: member(0),
  messages: [message(0), message(1), message(2)],
  pinned_messages: [],
  read: [{ user: user(0), last_read: T0, unread_messages: 1, last_read_message_id: 'm1' }],
  watcher_count: 0,
  watchers: [],
  threads: [],
  duration: '1.00ms',
};

const event = (type: string, extra: Record<string, Json>): Json => ({
  type,
  cid: 'messaging:c1',
  channel_id: 'c1',
  channel_type: 'messaging',
  created_at: T0,
  ...extra,
});

const SHAPES: Array<[ModelName, Json]> = [
  ['WSEvent', event('message.new', { message: message(3), user: user(3), watcher_count: 1 })],
  ['WSEvent', event('reaction.new', { message: message(4), reaction: reaction(4, 'wow'), user: user(4) })],
  ['WSEvent', event('message.read', { user: user(5), last_read_message_id: 'm2', total_unread_count: 3, unread_channels: 1 })],
  ['WSEvent', event('health.check', { me: { ...(user(0) as Record<string, Json>), devices: [], mutes: [], channel_mutes: [], total_unread_count: 0, unread_channels: 0, unread_count: 0, unread_threads: 0 } })],
  ['ChannelStateResponse', channelState],
  ['QueryChannelsResponse', { channels: [channelState], duration: '2.00ms' }],
  ['MessageResponse', message(5)],
  ['SendReactionResponse', { message: message(6), reaction: reaction(6, 'haha'), duration: '1ms' }],
];

const OPTIONS: DecodeOptions[] = [
  {},
  { freeze: true },
  { inPlace: true },
  { freeze: true, inPlace: true },
  { maxDepth: 3, freeze: true },
  { maxStringLength: 12, inPlace: true },
];

/** Every object and array in `v` with the path to it, the root first. */
function containers(v: Json, out: Array<Json[] | { [k: string]: Json }> = []): Array<Json[] | { [k: string]: Json }> {
  if (typeof v !== 'object' || v === null) return out;
  out.push(v);
  for (const child of Object.values(v)) containers(child, out);
  return out;
}

/** Keys in order and frozenness at every level: what toEqual does not compare. */
function layout(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return typeof v;
  const keys = Object.keys(v);
  return { frozen: Object.isFrozen(v), keys, children: keys.map((k) => layout((v as Record<string, unknown>)[k])) };
}

const WRONG: Json[] = [null, 0, -1.5, '', 'x', '2024-02-30T00:00:00Z', true, [], [1], {}, { id: 7 }, 'x'.repeat(20)];

/** One mutation of a container, told by the random numbers; returns the mutated tree. */
const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('remove', 'null', 'wrong', 'extra', 'proto', 'epoch', 'undefinedValue', 'deep', 'element'),
  pick: fc.nat(),
  value: fc.constantFrom(...WRONG),
});

function mutate(root: Json, m: { at: number; kind: string; pick: number; value: Json }): unknown {
  const all = containers(root);
  const target = all[m.at % all.length] as Record<string, unknown> | unknown[];
  const keys = Object.keys(target);
  const key = keys.length ? (keys[m.pick % keys.length] as string) : 'id';
  const t = target as Record<string, unknown>;
  // A fresh copy: a decode with freeze may have frozen the one it was given last time.
  const value = structuredClone(m.value);
  switch (m.kind) {
    case 'remove':
      if (Array.isArray(target)) target.pop();
      else delete t[key];
      break;
    case 'null':
      t[key] = null;
      break;
    case 'wrong':
      t[key] = value;
      break;
    case 'extra':
      if (!Array.isArray(target)) t[`extra_${m.pick % 3}`] = { nested: [value] };
      else target.push(value);
      break;
    case 'proto':
      // As JSON.parse makes it: an own property named __proto__.
      Object.defineProperty(target, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
      break;
    case 'epoch':
      for (const k of keys) if (typeof t[k] === 'string' && /^\d{4}-/.test(t[k])) t[k] = Date.parse(t[k]);
      break;
    case 'undefinedValue':
      t[key] = undefined;
      break;
    case 'deep': {
      // A chain of quoted messages deeper than any depth limit.
      let q: Record<string, unknown> = message(9) as Record<string, unknown>;
      for (let i = 0; i < 40; i++) q = { ...(message(10 + i) as Record<string, unknown>), quoted_message: q };
      t[key] = q;
      break;
    }
    default:
      if (Array.isArray(target)) target.push(value);
      else t[key] = [value];
  }
  return root;
}

function same(fast: DecodeResult<unknown>, generic: DecodeResult<unknown>): void {
  expect(fast.ok).toBe(generic.ok);
  if (fast.ok && generic.ok) {
    expect(fast.value).toEqual(generic.value);
    expect(layout(fast.value)).toEqual(layout(generic.value));
  } else if (!fast.ok && !generic.ok) {
    expect([fast.error.path, fast.error.expected, fast.error.received, fast.error.message]).toEqual([
      generic.error.path,
      generic.error.expected,
      generic.error.received,
      generic.error.message,
    ]);
  }
}

/** Both decoders, each on an input of its own from `make` (inPlace writes into it). */
function compare(name: ModelName, make: () => unknown, options: DecodeOptions): void {
  same(decodeModel(name, make(), options), decodeModelGeneric(name, make(), options));
}

describe('fast decoders', () => {
  it('decode the bench shapes as the generic decoder does, under every option', () => {
    for (const [name, shape] of SHAPES) {
      for (const options of OPTIONS) compare(name, () => structuredClone(shape), options);
      // The fast path took these: the generic decoder would not hand back the input itself.
      const input = structuredClone(shape);
      const r = decodeModel(name, input, { inPlace: true, freeze: true });
      expect(r.ok && r.value).toBe(input);
    }
  });

  it('give the same value or the same error on random mutations of them', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SHAPES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.nat({ max: OPTIONS.length - 1 }),
        (shape, mutations, option) => {
          const [name, base] = SHAPES[shape] as [ModelName, Json];
          const make = (): unknown => {
            let input: unknown = structuredClone(base);
            for (const m of mutations) input = mutate(input as Json, m);
            return input;
          };
          compare(name, make, OPTIONS[option] as DecodeOptions);
        },
      ),
      propertyRuns({ numRuns: 1000, seed: 1001 }),
    );
    // A thousand runs take 12-30 s on a loaded two-core machine; the time is not what this checks.
  }, 90_000);

  it('treat inherited fields and odd prototypes as the generic decoder does', () => {
    const inherited = (): unknown => {
      const u = Object.create({ id: 'inherited', extra: 1 }) as Record<string, unknown>;
      for (const [k, v] of Object.entries(user(1) as object)) if (k !== 'id') u[k] = v;
      return u;
    };
    const nullProto = (): unknown => Object.assign(Object.create(null) as object, user(2) as object);
    // A non-enumerable own field is not a field to the generic decoder.
    const hidden = (): unknown => Object.defineProperty(user(3) as object, 'language', { value: 7, enumerable: false });
    for (const options of OPTIONS) {
      compare('UserResponse', inherited, options);
      compare('UserResponse', nullProto, options);
      compare('UserResponse', hidden, options);
      compare('WSEvent', () => [event('x', {})], options);
      compare('WSEvent', () => 'not an object', options);
      compare('WSEvent', () => undefined, options);
    }
  });

  it('decode in place around objects that cannot be written: those are copied, never changed', () => {
    // An app may hand dispatchEvent an event holding objects an earlier decode froze, or
    // objects it froze or sealed itself. Fast path kept (the event itself is the value).
    const lock = (o: Json, how: (o: object) => void): Json => {
      how(o as object);
      return o;
    };
    for (const how of [Object.freeze, Object.seal, Object.preventExtensions] as Array<(o: object) => void>) {
      const make = (): Json => {
        const m = message(7) as Record<string, Json>;
        return event('message.new', { user: lock(user(7), how), message: { ...m, user: lock(user(8), how) } });
      };
      compare('WSEvent', make, { freeze: true, inPlace: true });
      const input = make() as Record<string, Json>;
      const locked = input['user'];
      const before = structuredClone(locked);
      const r = decodeModel('WSEvent', input, { freeze: true, inPlace: true });
      expect(r.ok && r.value).toBe(input);
      // The event now holds a decoded copy of the locked user; the locked one is as it was.
      expect(locked).toEqual(before);
      expect(input['user']).not.toBe(locked);
      expect(r.ok && (r.value as unknown as Record<string, Record<string, unknown>>)['user']?.['created_at']).toBe(Date.parse(T0) + 0.456);
    }
  });
});
