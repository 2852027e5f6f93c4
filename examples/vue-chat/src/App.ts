// The layout: channel list, the open channel, and a thread panel when one is open.
import { defineComponent, h, ref, type PropType } from 'vue';
import { useChatSelector, useConnectionState, useUnreadCounts } from 'chatstore/vue';
import type { DemoUser } from './config.ts';
import { ChannelList } from './ChannelList.ts';
import { ChannelView } from './ChannelView.ts';
import { ThreadPanel } from './ThreadPanel.ts';

export const App = defineComponent({
  name: 'App',
  props: { users: { type: Array as PropType<DemoUser[]>, required: true } },
  setup(props) {
    const connection = useConnectionState();
    const me = useChatSelector((s) => s.me);
    const unread = useUnreadCounts();
    const cid = ref<string | undefined>(undefined);
    const threadId = ref<string | undefined>(undefined);

    // One function for the app's life, so the channel rows' props stay equal across renders.
    const open = (next: string) => {
      cid.value = next;
      threadId.value = undefined;
    };
    const openThread = (parentId: string) => {
      threadId.value = parentId;
    };
    const back = () => {
      cid.value = undefined;
      threadId.value = undefined;
    };
    const closeThread = () => {
      threadId.value = undefined;
    };

    return () => {
      const { status, error } = connection.value;
      const user = me.value;
      const totals = unread.value;
      return h('div', { class: ['app', cid.value ? 'has-channel' : '', threadId.value ? 'has-thread' : ''] }, [
        h('aside', { class: 'sidebar' }, [
          h('header', [
            h('strong', user?.name ?? user?.id ?? '…'),
            h('span', { class: `status status-${status}` }, status),
            error ? h('span', { class: 'error', title: error.message }, '!') : null,
          ]),
          h('p', { class: 'totals' }, `${totals.totalMessages} unread in ${totals.channels} channel${totals.channels === 1 ? '' : 's'}`),
          user ? h(ChannelList, { me: user.id, selected: cid.value, onSelect: open }) : h('p', { class: 'muted' }, 'connecting…'),
          h('footer', [
            'Switch user: ',
            ...props.users.filter((u) => u.id !== user?.id).map((u) => h('a', { key: u.id, href: `?user=${u.id}` }, u.id)),
          ]),
        ]),
        h('main', { class: 'main' }, [
          cid.value ? h(ChannelView, { key: cid.value, cid: cid.value, onOpenThread: openThread, onBack: back }) : h('p', { class: 'empty' }, 'Pick a channel.'),
        ]),
        threadId.value && cid.value
          ? h(ThreadPanel, { key: threadId.value, cid: cid.value, parentId: threadId.value, onClose: closeThread })
          : null,
      ]);
    };
  },
});
