// The open thread: its parent, the replies in their own scrolling area (newest in view),
// who is typing in it, and a reply composer. Escape closes it (App listens).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useChannel, useChatSelector, useThread } from 'chatstore/react';
import { MessageScroller } from '../../shared/scroller.ts';
import { membersAsMentionable, membersIncomplete } from '../../shared/mentions.ts';
import { Composer } from './Composer.tsx';
import { MessageRow } from './MessageRow.tsx';
import { TypingLine } from './TypingLine.tsx';

interface Props {
  cid: string;
  parentId: string;
  onClose(): void;
}

export function ThreadPanel({ cid, parentId, onClose }: Props) {
  const [type = 'messaging', id = ''] = cid.split(':');
  const meId = useChatSelector((s) => s.me?.id);
  // Reactions, edits and deletes of replies go through the channel; the channel view watches it.
  const { channel, members, data: channelData } = useChannel(type, id, undefined, { autoWatch: false });
  const mentionSource = useMemo(() => ({ users: membersAsMentionable(members), channel, incomplete: membersIncomplete(members.length, channelData?.member_count) }), [members, channel, channelData?.member_count]);
  const { thread, data, replies, pagination, typing } = useThread(parentId);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const onEdit = useCallback((next: string | undefined) => setEditing(next), []);
  const page = useRef(pagination);
  page.current = pagination;
  const scroller = useMemo(
    () =>
      new MessageScroller({
        onNearTop: () => {
          if (page.current.hasOlder && !page.current.loadingOlder) thread.loadOlder().catch(() => undefined);
        },
        onAtBottom: () => undefined,
      }),
    [thread],
  );
  const attach = useCallback((el: HTMLDivElement | null) => (el ? scroller.attach(el) : scroller.detach()), [scroller]);
  useLayoutEffect(() => scroller.update(), [scroller, replies, data, editing]);

  useEffect(() => {
    if (data && data.unread > 0) thread.markRead().catch(() => undefined);
  }, [thread, data]);

  return (
    <aside className="thread" aria-label="Thread">
      <header>
        <h2>Thread</h2>
        <button type="button" className="close" aria-label="Close thread" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="messages" ref={attach} role="log" aria-label="Replies" tabIndex={0}>
        {!data ? (
          <p className="muted">Loading…</p>
        ) : (
          <>
            {data.parent ? (
              <ol className="parent">
                <MessageRow message={data.parent} meId={meId} writes={channel} editing={editing === data.parent.id} onEdit={onEdit} />
              </ol>
            ) : null}
            <p className="muted replies-count">
              {data.reply_count} repl{data.reply_count === 1 ? 'y' : 'ies'}
            </p>
            {pagination.loadingOlder ? <p className="muted older">Loading older replies…</p> : null}
            <ol className="replies">
              {replies.map((m) => (
                <MessageRow key={m.id} message={m} meId={meId} writes={channel} editing={editing === m.id} onEdit={onEdit} />
              ))}
            </ol>
          </>
        )}
      </div>
      <TypingLine typing={typing} />
      <Composer
        label="Reply in thread"
        placeholder="Reply…"
        draftCid={cid}
        draftParentId={parentId}
        onKeystroke={() => thread.keystroke()}
        meId={meId}
        mentions={mentionSource}
        onSend={(text, files, extras) => {
          scroller.toBottom();
          return thread.sendReply(files.length > 0 ? { text, ...extras, files } : { text, ...extras });
        }}
      />
    </aside>
  );
}
