// The client's operation table (scripts/genApi.mjs) and the emulator's
// (src/emulator/generated/seedOperations.ts) are read from the same seeds by different
// code: they must agree on every operation's method, path and parameter names, or the
// client and the emulator would each pass their own tests and still not talk to each other.
import { describe, expect, it } from 'vitest';
import { seedOperations } from '../../src/emulator/generated/seedOperations.ts';
import { operations } from '../../src/models/generated/operations.ts';

// Fields the client sends beyond the seeds' lists (see EXTRA_BODY in scripts/genApi.mjs).
const CLIENT_EXTRAS = new Set(['watch', 'presence']);

describe('client and emulator operation tables', () => {
  it('name the same 170 operations', () => {
    expect(seedOperations.map((o) => o.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(seedOperations.map((o) => [o.name, o] as const))('%s: same method, path and parameters', (name, emu) => {
    const client = operations[name]!;
    expect(client.m).toBe(emu.method);
    expect(client.p).toBe(emu.path.replace(/:([a-z_]+)/g, '{$1}'));
    expect(Object.keys(client.q ?? {}).sort()).toEqual(Object.keys(emu.query ?? {}).sort());
    expect(Object.keys(client.b ?? {}).filter((k) => !CLIENT_EXTRAS.has(k)).sort()).toEqual(Object.keys(emu.body ?? {}).sort());
    // Required parameters agree too.
    const required = (fields: Readonly<Record<string, string>> | undefined) => Object.keys(fields ?? {}).filter((k) => fields![k]!.endsWith('!')).sort();
    expect(required(client.q)).toEqual(required(emu.query));
    if (!/^Upload/.test(name)) expect(required(client.b)).toEqual(required(emu.body));
  });
});
