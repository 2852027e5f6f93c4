// Link preview cards: in a message (its attachments with og_scrape_url) and above the
// composer while writing (with a button to dismiss). The logic is examples/shared/linkPreviews.ts.
import { useEffect, useReducer, useState } from 'react';
import { useChatClient } from 'chatstore/react';
import { ComposerLinkPreviews, type LinkCard } from '../../shared/linkPreviews.ts';

export function LinkPreviewCard({ card, onDismiss }: { card: LinkCard; onDismiss?: (() => void) | undefined }) {
  return (
    <div className="link-preview" data-url={card.url}>
      {card.image ? <img src={card.image} alt="" /> : null}
      <div className="og">
        <span className="og-site">{card.site}</span>
        <a className="og-title" href={card.href} target="_blank" rel="noopener noreferrer">
          {card.title}
        </a>
        {card.text ? <span className="og-text">{card.text}</span> : null}
      </div>
      {onDismiss ? (
        <button type="button" className="link dismiss" aria-label={`Remove the preview of ${card.url}`} onClick={onDismiss}>
          ✕
        </button>
      ) : null}
    </div>
  );
}

/**
 * The composer's previews: made and disposed by an effect (so StrictMode's second run gets
 * one of its own), re-rendering the composer when a preview arrives or goes.
 */
export function useLinkPreviews(): ComposerLinkPreviews | undefined {
  const client = useChatClient();
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const [previews, setPreviews] = useState<ComposerLinkPreviews | undefined>(undefined);
  useEffect(() => {
    const p = new ComposerLinkPreviews({ enrich: (url) => client.enrichUrl(url), onChange: changed });
    setPreviews(p);
    return () => p.dispose();
  }, [client]);
  return previews;
}
