// The CLI starts, prints its URL, key and tokens, answers, and stops on SIGINT. The CLI
// source is bundled with esbuild first, so the test runs the current code, not a stale dist/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));
// Inside the project, so Node resolves the bundle's bare imports (ws, jose) from node_modules.
const bundle = fileURLToPath(new URL(`../../node_modules/.cache/chatstore-cli-test-${process.pid}.mjs`, import.meta.url));
let child: ChildProcess;
let output = '';

beforeAll(async () => {
  mkdirSync(fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url)), { recursive: true });
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, packages: 'external', logLevel: 'silent' });
  child = spawn(process.execPath, [bundle, '--port', '0', '--seed', 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/token erin: \S+/.test(output)) {
        clearInterval(timer);
        resolve();
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`cli exited: ${output}`));
      }
    }, 20);
  });
});
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(bundle, { force: true });
});

describe('chatstore-emulator CLI', () => {
  it('prints URL, API key and demo tokens, answers REST with them, and exits on SIGINT', async () => {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const key = /API key:\s+(\S+)/.exec(output)?.[1];
    const token = /token alice: (\S+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(key).toBe('chatstore-dev');
    const res = await fetch(`${url}/api/v2/chat/channels?api_key=${key}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'stream-auth-type': 'jwt', 'Content-Type': 'application/json' },
      body: JSON.stringify({ filter_conditions: { members: { $in: ['alice'] } } }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { channels: Array<{ channel: { cid: string } }> };
    expect(body.channels.map((c) => c.channel.cid)).toContain('messaging:general');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
