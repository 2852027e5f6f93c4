// "New direct message": pick a user, and the distinct channel of the two of you opens (got
// if it exists, created if not: client.channel(type, { members })).
import { useState } from 'react';
import { useChatClient } from 'chatstore/react';
import type { DemoUser } from './config.ts';

/** What the sidebar's channel makers (this one and NewGroup) are given. */
export interface NewChannelProps {
  me: string;
  users: DemoUser[];
  onOpen(cid: string): void;
}

export function NewDirectMessage({ me, users, onOpen }: NewChannelProps) {
  const client = useChatClient();
  const others = users.filter((u) => u.id !== me);
  const [pick, setPick] = useState(others[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  if (others.length === 0) return null;
  return (
    <form
      className="new-dm"
      aria-label="New direct message"
      onSubmit={(e) => {
        e.preventDefault();
        if (!pick || busy) return;
        setBusy(true);
        const dm = client.channel('messaging', { members: [me, pick] });
        dm.watch()
          .then(() => onOpen(dm.cid))
          .catch(() => undefined) // shown by the app's error notice
          .finally(() => setBusy(false));
      }}
    >
      <label>
        <span>New message to</span>{' '}
        <select value={pick} onChange={(e) => setPick(e.target.value)} aria-label="Direct message to">
          {others.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" disabled={busy}>
        Start
      </button>
    </form>
  );
}
