// A text box: Enter sends, Shift+Enter breaks the line, every key press is a keystroke for
// the typing indicator (the client throttles typing.start and sends typing.stop itself).
import { useState, type KeyboardEvent } from 'react';

interface Props {
  placeholder: string;
  onKeystroke(): void;
  onSend(text: string): Promise<unknown>;
}

export function Composer({ placeholder, onKeystroke, onSend }: Props) {
  const [text, setText] = useState('');
  const send = () => {
    const value = text.trim();
    if (!value) return;
    setText('');
    // The message shows at once as 'sending'; a failure marks it 'failed' with a retry.
    onSend(value).catch(() => undefined);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
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
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          onKeystroke();
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" disabled={!text.trim()}>
        Send
      </button>
    </form>
  );
}
