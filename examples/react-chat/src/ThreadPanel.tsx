// The open thread: its parent, the replies (with "load older"), who is typing, a composer.
import { useEffect } from 'react';
import { useChannel, useThread } from 'chatstore/react';
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
  // Reactions on replies go through the channel; the channel view already watches it.
  const { channel } = useChannel(type, id, undefined, { autoWatch: false });
  const { thread, data, replies, pagination, typing } = useThread(parentId);

  useEffect(() => {
    if (data && data.unread > 0) thread.markRead().catch(() => undefined);
  }, [thread, data]);

  return (
    <aside className="thread">
      <header>
        <h2>Thread</h2>
        <button type="button" className="link" onClick={onClose}>
          close
        </button>
      </header>
      {!data ? (
        <p className="muted">loading…</p>
      ) : (
        <>
          {data.parent ? (
            <ol className="parent">
              <MessageRow message={data.parent} channel={channel} />
            </ol>
          ) : null}
          <p className="muted">
            {data.reply_count} repl{data.reply_count === 1 ? 'y' : 'ies'}
          </p>
          {pagination.hasOlder ? (
            <button type="button" className="older" disabled={pagination.loadingOlder} onClick={() => void thread.loadOlder()}>
              load older replies
            </button>
          ) : null}
          <ol>
            {replies.map((m) => (
              <MessageRow key={m.id} message={m} channel={channel} />
            ))}
          </ol>
          <TypingLine typing={typing} />
          <Composer placeholder="Reply" onKeystroke={() => thread.keystroke()} onSend={(text) => thread.sendReply({ text })} />
        </>
      )}
    </aside>
  );
}
