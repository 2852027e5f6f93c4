// "New group": pick several people, name the group, and it is created and opened at once
// (client.channel('messaging', id, { name, members }).watch()). The people added see it
// appear in their channel list live. A refusal (by the form or the server) is shown with
// its reason under the form, and the name and picks stay as they were.
import { useState } from 'react';
import { useChatClient } from 'chatstore/react';
import { groupChannelId, groupProblem } from '../../shared/groups.ts';
import type { NewChannelProps } from './NewDirectMessage.tsx';

export function NewGroup({ me, users, onOpen }: NewChannelProps) {
  const client = useChatClient();
  const others = users.filter((u) => u.id !== me);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  if (others.length === 0) return null;
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <details className="new-group" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>New group</summary>
      <form
        aria-label="New group"
        onSubmit={(e) => {
          e.preventDefault();
          if (busy) return;
          const draft = { name: name.trim(), members: others.map((u) => u.id).filter((id) => picked.includes(id)) };
          const why = groupProblem(draft);
          setProblem(why);
          if (why) return;
          setBusy(true);
          const group = client.channel('messaging', groupChannelId(draft.name), { name: draft.name, members: [me, ...draft.members] });
          group
            .watch()
            .then(() => {
              setName('');
              setPicked([]);
              setOpen(false);
              onOpen(group.cid);
            })
            .catch((err: unknown) => setProblem(`Could not create the group: ${err instanceof Error ? err.message : String(err)}`))
            .finally(() => setBusy(false));
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Group name" aria-label="Group name" maxLength={100} />
        <fieldset>
          <legend>Members</legend>
          {others.map((u) => (
            <label key={u.id}>
              <input type="checkbox" checked={picked.includes(u.id)} onChange={() => toggle(u.id)} /> {u.name}
            </label>
          ))}
        </fieldset>
        {problem ? (
          <p className="error-line" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create group'}
        </button>
      </form>
    </details>
  );
}
