// Generators for the property tests: a catalog of messages per channel (fixed id, time,
// author and flags, so every copy of a message agrees on them) and random commands over it.
// A message's copies are numbered: 0 is the one message.new carries, 1-3 are edits or
// reaction changes, 4 is the soft-deleted copy; a higher version has a later updated_at.
import fc from 'fast-check';
import { VirtualTimeScheduler } from 'rxjs';
import type { MessageResponse } from 'chatstore';
import { BASE_MS, iso, msg, reaction, storeHarness, user, type StoreHarness } from '../helpers/storeFixtures.ts';

export const USERS = ['me', 'bob', 'carol'] as const;

/** The channels the properties run over. */
export const CIDS = ['messaging:a', 'messaging:b', 'messaging:c'];

/** A store holding the property channels, each with every user as a member, on virtual time. */
export function freshHarness(): StoreHarness {
  const h = storeHarness({ scheduler: new VirtualTimeScheduler() });
  for (const cid of CIDS) h.hydrate(cid, { members: [...USERS] });
  return h;
}
type UserId = (typeof USERS)[number];

export interface CatalogEntry {
  id: string;
  at: number;
  author: UserId;
  mention: boolean;
  silent: boolean;
  /** A thread-only reply. */
  parent: boolean;
}

export type Catalog = Readonly<Record<string, readonly CatalogEntry[]>>;

export type Cmd =
  | { kind: 'new'; cid: string; index: number }
  | { kind: 'updated'; cid: string; index: number; version: number }
  | { kind: 'deleted'; cid: string; index: number; version: 4; hard: boolean }
  | { kind: 'reaction'; cid: string; index: number; version: number; by: UserId }
  | { kind: 'read'; cid: string; index: number; version: 0; by: UserId; thread: boolean };

const PER_CHANNEL = 6;

export function arbCatalog(cids: readonly string[]): fc.Arbitrary<Catalog> {
  const entry = (cid: string, i: number) =>
    fc.record({
      // Few distinct times, so equal created_at (ordered by id) happens often.
      at: fc.integer({ min: 1, max: 5 }).map((s) => BASE_MS + s * 1_000),
      author: fc.constantFrom(...USERS),
      mention: fc.boolean(),
      silent: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      parent: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }).map((e) => ({ ...e, id: `${cid.split(':')[1]}${i}` }));
  return fc.tuple(...cids.map((cid) => fc.tuple(...Array.from({ length: PER_CHANNEL }, (_, i) => entry(cid, i))))).map((lists) =>
    Object.fromEntries(cids.map((cid, k) => [cid, lists[k] ?? []])),
  );
}

export function arbCommands(cids: readonly string[]): fc.Arbitrary<Cmd[]> {
  const cid = fc.constantFrom(...cids);
  const index = fc.integer({ min: 0, max: PER_CHANNEL - 1 });
  const by = fc.constantFrom(...USERS);
  const cmd: fc.Arbitrary<Cmd> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('new' as const), cid, index }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('updated' as const), cid, index, version: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleted' as const), cid, index, version: fc.constant(4 as const), hard: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('reaction' as const), cid, index, version: fc.integer({ min: 1, max: 3 }), by }) },
    // index is the read time in seconds after BASE_MS; 0..6 spans every message time. A
    // thread read is of the thread the channel's thread-only replies answer.
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('read' as const),
        cid,
        index: fc.integer({ min: 0, max: 6 }),
        version: fc.constant(0 as const),
        by,
        thread: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      }),
    },
  );
  return fc.array(cmd, { maxLength: 40 });
}

/** The parent message every thread-only reply of a channel answers. */
export function threadParentId(cid: string): string {
  return `${cid.split(':')[1]}-parent`;
}

/** Copy `version` of a catalog message as the server would send it. */
export function copyOf(catalog: Catalog, cid: string, index: number, version: number): MessageResponse {
  const e = catalog[cid]?.[index];
  if (!e) throw new Error(`no catalog entry ${cid}/${index}`);
  const extra: Record<string, unknown> = {
    user: user(e.author),
    text: version === 4 ? '' : `v${version}`,
    type: version === 4 ? 'deleted' : 'regular',
    updated_at: iso(e.at + version * 100),
    reaction_counts: version > 0 && version < 4 ? { like: version } : {},
    mentioned_users: e.mention ? [user('me')] : [],
    silent: e.silent,
  };
  if (e.parent) extra['parent_id'] = threadParentId(cid);
  return msg(cid, e.id, e.at, extra);
}

/** The wire event for a command: [type, fields] for StoreHarness.send. */
export function toEvent(catalog: Catalog, c: Cmd): [string, Record<string, unknown>] {
  switch (c.kind) {
    case 'new':
      return ['message.new', { cid: c.cid, message: copyOf(catalog, c.cid, c.index, 0) }];
    case 'updated':
      return ['message.updated', { cid: c.cid, message: copyOf(catalog, c.cid, c.index, c.version) }];
    case 'deleted':
      return ['message.deleted', { cid: c.cid, hard_delete: c.hard, message: copyOf(catalog, c.cid, c.index, 4) }];
    case 'reaction': {
      const m = copyOf(catalog, c.cid, c.index, c.version);
      return ['reaction.new', { cid: c.cid, user: user(c.by), reaction: reaction(m.id, c.by), message: m }];
    }
    case 'read': {
      const fields: Record<string, unknown> = { cid: c.cid, user: user(c.by), created_at: iso(BASE_MS + c.index * 1_000) };
      if (c.thread) fields['thread_id'] = threadParentId(c.cid);
      return ['message.read', fields];
    }
  }
}
