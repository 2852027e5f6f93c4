// thread.update (UpdateThreadPartial): a thread's title and custom fields. Applied locally
// at once (thread$ shows it), sent, then the server's thread replaces it; a failure takes
// the local change back exactly (src/store/threadPatch.ts) and rejects with the ChatError.
import type { ThreadData } from '../store/state.ts';
import type { ThreadPatch } from '../store/threadPatch.ts';
import { toThreadData } from '../store/threads.ts';
import { tableGet } from '../store/table.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import { toChatError, type ClientContext } from './clientContext.ts';

export interface ThreadUpdateInput {
  title?: string;
  /** Custom fields to set (merged into the thread's custom data). */
  custom?: Record<string, unknown>;
  /** Custom fields (or `title`) to remove. */
  unset?: string[];
}

/** Fields a thread update may not touch (the service refuses them too). */
const FIXED = new Set(['parent_message_id', 'channel_cid', 'created_by_user_id', 'created_at', 'updated_at', 'reply_count', 'custom', '__proto__']);

function badInput(message: string): ChatError {
  return new ChatError({ message: `UpdateThreadPartial: ${message}`, code: ChatErrorCode.InputError, status: 0, endpoint: 'UpdateThreadPartial', retryable: false });
}

function toPatch(input: ThreadUpdateInput): ThreadPatch {
  if (typeof input !== 'object' || input === null) throw badInput('the update must be an object { title?, custom?, unset? }');
  const set: Record<string, unknown> = {};
  if (input.title !== undefined) {
    if (typeof input.title !== 'string') throw badInput(`title must be a string, got ${typeof input.title}`);
    set['title'] = input.title;
  }
  if (input.custom !== undefined) {
    if (typeof input.custom !== 'object' || input.custom === null || Array.isArray(input.custom)) throw badInput('custom must be an object');
    for (const [k, v] of Object.entries(input.custom)) {
      if (FIXED.has(k) || k === 'title') throw badInput(`"${k}" is not a custom field`);
      set[k] = v;
    }
  }
  const unset = input.unset ?? [];
  if (!Array.isArray(unset) || unset.some((k) => typeof k !== 'string' || FIXED.has(k))) throw badInput('unset must list custom field names (or "title")');
  if (Object.keys(set).length === 0 && unset.length === 0) throw badInput('nothing to update: give title, custom or unset');
  return { set, unset };
}

/** Update a thread; resolves with its data as held after the server's answer. */
export async function updateThread(ctx: ClientContext, parentId: string, input: ThreadUpdateInput): Promise<ThreadData> {
  let patch: ThreadPatch;
  try {
    patch = toPatch(input);
  } catch (e) {
    throw ctx.report(e, 'UpdateThreadPartial');
  }
  const before = tableGet(ctx.store.getState().threads, parentId)?.data ?? null;
  let patched: ThreadData | null = null;
  if (before) {
    ctx.store.dispatch({ type: 'thread/patched', parentId, patch });
    patched = tableGet(ctx.store.getState().threads, parentId)?.data ?? null;
  }
  try {
    const body: { set?: Record<string, unknown>; unset?: string[] } = {};
    if (Object.keys(patch.set).length > 0) body.set = { ...patch.set };
    if (patch.unset.length > 0) body.unset = [...patch.unset];
    const res = await ctx.api('UpdateThreadPartial').updateThreadPartial(parentId, body);
    ctx.store.dispatch({ type: 'thread/updated', thread: res.thread });
    return tableGet(ctx.store.getState().threads, parentId)?.data ?? toThreadData(res.thread);
  } catch (e) {
    if (before && patched) ctx.store.dispatch({ type: 'thread/unpatched', parentId, before, patched });
    throw ctx.report(toChatError(e, 'UpdateThreadPartial'), 'UpdateThreadPartial');
  }
}
