// One open channel: a header (members with presence, pinned messages), the message list
// scrolling in its own area (opens at the newest, sticks to it, keeps its place when older
// messages load, loads them when scrolled near the top), date separators, the unread
// divider with a jump to it, "jump to latest", who is typing, and the composer. The channel
// is marked read while it is open, unless you marked it unread yourself.
import { computed, defineComponent, h, onBeforeUnmount, onMounted, onUpdated, ref, watch, type PropType, type VNode } from 'vue';
import type { LocalMessage } from 'chatstore';
import { useChannel, useChatSelector, useTyping } from 'chatstore/vue';
import { channelTitle, dayLabel, firstUnreadId, isDeleted, lastOwnReceived, newDay, receiptLabel, userName } from '../../shared/format.ts';
import { MessageScroller } from '../../shared/scroller.ts';
import { membersAsMentionable, membersIncomplete, type SendExtras } from '../../shared/mentions.ts';
import { Avatar } from './Avatar.ts';
import { Composer } from './Composer.ts';
import { PollComposer } from './PollComposer.ts';
import { MessageRow } from './MessageRow.ts';
import { TypingLine } from './TypingLine.ts';
import { ChannelSettings } from './ChannelSettings.ts';
import { MembersPanel } from './MembersPanel.ts';
import type { DemoUser } from './config.ts';

type ReadMark = { lastReadId?: string | undefined; lastRead: number };

