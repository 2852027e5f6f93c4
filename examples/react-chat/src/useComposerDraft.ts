// The composer's draft: the text starts from the saved draft of the channel (or thread),
// every change is saved after a quiet second (useDraft debounces on the client's
// scheduler), and sending drops the waiting save (the server deletes the draft with the
// send). So a draft survives switching channels and reloading the page.
import { useEffect, useRef } from 'react';
import { useDraft } from 'chatstore/react';

export function useComposerDraft(cid: string | undefined, parentId: string | undefined, text: string, setText: (t: string) => void) {
  const { draft, save, cancel } = useDraft(cid, parentId);
  const typed = useRef(false);
  // The saved draft fills the box until the user types (it may arrive after the first render).
  useEffect(() => {
    if (!typed.current && draft && text === '') setText(draft.message.text);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);
  return {
    changed(next: string) {
      typed.current = true;
      if (cid) save({ text: next });
    },
    sent() {
      typed.current = true;
      cancel();
    },
  };
}
