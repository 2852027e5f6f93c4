// thread.update (UpdateThreadPartial): the title and custom fields of a thread, applied
// locally at once and taken back exactly if the request fails (PROTOCOL.md section 8).
// The rollback puts back the data held before only while the held data is still the one
// this change made: if the server's copy (the answer, a thread.updated event) replaced it
// meanwhile, that copy is newer than both and stays.
import type { ThreadResponse } from '../models/generated/types.ts';
import type { ChatState, ThreadData } from './state.ts';
import type { ReducerContext } from './context.ts';
import { deepEqual } from './deepEqual.ts';
import { setThreadData, threadOf } from './threads.ts';
import { tableGet } from './table.ts';

export interface ThreadPatch {
  set: Readonly<Record<string, unknown>>;
  unset: readonly string[];
}

export type ThreadPatchAction =
  /** The local change of an update (optimistic). */
  | { type: 'thread/patched'; parentId: string; patch: ThreadPatch }
  /** Take a failed update back: `before` returns if the data is still `patched`. */
  | { type: 'thread/unpatched'; parentId: string; before: ThreadData; patched: ThreadData }
  /** The server's thread from an update's answer: replaces the held thread's data. */
  | { type: 'thread/updated'; thread: ThreadResponse };

/** The thread data with the patch applied, as the service applies it (title apart, the rest custom). */
export function patchedThreadData(data: ThreadData, patch: ThreadPatch): ThreadData {
  const custom: Record<string, unknown> = { ...data.custom };
  let title = data.title;
  for (const [k, v] of Object.entries(patch.set)) {
    if (k === 'title') title = v as string;
    else if (k === 'custom' && v !== null && typeof v === 'object') Object.assign(custom, v);
    else if (k !== '__proto__') custom[k] = v;
  }
  for (const k of patch.unset) {
    if (k === 'title') title = '';
    else delete custom[k];
  }
  return { ...data, title, custom };
}

export function reduceThreadPatch(state: ChatState, ctx: ReducerContext, action: ThreadPatchAction): void {
  if (action.type === 'thread/updated') {
    // Only a thread the store holds: an answer about another thread adds nothing.
    if (tableGet(state.threads, action.thread.parent_message_id)) setThreadData(state, ctx, action.thread);
    return;
  }
  const thread = threadOf(state, action.parentId);
  if (!thread?.data) return;
  if (action.type === 'thread/patched') {
    const next = patchedThreadData(thread.data, action.patch);
    if (!deepEqual(thread.data, next)) thread.data = next;
    return;
  }
  if (deepEqual(thread.data, action.patched) && !deepEqual(thread.data, action.before)) thread.data = action.before;
}
