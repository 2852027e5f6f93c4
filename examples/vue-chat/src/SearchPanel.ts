// Message search in the sidebar: what you type searches the messages of your channels
// (client.search through useSearch; a blank box searches nothing). Results stay live (an
// edited or deleted message changes in the list) and a click opens the channel at the
// message. "More results" loads the next page.
import { defineComponent, h, onScopeDispose, ref, watch, type PropType } from 'vue';
import { useSearch } from 'chatstore/vue';
import { timeLabel, userName } from '../../shared/format.ts';

export const SearchPanel = defineComponent({
  name: 'SearchPanel',
  props: {
    me: { type: String, required: true },
    onOpen: { type: Function as PropType<(cid: string, messageId: string) => void>, required: true },
  },
  setup(props) {
    const typed = ref('');
    const text = ref('');
    // Search once the typing pauses, not per key press.
    let timer: ReturnType<typeof setTimeout> | undefined;
    watch(typed, (v) => {
      clearTimeout(timer);
      timer = setTimeout(() => (text.value = v.trim()), 250);
    });
    onScopeDispose(() => clearTimeout(timer));
    const { results, status, loadMore } = useSearch(() => ({ members: { $in: [props.me] } }), text, { limit: 10 });
    return () => {
      const s = status.value;
      const found = results.value;
      return h('section', { class: 'search', 'aria-label': 'Search' }, [
        h('input', {
          type: 'search',
          placeholder: 'Search messages',
          'aria-label': 'Search messages',
          value: typed.value,
          onInput: (e: Event) => (typed.value = (e.target as HTMLInputElement).value),
        }),
        text.value
          ? h('div', { class: 'search-results' }, [
              h('p', { class: 'muted', role: 'status' }, s.loading ? 'Searching…' : s.error ? `Search failed: ${s.error.message}` : `${found.length}${s.hasMore ? '+' : ''} found`),
              h(
                'ul',
                { 'aria-label': 'Search results' },
                found.map((m) =>
                  h('li', { key: m.id }, [
                    h('button', { type: 'button', class: 'search-result', onClick: () => props.onOpen(m.cid, m.id) }, [
                      h('strong', userName(m.user)),
                      ' ',
                      h('time', timeLabel(m.created_at)),
                      h('span', { class: 'muted' }, ` in ${m.cid.split(':')[1] ?? m.cid}`),
                      h('span', { class: 'text' }, m.text ?? ''),
                    ]),
                  ]),
                ),
              ),
              s.hasMore && !s.loading ? h('button', { type: 'button', class: 'link', onClick: () => void loadMore().catch(() => undefined) }, 'More results') : null,
            ])
          : null,
      ]);
    };
  },
});
