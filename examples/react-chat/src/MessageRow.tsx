// One message: avatar, author, time, "(edited)", pinned mark, text with links and mentions,
// a poll, reactions (click a chip to toggle yours, or pick one), the thread link, "seen by"
// under your latest message, and the reason a message was not sent. Its actions (react,
// reply, edit, delete, mark unread) show on hover and on keyboard focus. Memoized on its
// props: the store replaces a message object only when that message changed.
import { memo, useState } from 'react';
import type { LocalMessage } from 'chatstore';
import { failure, isDeleted, isEdited, mentionsMe, reactionChips, REACTIONS, timeLabel, userName } from '../../shared/format.ts';
import { Avatar } from './Avatar.tsx';
import { EditBox } from './Composer.tsx';
import { MessageText } from './MessageText.tsx';
import { Poll } from './Poll.tsx';
import { Author, useBlockedUsers } from './Author.tsx';
import { Attachments, type AttachmentWrites } from './Attachments.tsx';
import { RemindMe } from './RemindMe.tsx';

/** The calls a row makes: a channel handle has them all. */
export interface MessageWrites extends AttachmentWrites {
  sendReaction(messageId: string, type: string): Promise<unknown>;
  deleteReaction(messageId: string, type: string): Promise<unknown>;
  retryMessage(id: string): Promise<unknown>;
  updateMessage(id: string, patch: { text: string }): Promise<unknown>;
  deleteMessage(id: string): Promise<unknown>;
  markUnread(fromMessageId: string): Promise<unknown>;
  pinMessage?(id: string): Promise<unknown>;
  unpinMessage?(id: string): Promise<unknown>;
}

interface Props {
  message: LocalMessage;
  meId: string | undefined;
  writes: MessageWrites;
  editing: boolean;
  onEdit(id: string | undefined): void;
  onOpenThread?: ((parentId: string) => void) | undefined;
  onMarkUnread?: ((id: string) => void) | undefined;
  /** The receipt shown under your latest message (sent, delivered to, seen by). */
  seen?: string | undefined;
}

