// The poll a message carries, live: every message with this poll_id shows the same poll
// (client.poll(id) through usePoll), counts move as anyone votes, and a click on an option
// votes for it (or takes the own vote back). A vote shows at once; one the rules refuse
// (closed poll, vote limit) says why under the poll and changes nothing.
import { computed, defineComponent, h, ref, type PropType } from 'vue';
import { isChatError, type LocalMessage } from 'chatstore';
import { useChatSelector, usePoll } from 'chatstore/vue';
import { pollOptionRows } from '../../shared/format.ts';

const LivePoll = defineComponent({
  name: 'LivePoll',
  props: {
    pollId: { type: String, required: true },
    message: { type: Object as PropType<LocalMessage>, required: true },
  },
  setup(props) {
    const { poll, data } = usePoll(() => props.pollId);
    const meId = useChatSelector((s) => s.me?.id);
    const error = ref<string | undefined>(undefined);
    const act = (run: () => Promise<unknown>) => {
      error.value = undefined;
      run().catch((e: unknown) => (error.value = isChatError(e) ? e.message : String(e)));
    };
    const shown = computed(() => data.value ?? props.message.poll);
    return () => {
      const p = shown.value;
      if (!p) return null;
      const closed = p.is_closed === true;
      const limit = p.enforce_unique_vote ? 'one vote' : p.max_votes_allowed ? `up to ${p.max_votes_allowed} votes` : 'any number of votes';
      const handle = poll.value;
      return h('figure', { class: 'poll', 'aria-label': `Poll: ${p.name}` }, [
        h('figcaption', [`📊 ${p.name} `, h('span', { class: 'muted' }, `· ${p.vote_count} vote${p.vote_count === 1 ? '' : 's'}${closed ? ' · closed' : ` · ${limit}`}`)]),
        h(
          'ul',
          pollOptionRows(p).map((o) =>
            h('li', { key: o.id, class: o.mine ? 'mine' : undefined }, [
              h(
                'button',
                {
                  type: 'button',
                  class: 'poll-option',
                  'aria-pressed': o.mine ? 'true' : 'false',
                  'aria-label': `${o.text}: ${o.votes} vote${o.votes === 1 ? '' : 's'}`,
                  disabled: closed || data.value === null,
                  onClick: () => act(() => (o.ownVoteId ? handle.removeVote(props.message.id, o.ownVoteId) : handle.vote(props.message.id, o.id))),
                },
                [
                  h('span', { class: 'bar', style: { width: `${Math.round(o.share * 100)}%` } }),
                  h('span', { class: 'option' }, o.text),
                  h('span', { class: 'votes' }, String(o.votes)),
                ],
              ),
            ]),
          ),
        ),
        error.value ? h('p', { class: 'poll-error', role: 'alert' }, error.value) : null,
        data.value && !closed && data.value.created_by_id === meId.value
          ? h('button', { type: 'button', class: 'link', onClick: () => act(() => handle.close()) }, 'Close poll')
          : null,
      ]);
    };
  },
});

export const Poll = defineComponent({
  name: 'Poll',
  props: { message: { type: Object as PropType<LocalMessage>, required: true } },
  setup(props) {
    return () => {
      const pollId = props.message.poll_id ?? props.message.poll?.id;
      return pollId ? h(LivePoll, { pollId, message: props.message }) : null;
    };
  },
});
