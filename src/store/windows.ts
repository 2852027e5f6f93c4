// Pages of messages into windows. A channel holds non-overlapping windows ordered oldest
// first; the last is the latest window (it may be empty). Flags come from the page sizes
// the server returned: a page shorter than the limit asked for ends the history that way.
import type { MessageResponse } from '../models/generated/types.ts';
import type { ChannelEntry, MessageWindow } from './state.ts';
import { emptyWindow } from './state.ts';
import { capWindow, isHardDeleted, latestWindowIndex, removeMessage, showsInChannel, storeMessage, toLocal, windowOf } from './messages.ts';
import { emptyIds, idsAfter, idsFirst, idsInsert, idsNewestFirst, idsRemove, idsToArray } from './sortedIds.ts';
import { tableGet } from './table.ts';

export type PageDirection = 'older' | 'newer' | 'latest';

/**
 * The time span of a window's confirmed messages. Local ones (sending, failed) are left out:
 * a send shows after everything held, so counting it would make a page that does not
 * reach the held messages look as if it did, and join them over a hole (PROTOCOL.md
 * section 7: windows are contiguous only where server pages prove it). Local messages sit
 * at the ends of a window, so the walk from each end stops at the first confirmed one.
 */
function range(ch: ChannelEntry, w: MessageWindow): [number, number] | undefined {
  const first = idsFirst(w.ids);
  if (!first) return undefined;
  const confirmed = (id: string): boolean => tableGet(ch.messages, id)?.status === 'received';
  let a: number | undefined = confirmed(first.id) ? first.at : undefined;
  if (a === undefined) {
    for (const id of idsAfter(w.ids, first.id, first.at)) {
      const m = tableGet(ch.messages, id);
      if (m?.status === 'received') {
        a = m.created_at;
        break;
      }
    }
    if (a === undefined) return undefined;
  }
  let b: number | undefined;
  for (const p of idsNewestFirst(w.ids)) {
    if (confirmed(p.id)) {
      b = p.at;
      break;
    }
  }
  return b === undefined ? undefined : [a, b];
}

/** Move every id of window `from` into window `into` (same channel). */
function absorb(ch: ChannelEntry, into: MessageWindow, from: MessageWindow): void {
  for (const id of idsToArray(from.ids)) {
    const m = tableGet(ch.messages, id);
    if (m) idsInsert(into.ids, id, m.created_at);
  }
}

/**
 * Merge windows whose time ranges overlap, keeping the order and the flags of the outer
 * edges. `keep` is the index of a window that must survive (it becomes current if asked).
 */
export function mergeOverlaps(ch: ChannelEntry, keep: number): number {
  const windows = ch.windows as MessageWindow[];
  let k = keep;
  for (let i = 0; i < windows.length; i++) {
    for (let j = i + 1; j < windows.length; j++) {
      const a = windows[i] as MessageWindow;
      const b = windows[j] as MessageWindow;
      const ra = range(ch, a);
      const rb = range(ch, b);
      const touching = ra && rb && ra[0] <= rb[1] && rb[0] <= ra[1];
      // A window that reached the present and the (maybe empty) latest window are one.
      const joinsLatest = b.isLatest && !a.hasNewer && !a.isLatest;
      if (!touching && !joinsLatest) continue;
      const aOlder = ra && rb ? ra[0] <= rb[0] : !!ra;
      const aNewer = ra && rb ? ra[1] >= rb[1] : !!ra;
      absorb(ch, a, b);
      a.hasOlder = aOlder ? a.hasOlder : b.hasOlder;
      a.hasNewer = a.isLatest || b.isLatest ? false : aNewer ? a.hasNewer : b.hasNewer;
      a.isLatest = a.isLatest || b.isLatest;
      windows.splice(j, 1);
      if (ch.current === j) ch.current = i;
      else if (ch.current > j) ch.current -= 1;
      if (k === j) k = i;
      else if (k > j) k -= 1;
      j = i; // re-check i against everything after it
    }
  }
  const kept = windows[k];
  const current = windows[ch.current];
  // Oldest first; the latest window (possibly empty) last.
  windows.sort((x, y) => (x.isLatest ? 1 : 0) - (y.isLatest ? 1 : 0) || (range(ch, x)?.[0] ?? Infinity) - (range(ch, y)?.[0] ?? Infinity));
  ch.current = Math.max(0, windows.indexOf(current as MessageWindow));
  return Math.max(0, windows.indexOf(kept as MessageWindow));
}

/** Store a page's messages and place them in window `w` (held ones stay where they are). */
export function putPage(ch: ChannelEntry, w: MessageWindow, messages: readonly MessageResponse[]): void {
  for (const raw of messages) {
    // Read before a hard delete that the store has seen since.
    if (isHardDeleted(ch, raw.id)) continue;
    const m = toLocal(raw, 'received', ch);
    if (!showsInChannel(m)) {
      storeMessage(ch, m);
      continue;
    }
    const held = tableGet(ch.messages, m.id);
    // An answer read before a change that an event has brought since (a reaction, an edit:
    // both move updated_at) must not take the change back; found by the soak under load.
    if (held && held.status === 'received' && held.created_at === m.created_at && m.updated_at < held.updated_at) {
      idsInsert(w.ids, held.id, held.created_at);
      continue;
    }
    // A held message stays where it is: the shared id makes the two windows overlap, and
    // mergeOverlaps joins them. Moving it would hide the overlap and leave two windows
    // that are in fact one. Only a changed created_at (a new position) moves it.
    if (held && held.created_at !== m.created_at) {
      const wi = windowOf(ch, held.id, held.created_at);
      if (wi >= 0) idsRemove((ch.windows[wi] as MessageWindow).ids, held.id, held.created_at);
    }
    storeMessage(ch, m);
    idsInsert(w.ids, m.id, m.created_at);
  }
}

