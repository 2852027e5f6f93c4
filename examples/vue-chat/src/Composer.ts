// A text box: Enter sends, Shift+Enter breaks the line, every input is a keystroke for the
// typing indicator (the client throttles typing.start and sends typing.stop itself).
import { defineComponent, h, ref, type PropType } from 'vue';

export const Composer = defineComponent({
  name: 'Composer',
  props: {
    placeholder: { type: String, required: true },
    onKeystroke: { type: Function as PropType<() => void>, required: true },
    onSend: { type: Function as PropType<(text: string) => Promise<unknown>>, required: true },
  },
  setup(props) {
    const text = ref('');
    const send = () => {
      const value = text.value.trim();
      if (!value) return;
      text.value = '';
      // The message shows at once as 'sending'; a failure marks it 'failed' with a retry.
      props.onSend(value).catch(() => undefined);
    };
    const onKeydown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        send();
      }
    };
    return () =>
      h(
        'form',
        {
          class: 'composer',
          onSubmit: (e: Event) => {
            e.preventDefault();
            send();
          },
        },
        [
          h('textarea', {
            rows: 2,
            value: text.value,
            placeholder: props.placeholder,
            onInput: (e: Event) => {
              text.value = (e.target as HTMLTextAreaElement).value;
              props.onKeystroke();
            },
            onKeydown,
          }),
          h('button', { type: 'submit', disabled: !text.value.trim() }, 'Send'),
        ],
      );
  },
});
