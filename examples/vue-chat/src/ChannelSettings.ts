// Channel settings: rename, mute, pin, archive, hide, leave and delete. Each change shows at
// once (the store applies it before the server answers) and is taken back, with the reason
// in the app's notice, if the server refuses it.
import { defineComponent, h, ref, type PropType } from 'vue';
import type { ChannelHandle, ChannelView } from 'chatstore';

export const ChannelSettings = defineComponent({
  name: 'ChannelSettings',
  props: {
    channel: { type: Object as PropType<ChannelHandle>, required: true },
    data: { type: Object as PropType<ChannelView>, required: true },
    me: { type: String, required: true },
    /** The channel was left, hidden or deleted: close it. */
    onGone: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    const name = ref(typeof props.data['name'] === 'string' ? props.data['name'] : '');
    const run = (write: Promise<unknown>, after?: () => void) => void write.then(after, () => undefined);
    return () => {
      const { channel, data, me } = props;
      const own = data.membership;
      const can = (capability: string) => data.own_capabilities?.includes(capability) ?? false;
      const pinned = own?.pinned_at != null;
      const archived = own?.archived_at != null;
      const submit = (e: Event) => {
        e.preventDefault();
        const next = name.value.trim();
        if (next) run(channel.updatePartial({ set: { name: next } }));
      };
      return h('section', { class: 'settings', 'aria-label': 'Channel settings' }, [
        h('form', { onSubmit: submit }, [
          h('label', [
            'Channel name ',
            h('input', { value: name.value, disabled: !can('update-channel'), onInput: (e: Event) => (name.value = (e.target as HTMLInputElement).value) }),
          ]),
          ' ',
          h('button', { type: 'submit', disabled: !can('update-channel') }, 'Rename'),
        ]),
        h('div', { class: 'settings-actions' }, [
          h('button', { type: 'button', 'aria-pressed': String(data.muted === true), onClick: () => run(data.muted ? channel.unmute() : channel.mute()) }, data.muted ? 'Unmute' : 'Mute'),
          h('button', { type: 'button', 'aria-pressed': String(pinned), disabled: !own, onClick: () => run(pinned ? channel.unpin() : channel.pin()) }, pinned ? 'Unpin' : 'Pin'),
          h('button', { type: 'button', 'aria-pressed': String(archived), disabled: !own, onClick: () => run(archived ? channel.unarchive() : channel.archive()) }, archived ? 'Unarchive' : 'Archive'),
          h('button', { type: 'button', disabled: !own, onClick: () => run(channel.hide(), props.onGone) }, 'Hide'),
          h('button', { type: 'button', disabled: !own, onClick: () => run(channel.removeMembers([me], { message: { text: `${me} left` } }), props.onGone) }, 'Leave'),
          can('delete-channel')
            ? h('button', { type: 'button', class: 'danger', onClick: () => window.confirm('Delete this channel for everyone?') && run(channel.delete(), props.onGone) }, 'Delete')
            : null,
        ]),
      ]);
    };
  },
});
