// The soak's comparison: one client's state against what the server returns over REST for
// that user, fact by fact (messages, reactions, deleted flags, windows without holes, read
// states, unread counts per channel and in total).
import { selectUnreadSummary } from '../../src/store/selectors.ts';
import { idsToArray } from '../../src/store/sortedIds.ts';
import { tableGet, tableValues, type ChatClient, type MessageResponse, type WrappedUnreadCountsResponse } from 'chatstore';

export interface Truth {
  channels: Record<string, { messages: MessageResponse[]; reads: Array<{ user: { id: string }; last_read: number; unread_messages: number }> }>;
  unread: WrappedUnreadCountsResponse;
}

export interface Comparison {
  facts: number;
  mismatches: string[];
}

const sortedKeys = (o: Record<string, unknown> | undefined): string =>
  JSON.stringify(Object.entries(o ?? {}).filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : 1)));

export function compareClient(client: ChatClient, userId: string, truth: Truth, cids: readonly string[]): Comparison {
  const out: Comparison = { facts: 0, mismatches: [] };
  const state = client.getState();
  const check = (ok: boolean, what: () => string): void => {
    out.facts += 1;
    if (!ok) out.mismatches.push(`${userId}: ${what()}`);
  };
  for (const cid of cids) {
    const ch = tableGet(state.channels, cid);
    const server = truth.channels[cid];
    if (!ch || !server) {
      check(false, () => `${cid} not held`);
      continue;
    }
    const order = server.messages.map((m) => m.id);
    const byId = new Map(server.messages.map((m) => [m.id, m]));
    const index = new Map(order.map((id, i) => [id, i]));
    // Every confirmed message held equals the server's copy.
    for (const m of tableValues(ch.messages)) {
      if (m.status !== 'received' || m.parent_id) continue;
      const s = byId.get(m.id);
      check(s !== undefined, () => `${cid}/${m.id} held but not on the server`);
      if (!s) continue;
      check(m.text === s.text, () => `${cid}/${m.id} text ${JSON.stringify(m.text)} != ${JSON.stringify(s.text)}`);
      check((m.type === 'deleted') === (s.type === 'deleted'), () => `${cid}/${m.id} deleted ${m.type} != ${s.type}`);
      check(sortedKeys(m.reaction_counts) === sortedKeys(s.reaction_counts), () => `${cid}/${m.id} reactions ${sortedKeys(m.reaction_counts)} != ${sortedKeys(s.reaction_counts)}`);
      const own = (x: MessageResponse) => x.own_reactions.map((r) => r.type).sort().join(',');
      check(own(m) === own(s), () => `${cid}/${m.id} own reactions [${own(m)}] != [${own(s)}]`);
    }
    // Each window is a run of the server's list without holes; the latest ends at the newest.
    for (const w of ch.windows) {
      const ids = idsToArray(w.ids).filter((id) => tableGet(ch.messages, id)?.status === 'received');
      if (ids.length === 0) continue;
      const start = index.get(ids[0] as string);
      const run = start === undefined ? [] : order.slice(start, start + ids.length);
      check(JSON.stringify(run) === JSON.stringify(ids), () => {
        const at = ids.findIndex((id, i) => run[i] !== id);
        return `${cid} window ${ids[0]}..${ids[ids.length - 1]} (${ids.length}) is not contiguous on the server: at ${at} held ${ids.slice(at, at + 3).join(',')}, server ${run.slice(at, at + 3).join(',')}`;
      });
      if (w.isLatest) check(ids[ids.length - 1] === order[order.length - 1], () => `${cid} latest window ends at ${ids[ids.length - 1]}, server at ${order[order.length - 1]}`);
      // A window that says nothing is older must start at the first message (the reverse
      // is allowed: a full page that ends at the first message cannot know it).
      check(w.hasOlder || start === 0, () => `${cid} window from ${ids[0]} says nothing is older`);
    }
    // Read states: everyone's last read, the own unread count.
    for (const r of server.reads) {
      const held = ch.reads[r.user.id];
      check(held?.last_read === r.last_read, () => `${cid} read of ${r.user.id} ${held?.last_read} != ${r.last_read}`);
      if (r.user.id === userId) check(held?.unread_messages === r.unread_messages, () => `${cid} own read unread ${held?.unread_messages} != ${r.unread_messages}`);
    }
    const listed = truth.unread.channels.find((c) => c.channel_id === cid) as { unread_count: number; unread_mentions?: number } | undefined;
    check(ch.unread.messages === (listed?.unread_count ?? 0), () => `${cid} unread ${ch.unread.messages} != ${listed?.unread_count ?? 0}`);
    check(ch.unread.mentions === (listed?.unread_mentions ?? 0), () => `${cid} mentions ${ch.unread.mentions} != ${listed?.unread_mentions ?? 0}`);
  }
  const summary = selectUnreadSummary(state);
  check(summary.totalMessages === truth.unread.total_unread_count, () => `total ${summary.totalMessages} != ${truth.unread.total_unread_count}`);
  const channels = truth.unread.channels.filter((c) => c.unread_count > 0 && (c as { muted?: boolean }).muted !== true).length;
  check(summary.channels === channels, () => `unread channels ${summary.channels} != ${channels}`);
  for (const cid of cids) {
    const listed = truth.unread.channels.find((c) => c.channel_id === cid)?.unread_count ?? 0;
    check((summary.byChannel[cid]?.messages ?? 0) === listed, () => `byChannel ${cid} ${summary.byChannel[cid]?.messages ?? 0} != ${listed}`);
  }
  return out;
}
