// A message's text with its links clickable and its mentions marked (the poll a message
// carries is Poll.ts).
import { defineComponent, h, type PropType } from 'vue';
import type { LocalMessage } from 'chatstore';
import { tokenize } from '../../shared/format.ts';

export const MessageText = defineComponent({
  name: 'MessageText',
  props: {
    message: { type: Object as PropType<LocalMessage>, required: true },
    meId: { type: String as PropType<string | undefined>, required: false },
  },
  setup(props) {
    return () =>
      h(
        'p',
        { class: 'text' },
        tokenize(props.message.text ?? '', props.message.mentioned_users, props.meId).map((t) =>
          t.kind === 'link'
            ? h('a', { href: t.href, target: '_blank', rel: 'noopener noreferrer' }, t.text)
            : t.kind === 'mention'
              ? h('span', { class: t.me ? 'mention me' : 'mention' }, t.text)
              : t.text,
        ),
      );
  },
});
