// The mention picker of a composer: typing `@` lists the channel's members (narrowed as the
// query grows; asked of the server when the channel has more members than it loaded);
// arrows move, Enter or Tab picks, Escape closes, a click picks. The rules are
// examples/shared/mentions.ts; this keeps the state and draws the listbox.
import { computed, h, onBeforeUnmount, ref, shallowRef, watch, type Ref, type VNode } from 'vue';
import type { ChannelHandle } from 'chatstore';
import { insertMention, MemberSearch, stillClosed, mentionCandidates, mentionKey, mentionLabel, mentionQueryAt, type Mentionable } from '../../shared/mentions.ts';
import { Avatar } from './Avatar.ts';

export interface MentionSource {
  /** The channel's members as held. */
  users: readonly Mentionable[];
  /** The channel to ask when it has more members than held. */
  channel?: Pick<ChannelHandle, 'queryMembers'> | undefined;
  incomplete?: boolean | undefined;
}

let lists = 0;

/** `apply` sets the text and the caret after a pick. */
export function useMentionPicker(text: Ref<string>, caret: Ref<number>, source: () => MentionSource | undefined, meId: () => string | undefined, apply: (text: string, caret: number) => void) {
  lists += 1;
  const listId = `mention-list-${lists}`;
  const selection = ref({ key: '', index: 0 });
  const closedAt = ref<number | undefined>(undefined);
  const remote = shallowRef<Mentionable[]>([]);
  let picked: Mentionable[] = [];
  let search: MemberSearch | undefined;
  let searchChannel: MentionSource['channel'];
  const query = computed(() => mentionQueryAt(text.value, caret.value));
  // Closed by Escape until the caret leaves that mention.
  watch(query, (q) => (closedAt.value = stillClosed(closedAt.value, q)), { flush: 'sync' });
  watch(
    () => [source()?.channel, source()?.incomplete ?? false, query.value?.query ?? ''] as const,
    ([channel, incomplete, q]) => {
      if (channel !== searchChannel) {
        search?.dispose();
        searchChannel = channel;
        search = channel ? new MemberSearch(channel, (users) => (remote.value = users)) : undefined;
      }
      if (search && incomplete) search.search(q);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => search?.dispose());

  const options = computed(() => {
    const q = query.value;
    const s = source();
    if (!q || closedAt.value === q.start || !s) return [];
    return mentionCandidates([...s.users, ...(s.incomplete ? remote.value : [])], q.query, meId());
  });
  const key = computed(() => (query.value ? `${query.value.start}:${query.value.query}` : ''));
  const active = computed(() => (selection.value.key === key.value ? Math.min(selection.value.index, Math.max(0, options.value.length - 1)) : 0));
  const open = computed(() => options.value.length > 0);
  const optionId = (i: number) => `${listId}-${i}`;

  const pick = (user: Mentionable) => {
    const q = query.value;
    if (!q) return;
    picked = [...picked, user];
    const next = insertMention(text.value, q, user);
    apply(next.text, next.caret);
  };

  return {
    listId,
    open,
    activeId: computed(() => (open.value ? optionId(active.value) : undefined)),
    /** Handle a key of the text box; true when the picker used it. */
    onKeydown(e: KeyboardEvent): boolean {
      const q = query.value;
      if (!open.value || !q) return false;
      const action = mentionKey(e, options.value.length, active.value);
      if (!action) return false;
      e.preventDefault();
      if (action.kind === 'move') selection.value = { key: key.value, index: action.active };
      else if (action.kind === 'close') closedAt.value = q.start;
      else pick(options.value[active.value]!);
      return true;
    },
    /** The users picked so far (the send keeps those still named in the text). */
    picked: () => picked,
    /** Forget the picks (after a send). */
    reset() {
      picked = [];
      closedAt.value = undefined;
    },
    list(): VNode | null {
      if (!open.value) return null;
      return h(
        'ul',
        { class: 'mention-list', id: listId, role: 'listbox', 'aria-label': 'Mention someone' },
        options.value.map((u, i) =>
          h(
            'li',
            {
              key: u.id,
              id: optionId(i),
              role: 'option',
              'aria-selected': String(i === active.value),
              class: i === active.value ? 'active' : undefined,
              // Keep the focus in the text box: pick on mousedown, before the box would lose it.
              onMousedown: (e: MouseEvent) => {
                e.preventDefault();
                pick(u);
              },
              onMouseenter: () => (selection.value = { key: key.value, index: i }),
            },
            [h(Avatar, { user: u, size: 'small' }), h('span', { class: 'mention-name' }, mentionLabel(u)), h('span', { class: 'muted' }, `@${u.id}`)],
          ),
        ),
      );
    },
  };
}
