// One open channel: header, messages with "load older", who is typing, and the composer.
// The channel is marked read while it is open and new messages arrive.
import { defineComponent, h, watch, type PropType } from 'vue';
import { useChannel, useTyping } from 'chatstore/vue';
import { Composer } from './Composer.ts';
import { MessageRow } from './MessageRow.ts';
import { TypingLine } from './TypingLine.ts';

export const ChannelView = defineComponent({
  name: 'ChannelView',
  props: {
    cid: { type: String, required: true },
    onOpenThread: { type: Function as PropType<(parentId: string) => void>, required: true },
    onBack: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    // The app keys this component by cid, so the cid is fixed for its life.
    const [type = 'messaging', id = ''] = props.cid.split(':');
    const { channel, data, messages, members, pagination, unread } = useChannel(type, id);
    const typing = useTyping(channel);

    watch(
      [data, () => unread.value.messages],
      ([held, count]) => {
        if (held && count > 0) channel.value.markRead().catch(() => undefined);
      },
      { immediate: true },
    );

    // Stable for the component's life, so the composer's props do not change per render.
    const onKeystroke = () => channel.value.keystroke();
    const onSend = (text: string) => channel.value.sendMessage({ text });

    return () => {
      if (!data.value) return h('p', { class: 'empty' }, 'loading…');
      const ch = channel.value;
      const name = (data.value['name'] as string | undefined) ?? props.cid;
      const count = members.value.length;
      const page = pagination.value;
      return h('section', { class: 'channel-view' }, [
        h('header', [h('button', { type: 'button', class: 'back', 'aria-label': 'Back to channels', onClick: () => props.onBack() }, '‹'), h('h1', name), h('span', { class: 'muted' }, `${count} member${count === 1 ? '' : 's'} · ${props.cid}`)]),
        h('div', { class: 'messages' }, [
          page.hasOlder
            ? h('button', { type: 'button', class: 'older', disabled: page.loadingOlder, onClick: () => void ch.loadOlder(20) }, page.loadingOlder ? 'loading…' : 'load older messages')
            : h('p', { class: 'muted start' }, `This is the start of ${name}.`),
          h(
            'ol',
            messages.value.map((m) => h(MessageRow, { key: m.id, message: m, channel: ch, onOpenThread: props.onOpenThread })),
          ),
        ]),
        h(TypingLine, { typing: typing.value }),
        h(Composer, { placeholder: `Message ${name}`, onKeystroke, onSend }),
      ]);
    };
  },
});
