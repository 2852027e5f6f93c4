// Drafts: the own draft of a channel (`channel.draft$`) or thread (`thread.draft$`), saved
// and deleted optimistically (PROTOCOL.md section 8), and `client.queryDrafts` for every
// draft of the user. Writes on one draft go out one after another, so the server stores
// them in the order the user made them and the last one wins on both sides.
import type { Observable, Subscription } from 'rxjs';
import { decodeModel } from '../models/decode.ts';
import type { Attachment, GetDraftResponse } from '../models/generated/types.ts';
import type { ChatState } from '../store/state.ts';
import { draftKey, type Draft, type DraftMessage } from '../store/personalState.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import type { HttpClient } from '../transport/http.ts';
import { toStoredError, type ClientContext } from './clientContext.ts';
import { createKeyedList, type KeyedListHandle } from './keyedList.ts';

/** What saveDraft takes: the message being written. */
export interface DraftInput {
  text: string;
  parent_id?: string;
  quoted_message_id?: string;
  attachments?: Attachment[];
  [custom: string]: unknown;
}

/** What a draft editor saves (the thread, if any, is the editor's). */
export interface DraftEditInput {
  text: string;
  quoted_message_id?: string;
  attachments?: Attachment[];
  [custom: string]: unknown;
}

export interface ChannelDrafts {
  /** The own draft of the channel, or null. */
  readonly draft$: Observable<Draft | null>;
  /** Save the draft of the channel, or of a thread (`parent_id`); shown at once. Resolves with the draft as the server stored it. */
  saveDraft(input: DraftInput): Promise<Draft>;
  /** Delete the draft of the channel, or of the thread `parentId`; gone at once. */
  deleteDraft(parentId?: string): Promise<void>;
}

export interface DraftList extends KeyedListHandle {
  /** The drafts, newest first. */
  readonly drafts$: Observable<readonly Draft[]>;
}

/** A draft being written: the draft held, and saves debounced on the client's scheduler. */
export interface DraftEditor {
  readonly draft$: Observable<Draft | null>;
  /**
   * Save after `debounceMs` without another call (the last input wins); an input without
   * text or attachments deletes the draft instead. Failures go to client.errors$.
   */
  save(input: DraftEditInput): void;
  /** Run a save still waiting now; resolves when it is settled. */
  flush(): Promise<void>;
  /** Drop a save still waiting (e.g. the message was sent). */
  cancel(): void;
  /** cancel(), for good. */
  dispose(): void;
}

export interface DraftEditorOptions {
  /** Quiet time before a save goes out (default 1,000 ms, on the client's scheduler). */
  debounceMs?: number;
}

export interface DraftsApi {
  /**
   * The draft of a channel (or of the thread `parentId`) with debounced saves: what
   * useDraft is made of.
   * @example
   * const editor = client.draftEditor('messaging:general');
   * input.oninput = () => editor.save({ text: input.value });
   */
  draftEditor(cid: string, parentId?: string, options?: DraftEditorOptions): DraftEditor;
  /**
   * Every own draft (QueryDrafts), paged, loading on first subscribe and live from draft.*
   * events and local saves.
   * @example
   * const list = client.queryDrafts({ channel_cid: { $eq: 'messaging:general' } });
   * list.drafts$.subscribe((drafts) => render(drafts));
   */
  queryDrafts(filter?: Record<string, unknown>, options?: { limit?: number }): DraftList;
}

/** Longest draft text the service takes (its default max_message_length). */
export const MAX_DRAFT_LENGTH = 5000;

