// A small form beside the composer that creates a poll and sends it in a message: a
// question, two or more options, and whether each person has one vote or several.
import { useState } from 'react';
import { isChatError, type ChannelHandle } from 'chatstore';
import { useChatClient } from 'chatstore/react';
import { pollFormOptions } from '../../shared/format.ts';

export function PollComposer({ channel }: { channel: ChannelHandle }) {
  const client = useChatClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [unique, setUnique] = useState(true);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setOpen(false);
    setName('');
    setOptions(['', '']);
    setUnique(true);
    setError(undefined);
  };
  if (!open) {
    return (
      <button type="button" className="poll-toggle link" onClick={() => setOpen(true)}>
        📊 New poll
      </button>
    );
  }
  const submit = async () => {
    const form = pollFormOptions(options);
    if (!name.trim()) return setError('A poll needs a question');
    if (form.error) return setError(form.error);
    setBusy(true);
    try {
      const poll = await client.createPoll({ name: name.trim(), options: form.options.map((text) => ({ text })), enforce_unique_vote: unique });
      await channel.sendMessage({ text: '', poll_id: poll.id });
      reset();
    } catch (e) {
      setError(isChatError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="poll-form"
      aria-label="New poll"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input aria-label="Poll question" placeholder="Ask a question" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
      {options.map((text, i) => (
        <input
          key={i}
          aria-label={`Option ${i + 1}`}
          placeholder={`Option ${i + 1}`}
          value={text}
          onChange={(e) => setOptions(options.map((t, j) => (j === i ? e.target.value : t)))}
        />
      ))}
      <div className="poll-form-actions">
        <button type="button" className="link" disabled={options.length >= 10} onClick={() => setOptions([...options, ''])}>
          + Add option
        </button>
        <label>
          <input type="checkbox" checked={unique} onChange={(e) => setUnique(e.target.checked)} /> One vote per person
        </label>
        <button type="button" className="link" onClick={reset}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Create poll
        </button>
      </div>
      {error ? (
        <p className="poll-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
