// The user's channels, most recent message first, with unread badges. Rows are memoized
// on their summary, which the store keeps while the channel's row data is unchanged.
import { memo } from 'react';
import type { ChannelSummary } from 'chatstore';
import { useChannelList } from 'chatstore/react';

interface Props {
  me: string;
  selected: string | undefined;
  onSelect(cid: string): void;
}

export function ChannelList({ me, selected, onSelect }: Props) {
  const { channels, status, loadMore } = useChannelList({ members: { $in: [me] } }, { last_message_at: -1 }, { limit: 20 });
  return (
    <nav className="channels">
      {status.loading && channels.length === 0 ? <p className="muted">loading…</p> : null}
      <ul>
        {channels.map((c) => (
          <ChannelRow key={c.cid} summary={c} active={c.cid === selected} onSelect={onSelect} />
        ))}
      </ul>
      {status.hasMore ? (
        <button type="button" onClick={() => void loadMore()} disabled={status.loading}>
          more channels
        </button>
      ) : null}
    </nav>
  );
}

const ChannelRow = memo(function ChannelRow({ summary, active, onSelect }: { summary: ChannelSummary; active: boolean; onSelect(cid: string): void }) {
  const name = (summary.data?.['name'] as string | undefined) ?? summary.cid;
  const last = summary.lastMessage;
  return (
    <li>
      <button type="button" className={active ? 'channel active' : 'channel'} onClick={() => onSelect(summary.cid)}>
        <span className="channel-name">{name}</span>
        {summary.unread.messages > 0 ? <span className="badge">{summary.unread.messages}</span> : null}
        <span className="preview">{last ? `${last.user.name ?? last.user.id}: ${last.text}` : 'no messages yet'}</span>
      </button>
    </li>
  );
});
