// The classification of the seeds' operations (src/emulator/operations.ts): the table holds
// exactly the seeds' 170 operations with their methods and paths, 85 end-user and 85
// administration; every administration operation answers the documented not-emulated error
// over real HTTP, and a parameter of the wrong seed type is a code-4 error naming it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { seedOperations } from '../../src/emulator/generated/seedOperations.ts';
import { adminOperations, endUserOperations, NOT_EMULATED } from '../../src/emulator/operations.ts';
import { chan, RawClient } from './helpers.ts';
import { BASE_OPERATIONS, NEW_OPERATIONS } from './opCalls.ts';

// The seeds sit beside the checkout (../shared/seeds), or beside the worktrees' folder.
const root = join(import.meta.dirname, '..', '..');
const seedsDir = [process.env['CHATSTORE_SEEDS'], join(root, '..', 'shared', 'seeds'), join(root, '..', '..', 'shared', 'seeds')].find((d) => d !== undefined && existsSync(d));

/** Each operation of the seeds with the method and URL path of its first example. */
function readSeeds(): Array<{ name: string; method: string; path: string }> {
  const out: Array<{ name: string; method: string; path: string }> = [];
  if (seedsDir === undefined) return out;
  for (const file of readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()) {
    const lines = readFileSync(join(seedsDir, file), 'utf8').split(/\r?\n/);
    const tocEnd = lines.findIndex((l) => l.trim() === '- Types Reference');
    const names = new Set(lines.slice(0, tocEnd).map((l) => /^- ([A-Za-z0-9]+)$/.exec(l.trim())?.[1]).filter((n) => n !== undefined));
    let current: { name: string; method: string; path: string } | undefined;
    for (const line of lines.slice(tocEnd + 1)) {
      if (line.trim() === 'Types Reference') break;
      if (names.has(line.trim())) {
        current = { name: line.trim(), method: '', path: '' };
        out.push(current);
        continue;
      }
      const curl = /curl -X ([A-Z]+) "https?:\/\/[^/]+(\/[^"?]*)/.exec(line);
      if (curl && current && current.method === '') {
        current.method = curl[1] ?? '';
        current.path = curl[2] ?? '';
      }
    }
  }
  return out;
}

describe('the operation table', () => {
  it.skipIf(seedsDir === undefined)('holds every seed operation once, with the seed method and a path template its example fits', () => {
    const seeds = readSeeds();
    expect(seeds).toHaveLength(170);
    expect(seedOperations.map((o) => o.name)).toEqual(seeds.map((s) => s.name));
    for (const [i, s] of seeds.entries()) {
      const op = seedOperations[i]!;
      expect(op.method, s.name).toBe(s.method);
      const template = new RegExp(`^${op.path.replace(/:[a-z_]+/g, '[^/]+')}$`);
      expect(s.path, s.name).toMatch(template);
    }
  });

  it.skipIf(seedsDir === undefined)('is what scripts/genEmulatorOps.mjs generates from the seeds', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'genEmulatorOps.mjs'), '--check'], { env: { ...process.env, CHATSTORE_SEEDS: seedsDir }, encoding: 'utf8' });
    expect(out).toContain('up to date');
  });

  it('splits them 85 end-user and 85 administration', () => {
    expect(endUserOperations).toHaveLength(85);
    expect(adminOperations).toHaveLength(85);
  });

  it('the coverage tests claim exactly the end-user operations between them', () => {
    const claimed = [...BASE_OPERATIONS, ...NEW_OPERATIONS];
    expect(new Set(claimed).size).toBe(claimed.length);
    expect([...claimed].sort()).toEqual(endUserOperations.map((o) => o.name).sort());
  });
});

let emu: Emulator;
let alice: RawClient;

beforeAll(async () => {
  emu = await startEmulator({ seed: { users: [{ id: 'alice' }, { id: 'bob' }], channels: [{ type: 'messaging', id: 'room', members: ['alice', 'bob'] }] } });
  alice = await RawClient.connect(emu, 'alice');
});
afterAll(async () => {
  await alice.close();
  await emu.close();
});

/** A concrete URL path for a template. */
const fill = (path: string): string => path.replace(/:([a-z_]+)/g, (_m, name: string) => (name === 'type' ? 'messaging' : `x-${name}`));

describe('administration operations', () => {
  it.each(adminOperations.map((o) => [o.name, o] as const))('%s answers the not-emulated error', async (name, op) => {
    const res = await alice.api(op.method, fill(op.path), op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
    expect(res.status).toBe(NOT_EMULATED.status);
    expect(res.body).toMatchObject({ code: NOT_EMULATED.code, StatusCode: NOT_EMULATED.status });
    expect(res.body['message']).toContain(name);
    expect(res.body['message']).toContain('not emulate');
    expect(typeof res.body['duration']).toBe('string');
  });
});

describe('parameters against their seed types', () => {
  it('a body field of the wrong type is code 4 naming it, and changes nothing', async () => {
    const res = await alice.api('POST', chan('messaging', 'room', '/message'), { message: { id: 'm1', text: 42 } });
    expect(res.status).toBe(400);
    expect(res.body['code']).toBe(4);
    expect(res.body['message']).toContain('message.text');
    expect((await alice.api('GET', '/api/v2/chat/messages/m1')).body['code']).toBe(16);
  });

  it('a missing required field, a wrong scalar, a wrong list item and a bad query parameter are named', async () => {
    expect((await alice.api('POST', chan('messaging', 'room', '/message'), {})).body['message']).toContain('"message" is required');
    const hide = await alice.api('POST', chan('messaging', 'room', '/hide'), { clear_history: 'yes' });
    expect(hide.body).toMatchObject({ code: 4 });
    expect(hide.body['message']).toContain('clear_history');
    const mute = await alice.api('POST', '/api/v2/chat/moderation/mute/channel', { channel_cids: ['messaging:room', 7] });
    expect(mute.body['message']).toContain('channel_cids[1]');
    const del = await alice.api('DELETE', chan('messaging', 'room'), undefined, { query: { hard_delete: 'maybe' } });
    expect(del.body).toMatchObject({ code: 4 });
    expect(del.body['message']).toContain('hard_delete');
    const members = await alice.api('POST', chan('messaging', 'other', '/query'), { data: { members: ['alice', { user_id: 3 }] } });
    expect(members.body['message']).toContain('data.members[1].user_id');
  });

  it('accepts bare user ids where members are expected, and timestamps as RFC 3339 or epoch ms', async () => {
    expect((await alice.api('POST', chan('messaging', 'pair', '/query'), { data: { members: ['alice', 'bob'] } })).status).toBe(200);
    const unread = await alice.api('POST', chan('messaging', 'room', '/unread'), { message_timestamp: new Date().toISOString() });
    expect(unread.body['message'] ?? '').not.toContain('message_timestamp');
  });
});
