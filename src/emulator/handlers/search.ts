// Search (GET /search?payload=...): messages of the channels matching `filter_conditions`
// (which must be given) that contain `query`, or match `message_filter_conditions`.
import { channelFilterFor } from './channels.ts';
import { inputError } from '../errors.ts';
import { compareBy, matchFilter, parseSort } from '../filters.ts';
import { optInt, optObject, optString } from '../input.ts';
import { canAccess } from '../permissions.ts';
import type { Handler } from '../router.ts';
import type { MessageRecord } from '../state.ts';
import { channelResponse, isPinned, messageResponse } from '../views.ts';

export const search: Handler = (b, ctx) => {
  const channelFilter = optObject(ctx.body, 'filter_conditions');
  if (!channelFilter || Object.keys(channelFilter).length === 0) throw inputError('"filter_conditions" is required');
  const query = optString(ctx.body, 'query');
  const messageFilter = optObject(ctx.body, 'message_filter_conditions');
  if (!query && !messageFilter) throw inputError('"query" or "message_filter_conditions" is required');
  const limit = optInt(ctx.body, 'limit', 1, 100) ?? 20;
  const next = optString(ctx.body, 'next');
  const offset = next ? Number(Buffer.from(next, 'base64url').toString('utf8')) : (optInt(ctx.body, 'offset') ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw inputError('"next" is not a cursor this server issued');
  const sort = parseSort(ctx.body['sort'], ['created_at', 'updated_at', 'relevance', 'id']);
  const viewer = ctx.userId;
  const matchChannel = channelFilterFor(b, viewer, channelFilter);
  const channels = [...b.state.channels.values()].filter((c) => canAccess(c, viewer) && matchChannel(c));
  const get = (m: MessageRecord, f: string): unknown =>
    f === 'text' ? m.text : f === 'id' ? m.id : f === 'user.id' || f === 'user_id' ? m.user_id : f === 'created_at' ? m.created_at : f === 'updated_at' ? m.updated_at
      : f === 'pinned' ? isPinned(m) : f === 'parent_id' ? m.parent_id : f === 'mentioned_users.id' ? m.mentioned_user_ids : f === 'attachments' ? m.attachments.length > 0 : m.custom[f];
  const needle = query?.toLowerCase();
  const hits: MessageRecord[] = [];
  for (const c of channels) {
    for (const m of b.state.messages.values()) {
      if (m.cid !== c.cid || m.deleted_at !== undefined || (m.shadowed && m.user_id !== viewer)) continue;
      if (needle && !m.text.toLowerCase().includes(needle)) continue;
      if (messageFilter && !matchFilter(m, messageFilter, get)) continue;
      hits.push(m);
    }
  }
  const specs = sort.filter((s) => s.field !== 'relevance');
  hits.sort(compareBy(specs.length > 0 ? specs : [{ field: 'created_at', direction: -1 }], (m, f) => {
    const v = get(m, f);
    return typeof v === 'number' || typeof v === 'string' ? v : undefined;
  }));
  const page = hits.slice(offset, offset + limit);
  const out: Record<string, unknown> = {
    results: page.map((m) => ({ message: { ...messageResponse(b, m, viewer), channel: channelResponse(b, b.channelOf(m), viewer) } })),
  };
  if (offset + limit < hits.length) out['next'] = Buffer.from(String(offset + limit)).toString('base64url');
  return out;
};
