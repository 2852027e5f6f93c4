// The text box: Enter sends, Shift+Enter breaks the line, Arrow Up in an empty box edits
// your last message, and every input is a keystroke for the typing indicator (the client
// throttles typing.start and ends typing when the message is sent). Near the length limit
// a counter shows what is left; past it, Send is off and the box says why.
import { defineComponent, h, onMounted, ref, watch, type PropType } from 'vue';
import { useDraft } from 'chatstore/vue';
import { MAX_MESSAGE_LENGTH } from '../../shared/format.ts';

export const Composer = defineComponent({
  name: 'Composer',
  props: {
    label: { type: String, required: true },
    placeholder: { type: String, required: true },
    onKeystroke: { type: Function as PropType<() => void>, required: true },
    /** The text and the files picked with Attach (uploaded before the send, with progress on the message). */
    onSend: { type: Function as PropType<(text: string, files: File[]) => Promise<unknown>>, required: true },
    onEditLast: { type: Function as PropType<() => void>, required: false },
    /** Keep the text as the draft of this channel (and thread). */
    draftCid: { type: String, required: false },
    draftParentId: { type: String, required: false },
  },
  setup(props) {
    const text = ref('');
    const files = ref<File[]>([]);
    const picker = ref<HTMLInputElement | null>(null);
    // The draft: the box starts from the saved draft (it may arrive after mounting), every
    // change is saved after a quiet second (debounced on the client's scheduler), and a
    // send drops the waiting save (the server deletes the draft with the send).
    const draft = useDraft(() => props.draftCid, () => props.draftParentId);
    let typed = false;
    watch(
      draft.draft,
      (d) => {
        if (!typed && d && text.value === '') text.value = d.message.text;
      },
      { immediate: true },
    );
    const send = () => {
      const value = text.value.trim();
      if ((!value && files.value.length === 0) || text.value.length > MAX_MESSAGE_LENGTH) return;
      const picked = [...files.value];
      text.value = '';
      files.value = [];
      typed = true;
      draft.cancel();
      // The message shows at once as 'sending'; a failure shows on the message with its reason.
      props.onSend(value, picked).catch(() => undefined);
    };
    const onKeydown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        send();
      } else if (e.key === 'ArrowUp' && text.value === '' && props.onEditLast) {
        e.preventDefault();
        props.onEditLast();
      }
    };
    return () => {
      const over = text.value.length - MAX_MESSAGE_LENGTH;
      return h(
        'form',
        {
          class: 'composer',
          onSubmit: (e: Event) => {
            e.preventDefault();
            send();
          },
        },
        [
          h('textarea', {
            rows: 2,
            value: text.value,
            'aria-label': props.label,
            placeholder: props.placeholder,
            'aria-invalid': over > 0 ? 'true' : 'false',
            onInput: (e: Event) => {
              text.value = (e.target as HTMLTextAreaElement).value;
              typed = true;
              if (props.draftCid) draft.save({ text: text.value });
              props.onKeystroke();
            },
            onKeydown,
          }),
          text.value.length > MAX_MESSAGE_LENGTH - 500
            ? h(
                'span',
                { class: over > 0 ? 'limit over' : 'limit', role: over > 0 ? 'alert' : undefined },
                over > 0 ? `${over} characters too long (at most ${MAX_MESSAGE_LENGTH})` : `${-over} left`,
              )
            : null,
          h('input', {
            ref: picker,
            type: 'file',
            multiple: true,
            hidden: true,
            'aria-label': 'Attach files',
            onChange: (e: Event) => {
              const input = e.target as HTMLInputElement;
              files.value = [...files.value, ...Array.from(input.files ?? [])];
              input.value = '';
            },
          }),
          h('button', { type: 'button', class: 'attach', 'aria-label': 'Attach files', onClick: () => picker.value?.click() }, '📎'),
          h('button', { type: 'submit', disabled: (!text.value.trim() && files.value.length === 0) || over > 0 }, 'Send'),
          files.value.length > 0
            ? h(
                'div',
                { class: 'picked', 'aria-label': 'Files to send' },
                files.value.map((f, i) =>
                  h('span', { key: i }, [
                    `${f.name} `,
                    h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${f.name}`, onClick: () => (files.value = files.value.filter((_, j) => j !== i)) }, '✕'),
                  ]),
                ),
              )
            : null,
        ],
      );
    };
  },
});

/** Editing a message in place: Enter saves, Escape cancels. */
export const EditBox = defineComponent({
  name: 'EditBox',
  props: {
    initial: { type: String, required: true },
    onSave: { type: Function as PropType<(text: string) => void>, required: true },
    onCancel: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    const text = ref(props.initial);
    const box = ref<HTMLTextAreaElement | null>(null);
    onMounted(() => box.value?.focus());
    const save = () => {
      const value = text.value.trim();
      if (!value || text.value.length > MAX_MESSAGE_LENGTH) return;
      if (value === props.initial) props.onCancel();
      else props.onSave(value);
    };
    return () => {
      const over = text.value.length > MAX_MESSAGE_LENGTH;
      return h(
        'form',
        {
          class: 'edit',
          onSubmit: (e: Event) => {
            e.preventDefault();
            save();
          },
        },
        [
          h('textarea', {
            ref: box,
            'aria-label': 'Edit message',
            value: text.value,
            rows: 2,
            onInput: (e: Event) => {
              text.value = (e.target as HTMLTextAreaElement).value;
            },
            onKeydown: (e: KeyboardEvent) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                props.onCancel();
              } else if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                save();
              }
            },
          }),
          h('div', { class: 'edit-actions' }, [
            over ? h('span', { class: 'limit over' }, `too long (at most ${MAX_MESSAGE_LENGTH})`) : h('span', { class: 'muted' }, 'Enter to save · Esc to cancel'),
            h('button', { type: 'button', class: 'link', onClick: () => props.onCancel() }, 'Cancel'),
            h('button', { type: 'submit', class: 'primary', disabled: over || !text.value.trim() }, 'Save'),
          ]),
        ],
      );
    };
  },
});
