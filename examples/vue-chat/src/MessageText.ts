// A message's text with its links clickable and its mentions marked; and the poll it
// carries, with its results. Voting arrives with the library's poll handles
// (client.poll(id)); until then the results are shown as the message holds them.
import { defineComponent, h, type PropType } from 'vue';
import type { LocalMessage } from 'chatstore';
import { pollRows, tokenize } from '../../shared/format.ts';

export const MessageText = defineComponent({
  name: 'MessageText',
  props: {
    message: { type: Object as PropType<LocalMessage>, required: true },
    meId: { type: String as PropType<string | undefined>, required: false },
  },
  setup(props) {
    return () =>
      h(
        'p',
        { class: 'text' },
        tokenize(props.message.text ?? '', props.message.mentioned_users, props.meId).map((t) =>
          t.kind === 'link'
            ? h('a', { href: t.href, target: '_blank', rel: 'noopener noreferrer' }, t.text)
            : t.kind === 'mention'
              ? h('span', { class: t.me ? 'mention me' : 'mention' }, t.text)
              : t.text,
        ),
      );
  },
});

export const Poll = defineComponent({
  name: 'Poll',
  props: { message: { type: Object as PropType<LocalMessage>, required: true } },
  setup(props) {
    return () => {
      const poll = props.message.poll;
      if (!poll) return null;
      return h('figure', { class: 'poll', 'aria-label': `Poll: ${poll.name}` }, [
        h('figcaption', [`📊 ${poll.name} `, h('span', { class: 'muted' }, `· ${poll.vote_count} vote${poll.vote_count === 1 ? '' : 's'}${poll.is_closed ? ' · closed' : ''}`)]),
        h(
          'ul',
          pollRows(props.message).map((o) =>
            h('li', { key: o.id, class: o.mine ? 'mine' : undefined }, [
              h('span', { class: 'bar', style: { width: `${Math.round(o.share * 100)}%` } }),
              h('span', { class: 'option' }, o.text),
              h('span', { class: 'votes' }, String(o.votes)),
            ]),
          ),
        ),
      ]);
    };
  },
});
