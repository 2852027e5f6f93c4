// People: your own profile (name and picture, saved optimistically: the sidebar shows the new
// name at once and takes it back if the server refuses), a user search with live presence
// dots, and the users you blocked, each with block / unblock.
import { useEffect, useState } from 'react';
import type { UserList } from 'chatstore';
import { useChatClient, useChatSelector, useObservable, useUser } from 'chatstore/react';
import { userName } from '../../shared/format.ts';
import { Avatar } from './Avatar.tsx';
import { useBlockedUsers } from './Author.tsx';

function PersonRow({ id }: { id: string }) {
  const client = useChatClient();
  const user = useUser(id);
  const blocked = useBlockedUsers().includes(id);
  if (!user) return null;
  return (
    <li className="person" data-user={id}>
      <Avatar user={user} size="small" presence />
      <span className="person-name">{userName(user)}</span>
      <button type="button" className="link" onClick={() => void (blocked ? client.unblockUser(id) : client.blockUser(id)).catch(() => undefined)}>
        {blocked ? 'Unblock' : 'Block'}
      </button>
    </li>
  );
}

function ProfileEditor() {
  const client = useChatClient();
  const me = useChatSelector((s) => s.me);
  const [name, setName] = useState('');
  const [image, setImage] = useState('');
  useEffect(() => {
    setName(me?.name ?? '');
    setImage(me?.image ?? '');
    // Fill the form once per user, not on every change of `me`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me?.id]);
  if (!me) return null;
  return (
    <form
      className="profile-editor"
      aria-label="Your profile"
      onSubmit={(e) => {
        e.preventDefault();
        const set: Record<string, unknown> = { name: name.trim() };
        if (image.trim()) set['image'] = image.trim();
        client.updateUser(image.trim() ? { set } : { set, unset: ['image'] }).catch(() => undefined);
      }}
    >
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Your name" />
      </label>
      <label>
        Picture URL <input value={image} onChange={(e) => setImage(e.target.value)} aria-label="Your picture URL" />
      </label>
      <button type="submit">Save profile</button>
    </form>
  );
}

function UserSearch({ meId }: { meId: string }) {
  const client = useChatClient();
  const [query, setQuery] = useState('');
  const [list, setList] = useState<UserList | undefined>(undefined);
  useEffect(() => {
    const q = query.trim();
    const filter: Record<string, unknown> = q ? { $or: [{ name: { $autocomplete: q } }, { id: { $autocomplete: q } }], id: { $ne: meId } } : { id: { $ne: meId } };
    const l = client.queryUsers(filter, { name: 1 }, { limit: 10, presence: true });
    setList(l);
    return () => l.dispose();
  }, [client, query, meId]);
  return (
    <div className="user-search">
      <input type="search" placeholder="Search people" aria-label="Search people" value={query} onChange={(e) => setQuery(e.target.value)} />
      {list ? <Results list={list} /> : null}
    </div>
  );
}

function Results({ list }: { list: UserList }) {
  const users = useObservable(list.users$);
  const status = useObservable(list.status$);
  return (
    <>
      <ul className="people" aria-label="People found">
        {users.map((u) => (
          <PersonRow key={u.id} id={u.id} />
        ))}
      </ul>
      {status.loading ? <p className="muted">Searching…</p> : users.length === 0 ? <p className="muted">Nobody found.</p> : null}
      {status.hasMore && !status.loading ? (
        <button type="button" className="link" onClick={() => void list.loadMore().catch(() => undefined)}>
          More
        </button>
      ) : null}
    </>
  );
}

export function People({ meId }: { meId: string }) {
  const blocked = useBlockedUsers();
  return (
    <details className="people-panel">
      <summary>People{blocked.length ? ` (${blocked.length} blocked)` : ''}</summary>
      <ProfileEditor />
      <UserSearch meId={meId} />
      {blocked.length ? (
        <>
          <h4>Blocked</h4>
          <ul className="people" aria-label="Blocked people">
            {blocked.map((id) => (
              <PersonRow key={id} id={id} />
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
