import type { DemoUser } from './config.ts';

/** The demo users; each link opens the app as that user (open two tabs to chat). */
export function UserPicker({ users }: { users: DemoUser[] }) {
  return (
    <main className="picker-page">
      <h1>chatstore demo</h1>
      <p>Pick a user. Open another user in a second tab to chat between them.</p>
      <ul>
        {users.map((u) => (
          <li key={u.id}>
            <a href={`?user=${encodeURIComponent(u.id)}`}>{u.name}</a> <code>{u.id}</code>
          </li>
        ))}
      </ul>
    </main>
  );
}
