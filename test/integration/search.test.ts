// client.search with real clients over the emulator: loads on first subscribe, pages with
// the server's cursor, and keeps found messages live (bob's edit and delete show in alice's
// results); bad input is a ChatError that changes nothing.
import { describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { ChatError } from 'chatstore';
import { emulatorSuite, until } from './helpers.ts';

const suite = emulatorSuite();

async function setup() {
  const alice = await suite.client('alice');
  const bob = await suite.client('bob');
  const b = bob.channel('messaging', 'search', { members: ['alice', 'bob'] });
  await b.watch();
  for (let i = 1; i <= 5; i++) await b.sendMessage({ id: `bob-${i}`, text: `lunch plan ${i}` });
  await b.sendMessage({ id: 'bob-other', text: 'something else' });
  return { alice, bob, b };
}

describe('search', () => {
  it('loads on first subscribe and pages with the next cursor', async () => {
    const { alice } = await setup();
    const search = alice.search({ cid: 'messaging:search' }, 'lunch', { limit: 2, sort: [{ field: 'created_at', direction: 1 }] });
    // Nothing is asked before someone subscribes.
    expect(Object.keys(alice.getState().searches)).toEqual([]);
    const first = await until(search.results$, (r) => r.length === 2);
    expect(first.map((m) => m.id)).toEqual(['bob-1', 'bob-2']);
    expect(await firstValueFrom(search.status$)).toEqual({ loading: false, hasMore: true });
    await search.loadMore();
    await search.loadMore();
    const all = await until(search.results$, (r) => r.length === 5);
    expect(all.map((m) => m.id)).toEqual(['bob-1', 'bob-2', 'bob-3', 'bob-4', 'bob-5']);
    expect(await until(search.status$, (s) => !s.hasMore)).toEqual({ loading: false, hasMore: false });
    search.dispose();
    expect(alice.getState().searches).toEqual({});
  });

  it('a message filter instead of text', async () => {
    const { alice } = await setup();
    const search = alice.search({ cid: 'messaging:search' }, { id: { $in: ['bob-other', 'bob-3'] } });
    const found = await until(search.results$, (r) => r.length === 2);
    expect(found.map((m) => m.id).sort()).toEqual(['bob-3', 'bob-other']);
  });

  it('keeps found messages live: an edit shows, a delete takes it out', async () => {
    const { alice, b } = await setup();
    // Alice watches the channel, so its events reach her; the results are copies of their own.
    await alice.channel('messaging', 'search').watch();
    const search = alice.search({ cid: 'messaging:search' }, 'lunch', { sort: { created_at: 1 } });
    await until(search.results$, (r) => r.length === 5);
    await b.updateMessage('bob-2', { text: 'lunch moved to 1pm' });
    const edited = await until(search.results$, (r) => r[1]?.text === 'lunch moved to 1pm');
    expect(edited.map((m) => m.id)).toEqual(['bob-1', 'bob-2', 'bob-3', 'bob-4', 'bob-5']);
    await b.deleteMessage('bob-3');
    const after = await until(search.results$, (r) => r.length === 4);
    expect(after.map((m) => m.id)).toEqual(['bob-1', 'bob-2', 'bob-4', 'bob-5']);
  });

  it('bad input is a ChatError that changes nothing', async () => {
    const { alice } = await setup();
    const state = alice.getState();
    expect(() => alice.search({}, 'lunch')).toThrow(ChatError);
    expect(() => alice.search({ cid: 'messaging:search' }, '  ')).toThrow(/empty/);
    expect(() => alice.search({ cid: 'messaging:search' }, 'x', { limit: 500 })).toThrow(/limit/);
    expect(alice.getState()).toBe(state);
  });

  it('a failed search shows on status$ and errors$, and refresh() tries again', async () => {
    const { alice } = await setup();
    suite.emu.controls.failNext('Search', { status: 400, code: 4, message: 'search is off' });
    const search = alice.search({ cid: 'messaging:search' }, 'lunch');
    const failed = await until(search.status$, (s) => s.error !== undefined);
    expect(failed.error).toBeInstanceOf(ChatError);
    expect(failed.error?.code).toBe(4);
    await search.refresh();
    expect((await until(search.results$, (r) => r.length === 5)).length).toBe(5);
    expect((await firstValueFrom(search.status$)).error).toBeUndefined();
  });
});
