// One open channel: a header (members with presence, pinned messages), the message list
// scrolling in its own area (opens at the newest, sticks to it, keeps its place when older
// messages load, loads them when scrolled near the top), date separators, the unread
// divider with a jump to it, "jump to latest", who is typing, and the composer. The channel
// is marked read while it is open, unless you marked it unread yourself.
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LocalMessage } from 'chatstore';
import { useChannel, useChatSelector, useTyping } from 'chatstore/react';
import { channelTitle, dayLabel, firstUnreadId, isDeleted, lastOwnReceived, newDay, receiptLabel, userName } from '../../shared/format.ts';
import { MessageScroller } from '../../shared/scroller.ts';
import { membersAsMentionable, membersIncomplete } from '../../shared/mentions.ts';
import { Avatar } from './Avatar.tsx';
import { Composer } from './Composer.tsx';
import { MessageRow } from './MessageRow.tsx';
import { PollComposer } from './PollComposer.tsx';
import { TypingLine } from './TypingLine.tsx';
import { ChannelSettings } from './ChannelSettings.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import type { DemoUser } from './config.ts';

interface Props {
  cid: string;
  /** The demo users, to add as members. */
  users?: DemoUser[];
  /** A message to show (a search result): scrolled to once the channel is loaded. */
  jumpTo?: string | undefined;
  onOpenThread(parentId: string): void;
  onBack(): void;
}

