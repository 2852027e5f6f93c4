// The own draft of a channel or thread with a debounced save (client.draftEditor): the
// debounce runs on the client's scheduler, so tests move virtual time instead of waiting.
import { useEffect, useMemo } from 'react';
import { of, type Observable } from 'rxjs';
import type { Draft, DraftEditInput, DraftEditor, DraftEditorOptions } from 'chatstore';
import { useChatClient } from './chatProvider.ts';
import { useObservable } from './useObservable.ts';

export interface UseDraftResult {
  /** The draft held (the server's, or a save shown before it answered), or null. */
  draft: Draft | null;
  /** Save after the quiet time; an input without text or attachments deletes the draft. */
  save(input: DraftEditInput): void;
  /** Send a waiting save now. */
  flush(): Promise<void>;
  /** Drop a waiting save (call it when the message is sent). */
  cancel(): void;
}

const NONE$: Observable<Draft | null> = of(null);

/**
 * The draft of channel `cid` (or of the thread `parentId`) and its debounced save.
 * @example
 * const { draft, save, cancel } = useDraft('messaging:general');
 * <textarea defaultValue={draft?.message.text} onChange={(e) => save({ text: e.target.value })} />
 */
export function useDraft(cid: string | undefined, parentId?: string, options: DraftEditorOptions = {}): UseDraftResult {
  const client = useChatClient();
  const debounceMs = options.debounceMs;
  const editor: DraftEditor | undefined = useMemo(
    () => (cid ? client.draftEditor(cid, parentId, debounceMs === undefined ? {} : { debounceMs }) : undefined),
    [client, cid, parentId, debounceMs],
  );
  // A save still waiting when the editor goes (another channel, unmount) is sent, not lost.
  useEffect(() => () => void editor?.flush(), [editor]);
  const draft = useObservable(editor?.draft$ ?? NONE$);
  return useMemo(
    () => ({
      draft,
      save: (input: DraftEditInput) => editor?.save(input),
      flush: () => editor?.flush() ?? Promise.resolve(),
      cancel: () => editor?.cancel(),
    }),
    [draft, editor],
  );
}
