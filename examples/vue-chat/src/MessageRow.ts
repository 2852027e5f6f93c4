// One message: avatar, author, time, "(edited)", pinned mark, text with links and mentions,
// a poll, reactions (click a chip to toggle yours, or pick one), the thread link, "seen by"
// under your latest message, and the reason a message was not sent. Its actions (react,
// reply, edit, delete, mark unread) show on hover and on keyboard focus. Vue re-renders a
// row only when its props change; the store replaces a message only when it changed.
import { defineComponent, h, ref, type PropType, type VNode } from 'vue';
import type { LocalMessage } from 'chatstore';
import { failure, isDeleted, isEdited, mentionsMe, reactionChips, REACTIONS, timeLabel, userName } from '../../shared/format.ts';
import { Avatar } from './Avatar.ts';
import { EditBox } from './Composer.ts';
import { MessageText, Poll } from './MessageText.ts';
import { Author, useBlockedUsers } from './Author.ts';
import { Attachments, type AttachmentWrites } from './Attachments.ts';
import { RemindMe } from './Reminders.ts';

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

const quiet = (p: Promise<unknown>) => void p.catch(() => undefined);

export const MessageRow = defineComponent({
  name: 'MessageRow',
  props: {
    message: { type: Object as PropType<LocalMessage>, required: true },
    meId: { type: String as PropType<string | undefined>, required: false },
    writes: { type: Object as PropType<MessageWrites>, required: true },
    editing: { type: Boolean, required: true },
    onEdit: { type: Function as PropType<(id: string | undefined) => void>, required: true },
    onOpenThread: { type: Function as PropType<(parentId: string) => void>, required: false },
    onMarkUnread: { type: Function as PropType<(id: string) => void>, required: false },
    /** Names of those who have read this message, shown under your latest one. */
    seen: { type: String as PropType<string | undefined>, required: false },
  },
  setup(props) {
    const picking = ref(false);
    const confirming = ref(false);
    // The service still delivers a blocked user's messages in group channels; the app hides them.
    const blockedIds = useBlockedUsers();
    let focused = false;
    const focusOnce = (el: unknown) => {
      if (el && !focused) (el as HTMLButtonElement).focus();
      focused = el !== null;
    };
    return () => {
      const { message, meId, writes, onOpenThread, onMarkUnread } = props;
      const deleted = isDeleted(message);
      const mine = message.user.id === meId;
      const failed = failure(message);
      const chips = reactionChips(message);
      const toggle = (type: string, on: boolean) => {
        picking.value = false;
        quiet(on ? writes.deleteReaction(message.id, type) : writes.sendReaction(message.id, type));
      };
      const meta: Array<VNode | string> = [
        h(Author, { user: message.user, meId }),
        ' ',
        h('time', { datetime: new Date(message.created_at).toISOString() }, timeLabel(message.created_at)),
      ];
      if (isEdited(message)) meta.push(h('span', { class: 'edited' }, ' (edited)'));
      if (message.pinned && !deleted) meta.push(h('span', { class: 'pin-mark' }, ' 📌 Pinned'));
      if (message.status === 'sending') meta.push(h('span', { class: 'sending' }, ' Sending…'));

      const body: Array<VNode | null> = [h('div', { class: 'meta' }, meta)];
      if (deleted) body.push(h('p', { class: 'text deleted' }, 'This message was deleted.'));
      else if (blockedIds.value.includes(message.user.id)) body.push(h('p', { class: 'text blocked' }, 'Message from a blocked user.'));
      else if (props.editing)
        body.push(
          h(EditBox, {
            initial: message.text ?? '',
            onCancel: () => props.onEdit(undefined),
            onSave: (text: string) => {
              props.onEdit(undefined);
              quiet(writes.updateMessage(message.id, { text }));
            },
          }),
        );
      else body.push(h(MessageText, { message, meId }));
      if (!deleted) body.push(h(Attachments, { message, writes }));
      if (!deleted) body.push(h(Poll, { message }));
      if (failed)
        body.push(
          h('p', { class: 'failure', role: 'alert' }, [
            `Not sent: ${failed.reason}`,
            failed.retryable ? h('button', { type: 'button', class: 'link', onClick: () => quiet(writes.retryMessage(message.id)) }, 'Retry') : null,
            h('button', { type: 'button', class: 'link', onClick: () => quiet(writes.deleteMessage(message.id)) }, 'Discard'),
          ]),
        );
      if (chips.length > 0 && !deleted)
        body.push(
          h(
            'div',
            { class: 'reactions' },
            chips.map((c) =>
              h(
                'button',
                {
                  key: c.type,
                  type: 'button',
                  class: c.mine ? 'reaction mine' : 'reaction',
                  'aria-pressed': String(c.mine),
                  'aria-label': `${c.emoji} ${c.count}, ${c.mine ? 'remove your' : 'add a'} ${c.type} reaction`,
                  onClick: () => toggle(c.type, c.mine),
                },
                `${c.emoji} ${c.count}`,
              ),
            ),
          ),
        );
      if (onOpenThread && message.reply_count > 0 && !deleted) {
        const n = message.reply_count;
        body.push(h('button', { type: 'button', class: 'thread-link', onClick: () => onOpenThread(message.id) }, `${n} repl${n === 1 ? 'y' : 'ies'}`));
      }
      // The receipt under your latest message: sent, delivered to, seen by (ChannelView).
      if (props.seen !== undefined) body.push(h('p', { class: 'seen' }, props.seen));
      if (confirming.value)
        body.push(
          h('p', { class: 'confirm', role: 'alert' }, [
            'Delete this message for everyone?',
            h('button', { type: 'button', class: 'danger', onClick: () => quiet(writes.deleteMessage(message.id)) }, 'Delete'),
            h('button', { type: 'button', class: 'link', onClick: () => (confirming.value = false) }, 'Cancel'),
          ]),
        );

      let toolbar: VNode | null = null;
      if (message.status === 'received' && !deleted && !props.editing && message.type !== 'ephemeral') {
        const buttons: Array<VNode | null> = [
          h('button', { type: 'button', 'aria-label': 'Add reaction', 'aria-expanded': String(picking.value), onClick: () => (picking.value = !picking.value) }, '😀'),
          onOpenThread ? h('button', { type: 'button', 'aria-label': 'Reply in thread', onClick: () => onOpenThread(message.id) }, '💬') : null,
          mine ? h('button', { type: 'button', 'aria-label': 'Edit message', onClick: () => props.onEdit(message.id) }, '✏️') : null,
          mine ? h('button', { type: 'button', 'aria-label': 'Delete message', onClick: () => (confirming.value = true) }, '🗑️') : null,
          writes.pinMessage && writes.unpinMessage
            ? h(
                'button',
                {
                  type: 'button',
                  'aria-label': message.pinned ? 'Unpin message' : 'Pin message',
                  'aria-pressed': String(message.pinned),
                  onClick: () => quiet(message.pinned ? writes.unpinMessage!(message.id) : writes.pinMessage!(message.id)),
                },
                '📌',
              )
            : null,
          h(RemindMe, { message }),
          !mine && onMarkUnread ? h('button', { type: 'button', 'aria-label': 'Mark unread from here', onClick: () => onMarkUnread(message.id) }, '◉') : null,
        ];
        if (picking.value)
          buttons.push(
            h(
              'div',
              { class: 'picker', role: 'group', 'aria-label': 'Pick a reaction', onKeydown: (e: KeyboardEvent) => e.key === 'Escape' && (picking.value = false) },
              REACTIONS.map((r, i) => {
                const on = chips.some((c) => c.type === r.type && c.mine);
                return h(
                  'button',
                  {
                    key: r.type,
                    type: 'button',
                    'aria-label': `React with ${r.label}`,
                    'aria-pressed': String(on),
                    // The first choice takes the focus when the picker opens (keyboard use).
                    ...(i === 0 ? { ref: focusOnce } : {}),
                    onClick: () => toggle(r.type, on),
                  },
                  r.emoji,
                );
              }),
            ),
          );
        toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': `Actions for the message from ${userName(message.user)}` }, buttons);
      }

      const classes = ['message', `status-${message.status}`, mine ? 'mine' : '', mentionsMe(message, meId) ? 'mentions-me' : '', message.pinned ? 'pinned' : ''];
      return h('li', { class: classes.filter(Boolean).join(' '), 'data-id': message.id }, [h(Avatar, { user: message.user }), h('div', { class: 'bubble' }, body), toolbar]);
    };
  },
});
