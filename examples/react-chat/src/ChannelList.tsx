// The user's channels, pinned ones first, then by most recent message, with unread and
// mention badges and a preview of the latest message; archived channels behind a toggle. Rows are memoized on their summary, which the store
// keeps while the channel's row data is unchanged.
import { memo, useState } from 'react';
import type { ChannelSummary } from 'chatstore';
import { useChannelList } from 'chatstore/react';
import { channelTitle, previewText } from '../../shared/format.ts';
import { Avatar } from './Avatar.tsx';

interface Props {
  me: string;
  selected: string | undefined;
  onSelect(cid: string): void;
}

export function ChannelList({ me, selected, onSelect }: Props) {
  const [archived, setArchived] = useState(false);
  const { channels, status, loadMore } = useChannelList({ members: { $in: [me] }, archived }, { pinned_at: -1, last_message_at: -1 }, { limit: 20 });
  return (
    <nav className="channels" aria-label={archived ? 'Archived channels' : 'Channels'}>
      <button type="button" className="link archived-toggle" aria-pressed={archived} onClick={() => setArchived(!archived)}>
        {archived ? '← All channels' : 'Archived'}
      </button>
      {status.loading && channels.length === 0 ? <p className="muted">Loading…</p> : null}
      {status.error ? <p className="error-line" role="alert">Could not load channels: {status.error.message}</p> : null}
      <ul>
        {channels.map((c) => (
          <ChannelRow key={c.cid} summary={c} me={me} active={c.cid === selected} onSelect={onSelect} />
        ))}
      </ul>
      {status.hasMore ? (
        <button type="button" className="more" onClick={() => void loadMore()} disabled={status.loading}>
          More channels
        </button>
      ) : null}
    </nav>
  );
}

const ChannelRow = memo(function ChannelRow({ summary, me, active, onSelect }: { summary: ChannelSummary; me: string; active: boolean; onSelect(cid: string): void }) {
  const name = channelTitle(summary.data?.['name'], Object.values(summary.members), me, summary.cid);
  const { messages, mentions } = summary.unread;
  return (
    <li>
      <button type="button" className={active ? 'channel active' : 'channel'} aria-current={active ? 'page' : undefined} onClick={() => onSelect(summary.cid)}>
        <Avatar user={{ id: summary.cid, name }} />
        <span className="channel-name">
          {summary.membership?.pinned_at != null ? <span aria-label="pinned">📌 </span> : null}
          {name}
          {summary.data?.muted ? <span aria-label="muted"> 🔇</span> : null}
        </span>
        {messages > 0 ? (
          <span className={mentions > 0 ? 'badge mention' : 'badge'} aria-label={`${messages} unread${mentions > 0 ? `, ${mentions} mentioning you` : ''}`}>
            {mentions > 0 ? '@ ' : ''}
            {messages}
          </span>
        ) : null}
        <span className={messages > 0 ? 'preview unread' : 'preview'}>{previewText(summary.lastMessage, me)}</span>
      </button>
    </li>
  );
});
