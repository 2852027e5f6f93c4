// "New direct message": pick a user, and the distinct channel of the two of you opens (got
// if it exists, created if not: client.channel(type, { members })).
import { defineComponent, h, ref, type PropType } from 'vue';
import { useChatClient } from 'chatstore/vue';
import type { DemoUser } from './config.ts';

/** What the sidebar's channel makers (this one and NewGroup) are given. */
export const newChannelProps = {
  me: { type: String, required: true },
  users: { type: Array as PropType<DemoUser[]>, required: true },
  onOpen: { type: Function as PropType<(cid: string) => void>, required: true },
} as const;

export const NewDirectMessage = defineComponent({
  name: 'NewDirectMessage',
  props: newChannelProps,
  setup(props) {
    const client = useChatClient();
    const pick = ref('');
    const busy = ref(false);
    return () => {
      const others = props.users.filter((u) => u.id !== props.me);
      if (others.length === 0) return null;
      const chosen = others.some((u) => u.id === pick.value) ? pick.value : (others[0]?.id ?? '');
      const submit = (e: Event) => {
        e.preventDefault();
        if (!chosen || busy.value) return;
        busy.value = true;
        const dm = client.channel('messaging', { members: [props.me, chosen] });
        dm.watch()
          .then(() => props.onOpen(dm.cid))
          .catch(() => undefined) // shown by the app's error notice
          .finally(() => (busy.value = false));
      };
      return h('form', { class: 'new-dm', 'aria-label': 'New direct message', onSubmit: submit }, [
        h('label', [
          h('span', 'New message to'),
          ' ',
          h(
            'select',
            { value: chosen, 'aria-label': 'Direct message to', onChange: (e: Event) => (pick.value = (e.target as HTMLSelectElement).value) },
            others.map((u) => h('option', { key: u.id, value: u.id }, u.name)),
          ),
        ]),
        ' ',
        h('button', { type: 'submit', disabled: busy.value }, 'Start'),
      ]);
    };
  },
});
