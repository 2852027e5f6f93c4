// One open channel: header, messages with "load older", who is typing, and the composer.
// The channel is marked read while it is open and new messages arrive.
import { useEffect } from 'react';
import { useChannel, useTyping } from 'chatstore/react';
import { Composer } from './Composer.tsx';
import { MessageRow } from './MessageRow.tsx';
import { TypingLine } from './TypingLine.tsx';

interface Props {
  cid: string;
  onOpenThread(parentId: string): void;
  onBack(): void;
}

export function ChannelView({ cid, onOpenThread, onBack }: Props) {
  const [type = 'messaging', id = ''] = cid.split(':');
  const { channel, data, messages, members, pagination, unread } = useChannel(type, id);
  const typing = useTyping(channel);

  useEffect(() => {
    if (data && unread.messages > 0) channel.markRead().catch(() => undefined);
  }, [channel, data, unread.messages]);

  if (!data) return <p className="empty">loading…</p>;
  const name = (data['name'] as string | undefined) ?? cid;
  return (
    <section className="channel-view">
      <header>
        <button type="button" className="back" aria-label="Back to channels" onClick={onBack}>
          ‹
        </button>
        <h1>{name}</h1>
        <span className="muted">
          {members.length} member{members.length === 1 ? '' : 's'} · {cid}
        </span>
      </header>
      <div className="messages">
        {pagination.hasOlder ? (
          <button type="button" className="older" disabled={pagination.loadingOlder} onClick={() => void channel.loadOlder(20)}>
            {pagination.loadingOlder ? 'loading…' : 'load older messages'}
          </button>
        ) : (
          <p className="muted start">This is the start of {name}.</p>
        )}
        <ol>
          {messages.map((m) => (
            <MessageRow key={m.id} message={m} channel={channel} onOpenThread={onOpenThread} />
          ))}
        </ol>
      </div>
      <TypingLine typing={typing} />
      <Composer placeholder={`Message ${name}`} onKeystroke={() => channel.keystroke()} onSend={(text) => channel.sendMessage({ text })} />
    </section>
  );
}
