// The text box: Enter sends, Shift+Enter breaks the line, Arrow Up in an empty box edits
// your last message, and every key press is a keystroke for the typing indicator (the
// client throttles typing.start and ends typing when the message is sent). Near the length
// limit a counter shows what is left; past it, Send is off and the box says why.
import { useRef, useState, type KeyboardEvent } from 'react';
import { MAX_MESSAGE_LENGTH } from '../../shared/format.ts';
import { useComposerDraft } from './useComposerDraft.ts';

interface Props {
  label: string;
  placeholder: string;
  onKeystroke(): void;
  /** The text and the files picked with Attach (uploaded before the send, with progress on the message). */
  onSend(text: string, files: File[]): Promise<unknown>;
  onEditLast?: () => void;
  /** Keep the text as the draft of this channel (and thread). */
  draftCid?: string;
  draftParentId?: string;
}

export function Composer({ label, placeholder, onKeystroke, onSend, onEditLast, draftCid, draftParentId }: Props) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const draft = useComposerDraft(draftCid, draftParentId, text, setText);
  const value = text.trim();
  const over = text.length - MAX_MESSAGE_LENGTH;
  const send = () => {
    if ((!value && files.length === 0) || over > 0) return;
    setText('');
    setFiles([]);
    draft.sent();
    // The message shows at once as 'sending'; a failure shows on the message with its reason.
    onSend(value, files).catch(() => undefined);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
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
      <textarea
        rows={2}
        value={text}
        aria-label={label}
        placeholder={placeholder}
        aria-invalid={over > 0}
        onChange={(e) => {
          setText(e.target.value);
          draft.changed(e.target.value);
          onKeystroke();
        }}
        onKeyDown={onKeyDown}
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