export const ChannelView = defineComponent({
  name: 'ChannelView',
  props: {
    cid: { type: String, required: true },
    /** The demo users, to add as members. */
    users: { type: Array as PropType<DemoUser[]>, default: () => [] },
    /** A message to show (a search result): scrolled to once the channel is loaded. */
    jumpTo: { type: String as PropType<string | undefined>, required: false },
    onOpenThread: { type: Function as PropType<(parentId: string) => void>, required: true },
    onBack: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    // The app keys this component by cid, so the cid is fixed for its life.
    const [type = 'messaging', id = ''] = props.cid.split(':');
    const meId = useChatSelector((s) => s.me?.id);
    const { channel, data, messages, pinned, members, reads, pagination, unread } = useChannel(type, id);
    const typing = useTyping(channel);
    const editing = ref<string | undefined>(undefined);
    const showPinned = ref(false);
    const showSettings = ref(false);
    const atBottom = ref(true);
    // Marked unread by the user: do not mark it read again until they send or come back.
    const holdUnread = ref(false);
    // What the user had read when the channel opened (or where they marked it unread): the
    // unread divider stays there while they read, as chat apps do.
    const readAtOpen = ref<ReadMark | null | undefined>(undefined);
    const dividerSeen = ref(false);
    const list = ref<HTMLElement | null>(null);

    const scroller = new MessageScroller({
      onNearTop: () => {
        const page = pagination.value;
        if (page.hasOlder && !page.loadingOlder) channel.value.loadOlder(25).catch(() => undefined);
      },
      onAtBottom: (value) => {
        atBottom.value = value;
      },
    });
    const sync = () => (list.value ? scroller.attach(list.value) : scroller.detach());
    onMounted(sync);
    onUpdated(() => {
      sync();
      scroller.update();
    });
    onBeforeUnmount(() => scroller.detach());

    watch(
      [data, meId],
      ([held, me]) => {
        if (readAtOpen.value !== undefined || !held || !me) return;
        const own = reads.value[me];
        readAtOpen.value = own && unread.value.messages > 0 ? { lastReadId: own.last_read_message_id, lastRead: own.last_read } : null;
      },
      { immediate: true },
    );
    watch(
      [data, () => unread.value.messages, holdUnread],
      ([held, count, hold]) => {
        if (held && count > 0 && !hold) channel.value.markRead().catch(() => undefined);
      },
      { immediate: true },
    );

    // Stable for the component's life, so the rows' props do not change per render.
    const onEdit = (next: string | undefined) => {
      editing.value = next;
    };
    const onMarkUnread = (from: string) => {
      const all = messages.value;
      const i = all.findIndex((m) => m.id === from);
      holdUnread.value = true;
      dividerSeen.value = false;
      readAtOpen.value = { lastReadId: all[i - 1]?.id, lastRead: (all[i]?.created_at ?? 1) - 1 };
      channel.value.markUnread(from).catch(() => undefined);
    };
    const onKeystroke = () => channel.value.keystroke();
    const onSend = (text: string, files: File[], extras: SendExtras) => {
      holdUnread.value = false;
      scroller.toBottom();
      return channel.value.sendMessage(files.length > 0 ? { text, ...extras, files } : { text, ...extras });
    };
    const mentionSource = computed(() => ({ users: membersAsMentionable(members.value), channel: channel.value, incomplete: membersIncomplete(members.value.length, data.value?.member_count) }));
    const onEditLast = () => {
      const last = [...messages.value].reverse().find((m) => m.user.id === meId.value && m.status === 'received' && !isDeleted(m));
      if (last) editing.value = last.id;
    };
    const reveal = (target: string) => {
      if (messages.value.some((m) => m.id === target)) scroller.reveal(target);
      else void channel.value.jumpToMessage(target).then(() => requestAnimationFrame(() => scroller.reveal(target)), () => undefined);
    };
    // A search result opened here: bring it into view once the channel has loaded.
    let jumped: string | undefined;
    watch(
      () => [data.value !== null, props.jumpTo] as const,
      ([loaded, target]) => {
        if (!loaded || !target || jumped === target) return;
        jumped = target;
        if (messages.value.some((m) => m.id === target)) requestAnimationFrame(() => scroller.reveal(target));
        else void channel.value.jumpToMessage(target).then(() => requestAnimationFrame(() => scroller.reveal(target)), () => undefined);
      },
      { immediate: true },
    );
    const jumpToLatest = () => {
      if (pagination.value.isLatest) scroller.toBottom();
      else void channel.value.jumpToLatest().then(() => scroller.toBottom(), () => undefined);
    };

    return () => {
      if (!data.value) return h('p', { class: 'empty' }, 'Loading…');
      const ch = channel.value;
      const me = meId.value;
      const all = messages.value;
      const page = pagination.value;
      const people = members.value;
      const name = channelTitle(data.value['name'], people, me, props.cid);
      const online = people.filter((m) => m.user?.online && m.user_id !== me).length;
      const divider = readAtOpen.value ? firstUnreadId(all, readAtOpen.value, me) : undefined;
      const lastOwn = lastOwnReceived(all, me);
      // Under your latest message: sent, delivered to (their clients reported it), seen by.
      const seen = lastOwn ? receiptLabel(all.find((m) => m.id === lastOwn)!, reads.value, me) : undefined;

      const rows: VNode[] = [];
      let prev: LocalMessage | undefined;
      for (const m of all) {
        if (newDay(prev, m)) rows.push(h('li', { key: `day-${m.id}`, class: 'day', role: 'separator' }, [h('span', dayLabel(m.created_at))]));
        if (m.id === divider) rows.push(h('li', { key: 'unread-divider', class: 'unread-divider', role: 'separator' }, [h('span', 'New messages')]));
        rows.push(
          h(MessageRow, {
            key: m.id,
            message: m,
            meId: me,
            writes: ch,
            editing: editing.value === m.id,
            onEdit,
            onOpenThread: props.onOpenThread,
            onMarkUnread,
            seen: m.id === lastOwn ? seen : undefined,
          }),
        );
        prev = m;
      }

      return h('section', { class: 'channel-view', 'aria-label': name }, [
        h('header', [
          h('button', { type: 'button', class: 'back', 'aria-label': 'Back to channels', onClick: () => props.onBack() }, '‹'),
          h('div', { class: 'title' }, [
            h('h1', name),
            h('span', { class: 'muted' }, `${people.length} member${people.length === 1 ? '' : 's'}${online > 0 ? ` · ${online} online` : ''}`),
          ]),
          h(
            'ul',
            { class: 'members', 'aria-label': 'Members' },
            people.slice(0, 5).map((m) => h('li', { key: m.user_id ?? '', title: userName(m.user) }, [h(Avatar, { user: m.user ?? { id: m.user_id ?? '?' }, size: 'small', presence: true })])),
          ),
          h(
            'button',
            { type: 'button', class: 'pinned-toggle', 'aria-expanded': String(showPinned.value), disabled: pinned.value.length === 0, onClick: () => (showPinned.value = !showPinned.value) },
            [`📌 ${pinned.value.length}`, h('span', { class: 'sr-only' }, ' pinned')],
          ),
          h(
            'button',
            { type: 'button', class: 'settings-toggle', 'aria-expanded': String(showSettings.value), 'aria-label': 'Channel settings', onClick: () => (showSettings.value = !showSettings.value) },
            '⚙',
          ),
        ]),
        showSettings.value && meId.value && data.value
          ? h('div', { class: 'settings-panel' }, [
              h(ChannelSettings, { channel: channel.value, data: data.value, me: meId.value, onGone: props.onBack }),
              h(MembersPanel, { key: props.cid, channel: channel.value, me: meId.value, users: props.users }),
            ])
          : null,
        showPinned.value && pinned.value.length > 0
          ? h(
              'ul',
              { class: 'pinned-list', 'aria-label': 'Pinned messages' },
              pinned.value.map((m) =>
                h('li', { key: m.id }, [
                  h('button', { type: 'button', onClick: () => reveal(m.id) }, [h('strong', `${userName(m.user)}:`), ` ${m.text ?? ''}`]),
                  h('button', { type: 'button', class: 'link', 'aria-label': `Unpin the message from ${userName(m.user)}`, onClick: () => void channel.value.unpinMessage(m.id).catch(() => undefined) }, 'Unpin'),
                ]),
              ),
            )
          : null,
        divider && !dividerSeen.value
          ? h('div', { class: 'unread-banner', role: 'status' }, [
              h('button', { type: 'button', onClick: () => reveal(divider) }, '↑ Jump to first unread'),
              h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', onClick: () => (dividerSeen.value = true) }, '✕'),
            ])
          : null,
        h('div', { class: 'messages', ref: list, role: 'log', 'aria-label': `Messages in ${name}`, tabindex: 0 }, [
          page.hasOlder
            ? h('p', { class: 'muted older' }, page.loadingOlder ? 'Loading older messages…' : '\u00a0')
            : h('p', { class: 'muted start' }, `This is the start of ${name}.`),
          h('ol', rows),
        ]),
        !atBottom.value || !page.isLatest ? h('button', { type: 'button', class: 'jump-latest', onClick: jumpToLatest }, '↓ Jump to latest') : null,
        h(TypingLine, { typing: typing.value }),
        h(PollComposer, { channel: channel.value }),
        h(Composer, { label: `Message to ${name}`, placeholder: `Message ${name}`, onKeystroke, onSend, onEditLast, draftCid: props.cid, mentions: mentionSource.value, meId: me }),
      ]);
    };
  },
});
