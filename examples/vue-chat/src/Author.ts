// A message's author as the users table has them now (a rename or going offline shows at
// once, without touching the message: chatstore's useUser reads the live user by id), with
// a menu to block or unblock them.
import { defineComponent, h, ref, type PropType } from 'vue';
import { selectBlockedUserIds, type UserResponse } from 'chatstore';
import { useChatClient, useChatSelector, useUser } from 'chatstore/vue';
import { userName } from '../../shared/format.ts';

/** The ids of the users the own user blocked (pending blocks included), as a ref. */
export function useBlockedUsers() {
  return useChatSelector(selectBlockedUserIds);
}

export const Author = defineComponent({
  name: 'Author',
  props: {
    user: { type: Object as PropType<UserResponse>, required: true },
    meId: { type: String as PropType<string | undefined>, required: false },
  },
  setup(props) {
    const client = useChatClient();
    const live = useUser(() => props.user.id);
    const blockedIds = useBlockedUsers();
    const open = ref(false);
    return () => {
      const user = live.value ?? props.user;
      const name = userName(user);
      const blocked = blockedIds.value.includes(props.user.id);
      const parts = [
        h('span', { class: user.online ? 'presence-dot online' : 'presence-dot', title: user.online ? 'online' : 'offline', 'aria-label': user.online ? 'online' : 'offline' }),
        h('strong', { class: 'author' }, name),
      ];
      if (props.user.id !== props.meId) {
        parts.push(h('button', { type: 'button', class: 'link author-menu', 'aria-label': `Actions for ${name}`, 'aria-expanded': open.value, onClick: () => (open.value = !open.value) }, '⋯'));
        if (open.value)
          parts.push(
            h('span', { class: 'author-actions', role: 'menu' }, [
              h(
                'button',
                {
                  type: 'button',
                  role: 'menuitem',
                  onClick: () => {
                    open.value = false;
                    void (blocked ? client.unblockUser(props.user.id) : client.blockUser(props.user.id)).catch(() => undefined);
                  },
                },
                blocked ? `Unblock ${name}` : `Block ${name}`,
              ),
            ]),
          );
      }
      return h('span', { class: 'author-line' }, parts);
    };
  },
});
