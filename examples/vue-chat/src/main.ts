// Entry point: pick a demo user (?user=alice or the picker), create one client for the
// page, provide it app-wide, and connect that user for as long as the app is mounted.
import { createApp } from 'vue';
import { createChatClient } from 'chatstore';
import { provideChatClient } from 'chatstore/vue';
import { App } from './App.ts';
import { loadConfig, type DemoUser } from './config.ts';
import { UserPicker } from './UserPicker.ts';

const root = document.getElementById('root')!;

async function main(): Promise<void> {
  const config = await loadConfig();
  const wanted = new URLSearchParams(location.search).get('user');
  const user: DemoUser | undefined = config.users.find((u) => u.id === wanted);
  if (!user) {
    createApp(UserPicker, { users: config.users }).mount(root);
    return;
  }
  // The emulator serves this page, so the API is on the same origin.
  const client = createChatClient({ apiKey: config.apiKey, baseUrl: location.origin });
  const app = createApp(App, { users: config.users });
  // Provided app-wide, with the user connected until the app unmounts. The composables
  // wait for the user, so the app mounts at once and fills in when the socket's first
  // frame arrives. A failed connect shows on the connection status (client.connection$),
  // not as a crash.
  provideChatClient(client, { app, user: { id: user.id, name: user.name }, token: user.token });
  app.mount(root);
}

main().catch((e: unknown) => {
  root.textContent = '';
  const p = document.createElement('p');
  p.className = 'fatal';
  p.textContent = `Could not start: ${e instanceof Error ? e.message : String(e)}`;
  root.append(p);
});
