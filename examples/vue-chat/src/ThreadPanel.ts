// The open thread: its parent, the replies in their own scrolling area (newest in view),
// who is typing in it, and a reply composer. Escape closes it (App listens).
import { computed, defineComponent, h, onBeforeUnmount, onMounted, onUpdated, ref, watch, type PropType } from 'vue';
import { useChannel, useChatSelector, useThread } from 'chatstore/vue';
import { MessageScroller } from '../../shared/scroller.ts';
import { membersAsMentionable, membersIncomplete, type SendExtras } from '../../shared/mentions.ts';
import { Composer } from './Composer.ts';
import { MessageRow } from './MessageRow.ts';
import { TypingLine } from './TypingLine.ts';

export const ThreadPanel = defineComponent({
  name: 'ThreadPanel',
  props: {
    cid: { type: String, required: true },
    parentId: { type: String, required: true },
    onClose: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    // The app keys this component by parent id, so both ids are fixed for its life.
    const [type = 'messaging', id = ''] = props.cid.split(':');
    const meId = useChatSelector((s) => s.me?.id);
    // Reactions, edits and deletes of replies go through the channel; the channel view watches it.
    const { channel, members, data: channelData } = useChannel(type, id, undefined, { autoWatch: false });
    const mentionSource = computed(() => ({ users: membersAsMentionable(members.value), channel: channel.value, incomplete: membersIncomplete(members.value.length, channelData.value?.member_count) }));
    const { thread, data, replies, pagination, typing } = useThread(props.parentId);
    const editing = ref<string | undefined>(undefined);
    const onEdit = (next: string | undefined) => {
      editing.value = next;
    };
    const list = ref<HTMLElement | null>(null);
    const scroller = new MessageScroller({
      onNearTop: () => {
        const page = pagination.value;
        if (page.hasOlder && !page.loadingOlder) thread.value.loadOlder().catch(() => undefined);
      },
      onAtBottom: () => undefined,
    });
    const sync = () => (list.value ? scroller.attach(list.value) : scroller.detach());
    onMounted(sync);
    onUpdated(() => {
      sync();
      scroller.update();
    });
    onBeforeUnmount(() => scroller.detach());

    watch(
      () => data.value?.unread ?? 0,
      (count) => {
        if (count > 0) thread.value.markRead().catch(() => undefined);
      },
      { immediate: true },
    );

    const onKeystroke = () => thread.value.keystroke();
    const onSend = (text: string, files: File[], extras: SendExtras) => {
      scroller.toBottom();
      return thread.value.sendReply(files.length > 0 ? { text, ...extras, files } : { text, ...extras });
    };

    return () => {
      const view = data.value;
      const ch = channel.value;
      const me = meId.value;
      const n = view?.reply_count ?? 0;
      return h('aside', { class: 'thread', 'aria-label': 'Thread' }, [
        h('header', [h('h2', 'Thread'), h('button', { type: 'button', class: 'close', 'aria-label': 'Close thread', onClick: () => props.onClose() }, '✕')]),
        h(
          'div',
          { class: 'messages', ref: list, role: 'log', 'aria-label': 'Replies', tabindex: 0 },
          !view
            ? [h('p', { class: 'muted' }, 'Loading…')]
            : [
                view.parent ? h('ol', { class: 'parent' }, [h(MessageRow, { message: view.parent, meId: me, writes: ch, editing: editing.value === view.parent.id, onEdit })]) : null,
                h('p', { class: 'muted replies-count' }, `${n} repl${n === 1 ? 'y' : 'ies'}`),
                pagination.value.loadingOlder ? h('p', { class: 'muted older' }, 'Loading older replies…') : null,
                h(
                  'ol',
                  { class: 'replies' },
                  replies.value.map((m) => h(MessageRow, { key: m.id, message: m, meId: me, writes: ch, editing: editing.value === m.id, onEdit })),
                ),
              ],
        ),
        h(TypingLine, { typing: typing.value }),
        h(Composer, { label: 'Reply in thread', placeholder: 'Reply…', onKeystroke, onSend, draftCid: props.cid, draftParentId: props.parentId, mentions: mentionSource.value, meId: meId.value }),
      ]);
    };
  },
});
