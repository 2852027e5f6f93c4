// What the store does with immer's drafts beside immer's own API: read them without
// drafting what is read (`peek`), and give them their copies the fast way
// (`prepareFastCopy`, below).
//
// Immer's get trap drafts every draftable value it hands out: reading `table.buckets[i]`
// copies the bucket array and wraps the bucket in a proxy, and reading a message from it
// does the same to the bucket and the message. On the per-event path reducers read far
// more than they write, so lookups cost as much as writes and all of it is finalized
// again. `peek` reads the draft's current value directly. It relies on immer's draft state
// (`Symbol.for('immer-state')`, fields `base_`/`copy_`); should a future immer lay that out
// differently, `peek` returns its argument and reads go through the proxy as before (slower,
// same result). Never mutate what `peek` returns.
import type { Immer } from 'immer';
import { isBareRecord, shallowCopy } from './records.ts';

/** The key of immer's state on a draft (shared with owned.ts's isDraft). */
export const DRAFT_STATE = Symbol.for('immer-state');

interface DraftInternals {
  base_: unknown;
  copy_: unknown;
}

/** The current value behind a draft (the draft's copy, else its base); non-drafts as they are. */
export function peek<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const s = (value as unknown as Record<symbol, DraftInternals | undefined>)[DRAFT_STATE];
  if (s === undefined || typeof s !== 'object' || !('base_' in s)) return value;
  return (s.copy_ ?? s.base_) as T;
}

/**
 * `parent[key]` to write to, without immer's get trap when the burst already drafted or
 * owns the child: the trap checks again whether the child is draftable (a prototype trap
 * on the child's proxy) before handing back the same child. A child not drafted yet, or a
 * parent that is no draft, goes through the plain property read (the trap drafts it).
 */
export function child<T extends object, K extends keyof T>(parent: T, key: K): T[K] {
  const s = (parent as unknown as Record<symbol, DraftInternals | undefined>)[DRAFT_STATE];
  const copy = s !== undefined && typeof s === 'object' ? (s.copy_ as T | null | undefined) : undefined;
  if (copy) {
    const v = copy[key] as unknown;
    // Extensible: a draft (a proxy over an open target) or a copy this burst made; every
    // finished object of the state is frozen whole (freeze.ts's isFrozenObject), and those
    // the trap must draft.
    if (typeof v === 'object' && v !== null && Object.isExtensible(v)) return v as T[K];
  }
  return parent[key];
}

interface CopyInternals extends DraftInternals {
  assigned_: unknown;
}

/**
 * Give a draft of an array or of a record without a prototype its copy now, made the fast
 * way, before immer makes it. Immer copies a draft's base the first time a child of it is
 * drafted, even for a read: an array by `slice`, which V8 runs on its slow path for a frozen
 * array (~7 us for the channels table's 64 buckets, against ~0.1 us for a spread), and a
 * record without a prototype by Object.assign into Object.create(null) (~9 us for a bucket
 * of 17 channels, against ~3 us key by key). Reading one channel of the table paid both on
 * every frame. The copy is the one immer would make (same values, same prototype), set the
 * way immer's prepareCopy sets it; fastCopyActive checks that on a draft of its own the
 * first time it is asked, and otherwise this does nothing and immer copies as before.
 */
export function prepareFastCopy(draft: unknown): void {
  if (fastCopyActive()) fastCopy(draft);
}

function fastCopy(draft: unknown): void {
  if (draft === null || typeof draft !== 'object') return;
  const s = (draft as Record<symbol, CopyInternals | undefined>)[DRAFT_STATE];
  if (s === undefined || s.copy_) return;
  const base = s.base_ as object;
  // Plain objects immer copies by spread already.
  if (!Array.isArray(base) && !isBareRecord(base)) return;
  s.copy_ = shallowCopy(base);
  s.assigned_ = new Map();
}

/** immer's class, as the store hands it over (see useFastCopyWith). */
type ImmerClass = new (config: { autoFreeze?: boolean }) => Immer;

/** Whether a draft given its copy by prepareFastCopy reads, writes and finishes as immer's own. */
function fastCopyWorks(ImmerClass: ImmerClass): boolean {
  try {
    const immer = new ImmerClass({ autoFreeze: true });
    const record = Object.freeze(Object.assign(Object.create(null) as Record<string, { n: number }>, { a: Object.freeze({ n: 1 }), b: Object.freeze({ n: 2 }) }));
    const base = Object.freeze({ list: Object.freeze([record, Object.freeze({ n: 3 })]) });
    const draft = immer.createDraft(base);
    const s = (draft as unknown as Record<symbol, Partial<CopyInternals> | undefined>)[DRAFT_STATE];
    if (typeof s !== 'object' || s === null || s.base_ !== base || !('copy_' in s) || !('assigned_' in s)) return false;
    const list = draft.list as unknown as Array<Record<string, { n: number }>>;
    fastCopy(list);
    const inner = list[0] as Record<string, { n: number }>;
    fastCopy(inner);
    // The copies are the ones given, not immer's own.
    const listState = (list as unknown as Record<symbol, Partial<CopyInternals>>)[DRAFT_STATE];
    if (!Array.isArray(listState?.copy_) || !(listState.assigned_ instanceof Map)) return false;
    (inner['a'] as { n: number }).n = 10;
    const done = immer.finishDraft(draft) as typeof base;
    const out = done.list[0] as Record<string, { n: number }>;
    return (
      out !== record && Object.getPrototypeOf(out) === null && out['a']?.n === 10 && out['b'] === record['b'] &&
      done.list[1] === base.list[1] && record['a']?.n === 1 && Object.isFrozen(out)
    );
  } catch {
    return false;
  }
}

// The store hands immer's class over when it is created, and the check runs on first use.
// This module imports nothing of immer's: the React and Vue entries read state through
// tableGet, which reaches prepareFastCopy, and an import here put all of immer in them
// (2.4 -> 6.3 kB gzip for each entry bundled alone). Without a store there are no drafts
// to copy, and prepareFastCopy does nothing.
let immerClass: ImmerClass | undefined;
let fastCopyWorksHere: boolean | undefined;

/** Called by createStore with immer's class, which the self-check drafts with. */
export function useFastCopyWith(cls: ImmerClass): void {
  if (immerClass === cls) return;
  immerClass = cls;
  fastCopyWorksHere = undefined;
}

/** Whether prepareFastCopy is in use with the installed immer (a test holds it to true). */
export function fastCopyActive(): boolean {
  if (!immerClass) return false;
  return (fastCopyWorksHere ??= fastCopyWorks(immerClass));
}
