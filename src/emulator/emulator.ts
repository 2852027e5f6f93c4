// startEmulator: composes the backend, the HTTP routes, the WebSocket endpoint, the test
// controls and persistence into one local Stream Chat compatible server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Backend } from './backend.ts';
import { createControls, Faults, type EmulatorControls } from './controls.ts';
import { demoSeed } from './demoSeed.ts';
import { answerClientError, PARSER_HEAD_BYTES } from './limits.ts';
import { moreRoutes } from './moreRoutes.ts';
import { adminRoutes } from './operations.ts';
import { officialRoutes } from './officialRoutes.ts';
import { Persister } from './persistence.ts';
import { Router } from './router.ts';
import { routes } from './routes.ts';
import { applySeed, type SeedData } from './seed.ts';
import { createRequestListener } from './server.ts';
import { handleSocket } from './socket.ts';
import { createUserToken } from './token.ts';
import { scheduleAllReminders } from './handlers/reminders.ts';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Default 'chatstore-dev'. */
  apiKey?: string;
  /** HS256 secret for user tokens; default a fixed development secret. */
  secret?: string;
  /** Initial data, or 'demo' for the built-in demo; ignored when persistPath already holds state. */
  seed?: SeedData | 'demo';
  /** JSON state file: loaded at start, written atomically after changes and on close. */
  persistPath?: string;
  /** Serve this folder's files at `/` (for an example app). */
  staticDir?: string;
  /** Largest uploaded file in bytes (default 20 MiB); a larger one gets code 22, HTTP 413. */
  uploadSizeLimit?: number;
}

export interface Emulator {
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/connect */
  wsUrl: string;
  apiKey: string;
  /** A user token signed with the emulator's secret. */
  createToken(userId: string, options?: { expiresInSeconds?: number }): Promise<string>;
  controls: EmulatorControls;
  close(): Promise<void>;
}

export const DEFAULT_API_KEY = 'chatstore-dev';
export const DEFAULT_SECRET = 'chatstore-dev-secret-do-not-use-in-production';

function latestTime(b: Backend): number {
  let t = 0;
  for (const m of b.state.messages.values()) t = Math.max(t, m.updated_at, m.deleted_at ?? 0);
  for (const c of b.state.channels.values()) t = Math.max(t, c.updated_at, c.last_message_at ?? 0);
  for (const u of b.state.users.values()) t = Math.max(t, u.updated_at);
  return t;
}

/**
 * Start a local Stream Chat compatible backend.
 * @example
 * const emu = await startEmulator({ seed: 'demo' });
 * const token = await emu.createToken('alice');
 * // createChatClient({ apiKey: emu.apiKey, baseUrl: emu.url }) ...
 * await emu.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const secret = options.secret ?? DEFAULT_SECRET;
  let persister: Persister | undefined;
  const backend = new Backend(apiKey, secret, () => persister?.schedule());
  if (options.uploadSizeLimit !== undefined) {
    if (!Number.isInteger(options.uploadSizeLimit) || options.uploadSizeLimit <= 0) throw new TypeError('uploadSizeLimit must be a positive integer (bytes)');
    backend.uploadSizeLimit = options.uploadSizeLimit;
  }
  if (options.persistPath !== undefined) persister = new Persister(options.persistPath, () => backend);
  const loaded = persister?.load() ?? false;
  if (loaded) backend.clock.observe(latestTime(backend));
  else if (options.seed !== undefined) applySeed(backend, options.seed === 'demo' ? demoSeed() : options.seed);
  scheduleAllReminders(backend);

  const faults = new Faults();
  let baseUrl = '';
  const server: Server = createServer(
    { maxHeaderSize: PARSER_HEAD_BYTES },
    createRequestListener({ backend, router: new Router([...routes, ...moreRoutes, ...adminRoutes(), ...officialRoutes]), faults, staticDir: options.staticDir, baseUrl: () => baseUrl }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/connect' || faults.refusing()) {
      const status = path !== '/connect' ? '404 Not Found' : '503 Service Unavailable';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => handleSocket(backend, ws, req));
  });
  server.on('clientError', answerClientError);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  if (persister && !loaded) await persister.flush();

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/connect`,
    apiKey,
    createToken: (userId, tokenOptions) => createUserToken(secret, userId, tokenOptions ?? {}),
    controls: createControls(backend.hub, faults, backend.clock),
    close: () => {
      closing ??= (async () => {
        backend.clock.dispose();
        for (const client of wss.clients) client.terminate();
        wss.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await persister?.flush();
      })();
      return closing;
    },
  };
}
