// A message's files: its attachments (images shown, files linked), the files still
// uploading with their preview, progress and a Cancel button, and the giphy preview's
// Send / Shuffle / Cancel (an ephemeral message only its sender sees), and the cards of its
// link previews.
import { defineComponent, h, type PropType, type VNode } from 'vue';
import type { LocalMessage } from 'chatstore';
import { giphyActions, shownAttachments, uploadLabel } from '../../shared/attachments.ts';
import { messageLinkCards } from '../../shared/linkPreviews.ts';
import { LinkPreviewCard } from './LinkPreview.ts';

/** The calls the files of a message need: a channel handle has them. */
export interface AttachmentWrites {
  runMessageAction?(id: string, formData: Record<string, string>): Promise<unknown>;
  cancelUploads?(messageId: string): void;
}

export const Attachments = defineComponent({
  name: 'Attachments',
  props: {
    message: { type: Object as PropType<LocalMessage>, required: true },
    writes: { type: Object as PropType<AttachmentWrites>, required: true },
  },
  setup(props) {
    return () => {
      const { message, writes } = props;
      const out: VNode[] = [];
      const cards = messageLinkCards(message);
      if (cards.length > 0) out.push(h('div', { class: 'link-previews' }, cards.map((c, i) => h(LinkPreviewCard, { key: i, card: c }))));
      const shown = shownAttachments(message);
      if (shown.length > 0)
        out.push(
          h(
            'div',
            { class: 'attachments' },
            shown.map((a, i) =>
              a.kind === 'image'
                ? h('a', { key: i, href: a.url, target: '_blank', rel: 'noreferrer' }, [h('img', { src: a.url, alt: a.title })])
                : h('a', { key: i, class: 'file', href: a.url, target: '_blank', rel: 'noreferrer', download: a.title }, [`📄 ${a.title} `, h('span', { class: 'muted' }, a.detail)]),
            ),
          ),
        );
      const uploads = message.uploads ?? [];
      if (uploads.length > 0) {
        const items: VNode[] = uploads.map((u) =>
          h('div', { key: u.id, class: `upload ${u.state}`, 'data-upload': u.name }, [
            u.previewUrl ? h('img', { src: u.previewUrl, alt: `Preview of ${u.name}` }) : h('span', `📄 ${u.name}`),
            u.state === 'uploading' ? h('progress', { max: 1, value: u.progress, 'aria-label': `Upload of ${u.name}` }) : null,
            h('span', { class: 'upload-state' }, uploadLabel(u)),
          ]),
        );
        if (uploads.some((u) => u.state === 'uploading') && writes.cancelUploads)
          items.push(h('button', { type: 'button', class: 'link', onClick: () => writes.cancelUploads?.(message.id) }, 'Cancel upload'));
        out.push(h('div', { class: 'attachments uploads' }, items));
      }
      const actions = giphyActions(message);
      if (actions.length > 0 && writes.runMessageAction)
        out.push(
          h('div', { class: 'giphy-actions', role: 'group', 'aria-label': 'Giphy preview' }, [
            h('span', { class: 'note' }, 'Only visible to you'),
            ...actions.map((a) =>
              h(
                'button',
                { key: a.value, type: 'button', class: a.primary ? 'primary' : 'link', onClick: () => void writes.runMessageAction?.(message.id, { image_action: a.value }).catch(() => undefined) },
                a.text,
              ),
            ),
          ]),
        );
      return out;
    };
  },
});
