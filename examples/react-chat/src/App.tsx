// The layout: the channel list, the open channel, and a thread panel when one is open. The
// URL holds the open channel and thread (reload and back return to them); a phone shows one
// pane at a time. Failures show with their reason: the connection's under the user's name,
// a failed write's in a notice that goes away by itself.
import { useCallback, useEffect, useState } from 'react';
import { useChatClient, useChatSelector, useConnectionState, useUnreadCounts } from 'chatstore/react';
import { onRouteChange, readRoute, writeRoute } from '../../shared/route.ts';
import { Avatar } from './Avatar.tsx';
import type { DemoUser } from './config.ts';
import { ChannelList } from './ChannelList.tsx';
import { ChannelView } from './ChannelView.tsx';
import { ThreadPanel } from './ThreadPanel.tsx';
import { NewDirectMessage } from './NewDirectMessage.tsx';
import { NewGroup } from './NewGroup.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { People } from './People.tsx';
import { RemindersPanel } from './RemindersPanel.tsx';

export function App({ users }: { users: DemoUser[] }) {
  const client = useChatClient();
  const { status, error } = useConnectionState();
  const me = useChatSelector((s) => s.me);
  const unread = useUnreadCounts();
  const [route, setRoute] = useState(readRoute);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const { channel: cid, thread: threadId } = route;

  useEffect(() => onRouteChange(setRoute), []);
  useEffect(() => writeRoute(route), [route]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = client.errors$.subscribe((e) => {
      setNotice(`${e.endpoint ? `${e.endpoint}: ` : ''}${e.message}`);
      clearTimeout(timer);
      timer = setTimeout(() => setNotice(undefined), 8000);
    });
    return () => {
      sub.unsubscribe();
      clearTimeout(timer);
    };
  }, [client]);
  useEffect(() => {
    if (!threadId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) setRoute((r) => ({ channel: r.channel }));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [threadId]);

  // Stable, so the memoized channel rows do not re-render when the app does.
  const open = useCallback((next: string) => setRoute({ channel: next }), []);
  // A search result: open its channel at the message.
  const [jump, setJump] = useState<{ cid: string; id: string } | undefined>(undefined);
  const openAt = useCallback((next: string, messageId: string) => {
    setJump({ cid: next, id: messageId });
    setRoute({ channel: next });
  }, []);
  const openThread = useCallback((parent: string) => setRoute((r) => ({ channel: r.channel, thread: parent })), []);

  return (
    <div className={`app${cid ? ' has-channel' : ''}${threadId ? ' has-thread' : ''}`}>
      <aside className="sidebar">
        <header>
          {me ? <Avatar user={me} /> : null}
          <strong className="me">{me?.name ?? me?.id ?? '…'}</strong>
          <span className={`status status-${status}`}>{status}</span>
        </header>
        {error ? (
          <p className="error-line" role="alert">
            Connection problem: {error.message}
          </p>
        ) : null}
        <p className="totals">
          {unread.totalMessages > 0 ? `${unread.totalMessages} unread in ${unread.channels} channel${unread.channels === 1 ? '' : 's'}` : 'All caught up'}
        </p>
        {me ? <NewDirectMessage me={me.id} users={users} onOpen={open} /> : null}
        {me ? <NewGroup me={me.id} users={users} onOpen={open} /> : null}
        {me ? <SearchPanel me={me.id} onOpen={openAt} /> : null}
        {me ? <ChannelList me={me.id} selected={cid} onSelect={open} /> : <p className="muted">Connecting…</p>}
        {me ? <People meId={me.id} /> : null}
        {me ? <RemindersPanel onOpen={open} /> : null}
        <footer>
          Switch user:{' '}
          {users
            .filter((u) => u.id !== me?.id)
            .map((u) => (
              <a key={u.id} href={`?user=${encodeURIComponent(u.id)}`}>
                {u.id}
              </a>
            ))}
        </footer>
      </aside>
      <main className="main">
        {cid ? (
          <ChannelView key={cid} cid={cid} users={users} jumpTo={jump?.cid === cid ? jump.id : undefined} onOpenThread={openThread} onBack={() => setRoute({})} />
        ) : (
          <p className="empty">Pick a channel.</p>
        )}
      </main>
      {threadId && cid ? <ThreadPanel key={threadId} cid={cid} parentId={threadId} onClose={() => setRoute({ channel: cid })} /> : null}
      {notice ? (
        <p className="notice" role="alert">
          {notice}
          <button type="button" className="link" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
            ✕
          </button>
        </p>
      ) : null}
    </div>
  );
}
