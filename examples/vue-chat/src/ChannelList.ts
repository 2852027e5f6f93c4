// The user's channels, most recent message first, with unread badges. A row re-renders only
// when its props change: the store keeps a channel's summary object while its row data is
// unchanged, and `onSelect` is one function for the app's life.
import { defineComponent, h, type PropType } from 'vue';
import type { ChannelSummary } from 'chatstore';
import { useChannelList } from 'chatstore/vue';

const ChannelRow = defineComponent({
  name: 'ChannelRow',
  props: {
    summary: { type: Object as PropType<ChannelSummary>, required: true },
    active: { type: Boolean, required: true },
    onSelect: { type: Function as PropType<(cid: string) => void>, required: true },
  },
  setup(props) {
    return () => {
      const { summary } = props;
      const name = (summary.data?.['name'] as string | undefined) ?? summary.cid;
      const last = summary.lastMessage;
      return h('li', [
        h('button', { type: 'button', class: props.active ? 'channel active' : 'channel', onClick: () => props.onSelect(summary.cid) }, [
          h('span', { class: 'channel-name' }, name),
          summary.unread.messages > 0 ? h('span', { class: 'badge' }, String(summary.unread.messages)) : null,
          h('span', { class: 'preview' }, last ? `${last.user.name ?? last.user.id}: ${last.text}` : 'no messages yet'),
        ]),
      ]);
    };
  },
});

export const ChannelList = defineComponent({
  name: 'ChannelList',
  props: {
    me: { type: String, required: true },
    // undefined while no channel is open (spelled out for exactOptionalPropertyTypes).
    selected: { type: String as PropType<string | undefined>, required: false },
    onSelect: { type: Function as PropType<(cid: string) => void>, required: true },
  },
  setup(props) {
    // A getter: a different user would get a new list (the composable compares by value).
    const { channels, status, loadMore } = useChannelList(() => ({ members: { $in: [props.me] } }), { last_message_at: -1 }, { limit: 20 });
    return () =>
      h('nav', { class: 'channels' }, [
        status.value.loading && channels.value.length === 0 ? h('p', { class: 'muted' }, 'loading…') : null,
        h(
          'ul',
          channels.value.map((c) => h(ChannelRow, { key: c.cid, summary: c, active: c.cid === props.selected, onSelect: props.onSelect })),
        ),
        status.value.hasMore
          ? h('button', { type: 'button', disabled: status.value.loading, onClick: () => void loadMore() }, 'more channels')
          : null,
      ]);
  },
});
