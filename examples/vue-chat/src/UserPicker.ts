import { defineComponent, h, type PropType } from 'vue';
import type { DemoUser } from './config.ts';

/** The demo users; each link opens the app as that user (open two tabs to chat). */
export const UserPicker = defineComponent({
  name: 'UserPicker',
  props: { users: { type: Array as PropType<DemoUser[]>, required: true } },
  setup(props) {
    return () =>
      h('main', { class: 'picker-page' }, [
        h('h1', 'chatstore demo'),
        h('p', 'Pick a user. Open another user in a second tab to chat between them.'),
        h(
          'ul',
          props.users.map((u) => h('li', { key: u.id }, [h('a', { href: `?user=${encodeURIComponent(u.id)}` }, u.name), ' ', h('code', u.id)])),
        ),
      ]);
  },
});
