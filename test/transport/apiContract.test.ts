// The generated API against the seeds it comes from (../shared/seeds): one client.api
// method per operation, sending the seed's HTTP method to the seed's path. The seeds are
// read here by a plain scan of their text, independently of scripts/seedOperations.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelSchema } from '../../src/models/generated/schema.ts';
import { operations } from '../../src/models/generated/operations.ts';
import { createChatApi } from '../../src/transport/api.ts';
import type { HttpClient, HttpRequest } from '../../src/transport/http.ts';

const root = join(import.meta.dirname, '..', '..');
const seedsDir = [join(root, '..', 'shared', 'seeds'), join(root, '..', '..', 'shared', 'seeds')].find((d) => existsSync(d));

interface SeedOperation {
  name: string;
  method: string;
  /** The example path of the first curl line, e.g. /api/v2/chat/channels/messaging/example-id/query. */
  examplePath: string;
  pathParams: string[];
}

/** Each operation of both seeds: its name, the method and path of its first example, its path parameters. */
function seedOperations(): SeedOperation[] {
  const out: SeedOperation[] = [];
  for (const file of readdirSync(seedsDir!).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(seedsDir!, file), 'utf8');
    const lines = text.slice(0, text.search(/^Types Reference\s*$/m)).split('\n');
    const names = new Set(lines.filter((l) => /^- [A-Z]\w*$/.test(l)).map((l) => l.slice(2)));
    let current: SeedOperation | undefined;
    let inPath = false;
    for (const line of lines) {
      if (names.has(line.trim())) {
        current = { name: line.trim(), method: '', examplePath: '', pathParams: [] };
        out.push(current);
        continue;
      }
      if (!current) continue;
      const curl = /curl -X (\w+) "https?:\/\/[^/]+([^"?]*)/.exec(line);
      if (curl && !current.method) [current.method, current.examplePath] = [curl[1]!, curl[2]!];
      if (line.trim() === 'Path Parameters:') inPath = true;
      else if (inPath) {
        current.pathParams = [...line.matchAll(/([a-z_]+)\(string\) \(required\)/g)].map((m) => m[1]!);
        inPath = false;
      }
    }
  }
  return out;
}

function lowerCamel(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

/** A value of a field code that passes the boundary checks. */
function sample(code: string): unknown {
  const bare = code.replace(/!$/, '');
  if (bare.endsWith('[]')) return [sample(bare.slice(0, -2))];
  if (bare.startsWith('u:')) return bare.slice(2).split('|')[0];
  switch (bare) {
    case 's':
      return 'x';
    case 'n':
    case 't':
      return 1;
    case 'b':
      return true;
    case 'f':
      return new Blob(['x']);
    default:
      return {};
  }
}

function recordingHttp(): { http: HttpClient; sent: HttpRequest<unknown>[] } {
  const sent: HttpRequest<unknown>[] = [];
  return { sent, http: { request: async (req) => (sent.push(req as HttpRequest<unknown>), {} as never) } };
}

describe.skipIf(!seedsDir)('generated API against the seeds', () => {
  const seeds = seedsDir ? seedOperations() : [];

  it('running the generator changes nothing', () => {
    // Exits 1 (and execFileSync throws) when a generated file differs from the seeds' output.
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'genApi.mjs'), '--check'], {
      env: { ...process.env, CHATSTORE_SEEDS: seedsDir },
      encoding: 'utf8',
    });
    expect(out).toMatch(/^unchanged: 170 operations/);
  });

  it('has one operation per seed operation, and no other', () => {
    expect(seeds.length).toBe(170);
    expect(Object.keys(operations).sort()).toEqual(seeds.map((s) => s.name).sort());
    const api = createChatApi(recordingHttp().http) as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(seeds.map((s) => lowerCamel(s.name)).sort());
    expect(api['getOG']).toBeTypeOf('function');
    expect(api['queryUsers']).toBeTypeOf('function');
  });

  it('every response model is a seed type', () => {
    for (const op of Object.values(operations)) expect(modelSchema).toHaveProperty(op.r);
  });

  it.each(seedsDir ? seedOperations().map((s) => [s.name, s] as const) : [])('%s sends the seed method and path', async (name, seed) => {
    const { http, sent } = recordingHttp();
    const api = createChatApi(http) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const spec = operations[name]!;
    // The method's path arguments, in path order, are the seed's example segments.
    const exampleSegments = seed.examplePath.split('/').filter((_, i) => spec.p.split('/')[i]?.startsWith('{'));
    expect(exampleSegments).toHaveLength(seed.pathParams.length);
    const request: Record<string, unknown> = {};
    for (const [k, code] of Object.entries({ ...spec.q, ...spec.b })) if (code.endsWith('!')) request[k] = sample(code);
    const args: unknown[] = [...exampleSegments];
    if (spec.q || spec.b) args.push(request);
    await api[lowerCamel(name)]!(...args);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ endpoint: name, method: seed.method, path: seed.examplePath });
  });
});
