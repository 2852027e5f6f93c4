// The generated models against the seeds they come from (../shared/seeds, or the folder
// CHATSTORE_SEEDS names, as scripts/genModels.mjs reads it). These tests count
// independently of the generator: a plain scan of the seed text.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { modelSchema } from '../../src/models/generated/schema.ts';
import type { ChannelStateResponse, MessageResponse, ModelName, ReadStateResponse } from 'chatstore';

const root = join(import.meta.dirname, '..', '..');
const seedsDir = process.env['CHATSTORE_SEEDS'] ?? join(root, '..', 'shared', 'seeds');
const haveSeeds = existsSync(seedsDir);
// A checkout without the seeds (a worktree, a clone) skips the conformance tests, saying so;
// under CI the seeds must be there: a skipped conformance test there would be a silent pass.
const inCi = !!process.env['CI'] && process.env['CI'] !== 'false';
if (!haveSeeds && !inCi) {
  console.warn(`generated.test.ts: seed folder not found (${seedsDir}); the seed conformance tests are skipped. Set CHATSTORE_SEEDS to run them.`);
}

describe('the seed folder', () => {
  it.runIf(inCi)('is present under CI (set CHATSTORE_SEEDS to its path)', () => {
    expect(existsSync(seedsDir), `seed folder not found: ${seedsDir}`).toBe(true);
  });
});

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

  // Checked by the compiler, not at run time: `npm test` runs `tsc` over test/ first, and a
  // generated type that drifts from these fails that step (vitest alone does not check types).
  it('type-check as the seeds say', () => {
    expectTypeOf<MessageResponse['id']>().toEqualTypeOf<string>();
    expectTypeOf<MessageResponse['created_at']>().toEqualTypeOf<number>();
    expectTypeOf<MessageResponse>().toHaveProperty('pinned_at');
    expectTypeOf<Pick<MessageResponse, 'pinned_at'>>().toEqualTypeOf<{ pinned_at?: number }>();
    expectTypeOf<ChannelStateResponse['read']>().toEqualTypeOf<ReadStateResponse[] | undefined>();
  });
});
