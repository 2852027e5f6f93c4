// Entry point: pick a demo user (?user=alice or the picker), create one client for the
// page, and let ChatProvider connect that user for as long as the app is mounted.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createChatClient } from 'chatstore';
import { ChatProvider } from 'chatstore/react';
import { App } from './App.tsx';
import { loadConfig, type DemoUser } from './config.ts';
import { UserPicker } from './UserPicker.tsx';

const root = createRoot(document.getElementById('root')!);

async function main(): Promise<void> {
  const config = await loadConfig();
  const wanted = new URLSearchParams(location.search).get('user');
  const user: DemoUser | undefined = config.users.find((u) => u.id === wanted);
  if (!user) {
    root.render(<UserPicker users={config.users} />);
    return;
  }
  // The emulator serves this page, so the API is on the same origin.
  const client = createChatClient({ apiKey: config.apiKey, baseUrl: location.origin });
  root.render(
    <StrictMode>
      <ChatProvider client={client} user={{ id: user.id, name: user.name }} token={user.token}>
        <App users={config.users} />
      </ChatProvider>
    </StrictMode>,
  );
}

main().catch((e: unknown) => {
  root.render(<p className="fatal">Could not start: {e instanceof Error ? e.message : String(e)}</p>);
});
