// Unread counts as values, not only invariants: after any sequence of the property model's
// events (test/store/propertyModel.ts), in order or interleaved, the store's own unread
// counts, mentions, totals and every member's read time equal those of a model server that
// applies the same events by the service's counting rules (PROTOCOL.md section 6), computed
// from the commands alone. The invariant properties (properties.test.ts) pass a store whose
// counts never rise; this one does not.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tableValues } from '../../src/store/table.ts';
import { BASE_MS } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';
import { CIDS, USERS, type Catalog, type Cmd, arbCatalog, arbCommands, freshHarness, toEvent } from './propertyModel.ts';

const RUNS = propertyRuns({ numRuns: 150, seed: 20261207 });

interface ModelChannel {
  /** Held messages by catalog index: the newest copy the server has sent (4 = soft-deleted). */
  versions: Map<number, number>;
  /** Each member's channel read time. */
  lastRead: Record<string, number>;
}

export interface ModelCounts {
  byChannel: Record<string, { messages: number; mentions: number; lastRead: Record<string, number> }>;
  totalMessages: number;
  channels: number;
}

/**
 * The model server. A message.new holds a message (and is its sender's read of the channel,
 * unless it is a thread-only reply); an edit, reaction or soft delete replaces a held copy
 * by a newer one; a hard delete drops it; a channel read moves that member's read forward
 * (a thread read is not a channel read). Own unread: held messages of others, shown in the
 * channel, neither silent nor deleted, created after the own read.
 */
export function modelCounts(catalog: Catalog, cmds: readonly Cmd[], me = 'me'): ModelCounts {
  const channels = new Map<string, ModelChannel>(
    CIDS.map((cid) => [cid, { versions: new Map(), lastRead: Object.fromEntries(USERS.map((u) => [u, BASE_MS])) }]),
  );
  for (const c of cmds) {
    const ch = channels.get(c.cid) as ModelChannel;
    const entry = catalog[c.cid]?.[c.index];
    switch (c.kind) {
      case 'new':
        if (!entry) break;
        if (!ch.versions.has(c.index)) ch.versions.set(c.index, 0);
        if (!entry.parent) ch.lastRead[entry.author] = Math.max(ch.lastRead[entry.author] ?? BASE_MS, entry.at);
        break;
      case 'deleted':
        if (c.hard) ch.versions.delete(c.index);
        else if (ch.versions.has(c.index)) ch.versions.set(c.index, Math.max(ch.versions.get(c.index) ?? 0, c.version));
        break;
      case 'updated':
      case 'reaction':
        if (ch.versions.has(c.index)) ch.versions.set(c.index, Math.max(ch.versions.get(c.index) ?? 0, c.version));
        break;
      case 'read':
        if (!c.thread) ch.lastRead[c.by] = Math.max(ch.lastRead[c.by] ?? BASE_MS, BASE_MS + c.index * 1_000);
        break;
    }
  }
  const out: ModelCounts = { byChannel: {}, totalMessages: 0, channels: 0 };
  for (const [cid, ch] of channels) {
    let messages = 0;
    let mentions = 0;
    for (const [index, version] of ch.versions) {
      const e = catalog[cid]?.[index];
      if (!e || version === 4 || e.author === me || e.silent || e.parent || e.at <= (ch.lastRead[me] ?? BASE_MS)) continue;
      messages++;
      if (e.mention) mentions++;
    }
    out.byChannel[cid] = { messages, mentions, lastRead: { ...ch.lastRead } };
    out.totalMessages += messages;
    if (messages > 0) out.channels++;
  }
  return out;
}

/** The same figures, read from the store. */
function storeCounts(catalog: Catalog, cmds: readonly Cmd[]): ModelCounts {
  const h = freshHarness();
  for (const cmd of cmds) h.send(...toEvent(catalog, cmd));
  const state = h.store.getState();
  const out: ModelCounts = { byChannel: {}, totalMessages: state.unread.totalMessages, channels: state.unread.channels };
  for (const ch of tableValues(state.channels)) {
    out.byChannel[ch.cid] = {
      messages: ch.unread.messages,
      mentions: ch.unread.mentions,
      lastRead: Object.fromEntries(Object.entries(ch.reads).map(([u, r]) => [u, r.last_read])),
    };
  }
  return out;
}

describe('unread counts against a model server (fast-check)', () => {
  it('equal the model server\'s after any sequence of events', () => {
    fc.assert(
      fc.property(arbCatalog(CIDS), arbCommands(CIDS), (catalog, cmds) => {
        expect(storeCounts(catalog, cmds)).toEqual(modelCounts(catalog, cmds));
      }),
      RUNS,
    );
  });

  it('count what they should in a hand-written case (the model itself is checked)', () => {
    // a0 by bob at t1 mentions me, a1 by carol at t2, a2 by me at t3; b0 by bob at t4.
    const at = (s: number) => BASE_MS + s * 1_000;
    const entry = (id: string, s: number, author: 'me' | 'bob' | 'carol', mention = false) => ({ id, at: at(s), author, mention, silent: false, parent: false });
    const catalog: Catalog = {
      'messaging:a': [entry('a0', 1, 'bob', true), entry('a1', 2, 'carol'), entry('a2', 3, 'me'), entry('a3', 4, 'bob')],
      'messaging:b': [entry('b0', 4, 'bob')],
      'messaging:c': [],
    };
    const cmds: Cmd[] = [
      { kind: 'new', cid: 'messaging:a', index: 0 },
      { kind: 'new', cid: 'messaging:a', index: 1 },
      { kind: 'new', cid: 'messaging:b', index: 0 },
    ];
    const first = modelCounts(catalog, cmds);
    expect(first.byChannel['messaging:a']).toMatchObject({ messages: 2, mentions: 1 });
    expect(first).toMatchObject({ totalMessages: 3, channels: 2 });
    expect(storeCounts(catalog, cmds)).toEqual(first);
    // Own message at t3: read up to it; bob's a3 at t4 still counts; b0 is soft-deleted.
    cmds.push({ kind: 'new', cid: 'messaging:a', index: 2 }, { kind: 'new', cid: 'messaging:a', index: 3 }, { kind: 'deleted', cid: 'messaging:b', index: 0, version: 4, hard: false });
    const later = modelCounts(catalog, cmds);
    expect(later.byChannel['messaging:a']).toMatchObject({ messages: 1, mentions: 0, lastRead: { me: at(3), bob: at(4), carol: at(2) } });
    expect(later).toMatchObject({ totalMessages: 1, channels: 1 });
    expect(storeCounts(catalog, cmds)).toEqual(later);
  });
});