function bad(endpoint: string, message: string): ChatError {
  return new ChatError({ message: `${endpoint}: ${message}`, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

function checkInput(input: unknown): asserts input is DraftInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw bad('CreateDraft', 'the draft must be an object with a text');
  const d = input as Record<string, unknown>;
  if (typeof d['text'] !== 'string') throw bad('CreateDraft', '"text" must be a string');
  if (d['text'].length > MAX_DRAFT_LENGTH) throw bad('CreateDraft', `"text" is longer than ${MAX_DRAFT_LENGTH} characters`);
  for (const key of ['parent_id', 'quoted_message_id', 'id'] as const) {
    if (d[key] !== undefined && (typeof d[key] !== 'string' || d[key] === '')) throw bad('CreateDraft', `"${key}" must be a non-empty string`);
  }
  if (d['attachments'] !== undefined && (!Array.isArray(d['attachments']) || !d['attachments'].every((a) => typeof a === 'object' && a !== null && !Array.isArray(a)))) {
    throw bad('CreateDraft', '"attachments" must be an array of objects');
  }
}

let writeSeq = 0;

/** One queue per draft: each write starts when the one before it settled. */
const chains = new WeakMap<ClientContext, Map<string, Promise<unknown>>>();

function enqueue<T>(ctx: ClientContext, key: string, run: () => Promise<T>): Promise<T> {
  let byKey = chains.get(ctx);
  if (!byKey) chains.set(ctx, (byKey = new Map()));
  const before = byKey.get(key) ?? Promise.resolve();
  const p = before.then(run, run);
  const tail = p.catch(() => undefined);
  byKey.set(key, tail);
  void tail.then(() => {
    if (byKey.get(key) === tail) byKey.delete(key);
  });
  return p;
}

/** The draft$ of one key: its value, the same reference while unchanged. */
export function draftOf$(ctx: ClientContext, key: (s: ChatState) => string | undefined): Observable<Draft | null> {
  return ctx.store.select((s) => {
    const k = key(s);
    return (k !== undefined ? s.drafts.byKey[k] : undefined) ?? null;
  });
}

/** The draft operations of a channel (channel.draft$, saveDraft, deleteDraft). */
export function createChannelDrafts(ctx: ClientContext, type: string, id: string): ChannelDrafts {
  const cid = `${type}:${id}`;
  const path = `/api/v2/chat/channels/${encodeURIComponent(type)}/${encodeURIComponent(id)}/draft`;

  function http(endpoint: string): HttpClient {
    if (!ctx.http) throw bad(endpoint, 'this client cannot reach the draft endpoints');
    return ctx.http(endpoint);
  }

  return {
    draft$: draftOf$(ctx, () => cid),

    async saveDraft(input) {
      try {
        checkInput(input);
      } catch (e) {
        throw ctx.report(e, 'CreateDraft');
      }
      const meId = ctx.meId();
      if (!meId) throw ctx.report(bad('CreateDraft', 'no user is connected: call connectUser() first'), 'CreateDraft');
      const api = http('CreateDraft');
      const key = draftKey(cid, input.parent_id);
      const held = ctx.store.getState().drafts.byKey[key];
      // The service keeps one draft per channel and thread; its message id stays the same
      // across saves (the official composer does the same).
      const message: DraftMessage = { ...input, id: (input['id'] as string | undefined) ?? held?.message.id ?? `${meId}-draft-${globalThis.crypto.randomUUID()}` };
      const local: Draft = { channel_cid: cid, created_at: ctx.scheduler.now(), message };
      if (input.parent_id) local.parent_id = input.parent_id;
      if (held?.quoted_message && held.quoted_message.id === input.quoted_message_id) local.quoted_message = held.quoted_message;
      if (held?.parent_message) local.parent_message = held.parent_message;
      const opId = `draft:${++writeSeq}`;
      ctx.store.dispatch({ type: 'draft/writing', opId, key, draft: local });
      return enqueue(ctx, key, async () => {
        try {
          const res = await api.request<GetDraftResponse>({
            endpoint: 'CreateDraft',
            method: 'POST',
            path,
            body: { message },
            // A save with the same content twice stores the same draft: safe to repeat.
            idempotent: true,
            decode: (json) => decodeModel('GetDraftResponse', json, { freeze: true, inPlace: true }),
          });
          ctx.store.dispatch({ type: 'draft/written', opId, key, draft: res.draft });
          return ctx.store.getState().drafts.byKey[key] ?? local;
        } catch (e) {
          const error = ctx.report(e, 'CreateDraft');
          ctx.store.dispatch({ type: 'draft/writeFailed', opId, key });
          throw error;
        }
      });
    },

    async deleteDraft(parentId) {
      if (parentId !== undefined && (typeof parentId !== 'string' || parentId === '')) throw ctx.report(bad('DeleteDraft', '"parentId" must be a non-empty string'), 'DeleteDraft');
      let api;
      try {
        api = ctx.api('DeleteDraft');
      } catch (e) {
        throw ctx.report(e, 'DeleteDraft');
      }
      const key = draftKey(cid, parentId);
      const opId = `draft:${++writeSeq}`;
      ctx.store.dispatch({ type: 'draft/writing', opId, key, draft: null });
      return enqueue(ctx, key, async () => {
        try {
          await api.deleteDraft(type, id, parentId ? { parent_id: parentId } : {});
          ctx.store.dispatch({ type: 'draft/written', opId, key, draft: null });
        } catch (e) {
          // Nothing to delete on the server: the outcome the call wanted.
          if (e instanceof ChatError && e.code === ChatErrorCode.DoesNotExist) {
            ctx.store.dispatch({ type: 'draft/written', opId, key, draft: null });
            return;
          }
          const error = ctx.report(e, 'DeleteDraft');
          ctx.store.dispatch({ type: 'draft/writeFailed', opId, key });
          throw error;
        }
      });
    },
  };
}

/** Whether a held draft already says what `input` says beyond its text. */
function sameExtras(held: DraftMessage, input: DraftEditInput): boolean {
  return (held.quoted_message_id ?? undefined) === (input.quoted_message_id ?? undefined) && JSON.stringify(held.attachments ?? []) === JSON.stringify(input.attachments ?? []);
}

function byNewest(a: Draft, b: Draft): number {
  return b.created_at - a.created_at;
}

function isEmpty(input: DraftEditInput): boolean {
  return input.text.trim() === '' && (input.attachments?.length ?? 0) === 0;
}

/** client.queryDrafts and client.draftEditor. */
export function createDraftsApi(ctx: ClientContext, channelOf: (cid: string) => ChannelDrafts): DraftsApi {
  return {
    draftEditor(cid, parentId, options = {}) {
      const debounceMs = options.debounceMs ?? 1_000;
      const key = draftKey(cid, parentId);
      let waiting: { input: DraftEditInput; timer: Subscription } | undefined;
      let disposed = false;

      function run(input: DraftEditInput): Promise<void> {
        const channel = channelOf(cid);
        const held = ctx.store.getState().drafts.byKey[key];
        let p: Promise<unknown>;
        if (isEmpty(input)) p = held ? channel.deleteDraft(parentId) : Promise.resolve();
        else if (held && held.message.text === input.text && sameExtras(held.message, input)) p = Promise.resolve();
        else p = channel.saveDraft(parentId ? { ...input, parent_id: parentId } : input);
        // The failure is on errors$ already (the handle reports it).
        return p.then(() => undefined, () => undefined);
      }

      function cancel(): void {
        waiting?.timer.unsubscribe();
        waiting = undefined;
      }

      return {
        draft$: draftOf$(ctx, () => key),
        save(input) {
          if (disposed) return;
          try {
            checkInput(input);
          } catch (e) {
            ctx.report(e, 'CreateDraft');
            return;
          }
          cancel();
          const timer = ctx.scheduler.schedule(() => {
            if (waiting?.timer !== timer) return;
            waiting = undefined;
            void run(input);
          }, debounceMs);
          waiting = { input, timer };
        },
        flush() {
          const w = waiting;
          if (!w) return Promise.resolve();
          cancel();
          return run(w.input);
        },
        cancel,
        dispose() {
          disposed = true;
          cancel();
        },
      };
    },


    queryDrafts(filter = {}, options = {}) {
      const limit = options.limit ?? 25;
      const list = createKeyedList<Draft>(ctx, {
        prefix: 'drafts',
        endpoint: 'QueryDrafts',
        filter,
        slice: (s) => s.drafts,
        sort: byNewest,
        actions: {
          requested: (key, reset) => ({ type: 'drafts/requested', key, filter, reset }),
          failed: (key, error) => ({ type: 'drafts/failed', key, error: toStoredError(error) }),
          disposed: (key) => ({ type: 'drafts/disposed', key }),
        },
        async fetch(key, next, reset) {
          const body: { limit: number; filter?: Record<string, unknown>; next?: string } = { limit };
          if (Object.keys(filter).length > 0) body.filter = filter;
          if (next) body.next = next;
          const res = await ctx.api('QueryDrafts').queryDrafts(body);
          return { type: 'drafts/loaded', key, drafts: res.drafts, reset, next: res.next ?? null };
        },
      });
      return { ...list, drafts$: list.items$ };
    },
  };
}
