// Property-based tests (fast-check) of the store's invariants under random sequences of
// message.new / updated / deleted / read / reaction events over a few channels and users
// (ARCHITECTURE.md, reliability rules): unique ids, sorted windows, unread never negative,
// an event twice equals once, a REST result repeating the events changes nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChatState, MessageWindow } from '../../src/store/state.ts';
import { idsToArray } from '../../src/store/sortedIds.ts';
import { tableGet, tableValues } from '../../src/store/table.ts';
import { decodeModel, type ReactionResponse } from 'chatstore';
import { channelState, iso, reaction, type StoreHarness } from '../helpers/storeFixtures.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';
import { CIDS, type Cmd, arbCatalog, arbCommands, copyOf, freshHarness, toEvent, type Catalog } from './propertyModel.ts';

const RUNS = propertyRuns({ numRuns: 150, seed: 20240501 });

function run(h: StoreHarness, catalog: Catalog, cmds: readonly Cmd[], times = 1): void {
  for (const cmd of cmds) for (let i = 0; i < times; i++) h.send(...toEvent(catalog, cmd));
}

/** The invariants every reachable state holds. */
function checkInvariants(state: ChatState): void {
  for (const ch of tableValues(state.channels)) {
    const seen = new Set<string>();
    for (const w of ch.windows as MessageWindow[]) {
      let prev: { at: number; id: string } | undefined;
      for (const id of idsToArray(w.ids)) {
        expect(seen.has(id), `${ch.cid}: ${id} held twice`).toBe(false);
        seen.add(id);
        const m = tableGet(ch.messages, id);
        expect(m, `${ch.cid}: window id ${id} has no message`).toBeDefined();
        const at = m?.created_at ?? 0;
        if (prev) expect(prev.at < at || (prev.at === at && prev.id < id), `${ch.cid}: ${prev.id} before ${id}`).toBe(true);
        prev = { at, id };
      }
    }
    expect(ch.current).toBeLessThan(ch.windows.length);
    expect(ch.windows.filter((w) => w.isLatest)).toHaveLength(1);
    expect(ch.unread.messages).toBeGreaterThanOrEqual(0);
    expect(ch.unread.mentions).toBeGreaterThanOrEqual(0);
    expect(ch.unread.mentions).toBeLessThanOrEqual(ch.unread.messages);
    for (const r of Object.values(ch.reads)) expect(r.unread_messages).toBeGreaterThanOrEqual(0);
    // The per-channel totals view and the own read state agree with the channel.
    const shown = tableGet(state.unread.byChannel, ch.cid);
    if (ch.unread.messages === 0 && ch.unread.mentions === 0) expect(shown).toBeUndefined();
    else expect(shown).toEqual(ch.unread);
    if (state.me && ch.reads[state.me.id]) expect(ch.reads[state.me.id]?.unread_messages).toBe(ch.unread.messages);
  }
  expect(state.unread.totalMessages).toBeGreaterThanOrEqual(0);
  expect(state.unread.channels).toBeGreaterThanOrEqual(0);
}

describe('store invariants (fast-check)', () => {
  it('unique ids, sorted windows and non-negative, consistent unread after any sequence', () => {
    fc.assert(
      fc.property(arbCatalog(CIDS), arbCommands(CIDS), (catalog, cmds) => {
        const h = freshHarness();
        for (const cmd of cmds) {
          h.send(...toEvent(catalog, cmd));
          checkInvariants(h.store.getState());
        }
      }),
      RUNS,
    );
  });

  it('an event applied twice in a row equals it applied once (and keeps the reference)', () => {
    fc.assert(
      fc.property(arbCatalog(CIDS), arbCommands(CIDS), (catalog, cmds) => {
        const once = freshHarness();
        const twice = freshHarness();
        for (const cmd of cmds) {
          once.send(...toEvent(catalog, cmd));
          twice.send(...toEvent(catalog, cmd));
          const after = twice.store.getState();
          twice.send(...toEvent(catalog, cmd));
          expect(twice.store.getState()).toBe(after);
        }
        expect(twice.store.getState()).toEqual(once.store.getState());
      }),
      RUNS,
    );
  });

  it('a REST result repeating what the events said changes nothing', () => {
    fc.assert(
      fc.property(arbCatalog(CIDS), arbCommands(CIDS), (catalog, cmds) => {
        const h = freshHarness();
        run(h, catalog, cmds);
        const before = h.store.getState();
        h.dispatch({ type: 'channels/hydrated', channels: CIDS.map((cid) => restRepeat(h, catalog, cmds, cid)), messageLimit: 100 });
        expect(h.store.getState()).toEqual(before);
      }),
      RUNS,
    );
  });
});

/**
 * What the server would answer for `cid` after `cmds`: the messages the events delivered,
 * each at the newest version delivered, without hard-deleted ones (computed from the
 * commands, not from the store); channel data with last_message_at from the events; the
 * read states as the events left them.
 */
function restRepeat(h: StoreHarness, catalog: Catalog, cmds: readonly Cmd[], cid: string) {
  const version = new Map<string, number>();
  // Messages our own reaction event reached (PROTOCOL.md section 6: an event's own_reactions
  // mean nothing, the client adds its own reaction; a stale copy changes nothing). The REST
  // answer carries the caller's own_reactions.
  const ownReacted = new Set<string>();
  let lastMessageAt: number | undefined;
  for (const c of cmds) {
    if (c.cid !== cid) continue;
    const key = `${c.cid}/${c.index}`;
    if (c.kind === 'reaction' && c.by === 'me' && version.has(key) && c.version >= (version.get(key) ?? 0)) ownReacted.add(key);
    if (c.kind === 'deleted' && c.hard) ownReacted.delete(key);
    if (c.kind === 'new') {
      const entry = catalog[cid]?.[c.index];
      if (entry && !entry.parent && !version.has(key)) version.set(key, 0);
      if (entry && !entry.parent) lastMessageAt = Math.max(lastMessageAt ?? -Infinity, entry.at);
    } else if (c.kind === 'deleted' && c.hard) version.delete(key);
    else if (version.has(key) && c.kind !== 'read') version.set(key, Math.max(version.get(key) ?? 0, c.version));
  }
  const messages = [...version.entries()].map(([key, v]) => {
    const m = copyOf(catalog, cid, Number(key.split('/')[1]), v);
    return ownReacted.has(key) ? { ...m, own_reactions: [ownReaction(m.id)] } : m;
  }).sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  const ch = h.ch(cid);
  const res = channelState(cid, { members: ['me', 'bob', 'carol'], extra: lastMessageAt === undefined ? {} : { last_message_at: iso(lastMessageAt) } });
  return {
    ...res,
    messages,
    read: Object.values(ch.reads).map((r) => ({ ...r, last_read: r.last_read })),
  };
}


/** The own reaction as the REST answer lists it (the events' reaction, decoded). */
function ownReaction(messageId: string): ReactionResponse {
  const r = decodeModel('ReactionResponse', reaction(messageId, 'me'));
  if (!r.ok) throw r.error;
  return r.value;
}
