// A user's picture, or their initials on a colour of their own; a dot when online.
import { defineComponent, h, type PropType } from 'vue';
import { avatarOf, userName } from '../../shared/format.ts';

export interface AvatarUser {
  id: string;
  name?: string | undefined;
  image?: string | undefined;
  online?: boolean | undefined;
}

export const Avatar = defineComponent({
  name: 'Avatar',
  props: {
    user: { type: Object as PropType<AvatarUser>, required: true },
    size: { type: String as PropType<'small' | 'normal'>, default: 'normal' },
    presence: { type: Boolean, default: false },
  },
  setup(props) {
    return () => {
      const { user } = props;
      const { initials, hue } = avatarOf(user);
      const label = user.online ? `${userName(user)} is online` : `${userName(user)} is offline`;
      return h('span', { class: ['avatar', props.size], 'aria-hidden': 'true', style: { background: `hsl(${hue} 55% 42%)` } }, [
        user.image ? h('img', { src: user.image, alt: '' }) : initials,
        props.presence ? h('span', { class: user.online ? 'presence online' : 'presence', title: label }) : null,
      ]);
    };
  },
});
