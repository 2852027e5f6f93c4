// The text box: Enter sends, Shift+Enter breaks the line, Arrow Up in an empty box edits
// your last message, and every key press is a keystroke for the typing indicator (the
// client throttles typing.start and ends typing when the message is sent). Near the length
// limit a counter shows what is left; past it, Send is off and the box says why. `@` opens
// the mention picker (MentionPicker.tsx); a link typed shows its preview above the box
// (LinkPreview.tsx), sent with the message unless dismissed.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_MESSAGE_LENGTH } from '../../shared/format.ts';
import { draftFields, picksFromDraft, sendExtras, type SendExtras } from '../../shared/mentions.ts';
import { useComposerDraft } from './useComposerDraft.ts';
import { LinkPreviewCard, useLinkPreviews } from './LinkPreview.tsx';
import { useMentionPicker, type MentionSource } from './MentionPicker.tsx';

interface Props {
  label: string;
  placeholder: string;
  onKeystroke(): void;
  /**
   * The text, the files picked with Attach (uploaded before the send, with progress on the
   * message), and the mentions and link previews that go with it.
   */
  onSend(text: string, files: File[], extras: SendExtras): Promise<unknown>;
  onEditLast?: () => void;
  /** Keep the text as the draft of this channel (and thread). */
  draftCid?: string;
  draftParentId?: string;
  /** Who `@` offers (the channel's members); no picker without it. */
  mentions?: MentionSource;
  meId?: string | undefined;
}

export function Composer({ label, placeholder, onKeystroke, onSend, onEditLast, draftCid, draftParentId, mentions, meId }: Props) {
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [files, setFiles] = useState<File[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once the text a pick made is rendered.
  const caretAfter = useRef<number | undefined>(undefined);
  // The mentions of a restored draft (ids; named from the members when sent or saved).
  const restored = useRef<unknown>(undefined);
  const draft = useComposerDraft(draftCid, draftParentId, text, (message) => {
    setText(message.text);
    restored.current = message['mentioned_users'];
  });
  const previews = useLinkPreviews();
  const picks = () => [...picksFromDraft(restored.current, mentions?.users ?? []), ...mention.picked()];
  const edit = (next: string, at: number) => {
    setText(next);
    setCaret(at);
    draft.changed(draftFields(next, picks()));
    previews?.textChanged(next);
  };
  const mention = useMentionPicker(text, caret, mentions, meId, (next, at) => {
    caretAfter.current = at;
    edit(next, at);
  });
  useLayoutEffect(() => {
    if (caretAfter.current === undefined || !box.current) return;
    box.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = undefined;
  });
  const value = text.trim();
  const over = text.length - MAX_MESSAGE_LENGTH;
  const cards = previews?.cards() ?? [];
  const send = () => {
    if ((!value && files.length === 0) || over > 0) return;
    const extras = sendExtras(value, picks(), previews?.attachmentsFor(value) ?? []);
    restored.current = undefined;
    setText('');
    setCaret(0);
    setFiles([]);
    draft.sent();
    mention.reset();
    previews?.sent();
    // The message shows at once as 'sending'; a failure shows on the message with its reason.
    onSend(value, files, extras).catch(() => undefined);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'ArrowUp' && text === '' && onEditLast) {
      e.preventDefault();
      onEditLast();
    }
  };
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {cards.length > 0 ? (
        <div className="link-previews" aria-label="Link previews">
          {cards.map((c) => (
            <LinkPreviewCard key={c.url} card={c} onDismiss={() => previews?.dismiss(c.url)} />
          ))}
        </div>
      ) : null}
      {mention.list}
      <textarea
        ref={box}
        rows={2}
        value={text}
        aria-label={label}
        placeholder={placeholder}
        aria-invalid={over > 0}
        aria-autocomplete={mentions ? 'list' : undefined}
        aria-expanded={mentions ? mention.open : undefined}
        aria-controls={mention.open ? mention.listId : undefined}
        aria-activedescendant={mention.activeId}
        onChange={(e) => {
          edit(e.target.value, e.target.selectionStart);
          onKeystroke();
        }}
        onKeyDown={onKeyDown}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onBlur={() => setCaret(-1)}
        onFocus={(e) => setCaret(e.currentTarget.selectionStart)}
      />
      {text.length > MAX_MESSAGE_LENGTH - 500 ? (
        <span className={over > 0 ? 'limit over' : 'limit'} role={over > 0 ? 'alert' : undefined}>
          {over > 0 ? `${over} characters too long (at most ${MAX_MESSAGE_LENGTH})` : `${-over} left`}
        </span>
      ) : null}
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        aria-label="Attach files"
        onChange={(e) => {
          setFiles([...files, ...Array.from(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      <button type="button" className="attach" aria-label="Attach files" onClick={() => picker.current?.click()}>
        📎
      </button>
      <button type="submit" disabled={(!value && files.length === 0) || over > 0}>
        Send
      </button>
      {files.length > 0 ? (
        <div className="picked" aria-label="Files to send">
          {files.map((f, i) => (
            <span key={i}>
              {f.name}{' '}
              <button type="button" className="link" aria-label={`Remove ${f.name}`} onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                ✕
              </button>
            </span>
          ))}
        </div>
      ) : null}
    </form>
  );
}

/** Editing a message in place: Enter saves, Escape cancels. */
export function EditBox({ initial, onSave, onCancel }: { initial: string; onSave(text: string): void; onCancel(): void }) {
  const [text, setText] = useState(initial);
  const over = text.length > MAX_MESSAGE_LENGTH;
  const save = () => {
    const value = text.trim();
    if (!value || over) return;
    if (value === initial) onCancel();
    else onSave(value);
  };
  return (
    <form
      className="edit"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <textarea
        aria-label="Edit message"
        value={text}
        autoFocus
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          } else if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            save();
          }
        }}
      />
      <div className="edit-actions">
        {over ? <span className="limit over">too long (at most {MAX_MESSAGE_LENGTH})</span> : <span className="muted">Enter to save · Esc to cancel</span>}
        <button type="button" className="link" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={over || !text.trim()}>
          Save
        </button>
      </div>
    </form>
  );
}
