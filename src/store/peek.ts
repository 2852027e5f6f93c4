// Read-only access to immer drafts without drafting what is read.
//
// Immer's get trap drafts every draftable value it hands out: reading `table.buckets[i]`
// copies the bucket array and wraps the bucket in a proxy, and reading a message from it
// does the same to the bucket and the message. On the per-event path reducers read far
// more than they write, so lookups cost as much as writes and all of it is finalized
// again. `peek` reads the draft's current value directly. It relies on immer's draft state
// (`Symbol.for('immer-state')`, fields `base_`/`copy_`); should a future immer lay that out
// differently, `peek` returns its argument and reads go through the proxy as before (slower,
// same result). Never mutate what `peek` returns.

const DRAFT_STATE = Symbol.for('immer-state');

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
