import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'chatstore-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistPath', () => {
  it('state survives a restart, written atomically', async () => {
    const path = join(dir, 'nested', 'state.json');
    const first = await startEmulator({ persistPath: path, seed: { users: [{ id: 'alice' }, { id: 'bob' }], channels: [{ type: 'messaging', id: 'p', members: ['alice', 'bob'] }] } });
    const alice = await RawClient.connect(first, 'alice');
    await alice.api('POST', chan('messaging', 'p', '/message'), { message: { id: 'kept-1', text: 'remember me' } });
    await alice.api('POST', '/api/v2/chat/messages/kept-1/reaction', { reaction: { type: 'like' } });
    const bob = await RawClient.connect(first, 'bob');
    await bob.api('POST', chan('messaging', 'p', '/message'), { message: { id: 'kept-2', text: 'unread for alice' } });
    await alice.close();
    await bob.close();
    await first.close();
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']);
    expect(() => JSON.parse(readFileSync(path, 'utf8'))).not.toThrow();

    // The seed is ignored when the file already holds state.
    const second = await startEmulator({ persistPath: path, seed: { users: [{ id: 'someone-else' }] } });
    const again = await RawClient.connect(second, 'alice');
    expect(again.first['me']).toMatchObject({ total_unread_count: 1, unread_channels: 1 });
    const state = await again.api('POST', chan('messaging', 'p', '/query'), {});
    expect(state.body['messages'].map((m: any) => [m.id, m.text])).toEqual([['kept-1', 'remember me'], ['kept-2', 'unread for alice']]);
    expect(state.body['messages'][0]['reaction_counts']).toEqual({ like: 1 });
    // Times keep increasing after a restart.
    const next = await again.api('POST', chan('messaging', 'p', '/message'), { message: { id: 'kept-3', text: 'later' } });
    expect(next.body['message']['created_at'] > state.body['messages'][1]['created_at']).toBe(true);
    const dup = await again.api('POST', chan('messaging', 'p', '/message'), { message: { id: 'kept-1', text: 'again' } });
    expect(dup.body['code']).toBe(4);
    await again.close();
    await second.close();
  });
});
