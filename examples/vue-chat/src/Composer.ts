// The text box: Enter sends, Shift+Enter breaks the line, Arrow Up in an empty box edits
// your last message, and every input is a keystroke for the typing indicator (the client
// throttles typing.start and ends typing when the message is sent). Near the length limit
// a counter shows what is left; past it, Send is off and the box says why. `@` opens the
// mention picker (MentionPicker.ts); a link typed shows its preview above the box
// (LinkPreview.ts), sent with the message unless dismissed.
import { defineComponent, h, nextTick, onMounted, ref, watch, type PropType } from 'vue';
import { useDraft } from 'chatstore/vue';
import { MAX_MESSAGE_LENGTH } from '../../shared/format.ts';
import { draftFields, picksFromDraft, sendExtras, type SendExtras } from '../../shared/mentions.ts';
import { LinkPreviewCard, useLinkPreviews } from './LinkPreview.ts';
import { useMentionPicker, type MentionSource } from './MentionPicker.ts';

export const Composer = defineComponent({
  name: 'Composer',
  props: {
    label: { type: String, required: true },
    placeholder: { type: String, required: true },
    onKeystroke: { type: Function as PropType<() => void>, required: true },
    /**
     * The text, the files picked with Attach (uploaded before the send, with progress on the
     * message), and the mentions and link previews that go with it.
     */
    onSend: { type: Function as PropType<(text: string, files: File[], extras: SendExtras) => Promise<unknown>>, required: true },
    onEditLast: { type: Function as PropType<() => void>, required: false },
    /** Keep the text as the draft of this channel (and thread). */
    draftCid: { type: String, required: false },
    draftParentId: { type: String, required: false },
    /** Who `@` offers (the channel's members); no picker without it. */
    mentions: { type: Object as PropType<MentionSource>, required: false },
    meId: { type: String as PropType<string | undefined>, required: false },
  },
  setup(props) {
    const text = ref('');
    const caret = ref(0);
    const files = ref<File[]>([]);
    const picker = ref<HTMLInputElement | null>(null);
    const box = ref<HTMLTextAreaElement | null>(null);
    const { previews, version } = useLinkPreviews();
    // The draft: the box starts from the saved draft (it may arrive after mounting), every
    // change is saved after a quiet second (debounced on the client's scheduler), and a
    // send drops the waiting save (the server deletes the draft with the send).
    const draft = useDraft(() => props.draftCid, () => props.draftParentId);
    let typed = false;
    // The mentions of a restored draft (ids; named from the members when sent or saved).
    let restored: unknown;
    watch(
      draft.draft,
      (d) => {
        if (!typed && d && text.value === '') {
          text.value = d.message.text;
          restored = d.message['mentioned_users'];
        }
      },
      { immediate: true },
    );
    const picks = () => [...picksFromDraft(restored, props.mentions?.users ?? []), ...mention.picked()];
    const edit = (next: string, at: number) => {
      text.value = next;
      caret.value = at;
      typed = true;
      if (props.draftCid) draft.save(draftFields(next, picks()));
      previews.textChanged(next);
    };
    const mention = useMentionPicker(text, caret, () => props.mentions, () => props.meId, (next, at) => {
      edit(next, at);
      // The caret goes after the name once the box shows the new text.
      void nextTick(() => box.value?.setSelectionRange(at, at));
    });
    const send = () => {
      const value = text.value.trim();
      if ((!value && files.value.length === 0) || text.value.length > MAX_MESSAGE_LENGTH) return;
      const picked = [...files.value];
      const extras = sendExtras(value, picks(), previews.attachmentsFor(value));
      restored = undefined;
      text.value = '';
      caret.value = 0;
      files.value = [];
      typed = true;
      draft.cancel();
      mention.reset();
      previews.sent();
      // The message shows at once as 'sending'; a failure shows on the message with its reason.
      props.onSend(value, picked, extras).catch(() => undefined);
    };
    const onKeydown = (e: KeyboardEvent) => {
      if (mention.onKeydown(e)) return;
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
      void version.value; // re-render when a preview arrives or goes
      const cards = previews.cards();
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
          cards.length > 0
            ? h(
                'div',
                { class: 'link-previews', 'aria-label': 'Link previews' },
                cards.map((c) => h(LinkPreviewCard, { key: c.url, card: c, onDismiss: () => previews.dismiss(c.url) })),
              )
            : null,
          mention.list(),
          h('textarea', {
            ref: box,
            rows: 2,
            value: text.value,
            'aria-label': props.label,
            placeholder: props.placeholder,
            'aria-invalid': over > 0 ? 'true' : 'false',
            'aria-autocomplete': props.mentions ? 'list' : undefined,
            'aria-expanded': props.mentions ? String(mention.open.value) : undefined,
            'aria-controls': mention.open.value ? mention.listId : undefined,
            'aria-activedescendant': mention.activeId.value,
            onInput: (e: Event) => {
              const el = e.target as HTMLTextAreaElement;
              edit(el.value, el.selectionStart);
              props.onKeystroke();
            },
            onKeydown,
            // The caret moves by keys and clicks too (arrows, Home, a click elsewhere in the text).
            onKeyup: (e: Event) => (caret.value = (e.target as HTMLTextAreaElement).selectionStart),
            onClick: (e: Event) => (caret.value = (e.target as HTMLTextAreaElement).selectionStart),
            onFocus: (e: Event) => (caret.value = (e.target as HTMLTextAreaElement).selectionStart),
            onBlur: () => (caret.value = -1),
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
