// One message: author, text, status, reactions (click to toggle your own) and the thread
// link. Memoized on the message object, which the store replaces only when it changes.
import { memo } from 'react';
import type { LocalMessage } from 'chatstore';

const REACTIONS: Record<string, string> = { like: '👍', love: '❤️', haha: '😂', thumbsup: '👌', wow: '😮' };

export interface Reactable {
  sendReaction(messageId: string, type: string): Promise<unknown>;
  deleteReaction(messageId: string, type: string): Promise<unknown>;
  retryMessage?(id: string): Promise<unknown>;
}

interface Props {
  message: LocalMessage;
  channel: Reactable;
  onOpenThread?: (parentId: string) => void;
}

function counts(message: LocalMessage): Array<[string, number]> {
  return Object.entries(message.reaction_groups ?? {}).map(([type, group]) => [type, (group as { count?: number }).count ?? 0]);
}

export const MessageRow = memo(function MessageRow({ message, channel, onOpenThread }: Props) {
  const own = new Set(message.own_reactions.map((r) => r.type));
  const toggle = (type: string) => {
    const op = own.has(type) ? channel.deleteReaction(message.id, type) : channel.sendReaction(message.id, type);
    op.catch(() => undefined);
  };
  const time = new Date(message.created_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const deleted = message.deleted_at !== undefined || message.type === 'deleted';
  return (
    <li className={`message status-${message.status}`}>
      <div className="meta">
        <strong>{message.user.name ?? message.user.id}</strong> <time>{time}</time>
        {message.status === 'sending' ? <span className="muted"> sending…</span> : null}
        {message.status === 'failed' ? (
          <button type="button" className="link" onClick={() => void channel.retryMessage?.(message.id)}>
            failed, retry
          </button>
        ) : null}
      </div>
      <p className="text">{deleted ? <em className="muted">message deleted</em> : message.text}</p>
      {!deleted ? (
        <div className="actions">
          {counts(message).map(([type, count]) => (
            <button key={type} type="button" className={own.has(type) ? 'reaction mine' : 'reaction'} onClick={() => toggle(type)}>
              {REACTIONS[type] ?? type} {count}
            </button>
          ))}
          <span className="add">
            {Object.entries(REACTIONS)
              .filter(([type]) => !(message.reaction_groups ?? {})[type])
              .map(([type, emoji]) => (
                <button key={type} type="button" className="reaction ghost" title={type} onClick={() => toggle(type)}>
                  {emoji}
                </button>
              ))}
          </span>
          {onOpenThread ? (
            <button type="button" className="link" onClick={() => onOpenThread(message.id)}>
              {message.reply_count > 0 ? `${message.reply_count} repl${message.reply_count === 1 ? 'y' : 'ies'}` : 'reply in thread'}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
});
