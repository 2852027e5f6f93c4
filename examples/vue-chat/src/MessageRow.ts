// One message: author, text, status, reactions (click to toggle your own) and the thread
// link. Vue re-renders a row only when its props change, and the store replaces a message
// object only when that message changed, so a new message leaves the other rows alone.
import { defineComponent, h, type PropType, type VNode } from 'vue';
import type { LocalMessage } from 'chatstore';

const REACTIONS: Record<string, string> = { like: '👍', love: '❤️', haha: '😂', thumbsup: '👌', wow: '😮' };

export interface Reactable {
  sendReaction(messageId: string, type: string): Promise<unknown>;
  deleteReaction(messageId: string, type: string): Promise<unknown>;
  retryMessage?(id: string): Promise<unknown>;
}

function counts(message: LocalMessage): Array<[string, number]> {
  return Object.entries(message.reaction_groups ?? {}).map(([type, group]) => [type, (group as { count?: number }).count ?? 0]);
}

export const MessageRow = defineComponent({
  name: 'MessageRow',
  props: {
    message: { type: Object as PropType<LocalMessage>, required: true },
    channel: { type: Object as PropType<Reactable>, required: true },
    onOpenThread: { type: Function as PropType<(parentId: string) => void>, required: false },
  },
  setup(props) {
    return () => {
      const { message, channel, onOpenThread } = props;
      const own = new Set(message.own_reactions.map((r) => r.type));
      const toggle = (type: string) => {
        const op = own.has(type) ? channel.deleteReaction(message.id, type) : channel.sendReaction(message.id, type);
        op.catch(() => undefined);
      };
      const time = new Date(message.created_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      const deleted = message.deleted_at !== undefined || message.type === 'deleted';
      const meta: Array<VNode | string> = [h('strong', message.user.name ?? message.user.id), ' ', h('time', time)];
      if (message.status === 'sending') meta.push(h('span', { class: 'muted' }, ' sending…'));
      if (message.status === 'failed') {
        meta.push(h('button', { type: 'button', class: 'link', onClick: () => void channel.retryMessage?.(message.id) }, 'failed, retry'));
      }
      const children: VNode[] = [
        h('div', { class: 'meta' }, meta),
        h('p', { class: 'text' }, deleted ? [h('em', { class: 'muted' }, 'message deleted')] : message.text),
      ];
      if (!deleted) {
        const groups = message.reaction_groups ?? {};
        const actions: VNode[] = counts(message).map(([type, count]) =>
          h('button', { key: type, type: 'button', class: own.has(type) ? 'reaction mine' : 'reaction', onClick: () => toggle(type) }, `${REACTIONS[type] ?? type} ${count}`),
        );
        actions.push(
          h(
            'span',
            { class: 'add' },
            Object.entries(REACTIONS)
              .filter(([type]) => !groups[type])
              .map(([type, emoji]) => h('button', { key: type, type: 'button', class: 'reaction ghost', title: type, onClick: () => toggle(type) }, emoji)),
          ),
        );
        if (onOpenThread) {
          const replies = message.reply_count;
          actions.push(
            h(
              'button',
              { type: 'button', class: 'link', onClick: () => onOpenThread(message.id) },
              replies > 0 ? `${replies} repl${replies === 1 ? 'y' : 'ies'}` : 'reply in thread',
            ),
          );
        }
        children.push(h('div', { class: 'actions' }, actions));
      }
      return h('li', { class: `message status-${message.status}` }, children);
    };
  },
});
