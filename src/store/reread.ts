// Re-reading held history after a gap (PROTOCOL.md section 7: every message the store holds
// after recovery was read from the server after the gap). The recovery query brings the
// newest page of each channel; what the client held beyond it is re-read page by page
// (connection/recovery.ts) and each page replaces the held copies of its span, or it is
// dropped, to be loaded again when viewed.
import type { MessageResponse } from '../models/generated/types.ts';
import type { ChannelEntry, LocalMessage, MessageWindow } from './state.ts';
import { capWindow, latestWindowIndex, showsInChannel } from './messages.ts';
import { idsInsert, idsRemove, idsToArray, type IdPosition } from './sortedIds.ts';
import { tableDelete, tableGet } from './table.ts';
import { mergeOverlaps, putPage } from './windows.ts';
import { removeMessage } from './messages.ts';

/** Which window a re-read page belongs to: the latest one, or the one being viewed (scrolled back). */
export type RereadTarget = 'latest' | 'current';

function isBefore(a: IdPosition, b: IdPosition): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/**
 * One page of a re-read: the server's messages `direction` of `bound` (older: strictly
 * before it, newer: strictly after it; null: from the end of the history), at most
 * `limit`. The page is the whole truth for its span, from the bound to its last message
 * (to the end of the history when it is short): a confirmed message held in that span
 * that the page lacks was deleted on the server.
 */
export function applyRereadPage(
  ch: ChannelEntry,
  target: RereadTarget,
  direction: 'older' | 'newer',
  bound: IdPosition | null,
  messages: readonly MessageResponse[],
  limit: number,
  cap: number,
): void {
  const index = target === 'latest' ? latestWindowIndex(ch) : ch.current;
  const w = ch.windows[index] as MessageWindow | undefined;
  if (!w) return;
  const short = messages.length < limit;
  let far: IdPosition | null = null;
  for (const m of messages) {
    if (!showsInChannel(m)) continue;
    const p = { id: m.id, at: m.created_at };
    if (!far || (direction === 'older' ? isBefore(p, far) : isBefore(far, p))) far = p;
  }
  putPage(ch, w, messages);
  if (short && direction === 'older') w.hasOlder = false;
  // A forward re-read that reached the present joins the latest window (mergeOverlaps).
  if (short && direction === 'newer' && !w.isLatest) w.hasNewer = false;
  const k = mergeOverlaps(ch, index);
  const inPage = new Set(messages.map((m) => m.id));
  const inSpan = (p: IdPosition): boolean => {
    if (direction === 'older') return (bound === null || isBefore(p, bound)) && (short || far === null || !isBefore(p, far));
    return (bound === null || isBefore(bound, p)) && (short || far === null || !isBefore(far, p));
  };
  for (const id of idsToArray((ch.windows[k] as MessageWindow).ids)) {
    const m = tableGet(ch.messages, id);
    if (!m || m.status !== 'received' || inPage.has(id)) continue;
    if (inSpan({ id, at: m.created_at })) removeMessage(ch, id);
  }
  capWindow(ch, k, cap, target === 'latest');
}

/** Take a confirmed message out of its window and forget it, unless a pin or a thread refers to it (capWindow's rule). */
function dropFromWindow(ch: ChannelEntry, w: MessageWindow, m: LocalMessage): void {
  idsRemove(w.ids, m.id, m.created_at);
  if (!m.pinned && !(m.reply_count > 0)) tableDelete(ch.messages, m.id);
}

/** The span of the viewed window that was re-read: from `from` (inclusive) to `to` (inclusive; null: its end). */
export interface RereadSpan {
  from: IdPosition;
  to: IdPosition | null;
}

function inSpan(p: IdPosition, span: RereadSpan): boolean {
  return !isBefore(p, span.from) && (span.to === null || !isBefore(span.to, p));
}

/**
 * The end of a recovery: drop what was not re-read. The latest window keeps what is not
 * older than `latestFrom` (null: it was re-read to its start); a view scrolled back keeps
 * its re-read `current` span; every other window goes. Local messages (sending, failed) are
 * never dropped: those of a dropped window move to the latest one.
 */
export function applyRecovered(ch: ChannelEntry, latestFrom: IdPosition | null, current: RereadSpan | null): void {
  const windows = ch.windows as MessageWindow[];
  const latest = windows[latestWindowIndex(ch)] as MessageWindow;
  const viewed = current && windows[ch.current] !== latest ? (windows[ch.current] as MessageWindow) : undefined;
  if (latestFrom) {
    let dropped = false;
    for (const id of idsToArray(latest.ids)) {
      const m = tableGet(ch.messages, id);
      if (!m || m.status !== 'received' || !isBefore({ id, at: m.created_at }, latestFrom)) continue;
      // The viewed window's re-read may have joined the latest window: what it read stays.
      if (current && inSpan({ id, at: m.created_at }, current)) continue;
      dropFromWindow(ch, latest, m);
      dropped = true;
    }
    if (dropped) latest.hasOlder = true;
  }
  if (viewed && current) {
    for (const id of idsToArray(viewed.ids)) {
      const m = tableGet(ch.messages, id);
      if (!m || m.status !== 'received') continue;
      const p = { id, at: m.created_at };
      if (isBefore(p, current.from)) {
        dropFromWindow(ch, viewed, m);
        viewed.hasOlder = true;
      } else if (current.to && isBefore(current.to, p)) {
        dropFromWindow(ch, viewed, m);
        viewed.hasNewer = true;
      }
    }
  }
  for (const w of windows) {
    if (w === latest || w === viewed) continue;
    for (const id of idsToArray(w.ids)) {
      const m = tableGet(ch.messages, id);
      if (!m) continue;
      if (m.status === 'received') dropFromWindow(ch, w, m);
      else {
        idsRemove(w.ids, id, m.created_at);
        idsInsert(latest.ids, id, m.created_at);
      }
    }
  }
  const kept = windows.filter((w) => w === latest || w === viewed || w.ids.size > 0);
  if (kept.length !== windows.length) {
    const view = viewed ?? latest;
    ch.windows = kept;
    ch.current = Math.max(0, kept.indexOf(view));
  }
}
