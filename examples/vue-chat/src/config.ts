// What scripts/start.mjs writes next to the page: the emulator's API key and a token per
// demo user (development tokens of the local emulator, never real credentials).
export interface DemoUser {
  id: string;
  name: string;
  token: string;
}

export interface DemoConfig {
  apiKey: string;
  users: DemoUser[];
}

export async function loadConfig(): Promise<DemoConfig> {
  // Relative, so the app finds its own copy wherever it is served (/vue/ under npm start).
  const res = await fetch('./demo-config.json');
  if (!res.ok) throw new Error(`demo-config.json: HTTP ${res.status} (start the app with npm start)`);
  return (await res.json()) as DemoConfig;
}
