// The channel's members, live (a member query that follows member events), with add and
// remove. The members change when the server has them (added users must exist, and only
// members may change who belongs).
import { defineComponent, h, onScopeDispose, ref, shallowRef, type PropType } from 'vue';
import type { ChannelHandle, ChannelMemberResponse } from 'chatstore';
import { userName } from '../../shared/format.ts';
import { Avatar } from './Avatar.ts';
import type { DemoUser } from './config.ts';

export const MembersPanel = defineComponent({
  name: 'MembersPanel',
  props: {
    channel: { type: Object as PropType<ChannelHandle>, required: true },
    me: { type: String, required: true },
    users: { type: Array as PropType<DemoUser[]>, required: true },
  },
  setup(props) {
    // The panel is keyed by its channel, so one query serves its life.
    const query = props.channel.queryMembers({}, { created_at: 1 }, { limit: 50 });
    const members = shallowRef<readonly ChannelMemberResponse[]>([]);
    const sub = query.members$.subscribe((m) => (members.value = m));
    onScopeDispose(() => {
      sub.unsubscribe();
      query.dispose();
    });
    const pick = ref('');
    return () => {
      const { channel, me } = props;
      const candidates = props.users.filter((u) => !members.value.some((m) => m.user_id === u.id));
      const chosen = candidates.some((u) => u.id === pick.value) ? pick.value : (candidates[0]?.id ?? '');
      const add = (e: Event) => {
        e.preventDefault();
        if (chosen) void channel.addMembers([chosen], { message: { text: `${me} added ${chosen}` } }).catch(() => undefined);
      };
      return h('section', { class: 'members-panel', 'aria-label': 'Members' }, [
        h('h2', `Members (${members.value.length})`),
        h(
          'ul',
          members.value.map((m) =>
            h('li', { key: m.user_id ?? '' }, [
              h(Avatar, { user: m.user ?? { id: m.user_id ?? '?' }, size: 'small', presence: true }),
              h('span', { class: 'member-name' }, userName(m.user)),
              m.channel_role === 'owner' || m.channel_role === 'channel_moderator' ? h('span', { class: 'muted' }, m.channel_role === 'owner' ? ' owner' : ' moderator') : null,
              m.banned ? h('span', { class: 'muted' }, ' banned') : null,
              m.user_id !== me
                ? h(
                    'button',
                    { type: 'button', class: 'link', 'aria-label': `Remove ${userName(m.user)}`, onClick: () => void channel.removeMembers([m.user_id ?? '']).catch(() => undefined) },
                    'Remove',
                  )
                : null,
            ]),
          ),
        ),
        candidates.length > 0
          ? h('form', { onSubmit: add }, [
              h(
                'select',
                { 'aria-label': 'User to add', value: chosen, onChange: (e: Event) => (pick.value = (e.target as HTMLSelectElement).value) },
                candidates.map((u) => h('option', { key: u.id, value: u.id }, u.name)),
              ),
              ' ',
              h('button', { type: 'submit' }, 'Add member'),
            ])
          : null,
      ]);
    };
  },
});
