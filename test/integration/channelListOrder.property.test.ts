// Property: whatever pins, archives, hides, mutes and new messages happen, in whatever order
// (some awaited one by one, some in flight together), once the client has taken in what the
// server sent, each live channel list shows exactly the channels, in exactly the order, that
// a fresh QueryChannels with the same filter and sort returns from the server.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstValueFrom } from 'rxjs';
import type { ChannelStateResponseFields, ChatClient } from 'chatstore';
import { startEmulator } from 'chatstore/emulator';
import { connectedClient, drained } from './helpers.ts';
import { propertyRuns } from '../helpers/propertyRuns.ts';

const IDS = ['c0', 'c1', 'c2', 'c3'];
const OPS = ['pin', 'unpin', 'archive', 'unarchive', 'hide', 'show', 'mute', 'unmute', 'message', 'ownMessage'] as const;
type Op = (typeof OPS)[number];

const LISTS: ReadonlyArray<{ filter: Record<string, unknown>; sort: Array<{ field: string; direction: 1 | -1 }> }> = [
  { filter: { members: { $in: ['alice'] }, archived: false }, sort: [{ field: 'pinned_at', direction: -1 }, { field: 'last_message_at', direction: -1 }] },
  { filter: { members: { $in: ['alice'] }, muted: false }, sort: [{ field: 'last_message_at', direction: -1 }] },
  { filter: { members: { $in: ['alice'] } }, sort: [{ field: 'pinned_at', direction: 1 }, { field: 'last_message_at', direction: -1 }] },
];

/** A channel's values for the list's sort fields as the server's answer has them (epoch ms). */
function sortKey(c: ChannelStateResponseFields, sort: ReadonlyArray<{ field: string }>): string {
  return JSON.stringify(
    sort.map(({ field }) => (field === 'pinned_at' ? (c.membership?.pinned_at ?? null) : field === 'last_message_at' ? (c.channel?.last_message_at ?? c.channel?.created_at ?? null) : null)),
  );
}

const arbStep = fc.record({ op: fc.constantFrom(...OPS), ch: fc.integer({ min: 0, max: IDS.length - 1 }), together: fc.boolean() });

function act(alice: ChatClient, bob: ChatClient, step: { op: Op; ch: number }): Promise<unknown> {
  const id = IDS[step.ch] as string;
  const a = alice.channel('messaging', id);
  switch (step.op) {
    case 'message':
      return bob.channel('messaging', id).sendMessage({ text: `from bob` });
    case 'ownMessage':
      return a.sendMessage({ text: 'from alice' });
    default:
      return a[step.op]();
  }
}

describe('channel list order', () => {
  it('equals the server\'s QueryChannels order under pins, archives, hides, mutes and messages in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 1, maxLength: 12 }), async (steps) => {
        const emu = await startEmulator({ port: 0 });
        const clients: ChatClient[] = [];
        try {
          const alice = await connectedClient(emu, 'alice');
          const bob = await connectedClient(emu, 'bob');
          clients.push(alice, bob);
          for (const id of IDS) {
            await alice.channel('messaging', id, { members: ['alice', 'bob'] }).watch();
            await bob.channel('messaging', id).watch();
          }
          const lists = LISTS.map((l) => alice.queryChannels(l.filter, l.sort, { limit: 30 }));
          for (const l of lists) await new Promise<void>((resolve) => l.status$.subscribe((s) => !s.loading && resolve()));
          const inFlight: Promise<unknown>[] = [];
          for (const step of steps) {
            // A refusal (e.g. hiding twice is fine, but a message into a channel deleted…) is
            // not expected here; every op is valid for a member.
            const p = act(alice, bob, step);
            if (step.together) inFlight.push(p);
            else await p;
          }
          await Promise.all(inFlight);
          await drained(emu, alice, 'alice');
          // What the lists show, read before asking the server: client.api applies its answer
          // to the store, which would place the channels itself.
          const shown = await Promise.all(lists.map(async (l) => (await firstValueFrom(l.channels$)).map((r) => r.cid)));
          for (const [i, l] of LISTS.entries()) {
            const server = await alice.api.queryChannels({ filter_conditions: l.filter, sort: l.sort, limit: 30, state: true });
            const expected = server.channels.map((c) => c.channel?.cid as string);
            const keys = new Map(server.channels.map((c) => [c.channel?.cid as string, sortKey(c, l.sort)]));
            const why = `list ${i} after ${JSON.stringify(steps)}: shown ${JSON.stringify(shown[i])}, server ${JSON.stringify(expected)}`;
            // The same channels, and in the server's order: compared by their sort keys, so
            // that channels whose keys differ only below a millisecond (a tie in the client,
            // which holds epoch ms: PROTOCOL.md section 4) may stand in either order.
            expect([...(shown[i] ?? [])].sort(), why).toEqual([...expected].sort());
            expect((shown[i] ?? []).map((cid) => keys.get(cid)), why).toEqual(expected.map((cid) => keys.get(cid)));
          }
          for (const l of lists) l.dispose();
        } finally {
          for (const c of clients) await c.disconnectUser();
          await emu.close();
        }
      }),
      propertyRuns({ seed: 20261207, numRuns: 25 }),
    );
  }, 120_000);
});
