// A small form beside the composer that creates a poll and sends it in a message: a
// question, two or more options, and whether each person has one vote or several.
import { defineComponent, h, ref, type PropType } from 'vue';
import { isChatError, type ChannelHandle } from 'chatstore';
import { useChatClient } from 'chatstore/vue';
import { pollFormOptions } from '../../shared/format.ts';

export const PollComposer = defineComponent({
  name: 'PollComposer',
  props: { channel: { type: Object as PropType<ChannelHandle>, required: true } },
  setup(props) {
    const client = useChatClient();
    const open = ref(false);
    const name = ref('');
    const options = ref(['', '']);
    const unique = ref(true);
    const error = ref<string | undefined>(undefined);
    const busy = ref(false);
    const reset = () => {
      open.value = false;
      name.value = '';
      options.value = ['', ''];
      unique.value = true;
      error.value = undefined;
    };
    const submit = async () => {
      const form = pollFormOptions(options.value);
      if (!name.value.trim()) return void (error.value = 'A poll needs a question');
      if (form.error) return void (error.value = form.error);
      busy.value = true;
      try {
        const poll = await client.createPoll({ name: name.value.trim(), options: form.options.map((text) => ({ text })), enforce_unique_vote: unique.value });
        await props.channel.sendMessage({ text: '', poll_id: poll.id });
        reset();
      } catch (e) {
        error.value = isChatError(e) ? e.message : String(e);
      } finally {
        busy.value = false;
      }
    };
    return () => {
      if (!open.value) return h('button', { type: 'button', class: 'poll-toggle link', onClick: () => (open.value = true) }, '📊 New poll');
      return h(
        'form',
        {
          class: 'poll-form',
          'aria-label': 'New poll',
          onSubmit: (e: Event) => {
            e.preventDefault();
            void submit();
          },
        },
        [
          h('input', { 'aria-label': 'Poll question', placeholder: 'Ask a question', value: name.value, onInput: (e: Event) => (name.value = (e.target as HTMLInputElement).value) }),
          ...options.value.map((text, i) =>
            h('input', {
              key: i,
              'aria-label': `Option ${i + 1}`,
              placeholder: `Option ${i + 1}`,
              value: text,
              onInput: (e: Event) => (options.value = options.value.map((t, j) => (j === i ? (e.target as HTMLInputElement).value : t))),
            }),
          ),
          h('div', { class: 'poll-form-actions' }, [
            h('button', { type: 'button', class: 'link', disabled: options.value.length >= 10, onClick: () => (options.value = [...options.value, '']) }, '+ Add option'),
            h('label', [h('input', { type: 'checkbox', checked: unique.value, onChange: (e: Event) => (unique.value = (e.target as HTMLInputElement).checked) }), ' One vote per person']),
            h('button', { type: 'button', class: 'link', onClick: reset }, 'Cancel'),
            h('button', { type: 'submit', class: 'primary', disabled: busy.value }, 'Create poll'),
          ]),
          error.value ? h('p', { class: 'poll-error', role: 'alert' }, error.value) : null,
        ],
      );
    };
  },
});
