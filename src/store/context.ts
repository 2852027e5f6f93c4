// What a reducer gets besides the draft and the action. Reducers stay pure: the clock is
// a value read once per dispatch, and `touched` only collects which channels changed so the
// store can wake exactly their subscribers.
import type { ChannelEntry, ChatState } from './state.ts';
import { newChannelEntry, parseCid } from './state.ts';
import { draftTableSet, tableGet } from './table.ts';
import { track } from './owned.ts';
import { child } from './peek.ts';

export interface ReducerContext {
  /** Epoch ms of this dispatch (the injected scheduler's clock). */
  readonly now: number;
  /** Most messages one window holds before it is trimmed (0 = no cap). */
  readonly windowCap: number;
  /** Cids of channels this dispatch changed. */
  readonly touched: Set<string>;
  /**
   * The channel drafts this burst has handed out, by cid (kept by the store for one burst,
   * emptied whenever its draft is finished or rebuilt). A cached lookup, nothing more: an
   * event finds its channel here instead of walking table, bucket array and bucket through
   * immer's traps each time (the largest single part of a read event in a burst). Only
   * `state/reset` replaces held entries, and it empties this; ensureChannel adds entries
   * only for cids not held, which were never cached.
   */
  readonly drafts?: Map<string, ChannelEntry>;
}

/** The drafted channel for a cid, marked as touched; undefined when not held. */
export function channelDraft(state: ChatState, ctx: ReducerContext, cid: string): ChannelEntry | undefined {
  let ch = ctx.drafts?.get(cid);
  if (ch === undefined) {
    ch = tableGet(child(state, 'channels'), cid);
    if (ch === undefined) return undefined;
    ctx.drafts?.set(cid, ch);
  }
  ctx.touched.add(cid);
  return ch;
}

/** The drafted channel for a cid, created empty when not held yet. */
export function ensureChannel(state: ChatState, ctx: ReducerContext, cid: string): ChannelEntry | undefined {
  const held = channelDraft(state, ctx, cid);
  if (held) return held;
  const parts = parseCid(cid);
  if (!parts) return undefined;
  // Listed for sealOwned: the store freezes the new entry with its contents at the end of
  // the burst, in one tight walk, instead of immer walking it twice.
  draftTableSet(state.channels, cid, track(newChannelEntry(parts.type, parts.id)));
  ctx.touched.add(cid);
  return tableGet(state.channels, cid);
}
