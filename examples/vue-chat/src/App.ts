// The layout: the channel list, the open channel, and a thread panel when one is open. The
// URL holds the open channel and thread (reload and back return to them); a phone shows one
// pane at a time. Failures show with their reason: the connection's under the user's name,
// a failed write's in a notice that goes away by itself.
import { defineComponent, h, onScopeDispose, ref, watch, type PropType } from 'vue';
import { useChatClient, useChatSelector, useConnectionState, useUnreadCounts } from 'chatstore/vue';
import { onRouteChange, readRoute, writeRoute, type Route } from '../../shared/route.ts';
import { Avatar } from './Avatar.ts';
import type { DemoUser } from './config.ts';
import { ChannelList } from './ChannelList.ts';
import { ChannelView } from './ChannelView.ts';
import { SearchPanel } from './SearchPanel.ts';
import { ThreadPanel } from './ThreadPanel.ts';
import { NewDirectMessage } from './NewDirectMessage.ts';
import { NewGroup } from './NewGroup.ts';
import { People } from './People.ts';
import { RemindersPanel } from './Reminders.ts';

export const App = defineComponent({
  name: 'App',
  props: { users: { type: Array as PropType<DemoUser[]>, required: true } },
  setup(props) {
    const client = useChatClient();
    const connection = useConnectionState();
    const me = useChatSelector((s) => s.me);
    const unread = useUnreadCounts();
    const route = ref<Route>(readRoute());
    const notice = ref<string | undefined>(undefined);

    onScopeDispose(onRouteChange((r) => (route.value = r)));
    watch(route, (r) => writeRoute(r), { immediate: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const errors = client.errors$.subscribe((e) => {
      notice.value = `${e.endpoint ? `${e.endpoint}: ` : ''}${e.message}`;
      clearTimeout(timer);
      timer = setTimeout(() => (notice.value = undefined), 8000);
    });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && route.value.thread) route.value = { channel: route.value.channel };
    };
    document.addEventListener('keydown', onKey);
    onScopeDispose(() => {
      errors.unsubscribe();
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey);
    });

    // One function each for the app's life, so the channel rows' props stay equal across renders.
    const open = (next: string) => (route.value = { channel: next });
    // A search result: open its channel at the message.
    const jump = ref<{ cid: string; id: string } | undefined>(undefined);
    const openAt = (next: string, messageId: string) => {
      jump.value = { cid: next, id: messageId };
      route.value = { channel: next };
    };
    const openThread = (parent: string) => (route.value = { channel: route.value.channel, thread: parent });
    const closeThread = () => (route.value = { channel: route.value.channel });
    const back = () => (route.value = {});

    return () => {
      const { status, error } = connection.value;
      const user = me.value;
      const totals = unread.value;
      const { channel: cid, thread: threadId } = route.value;
      return h('div', { class: ['app', cid ? 'has-channel' : '', threadId ? 'has-thread' : ''] }, [
        h('aside', { class: 'sidebar' }, [
          h('header', [user ? h(Avatar, { user }) : null, h('strong', { class: 'me' }, user?.name ?? user?.id ?? '…'), h('span', { class: `status status-${status}` }, status)]),
          error ? h('p', { class: 'error-line', role: 'alert' }, `Connection problem: ${error.message}`) : null,
          h(
            'p',
            { class: 'totals' },
            totals.totalMessages > 0 ? `${totals.totalMessages} unread in ${totals.channels} channel${totals.channels === 1 ? '' : 's'}` : 'All caught up',
          ),
          user ? h(NewDirectMessage, { me: user.id, users: props.users, onOpen: open }) : null,
          user ? h(NewGroup, { me: user.id, users: props.users, onOpen: open }) : null,
          user ? h(SearchPanel, { me: user.id, onOpen: openAt }) : null,
          user ? h(ChannelList, { me: user.id, selected: cid, onSelect: open }) : h('p', { class: 'muted' }, 'Connecting…'),
          user ? h(People, { meId: user.id }) : null,
          user ? h(RemindersPanel, { onOpen: open }) : null,
          h('footer', [
            'Switch user: ',
            ...props.users.filter((u) => u.id !== user?.id).map((u) => h('a', { key: u.id, href: `?user=${encodeURIComponent(u.id)}` }, u.id)),
          ]),
        ]),
        h('main', { class: 'main' }, [cid ? h(ChannelView, { key: cid, cid, users: props.users, jumpTo: jump.value?.cid === cid ? jump.value.id : undefined, onOpenThread: openThread, onBack: back }) : h('p', { class: 'empty' }, 'Pick a channel.')]),
        threadId && cid ? h(ThreadPanel, { key: threadId, cid, parentId: threadId, onClose: closeThread }) : null,
        notice.value
          ? h('p', { class: 'notice', role: 'alert' }, [notice.value, h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', onClick: () => (notice.value = undefined) }, '✕')])
          : null,
      ]);
    };
  },
});
