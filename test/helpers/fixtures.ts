// Fixture factories: wire-shaped JSON (RFC 3339 timestamps), unique ids per call.
let seq = 0;
/** A short id unique within the test process. */
export function uid(prefix = 'id'): string {
  seq += 1;
  return `${prefix}-${seq}-${Math.random().toString(36).slice(2, 8)}`;
}

export const T0 = '2024-05-01T10:20:30.123456Z';

export function wireUser(id = uid('user'), extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: `User ${id}`, role: 'user', created_at: T0, updated_at: T0, ...extra };
}

export function wireMessage(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uid('msg'),
    cid: 'messaging:general',
    type: 'regular',
    text: 'hello',
    user: wireUser('alice'),
    created_at: T0,
    updated_at: T0,
    attachments: [],
    latest_reactions: [],
    own_reactions: [],
    mentioned_users: [],
    reaction_counts: {},
    reaction_scores: {},
    reply_count: 0,
    pinned: false,
    silent: false,
    shadowed: false,
    custom: {},
    ...extra,
  };
}
