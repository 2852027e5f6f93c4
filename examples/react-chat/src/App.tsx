// The layout: channel list, the open channel, and a thread panel when one is open.
import { useCallback, useState } from 'react';
import { useConnectionState, useChatSelector, useUnreadCounts } from 'chatstore/react';
import type { DemoUser } from './config.ts';
import { ChannelList } from './ChannelList.tsx';
import { ChannelView } from './ChannelView.tsx';
import { ThreadPanel } from './ThreadPanel.tsx';

export function App({ users }: { users: DemoUser[] }) {
  const { status, error } = useConnectionState();
  const me = useChatSelector((s) => s.me);
  const unread = useUnreadCounts();
  const [cid, setCid] = useState<string | undefined>(undefined);
  const [threadId, setThreadId] = useState<string | undefined>(undefined);

  // Stable, so the memoized channel rows do not re-render when the app does.
  const open = useCallback((next: string) => {
    setCid(next);
    setThreadId(undefined);
  }, []);

  return (
    <div className={`app${cid ? ' has-channel' : ''}${threadId ? ' has-thread' : ''}`}>
      <aside className="sidebar">
        <header>
          <strong>{me?.name ?? me?.id ?? '…'}</strong>
          <span className={`status status-${status}`}>{status}</span>
          {error ? <span className="error" title={error.message}>!</span> : null}
        </header>
        <p className="totals">
          {unread.totalMessages} unread in {unread.channels} channel{unread.channels === 1 ? '' : 's'}
        </p>
        {me ? <ChannelList me={me.id} selected={cid} onSelect={open} /> : <p className="muted">connecting…</p>}
        <footer>
          Switch user:{' '}
          {users
            .filter((u) => u.id !== me?.id)
            .map((u) => (
              <a key={u.id} href={`?user=${u.id}`}>
                {u.id}
              </a>
            ))}
        </footer>
      </aside>
      <main className="main">
        {cid ? <ChannelView key={cid} cid={cid} onOpenThread={setThreadId} onBack={() => setCid(undefined)} /> : <p className="empty">Pick a channel.</p>}
      </main>
      {threadId && cid ? <ThreadPanel key={threadId} cid={cid} parentId={threadId} onClose={() => setThreadId(undefined)} /> : null}
    </div>
  );
}