/**
 * The newest `limit` messages of the channel (watch, query, recovery). They become the
 * latest window. Held messages that still connect to them stay; a held latest window that
 * does not connect (more arrived than the page holds) is kept as an older window; a held
 * message inside the page's time span that the page lacks was deleted on the server, unless
 * it is still pending locally.
 */
export function applyLatestPage(ch: ChannelEntry, messages: readonly MessageResponse[], limit: number, cap: number): void {
  const windows = ch.windows as MessageWindow[];
  const latest = windows[latestWindowIndex(ch)] as MessageWindow;
  const held = range(ch, latest);
  // A view on the latest window keeps following it (PROTOCOL.md section 7), also when the
  // page does not reach what was held and starts a new latest window.
  const followed = ch.current === latestWindowIndex(ch);
  let pageOldest: { id: string; at: number } | undefined;
  let pageNewest: { id: string; at: number } | undefined;
  for (const m of messages) {
    if (!showsInChannel(m)) continue;
    if (!pageOldest || m.created_at < pageOldest.at || (m.created_at === pageOldest.at && m.id < pageOldest.id)) pageOldest = { id: m.id, at: m.created_at };
    if (!pageNewest || m.created_at > pageNewest.at || (m.created_at === pageNewest.at && m.id > pageNewest.id)) pageNewest = { id: m.id, at: m.created_at };
  }
  if (held && pageOldest && pageOldest.at > held[1]) {
    latest.isLatest = false;
    latest.hasNewer = true;
    windows.push(emptyWindow(true));
  }
  const target = windows[latestWindowIndex(ch)] as MessageWindow;
  if (pageOldest && pageNewest && target === latest) {
    // Only within the page's span: a held message newer than the page's newest may have
    // been created after the server answered (sent while the request was in flight, or
    // delivered by an event meanwhile); a stale answer must not take it away. Deleting a
    // newer message is the message.deleted event's job.
    const inPage = new Set(messages.map((m) => m.id));
    const newest = pageNewest;
    for (const id of idsAfter(target.ids, pageOldest.id, pageOldest.at)) {
      const m = tableGet(ch.messages, id);
      // Not a break: the order of held ids may differ from created_at for sends still out
      // (they are kept after every received message), so look at each one.
      if (!m || m.created_at > newest.at || (m.created_at === newest.at && m.id > newest.id)) continue;
      if (m.status === 'received' && !inPage.has(id)) removeMessage(ch, id);
    }
  }
  putPage(ch, target, messages);
  if (messages.length < limit) target.hasOlder = false;
  else if (target !== latest || !held) target.hasOlder = true;
  target.hasNewer = false;
  mergeOverlaps(ch, latestWindowIndex(ch));
  if (followed) ch.current = latestWindowIndex(ch);
  capWindow(ch, latestWindowIndex(ch), cap, true);
}

/** A page older than window `index`'s oldest message. */
export function applyOlderPage(ch: ChannelEntry, index: number, messages: readonly MessageResponse[], limit: number, cap: number): void {
  const w = ch.windows[index];
  if (!w) return;
  putPage(ch, w, messages);
  w.hasOlder = messages.length >= limit;
  const k = mergeOverlaps(ch, index);
  capWindow(ch, k, cap, false);
}

/** A page newer than window `index`'s newest message. */
export function applyNewerPage(ch: ChannelEntry, index: number, messages: readonly MessageResponse[], limit: number, cap: number): void {
  const w = ch.windows[index];
  if (!w) return;
  putPage(ch, w, messages);
  w.hasNewer = messages.length >= limit;
  const k = mergeOverlaps(ch, index);
  capWindow(ch, k, cap, true);
}

/**
 * A jump: `older` holds the target and what precedes it (asked with id_lte, `olderLimit`),
 * `newer` what follows (id_gt, `newerLimit`). The result is the current window.
 */
export function applyAroundPages(
  ch: ChannelEntry,
  older: readonly MessageResponse[],
  olderLimit: number,
  newer: readonly MessageResponse[],
  newerLimit: number,
  cap: number,
): void {
  const windows = ch.windows as MessageWindow[];
  const w: MessageWindow = { ids: emptyIds(), hasOlder: older.length >= olderLimit, hasNewer: newer.length >= newerLimit, isLatest: false };
  windows.push(w);
  let index = windows.length - 1;
  putPage(ch, windows[index] as MessageWindow, [...older, ...newer]);
  ch.current = index;
  index = mergeOverlaps(ch, index);
  ch.current = index;
  capWindow(ch, index, cap, false);
}

/** Make the latest window the current one (jumpToLatest when it is held). */
export function viewLatest(ch: ChannelEntry): void {
  ch.current = latestWindowIndex(ch);
}
