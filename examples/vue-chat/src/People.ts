// People: your own profile (name and picture, saved optimistically: the sidebar shows the new
// name at once and takes it back if the server refuses), a user search with live presence
// dots, and the users you blocked, each with block / unblock.
import { defineComponent, h, onScopeDispose, ref, shallowRef, watch, type PropType } from 'vue';
import type { PagedStatus, UserList, UserResponse } from 'chatstore';
import { useChatClient, useChatSelector, useUser } from 'chatstore/vue';
import type { Subscription } from 'rxjs';
import { userName } from '../../shared/format.ts';
import { Avatar } from './Avatar.ts';
import { useBlockedUsers } from './Author.ts';

const PersonRow = defineComponent({
  name: 'PersonRow',
  props: { id: { type: String, required: true } },
  setup(props) {
    const client = useChatClient();
    const user = useUser(() => props.id);
    const blockedIds = useBlockedUsers();
    return () => {
      const u = user.value;
      if (!u) return null;
      const blocked = blockedIds.value.includes(props.id);
      return h('li', { class: 'person', 'data-user': props.id }, [
        h(Avatar, { user: u, size: 'small', presence: true }),
        h('span', { class: 'person-name' }, userName(u)),
        h('button', { type: 'button', class: 'link', onClick: () => void (blocked ? client.unblockUser(props.id) : client.blockUser(props.id)).catch(() => undefined) }, blocked ? 'Unblock' : 'Block'),
      ]);
    };
  },
});

const ProfileEditor = defineComponent({
  name: 'ProfileEditor',
  setup() {
    const client = useChatClient();
    const me = useChatSelector((s) => s.me);
    const name = ref('');
    const image = ref('');
    watch(
      () => me.value?.id,
      () => {
        name.value = me.value?.name ?? '';
        image.value = me.value?.image ?? '';
      },
      { immediate: true },
    );
    const save = (e: Event) => {
      e.preventDefault();
      const set: Record<string, unknown> = { name: name.value.trim() };
      const img = image.value.trim();
      if (img) set['image'] = img;
      void client.updateUser(img ? { set } : { set, unset: ['image'] }).catch(() => undefined);
    };
    return () =>
      me.value
        ? h('form', { class: 'profile-editor', 'aria-label': 'Your profile', onSubmit: save }, [
            h('label', ['Name ', h('input', { value: name.value, 'aria-label': 'Your name', onInput: (e: Event) => (name.value = (e.target as HTMLInputElement).value) })]),
            h('label', ['Picture URL ', h('input', { value: image.value, 'aria-label': 'Your picture URL', onInput: (e: Event) => (image.value = (e.target as HTMLInputElement).value) })]),
            h('button', { type: 'submit' }, 'Save profile'),
          ])
        : null;
  },
});

const UserSearch = defineComponent({
  name: 'UserSearch',
  props: { meId: { type: String, required: true } },
  setup(props) {
    const client = useChatClient();
    const query = ref('');
    const users = shallowRef<readonly UserResponse[]>([]);
    const status = shallowRef<PagedStatus>({ loading: true, hasMore: false });
    let list: UserList | undefined;
    let subs: Subscription[] = [];
    const stop = () => {
      for (const s of subs) s.unsubscribe();
      subs = [];
      list?.dispose();
      list = undefined;
    };
    watch(
      [query, () => props.meId],
      ([text, meId]) => {
        stop();
        const q = text.trim();
        const filter: Record<string, unknown> = q ? { $or: [{ name: { $autocomplete: q } }, { id: { $autocomplete: q } }], id: { $ne: meId } } : { id: { $ne: meId } };
        const l = client.queryUsers(filter, { name: 1 }, { limit: 10, presence: true });
        list = l;
        subs = [l.users$.subscribe((u) => (users.value = u)), l.status$.subscribe((s) => (status.value = s))];
      },
      { immediate: true },
    );
    onScopeDispose(stop);
    return () => {
      const found = users.value;
      const s = status.value;
      return h('div', { class: 'user-search' }, [
        h('input', { type: 'search', placeholder: 'Search people', 'aria-label': 'Search people', value: query.value, onInput: (e: Event) => (query.value = (e.target as HTMLInputElement).value) }),
        h('ul', { class: 'people', 'aria-label': 'People found' }, found.map((u) => h(PersonRow, { key: u.id, id: u.id }))),
        s.loading ? h('p', { class: 'muted' }, 'Searching…') : found.length === 0 ? h('p', { class: 'muted' }, 'Nobody found.') : null,
        s.hasMore && !s.loading ? h('button', { type: 'button', class: 'link', onClick: () => void list?.loadMore().catch(() => undefined) }, 'More') : null,
      ]);
    };
  },
});

export const People = defineComponent({
  name: 'People',
  props: { meId: { type: String as PropType<string>, required: true } },
  setup(props) {
    const blocked = useBlockedUsers();
    return () =>
      h('details', { class: 'people-panel' }, [
        h('summary', `People${blocked.value.length ? ` (${blocked.value.length} blocked)` : ''}`),
        h(ProfileEditor),
        h(UserSearch, { meId: props.meId }),
        ...(blocked.value.length
          ? [h('h4', 'Blocked'), h('ul', { class: 'people', 'aria-label': 'Blocked people' }, blocked.value.map((id) => h(PersonRow, { key: id, id })))]
          : []),
      ]);
  },
});
