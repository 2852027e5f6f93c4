// The channel's members, live (a member query that follows member events), with add and
// remove. The members change when the server has them (added users must exist, and only
// members may change who belongs).
import { useEffect, useState } from 'react';
import { of } from 'rxjs';
import type { ChannelHandle, ChannelMemberResponse, MemberList } from 'chatstore';
import { useObservable } from 'chatstore/react';
import { userName } from '../../shared/format.ts';
import { Avatar } from './Avatar.tsx';
import type { DemoUser } from './config.ts';

const NONE = of<readonly ChannelMemberResponse[]>([]);

export function MembersPanel({ channel, me, users }: { channel: ChannelHandle; me: string; users: DemoUser[] }) {
  // Made and disposed by an effect, so StrictMode's second run gets a live query of its own.
  const [query, setQuery] = useState<MemberList | undefined>(undefined);
  useEffect(() => {
    const q = channel.queryMembers({}, { created_at: 1 }, { limit: 50 });
    setQuery(q);
    return () => q.dispose();
  }, [channel]);
  const members = useObservable(query ? query.members$ : NONE);
  const candidates = users.filter((u) => !members.some((m) => m.user_id === u.id));
  const [pick, setPick] = useState('');
  const chosen = candidates.some((u) => u.id === pick) ? pick : (candidates[0]?.id ?? '');
  return (
    <section className="members-panel" aria-label="Members">
      <h2>Members ({members.length})</h2>
      <ul>
        {members.map((m) => (
          <li key={m.user_id}>
            <Avatar user={m.user ?? { id: m.user_id ?? '?' }} size="small" presence />
            <span className="member-name">{userName(m.user)}</span>
            {m.channel_role === 'owner' || m.channel_role === 'channel_moderator' ? <span className="muted"> {m.channel_role === 'owner' ? 'owner' : 'moderator'}</span> : null}
            {m.banned ? <span className="muted"> banned</span> : null}
            {m.user_id !== me ? (
              <button type="button" className="link" aria-label={`Remove ${userName(m.user)}`} onClick={() => void channel.removeMembers([m.user_id ?? '']).catch(() => undefined)}>
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) void channel.addMembers([chosen], { message: { text: `${me} added ${chosen}` } }).catch(() => undefined);
          }}
        >
          <select aria-label="User to add" value={chosen} onChange={(e) => setPick(e.target.value)}>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit">Add member</button>
        </form>
      ) : null}
    </section>
  );
}