export function ChannelView({ cid, users = [], jumpTo, onOpenThread, onBack }: Props) {
  const [type = 'messaging', id = ''] = cid.split(':');
  const meId = useChatSelector((s) => s.me?.id);
  const { channel, data, messages, pinned, members, reads, pagination, unread } = useChannel(type, id);
  const typing = useTyping(channel);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [showPinned, setShowPinned] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [atBottom, setAtBottom] = useState(true);
  // Marked unread by the user: do not mark it read again until they send or come back.
  const [holdUnread, setHoldUnread] = useState(false);
  // What the user had read when the channel opened (or where they marked it unread): the
  // unread divider stays there while they read, as chat apps do.
  const [readAtOpen, setReadAtOpen] = useState<{ lastReadId?: string | undefined; lastRead: number } | null | undefined>(undefined);
  const [dividerSeen, setDividerSeen] = useState(false);
  if (readAtOpen === undefined && data && meId) {
    const own = reads[meId];
    setReadAtOpen(own && unread.messages > 0 ? { lastReadId: own.last_read_message_id, lastRead: own.last_read } : null);
  }

  const page = useRef(pagination);
  page.current = pagination;
  const scroller = useMemo(
    () =>
      new MessageScroller({
        onNearTop: () => {
          if (page.current.hasOlder && !page.current.loadingOlder) channel.loadOlder(25).catch(() => undefined);
        },
        onAtBottom: setAtBottom,
      }),
    [channel],
  );
  const attach = useCallback((el: HTMLDivElement | null) => (el ? scroller.attach(el) : scroller.detach()), [scroller]);
  useLayoutEffect(() => scroller.update(), [scroller, messages, editing, typing]);

  useEffect(() => {
    if (data && unread.messages > 0 && !holdUnread) channel.markRead().catch(() => undefined);
  }, [channel, data, unread.messages, holdUnread]);

  const divider = readAtOpen ? firstUnreadId(messages, readAtOpen, meId) : undefined;
  const lastOwn = lastOwnReceived(messages, meId);
  // Under your latest message: sent, delivered to (their clients reported it), seen by.
  const seen = lastOwn ? receiptLabel(messages.find((m) => m.id === lastOwn)!, reads, meId) : undefined;
  const onEdit = useCallback((next: string | undefined) => setEditing(next), []);
  const onMarkUnread = useCallback(
    (from: string) => {
      const i = messages.findIndex((m) => m.id === from);
      setHoldUnread(true);
      setDividerSeen(false);
      setReadAtOpen({ lastReadId: messages[i - 1]?.id, lastRead: (messages[i]?.created_at ?? 1) - 1 });
      channel.markUnread(from).catch(() => undefined);
    },
    [channel, messages],
  );

  // A search result opened here: bring it into view once the channel has loaded.
  const jumped = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!data || !jumpTo || jumped.current === jumpTo) return;
    jumped.current = jumpTo;
    if (messages.some((m) => m.id === jumpTo)) requestAnimationFrame(() => scroller.reveal(jumpTo));
    else void channel.jumpToMessage(jumpTo).then(() => requestAnimationFrame(() => scroller.reveal(jumpTo)), () => undefined);
  }, [data, jumpTo, messages, channel, scroller]);

  const mentionSource = useMemo(() => ({ users: membersAsMentionable(members), channel, incomplete: membersIncomplete(members.length, data?.member_count) }), [members, channel, data?.member_count]);

  if (!data) return <p className="empty">Loading…</p>;
  const name = channelTitle(data['name'], members, meId, cid);
  const online = members.filter((m) => m.user?.online && m.user_id !== meId).length;
  const reveal = (target: string) => {
    if (messages.some((m) => m.id === target)) scroller.reveal(target);
    else void channel.jumpToMessage(target).then(() => requestAnimationFrame(() => scroller.reveal(target)), () => undefined);
  };
  const jumpToLatest = () => {
    if (pagination.isLatest) scroller.toBottom();
    else void channel.jumpToLatest().then(() => scroller.toBottom(), () => undefined);
  };
  const editLast = () => {
    const last = [...messages].reverse().find((m) => m.user.id === meId && m.status === 'received' && !isDeleted(m));
    if (last) setEditing(last.id);
  };

  let prev: LocalMessage | undefined;
  return (
    <section className="channel-view" aria-label={name}>
      <header>
        <button type="button" className="back" aria-label="Back to channels" onClick={onBack}>
          ‹
        </button>
        <div className="title">
          <h1>{name}</h1>
          <span className="muted">
            {members.length} member{members.length === 1 ? '' : 's'}
            {online > 0 ? ` · ${online} online` : ''}
          </span>
        </div>
        <ul className="members" aria-label="Members">
          {members.slice(0, 5).map((m) => (
            <li key={m.user_id} title={userName(m.user)}>
              <Avatar user={m.user ?? { id: m.user_id ?? '?' }} size="small" presence />
            </li>
          ))}
        </ul>
        <button type="button" className="pinned-toggle" aria-expanded={showPinned} disabled={pinned.length === 0} onClick={() => setShowPinned(!showPinned)}>
          📌 {pinned.length}
          <span className="sr-only"> pinned</span>
        </button>
        <button type="button" className="settings-toggle" aria-expanded={showSettings} aria-label="Channel settings" onClick={() => setShowSettings(!showSettings)}>
          ⚙
        </button>
      </header>
      {showSettings && meId ? (
        <div className="settings-panel">
          <ChannelSettings channel={channel} data={data} me={meId} onGone={onBack} />
          <MembersPanel channel={channel} me={meId} users={users} />
        </div>
      ) : null}
      {showPinned && pinned.length > 0 ? (
        <ul className="pinned-list" aria-label="Pinned messages">
          {pinned.map((m) => (
            <li key={m.id}>
              <button type="button" onClick={() => reveal(m.id)}>
                <strong>{userName(m.user)}:</strong> {m.text}
              </button>
              <button type="button" className="link" aria-label={`Unpin the message from ${userName(m.user)}`} onClick={() => void channel.unpinMessage(m.id).catch(() => undefined)}>
                Unpin
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {divider && !dividerSeen ? (
        <div className="unread-banner" role="status">
          <button type="button" onClick={() => reveal(divider)}>
            ↑ Jump to first unread
          </button>
          <button type="button" className="link" aria-label="Dismiss" onClick={() => setDividerSeen(true)}>
            ✕
          </button>
        </div>
      ) : null}
      <div className="messages" ref={attach} role="log" aria-label={`Messages in ${name}`} tabIndex={0}>
        {pagination.hasOlder ? (
          <p className="muted older">{pagination.loadingOlder ? 'Loading older messages…' : '\u00a0'}</p>
        ) : (
          <p className="muted start">This is the start of {name}.</p>
        )}
        <ol>
          {messages.map((m) => {
            const before = prev;
            prev = m;
            return (
              <Fragment key={m.id}>
                {newDay(before, m) ? (
                  <li className="day" role="separator">
                    <span>{dayLabel(m.created_at)}</span>
                  </li>
                ) : null}
                {m.id === divider ? (
                  <li className="unread-divider" role="separator">
                    <span>New messages</span>
                  </li>
                ) : null}
                <MessageRow
                  message={m}
                  meId={meId}
                  writes={channel}
                  editing={editing === m.id}
                  onEdit={onEdit}
                  onOpenThread={onOpenThread}
                  onMarkUnread={onMarkUnread}
                  seen={m.id === lastOwn ? seen : undefined}
                />
              </Fragment>
            );
          })}
        </ol>
      </div>
      {!atBottom || !pagination.isLatest ? (
        <button type="button" className="jump-latest" onClick={jumpToLatest}>
          ↓ Jump to latest
        </button>
      ) : null}
      <TypingLine typing={typing} />
      <PollComposer channel={channel} />
      <Composer
        label={`Message to ${name}`}
        placeholder={`Message ${name}`}
        draftCid={cid}
        onKeystroke={() => channel.keystroke()}
        onEditLast={editLast}
        meId={meId}
        mentions={mentionSource}
        onSend={(text, files, extras) => {
          setHoldUnread(false);
          scroller.toBottom();
          return channel.sendMessage(files.length > 0 ? { text, ...extras, files } : { text, ...extras });
        }}
      />
    </section>
  );
}
