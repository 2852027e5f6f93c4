// DecodeOptions.freeze: the same value as without it, frozen at every level while it is
// built (the client decodes events this way; the store keeps them frozen).
import { describe, expect, it } from 'vitest';
import { decodeEvent, decodeModel } from 'chatstore';
import { T0, wireMessage, wireUser } from '../helpers/fixtures.ts';

function everyObject(v: unknown, out: object[] = []): object[] {
  if (typeof v !== 'object' || v === null) return out;
  out.push(v);
  for (const child of Object.values(v)) everyObject(child, out);
  return out;
}

const event = () => ({
  type: 'message.new',
  cid: 'messaging:a',
  created_at: T0,
  user: wireUser('bob'),
  message: { ...wireMessage({ id: 'm1', cid: 'messaging:a' }), custom: { topic: { tags: ['x'] } }, attachments: [] },
  extra_field: { nested: [{ deep: true }] },
});

describe('decode with freeze', () => {
  it('gives the value decoding without it gives, frozen at every level', () => {
    const plain = decodeEvent(event());
    const frozen = decodeEvent(event(), { freeze: true });
    expect(plain.ok && frozen.ok).toBe(true);
    if (!plain.ok || !frozen.ok) return;
    expect(frozen.value).toEqual(plain.value);
    const objects = everyObject(frozen.value);
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) expect(Object.isFrozen(o)).toBe(true);
    expect(everyObject(plain.value).some((o) => !Object.isFrozen(o))).toBe(true);
  });

  it('shares one frozen empty for missing collections', () => {
    const a = decodeModel('MessageResponse', wireMessage({ id: 'm1', cid: 'messaging:a' }), { freeze: true });
    const b = decodeModel('MessageResponse', wireMessage({ id: 'm2', cid: 'messaging:a' }), { freeze: true });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.mentioned_users).toEqual([]);
    expect(a.value.mentioned_users).toBe(b.value.mentioned_users);
  });

  it('reports bad input exactly as without it', () => {
    const bad = { ...event(), message: { ...wireMessage({ id: 'm1', cid: 'messaging:a' }), created_at: 'yesterday' } };
    const r = decodeEvent(bad, { freeze: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.path).toBe('$.message.created_at');
  });
});
