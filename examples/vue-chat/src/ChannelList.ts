// The user's channels, pinned ones first, then by most recent message, with unread and
// mention badges and a preview of the latest message; archived channels behind a toggle. A row re-renders only when its props change: the store
// keeps a channel's summary object while its row data is unchanged, and `onSelect` is one
// function for the app's life.
import { defineComponent, h, ref, type PropType } from 'vue';
import type { ChannelSummary } from 'chatstore';
import { useChannelList } from 'chatstore/vue';
import { channelTitle, previewText } from '../../shared/format.ts';
import { Avatar } from './Avatar.ts';

const ChannelRow = defineComponent({
  name: 'ChannelRow',
  props: {
    summary: { type: Object as PropType<ChannelSummary>, required: true },
    me: { type: String, required: true },
    active: { type: Boolean, required: true },
    onSelect: { type: Function as PropType<(cid: string) => void>, required: true },
  },
  setup(props) {
    return () => {
      const { summary, me } = props;
      const name = channelTitle(summary.data?.['name'], Object.values(summary.members), me, summary.cid);
      const { messages, mentions } = summary.unread;
      return h('li', [
        h(
          'button',
          { type: 'button', class: props.active ? 'channel active' : 'channel', 'aria-current': props.active ? 'page' : undefined, onClick: () => props.onSelect(summary.cid) },
          [
            h(Avatar, { user: { id: summary.cid, name } }),
            h('span', { class: 'channel-name' }, [
              summary.membership?.pinned_at != null ? h('span', { 'aria-label': 'pinned' }, '📌 ') : null,
              name,
              summary.data?.muted ? h('span', { 'aria-label': 'muted' }, ' 🔇') : null,
            ]),
            messages > 0
              ? h(
                  'span',
                  { class: mentions > 0 ? 'badge mention' : 'badge', 'aria-label': `${messages} unread${mentions > 0 ? `, ${mentions} mentioning you` : ''}` },
                  `${mentions > 0 ? '@ ' : ''}${messages}`,
                )
              : null,
            h('span', { class: messages > 0 ? 'preview unread' : 'preview' }, previewText(summary.lastMessage, me)),
          ],
        ),
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
    const archived = ref(false);
    const { channels, status, loadMore } = useChannelList(() => ({ members: { $in: [props.me] }, archived: archived.value }), { pinned_at: -1, last_message_at: -1 }, { limit: 20 });
    return () =>
      h('nav', { class: 'channels', 'aria-label': archived.value ? 'Archived channels' : 'Channels' }, [
        h(
          'button',
          { type: 'button', class: 'link archived-toggle', 'aria-pressed': String(archived.value), onClick: () => (archived.value = !archived.value) },
          archived.value ? '← All channels' : 'Archived',
        ),
        status.value.loading && channels.value.length === 0 ? h('p', { class: 'muted' }, 'Loading…') : null,
        status.value.error ? h('p', { class: 'error-line', role: 'alert' }, `Could not load channels: ${status.value.error.message}`) : null,
        h(
          'ul',
          channels.value.map((c) => h(ChannelRow, { key: c.cid, summary: c, me: props.me, active: c.cid === props.selected, onSelect: props.onSelect })),
        ),
        status.value.hasMore
          ? h('button', { type: 'button', class: 'more', disabled: status.value.loading, onClick: () => void loadMore() }, 'More channels')
          : null,
      ]);
  },
});
