// What a held message shares with the rest of the state, to bound memory (bench W2 holds
// 100k messages).
//
// A decoded message brings about nine empty collections (attachments, reactions, mentions,
// custom, ...) and its own copy of its author. Held messages are frozen, so equal values can
// be one object: empty collections become the decoders' shared frozen empties, and an author
// equal to the channel member's user becomes that member's object. Equality, never identity,
// decides: an author whose copy differs (newer fields) keeps its own.
import type { ChannelEntry } from './state.ts';
import { deepEqual } from './deepEqual.ts';
import { peek } from './peek.ts';
import { isDraft } from './owned.ts';
import { FROZEN_EMPTY_ARRAY, FROZEN_EMPTY_MAP } from '../models/freeze.ts';


function isEmptyObject(v: object): boolean {
  for (const _ in v) return false;
  return true;
}

/** Replace, in a new (not yet frozen) message, empties and an equal author by shared objects. */
export function compactMessage(out: Record<string, unknown>, ch: ChannelEntry | undefined): void {
  for (const key in out) {
    const v = out[key];
    if (typeof v !== 'object' || v === null || v === FROZEN_EMPTY_ARRAY || v === FROZEN_EMPTY_MAP || isDraft(v)) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) out[key] = FROZEN_EMPTY_ARRAY;
    } else if (Object.getPrototypeOf(v) === Object.prototype && isEmptyObject(v)) {
      out[key] = FROZEN_EMPTY_MAP;
    }
  }
  const author = out['user'] as { id?: string } | undefined;
  if (!ch || !author?.id || isDraft(author)) return;
  const member = peek(peek(peek(ch).members)[author.id]);
  const user = member ? peek(member.user) : undefined;
  const authorAt = (author as { updated_at?: unknown }).updated_at;
  if (user && user !== author && user.updated_at === authorAt && deepEqual(user, author)) out['user'] = user;
}
