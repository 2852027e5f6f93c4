// The remembering messages selector (src/store/messageView.ts) against the stateless one:
// after any sequence of changes it gives the same messages, keeps its array while nothing in
// the window changed, and looks up again what did change.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMessagesSelector } from '../../src/store/messageView.ts';
import { selectMessages } from '../../src/store/selectors.ts';
import { BASE_MS, iso, msg, storeHarness } from '../helpers/storeFixtures.ts';

const A = 'messaging:view';
const at = (n: number) => BASE_MS + n * 1_000;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => msg(A, `m${from + i}`, at(from + i)));

type Step =
  | { kind: 'new'; n: number }
  | { kind: 'edit'; n: number; text: string }
  | { kind: 'delete'; n: number; hard: boolean }
  | { kind: 'older'; count: number }
  | { kind: 'typing' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 2_000 }).map((n) => ({ kind: 'new' as const, n })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), n: fc.integer({ min: 0, max: 2_000 }), text: fc.string({ maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 0, max: 2_000 }), hard: fc.boolean() }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((count) => ({ kind: 'older' as const, count })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'typing' as const }) },
);

describe('remembering messages selector', () => {
  it('always gives what a fresh lookup gives, and the same array when the window did not change', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 400 }), (steps, first) => {
        const h = storeHarness({ windowCap: 0 });
        h.hydrate(A, { messages: range(5_000, 5_000 + first - 1) }, first);
        const select = createMessagesSelector();
        let lowest = 5_000;
        let prev = select(h.ch(A));
        expect(prev).toEqual(selectMessages(h.ch(A)));
        for (const s of steps) {
          const held = selectMessages(h.ch(A));
          const pick = held[s.kind === 'new' || s.kind === 'older' || s.kind === 'typing' ? 0 : s.n % Math.max(1, held.length)];
          if (s.kind === 'new') h.send('message.new', { cid: A, message: msg(A, `n${s.n}-${held.length}`, at(10_000 + held.length)) });
          else if (s.kind === 'edit' && pick) h.send('message.updated', { cid: A, message: { ...pick, text: s.text, updated_at: iso(at(20_000 + held.length)) } });
          else if (s.kind === 'delete' && pick) h.send('message.deleted', { cid: A, hard_delete: s.hard, message: { ...pick, type: 'deleted', deleted_at: iso(at(30_000)) } });
          else if (s.kind === 'older') {
            h.dispatch({ type: 'messages/paged', cid: A, direction: 'older', window: h.ch(A).current, messages: range(lowest - s.count, lowest - 1), limit: s.count });
            lowest -= s.count;
          } else if (s.kind === 'typing') h.send('typing.start', { cid: A, user: { id: 'bob' } });
          const ch = h.ch(A);
          const next = select(ch);
          const fresh = selectMessages(ch);
          expect(next).toEqual(fresh);
          // Same messages in the same order: the same array, so subscribers are not woken.
          if (next.length === prev.length && next.every((m, i) => m === prev[i])) expect(next).toBe(prev);
          prev = next;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('picks up an edit of a message deep in a long window', () => {
    const h = storeHarness({ windowCap: 0 });
    h.hydrate(A, { messages: range(1, 700) }, 700);
    const select = createMessagesSelector();
    const before = select(h.ch(A));
    expect(before).toHaveLength(700);
    h.send('message.updated', { cid: A, message: { ...msg(A, 'm42', at(42)), text: 'changed', updated_at: iso(at(800)) } });
    const after = select(h.ch(A));
    expect(after).not.toBe(before);
    expect(after[41]?.text).toBe('changed');
    expect(after.filter((m, i) => m !== before[i]).map((m) => m.id)).toEqual(['m42']);
  });
});
