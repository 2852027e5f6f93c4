// QueryReactions (Chat API seed): the reactions of one message, filtered by type, user and
// time, sorted, in cursor pages. The caller must be able to read the message's channel.
import { cursorPage } from '../cursor.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { optObject } from '../input.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { ReactionRecord } from '../state.ts';
import { compact, reactionResponse } from '../views.ts';

export const queryReactions: Handler = (b, ctx) => {
  const m = b.requireMessage(ctx.params['id'] ?? '');
  requireAccess(b.channelOf(m), ctx.userId, 'read reactions');
  const filter = optObject(ctx.body, 'filter') ?? {};
  const sort = parseSort(ctx.body['sort'], ['created_at', 'updated_at', 'score']);
  const get = (r: ReactionRecord, f: string): unknown =>
    f === 'type' ? r.type : f === 'user_id' ? r.user_id : f === 'score' ? r.score : f === 'created_at' ? r.created_at : f === 'updated_at' ? r.updated_at : r.custom[f];
  const list = (b.state.reactions.get(m.id) ?? []).filter((r) => matchFilter(r, filter, get));
  list.sort(compareBy([...(sort.length > 0 ? sort : [{ field: 'created_at', direction: -1 as const }]), { field: 'user_id', direction: 1 }], (r, f) => {
    const v = get(r, f);
    return typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  const page = cursorPage(list, ctx.body, 25, 300);
  return compact({ reactions: page.items.map((r) => reactionResponse(b, r)), next: page.next, prev: page.prev });
};
