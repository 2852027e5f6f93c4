// Drafts and reminders as refs: useDraft (the own draft of a channel or thread, and its
// save debounced on the client's scheduler) and useReminders (the own reminders, live).
import { computed, shallowRef, toValue, watch, type MaybeRefOrGetter, type ShallowRef } from 'vue';
import { of } from 'rxjs';
import type { Draft, DraftEditInput, DraftEditor, DraftEditorOptions, KeyedListStatus, Reminder, ReminderList } from 'chatstore';
import { useChatClient } from './chatClient.ts';
import { meIdRef } from './useChannel.ts';
import { observe, onDispose, warnOutsideScope } from './observe.ts';
import { useKeyedList } from './keyedList.ts';

export interface UseDraftResult {
  draft: Readonly<ShallowRef<Draft | null>>;
  /** Save after the quiet time; an input without text or attachments deletes the draft. */
  save(input: DraftEditInput): void;
  flush(): Promise<void>;
  /** Drop a waiting save (call it when the message is sent). */
  cancel(): void;
}

const NONE$ = of<Draft | null>(null);

/**
 * The draft of channel `cid` (or of the thread `parentId`) and its debounced save; a new
 * cid sends the previous channel's waiting save and follows the new one.
 * @example
 * const { draft, save } = useDraft(() => props.cid);
 */
export function useDraft(
  cid: MaybeRefOrGetter<string | undefined>,
  parentId?: MaybeRefOrGetter<string | undefined>,
  options: DraftEditorOptions = {},
): UseDraftResult {
  warnOutsideScope('useDraft');
  const client = useChatClient();
  const editor = shallowRef<DraftEditor | undefined>(undefined);
  const stop = watch(
    () => [toValue(cid), toValue(parentId)] as const,
    ([c, p]) => {
      const prev = editor.value;
      if (prev) void prev.flush().then(() => prev.dispose());
      editor.value = c ? client.draftEditor(c, p, options) : undefined;
    },
    { immediate: true, flush: 'sync' },
  );
  onDispose(() => {
    stop();
    const e = editor.value;
    if (e) void e.flush().then(() => e.dispose());
    editor.value = undefined;
  });
  return {
    draft: observe(() => editor.value?.draft$ ?? NONE$),
    save: (input) => editor.value?.save(input),
    flush: () => editor.value?.flush() ?? Promise.resolve(),
    cancel: () => editor.value?.cancel(),
  };
}

export interface UseRemindersResult {
  reminders: Readonly<ShallowRef<readonly Reminder[]>>;
  status: Readonly<ShallowRef<KeyedListStatus>>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  list: Readonly<ShallowRef<ReminderList | undefined>>;
}

const NO_REMINDERS$ = of(Object.freeze([]) as readonly Reminder[]);
const PENDING$ = of<KeyedListStatus>(Object.freeze({ loading: true, hasMore: false }));

/**
 * The own reminders, soonest first.
 * @example
 * const { reminders } = useReminders();
 */
export function useReminders(
  filter?: MaybeRefOrGetter<Record<string, unknown> | undefined>,
  sort?: MaybeRefOrGetter<ReadonlyArray<{ field: string; direction: 1 | -1 }> | undefined>,
): UseRemindersResult {
  warnOutsideScope('useReminders');
  const client = useChatClient();
  const meId = meIdRef(client);
  const key = computed(() => JSON.stringify([meId.value, toValue(filter) ?? {}, toValue(sort) ?? []]));
  const keyed = useKeyedList<ReminderList, KeyedListStatus>(
    key,
    () => (meId.value === undefined ? undefined : client.queryReminders(toValue(filter), toValue(sort))),
    PENDING$,
  );
  return {
    reminders: observe(() => keyed.list.value?.reminders$ ?? NO_REMINDERS$),
    status: keyed.status,
    loadMore: keyed.loadMore,
    refresh: keyed.refresh,
    list: keyed.readonlyList,
  };
}
