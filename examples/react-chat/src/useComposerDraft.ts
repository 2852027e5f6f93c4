// The composer's draft: the text starts from the saved draft of the channel (or thread),
// every change is saved after a quiet second (useDraft debounces on the client's
// scheduler), and sending drops the waiting save (the server deletes the draft with the
// send). So a draft survives switching channels and reloading the page.
import { useEffect, useRef } from 'react';
import type { DraftMessage } from 'chatstore';
import { useDraft } from 'chatstore/react';

/** `restore` gets the saved draft's message (text, and the mentions it names). */
export function useComposerDraft(cid: string | undefined, parentId: string | undefined, text: string, restore: (message: DraftMessage) => void) {
  const { draft, save, cancel } = useDraft(cid, parentId);
  const typed = useRef(false);
  // The saved draft fills the box until the user types (it may arrive after the first render).
  useEffect(() => {
    if (!typed.current && draft && text === '') restore(draft.message);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);
  return {
    changed(fields: { text: string; mentioned_users?: string[] }) {
      typed.current = true;
      if (cid) save(fields);
    },
    sent() {
      typed.current = true;
      cancel();
    },
  };
}
