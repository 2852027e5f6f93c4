// Link preview cards: in a message (its attachments with og_scrape_url) and above the
// composer while writing (with a button to dismiss). The logic is examples/shared/linkPreviews.ts.
import { defineComponent, h, onBeforeUnmount, shallowRef, type PropType } from 'vue';
import { useChatClient } from 'chatstore/vue';
import { ComposerLinkPreviews, type LinkCard } from '../../shared/linkPreviews.ts';

export const LinkPreviewCard = defineComponent({
  name: 'LinkPreviewCard',
  props: {
    card: { type: Object as PropType<LinkCard>, required: true },
    onDismiss: { type: Function as PropType<() => void>, required: false },
  },
  setup(props) {
    return () => {
      const { card } = props;
      return h('div', { class: 'link-preview', 'data-url': card.url }, [
        card.image ? h('img', { src: card.image, alt: '' }) : null,
        h('div', { class: 'og' }, [
          h('span', { class: 'og-site' }, card.site),
          h('a', { class: 'og-title', href: card.href, target: '_blank', rel: 'noopener noreferrer' }, card.title),
          card.text ? h('span', { class: 'og-text' }, card.text) : null,
        ]),
        props.onDismiss
          ? h('button', { type: 'button', class: 'link dismiss', 'aria-label': `Remove the preview of ${card.url}`, onClick: () => props.onDismiss?.() }, '✕')
          : null,
      ]);
    };
  },
});

/** The composer's previews, for the component's life; `version` changes when they do. */
export function useLinkPreviews(): { previews: ComposerLinkPreviews; version: { value: number } } {
  const client = useChatClient();
  const version = shallowRef(0);
  const previews = new ComposerLinkPreviews({
    enrich: (url) => client.enrichUrl(url),
    onChange: () => {
      version.value += 1;
    },
  });
  onBeforeUnmount(() => previews.dispose());
  return { previews, version };
}