export const MessageRow = memo(function MessageRow({ message, meId, writes, editing, onEdit, onOpenThread, onMarkUnread, seen }: Props) {
  const [picking, setPicking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const deleted = isDeleted(message);
  // The service still delivers a blocked user's messages in group channels; the app hides them.
  const blocked = useBlockedUsers().includes(message.user.id);
  const mine = message.user.id === meId;
  const received = message.status === 'received';
  const failed = failure(message);
  const chips = reactionChips(message);
  const toggle = (type: string, on: boolean) => {
    setPicking(false);
    (on ? writes.deleteReaction(message.id, type) : writes.sendReaction(message.id, type)).catch(() => undefined);
  };
  const classes = ['message', `status-${message.status}`, mine ? 'mine' : '', mentionsMe(message, meId) ? 'mentions-me' : '', message.pinned ? 'pinned' : ''];
  return (
    <li className={classes.filter(Boolean).join(' ')} data-id={message.id}>
      <Avatar user={message.user} />
      <div className="bubble">
        <div className="meta">
          <Author user={message.user} meId={meId} />{' '}
          <time dateTime={new Date(message.created_at).toISOString()}>{timeLabel(message.created_at)}</time>
          {isEdited(message) ? <span className="edited"> (edited)</span> : null}
          {message.pinned && !deleted ? <span className="pin-mark"> 📌 Pinned</span> : null}
          {message.status === 'sending' ? <span className="sending"> Sending…</span> : null}
        </div>
        {deleted ? (
          <p className="text deleted">This message was deleted.</p>
        ) : blocked ? (
          <p className="text blocked">Message from a blocked user.</p>
        ) : editing ? (
          <EditBox
            initial={message.text ?? ''}
            onCancel={() => onEdit(undefined)}
            onSave={(text) => {
              onEdit(undefined);
              writes.updateMessage(message.id, { text }).catch(() => undefined);
            }}
          />
        ) : (
          <MessageText message={message} meId={meId} />
        )}
        {!deleted ? <Attachments message={message} writes={writes} /> : null}
        {!deleted ? <Poll message={message} /> : null}
        {failed ? (
          <p className="failure" role="alert">
            Not sent: {failed.reason}
            {failed.retryable ? (
              <button type="button" className="link" onClick={() => void writes.retryMessage(message.id).catch(() => undefined)}>
                Retry
              </button>
            ) : null}
            <button type="button" className="link" onClick={() => void writes.deleteMessage(message.id).catch(() => undefined)}>
              Discard
            </button>
          </p>
        ) : null}
        {chips.length > 0 && !deleted ? (
          <div className="reactions">
            {chips.map((c) => (
              <button
                key={c.type}
                type="button"
                className={c.mine ? 'reaction mine' : 'reaction'}
                aria-pressed={c.mine}
                aria-label={`${c.emoji} ${c.count}, ${c.mine ? 'remove your' : 'add a'} ${c.type} reaction`}
                onClick={() => toggle(c.type, c.mine)}
              >
                {c.emoji} {c.count}
              </button>
            ))}
          </div>
        ) : null}
        {onOpenThread && message.reply_count > 0 && !deleted ? (
          <button type="button" className="thread-link" onClick={() => onOpenThread(message.id)}>
            {message.reply_count} repl{message.reply_count === 1 ? 'y' : 'ies'}
          </button>
        ) : null}
        {seen !== undefined ? (
          <p className="seen">{seen}</p>
        ) : null}
        {confirming ? (
          <p className="confirm" role="alert">
            Delete this message for everyone?
            <button type="button" className="danger" onClick={() => void writes.deleteMessage(message.id).catch(() => undefined)}>
              Delete
            </button>
            <button type="button" className="link" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </p>
        ) : null}
      </div>
      {received && !deleted && !editing && message.type !== 'ephemeral' ? (
        <div className="toolbar" role="toolbar" aria-label={`Actions for the message from ${userName(message.user)}`}>
          <button type="button" aria-label="Add reaction" aria-expanded={picking} onClick={() => setPicking(!picking)}>
            😀
          </button>
          {onOpenThread ? (
            <button type="button" aria-label="Reply in thread" onClick={() => onOpenThread(message.id)}>
              💬
            </button>
          ) : null}
          {mine ? (
            <button type="button" aria-label="Edit message" onClick={() => onEdit(message.id)}>
              ✏️
            </button>
          ) : null}
          {mine ? (
            <button type="button" aria-label="Delete message" onClick={() => setConfirming(true)}>
              🗑️
            </button>
          ) : null}
          {writes.pinMessage && writes.unpinMessage ? (
            <button
              type="button"
              aria-label={message.pinned ? 'Unpin message' : 'Pin message'}
              aria-pressed={message.pinned}
              onClick={() => void (message.pinned ? writes.unpinMessage!(message.id) : writes.pinMessage!(message.id)).catch(() => undefined)}
            >
              📌
            </button>
          ) : null}
          <RemindMe message={message} />
          {!mine && onMarkUnread ? (
            <button type="button" aria-label="Mark unread from here" onClick={() => onMarkUnread(message.id)}>
              ◉
            </button>
          ) : null}
          {picking ? (
            <div className="picker" role="group" aria-label="Pick a reaction" onKeyDown={(e) => e.key === 'Escape' && setPicking(false)}>
              {REACTIONS.map((r) => {
                const on = chips.some((c) => c.type === r.type && c.mine);
                return (
                  <button key={r.type} type="button" aria-label={`React with ${r.label}`} aria-pressed={on} autoFocus={r === REACTIONS[0]} onClick={() => toggle(r.type, on)}>
                    {r.emoji}
                  </button>
                );
              })}
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
});
