import { defineComponent, h, type PropType } from 'vue';
import type { TypingEntry } from 'chatstore';

/** Who else is typing; keeps its height when nobody is, so the layout does not jump. */
export const TypingLine = defineComponent({
  name: 'TypingLine',
  props: { typing: { type: Array as PropType<readonly TypingEntry[]>, required: true } },
  setup(props) {
    return () => {
      const names = props.typing.map((t) => t.user.name ?? t.user.id);
      return h('p', { class: 'typing', 'aria-live': 'polite' }, names.length === 0 ? '\u00a0' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`);
    };
  },
});
