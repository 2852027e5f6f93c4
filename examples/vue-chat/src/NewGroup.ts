// "New group": pick several people, name the group, and it is created and opened at once
// (client.channel('messaging', id, { name, members }).watch()). The people added see it
// appear in their channel list live. A refusal (by the form or the server) is shown with
// its reason under the form, and the name and picks stay as they were.
import { defineComponent, h, ref } from 'vue';
import { useChatClient } from 'chatstore/vue';
import { groupChannelId, groupProblem } from '../../shared/groups.ts';
import { newChannelProps } from './NewDirectMessage.ts';

export const NewGroup = defineComponent({
  name: 'NewGroup',
  props: newChannelProps,
  setup(props) {
    const client = useChatClient();
    const open = ref(false);
    const name = ref('');
    const picked = ref<string[]>([]);
    const busy = ref(false);
    const problem = ref<string | undefined>(undefined);
    const toggle = (id: string) => (picked.value = picked.value.includes(id) ? picked.value.filter((x) => x !== id) : [...picked.value, id]);
    return () => {
      const others = props.users.filter((u) => u.id !== props.me);
      if (others.length === 0) return null;
      const submit = (e: Event) => {
        e.preventDefault();
        if (busy.value) return;
        const draft = { name: name.value.trim(), members: others.map((u) => u.id).filter((id) => picked.value.includes(id)) };
        const why = groupProblem(draft);
        problem.value = why;
        if (why) return;
        busy.value = true;
        const group = client.channel('messaging', groupChannelId(draft.name), { name: draft.name, members: [props.me, ...draft.members] });
        group
          .watch()
          .then(() => {
            name.value = '';
            picked.value = [];
            open.value = false;
            props.onOpen(group.cid);
          })
          .catch((err: unknown) => (problem.value = `Could not create the group: ${err instanceof Error ? err.message : String(err)}`))
          .finally(() => (busy.value = false));
      };
      return h('details', { class: 'new-group', open: open.value, onToggle: (e: Event) => (open.value = (e.target as HTMLDetailsElement).open) }, [
        h('summary', 'New group'),
        h('form', { 'aria-label': 'New group', onSubmit: submit }, [
          h('input', {
            value: name.value,
            placeholder: 'Group name',
            'aria-label': 'Group name',
            maxlength: 100,
            onInput: (e: Event) => (name.value = (e.target as HTMLInputElement).value),
          }),
          h('fieldset', [
            h('legend', 'Members'),
            ...others.map((u) =>
              h('label', { key: u.id }, [h('input', { type: 'checkbox', checked: picked.value.includes(u.id), onChange: () => toggle(u.id) }), ` ${u.name}`]),
            ),
          ]),
          problem.value ? h('p', { class: 'error-line', role: 'alert' }, problem.value) : null,
          h('button', { type: 'submit', disabled: busy.value }, busy.value ? 'Creating…' : 'Create group'),
        ]),
      ]);
    };
  },
});
