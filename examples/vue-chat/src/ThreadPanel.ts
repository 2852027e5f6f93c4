// The open thread: its parent, the replies (with "load older"), who is typing, a composer.
import { defineComponent, h, watch, type PropType } from 'vue';
import { useChannel, useThread } from 'chatstore/vue';
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
    // Reactions on replies go through the channel; the channel view already watches it.
    const { channel } = useChannel(type, id, undefined, { autoWatch: false });
    const { thread, data, replies, pagination, typing } = useThread(props.parentId);

    watch(
      () => data.value?.unread ?? 0,
      (count) => {
        if (count > 0) thread.value.markRead().catch(() => undefined);
      },
      { immediate: true },
    );

    const onKeystroke = () => thread.value.keystroke();
    const onSend = (text: string) => thread.value.sendReply({ text });

    return () => {
      const view = data.value;
      const header = h('header', [h('h2', 'Thread'), h('button', { type: 'button', class: 'link', onClick: () => props.onClose() }, 'close')]);
      if (!view) return h('aside', { class: 'thread' }, [header, h('p', { class: 'muted' }, 'loading…')]);
      const ch = channel.value;
      const page = pagination.value;
      return h('aside', { class: 'thread' }, [
        header,
        view.parent ? h('ol', { class: 'parent' }, [h(MessageRow, { message: view.parent, channel: ch })]) : null,
        h('p', { class: 'muted' }, `${view.reply_count} repl${view.reply_count === 1 ? 'y' : 'ies'}`),
        page.hasOlder
          ? h('button', { type: 'button', class: 'older', disabled: page.loadingOlder, onClick: () => void thread.value.loadOlder() }, 'load older replies')
          : null,
        h(
          'ol',
          replies.value.map((m) => h(MessageRow, { key: m.id, message: m, channel: ch })),
        ),
        h(TypingLine, { typing: typing.value }),
        h(Composer, { placeholder: 'Reply', onKeystroke, onSend }),
      ]);
    };
  },
});
