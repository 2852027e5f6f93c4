import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo' });
});
afterAll(() => emu.close());

describe("the 'demo' seed", () => {
  it('has channels with history, a thread, reactions, a pinned message, a poll and unread messages', async () => {
    const alice = await RawClient.connect(emu, 'alice');
    expect(alice.first['me']).toMatchObject({ name: 'Alice Archer' });
    expect(alice.first['me']['total_unread_count']).toBeGreaterThan(0);
    const list = await alice.api('POST', '/api/v2/chat/channels', { filter_conditions: { members: { $in: ['alice'] } } });
    expect(list.body['channels'].length).toBeGreaterThanOrEqual(3);
    const general = await alice.api('POST', chan('messaging', 'general', '/query'), {});
    const messages = general.body['messages'] as any[];
    expect(messages.length).toBeGreaterThanOrEqual(5);
    expect(general.body['pinned_messages'].length).toBe(1);
    expect(messages.some((m) => m.reply_count > 0)).toBe(true);
    expect(messages.some((m) => Object.keys(m.reaction_counts).length > 0)).toBe(true);
    expect(messages.find((m) => m.poll)?.poll).toMatchObject({ name: expect.any(String), vote_count: 3 });
    expect(general.body['read'].find((r: any) => r.user.id === 'alice')['unread_messages']).toBeGreaterThan(0);
    const threads = await alice.api('POST', '/api/v2/chat/threads', {});
    expect(threads.body['threads'].length).toBeGreaterThan(0);
    await alice.close();
  });
});
