// The generated models against the seeds they come from (../shared/seeds). These tests
// count independently of the generator: a plain scan of the seed text.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelSchema } from '../../src/models/generated/schema.ts';
import type { ChannelStateResponse, MessageResponse, ModelName } from 'chatstore';

const root = join(import.meta.dirname, '..', '..');
const seedsDir = join(root, '..', 'shared', 'seeds');
const haveSeeds = existsSync(seedsDir);

function typeSections(): Map<string, Set<string>> {
  const byName = new Map<string, Set<string>>();
  for (const file of readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(seedsDir, file), 'utf8');
    const section = text.slice(text.search(/^Types Reference\s*$/m));
    let current: Set<string> | undefined;
    for (const line of section.split('\n')) {
      const header = /^\/\/ ([A-Z]\w*)\s*$/.exec(line);
      if (header?.[1]) {
        current = byName.get(header[1]) ?? new Set();
        byName.set(header[1], current);
        continue;
      }
      const row = /^\| ([a-z_0-9A-Z]+) \|/.exec(line);
      if (row?.[1] && row[1] !== 'Property' && current) current.add(row[1]);
    }
  }
  return byName;
}

describe.skipIf(!haveSeeds)('generated models', () => {
  it('cover every type of both references', () => {
    const seedTypes = typeSections();
    expect(seedTypes.size).toBeGreaterThan(200);
    expect(Object.keys(modelSchema).sort()).toEqual([...seedTypes.keys()].sort());
  });

  it('have every field each reference lists (the union where a type is in both)', () => {
    for (const [name, fields] of typeSections()) {
      const generated = Object.keys(modelSchema[name as ModelName]).sort();
      expect(generated, name).toEqual([...fields].sort());
    }
  });

  it('are what the generator writes today (npm run gen:models changes nothing)', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'genModels.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/^unchanged: 257 model types/);
  });
});

describe('generated model shapes', () => {
  it('keep required vs optional, arrays, maps, references and literal unions', () => {
    expect(modelSchema.MessageResponse.id).toBe('s!');
    expect(modelSchema.MessageResponse.created_at).toBe('t!');
    expect(modelSchema.MessageResponse.pinned_at).toBe('t');
    expect(modelSchema.MessageResponse.latest_reactions).toBe('ReactionResponse[]!');
    expect(modelSchema.MessageResponse.quoted_message).toBe('MessageResponse');
    expect(modelSchema.MessageResponse.custom).toBe('o!');
    expect(modelSchema.ChannelStateResponse.read).toBe('ReadStateResponse[]');
    expect(modelSchema.BlockListOptions.behavior).toBe('u:flag|block|shadow_block');
    expect(modelSchema.ChannelResponse.own_capabilities).toBe('s[]');
  });

  it('type-check as the seeds say', () => {
    const m = {} as MessageResponse;
    const s = {} as ChannelStateResponse;
    // @ts-expect-error id is a string
    const bad: number = m.id;
    const ms: number = m.created_at;
    const opt: number | undefined = m.pinned_at;
    const reads: ChannelStateResponse['read'] = s.read;
    expect([bad, ms, opt, reads]).toHaveLength(4);
  });
});
