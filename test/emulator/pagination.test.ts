import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { call, chan } from './helpers.ts';

let emu: Emulator;
let token: string;
const at = (i: number) => `2024-02-01T10:${String(i).padStart(2, '0')}:00.000123Z`;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      users: [{ id: 'alice' }],
      channels: [{ type: 'messaging', id: 'p', members: ['alice'], messages: Array.from({ length: 20 }, (_, i) => ({ id: `m${i}`, user: 'alice', text: `#${i}`, created_at: at(i) })) }],
    },
  });
  token = await emu.createToken('alice');
});
afterAll(() => emu.close());

async function page(messages: Record<string, unknown>): Promise<string[]> {
  const res = await call(emu, token, 'POST', chan('messaging', 'p', '/query'), { state: true, messages });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body['messages'].map((m: { id: string }) => m.id);
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m${from + i}`);

describe('GetOrCreateChannel message pagination', () => {
  it('returns the latest page by default, oldest first', async () => {
    expect(await page({ limit: 5 })).toEqual(range(15, 19));
    expect((await page({})).length).toBe(20);
  });

  it('id cursors', async () => {
    expect(await page({ limit: 5, id_lt: 'm10' })).toEqual(range(5, 9));
    expect(await page({ limit: 5, id_lte: 'm10' })).toEqual(range(6, 10));
    expect(await page({ limit: 5, id_gt: 'm10' })).toEqual(range(11, 15));
    expect(await page({ limit: 5, id_gte: 'm10' })).toEqual(range(10, 14));
    expect(await page({ limit: 5, id_lt: 'm2' })).toEqual(range(0, 1));
    expect(await page({ limit: 5, id_gt: 'm19' })).toEqual([]);
    expect(await page({ limit: 10, id_gt: 'm3', id_lt: 'm7' })).toEqual(range(4, 6));
  });

  it('around an id or a time, the target in the middle, a short side filled from the other', async () => {
    expect(await page({ limit: 5, id_around: 'm10' })).toEqual(range(8, 12));
    expect(await page({ limit: 4, id_around: 'm10' })).toEqual(range(9, 12));
    expect(await page({ limit: 5, id_around: 'm1' })).toEqual(range(0, 4));
    expect(await page({ limit: 5, id_around: 'm19' })).toEqual(range(15, 19));
    expect(await page({ limit: 3, created_at_around: at(7) })).toEqual(range(6, 8));
  });

  it('created_at cursors, with microsecond precision and epoch-ms numbers', async () => {
    expect(await page({ limit: 3, created_at_before: at(10) })).toEqual(range(7, 9));
    expect(await page({ limit: 3, created_at_before_or_equal: at(10) })).toEqual(range(8, 10));
    expect(await page({ limit: 3, created_at_after: at(10) })).toEqual(range(11, 13));
    expect(await page({ limit: 3, created_at_after_or_equal: at(10) })).toEqual(range(10, 12));
    // One microsecond later than m10 is after it.
    expect(await page({ limit: 1, created_at_after_or_equal: '2024-02-01T10:10:00.000124Z' })).toEqual(['m11']);
    expect(await page({ limit: 2, created_at_before: Date.parse('2024-02-01T10:03:00Z') })).toEqual(range(1, 2));
  });

  it('bad cursors are input errors', async () => {
    const unknown = await call(emu, token, 'POST', chan('messaging', 'p', '/query'), { messages: { id_lt: 'nope' } });
    expect(unknown.body['code']).toBe(4);
    const badTime = await call(emu, token, 'POST', chan('messaging', 'p', '/query'), { messages: { created_at_before: 'yesterday' } });
    expect(badTime.body['code']).toBe(4);
    const badLimit = await call(emu, token, 'POST', chan('messaging', 'p', '/query'), { messages: { limit: -1 } });
    expect(badLimit.body['code']).toBe(4);
  });

  it('pages members and watchers with limit and offset', async () => {
    const res = await call(emu, token, 'POST', chan('messaging', 'p', '/query'), { members: { limit: 0 }, messages: { limit: 0 } });
    expect(res.body).toMatchObject({ members: [], messages: [] });
    expect(res.body['channel']['member_count']).toBe(1);
  });
});
