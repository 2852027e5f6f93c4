// Link previews, as both apps show them: in the composer, a card for each link typed (after a
// short pause in typing, `client.enrichUrl` reads the page's title, description, image and
// site), which the writer may dismiss; the message is sent with the cards not dismissed as
// attachments carrying `og_scrape_url`, as the official client's LinkPreviewsManager does;
// and in the message list, the card of each such attachment. Framework-free: the composer
// calls `textChanged` on every change and re-renders on `onChange`.
import type { Attachment, GetOGResponse, LocalMessage } from 'chatstore';
import { linksIn } from './format.ts';

/** What a card shows. Only http(s) addresses are kept, so a preview cannot carry a script link. */
export interface LinkCard {
  url: string;
  href: string;
  title: string;
  text: string;
  image: string | undefined;
  site: string;
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The card of a preview attachment (one with `og_scrape_url`), or undefined for any other. */
export function linkCard(a: Attachment): LinkCard | undefined {
  const url = httpUrl(a.og_scrape_url);
  if (!url) return undefined;
  const href = httpUrl(a.title_link) ?? url;
  const site = a.author_name || new URL(url).hostname;
  return { url: a.og_scrape_url!, href, title: a.title || a.fallback || href, text: a.text ?? '', image: httpUrl(a.image_url ?? a.thumb_url), site };
}

/** The preview cards a message carries. */
export function messageLinkCards(m: LocalMessage): LinkCard[] {
  return m.attachments.map(linkCard).filter((c): c is LinkCard => c !== undefined);
}

/** The distinct links of a text, in order, at most `max`. */
export function urlsIn(text: string, max = 3): string[] {
  const out: string[] = [];
  for (const url of linksIn(text)) if (!out.includes(url) && out.length < max) out.push(url);
  return out;
}

export type PreviewStatus = 'loading' | 'loaded' | 'failed' | 'dismissed';

export interface ComposerPreview {
  url: string;
  status: PreviewStatus;
  /** The answer of enrichUrl, once loaded. */
  attachment?: Attachment;
}

export interface LinkPreviewOptions {
  enrich(url: string): Promise<GetOGResponse>;
  /** Called when what the composer shows changed. */
  onChange(): void;
  /** The pause in typing before links are looked up (ms). */
  delayMs?: number;
  /** Timers (default the global ones); tests pass fake ones. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** How long the composer waits after the last change before looking links up. */
export const PREVIEW_DELAY_MS = 600;

export class ComposerLinkPreviews {
  #previews = new Map<string, ComposerPreview>();
  #timer: unknown;
  #disposed = false;
  readonly #opts: Required<Pick<LinkPreviewOptions, 'delayMs' | 'setTimer' | 'clearTimer'>> & LinkPreviewOptions;

  constructor(options: LinkPreviewOptions) {
    this.#opts = {
      delayMs: PREVIEW_DELAY_MS,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /** The text changed: look its links up once typing pauses. */
  textChanged(text: string): void {
    if (this.#disposed) return;
    if (this.#timer !== undefined) this.#opts.clearTimer(this.#timer);
    this.#timer = this.#opts.setTimer(() => {
      this.#timer = undefined;
      this.#lookUp(text);
    }, this.#opts.delayMs);
  }

  #lookUp(text: string): void {
    const urls = urlsIn(text);
    let changed = false;
    // Links no longer in the text lose their card; dismissed ones stay dismissed.
    for (const [url, p] of this.#previews) {
      if (!urls.includes(url) && p.status !== 'dismissed') {
        this.#previews.delete(url);
        changed = true;
      }
    }
    for (const url of urls) {
      if (this.#previews.has(url)) continue;
      const entry: ComposerPreview = { url, status: 'loading' };
      this.#previews.set(url, entry);
      changed = true;
      this.#opts.enrich(url).then(
        ({ duration: _duration, ...attachment }) => this.#settle(entry, { url, status: 'loaded', attachment }),
        // No preview (the page has none, or cannot be read): nothing is shown, nothing lost.
        () => this.#settle(entry, { url, status: 'failed' }),
      );
    }
    if (changed) this.#opts.onChange();
  }

  #settle(entry: ComposerPreview, next: ComposerPreview): void {
    // The link may have gone from the text, or been dismissed, while it was looked up.
    if (this.#disposed || this.#previews.get(entry.url) !== entry) return;
    this.#previews.set(entry.url, next);
    this.#opts.onChange();
  }

  /** The cards the composer shows: loaded and not dismissed. */
  cards(): LinkCard[] {
    const out: LinkCard[] = [];
    for (const p of this.#previews.values()) {
      const card = p.status === 'loaded' && p.attachment ? linkCard(p.attachment) : undefined;
      if (card) out.push(card);
    }
    return out;
  }

  /** Whether a link is still being looked up. */
  loading(): boolean {
    return [...this.#previews.values()].some((p) => p.status === 'loading');
  }

  dismiss(url: string): void {
    const p = this.#previews.get(url);
    if (!p || p.status === 'dismissed') return;
    this.#previews.set(url, { url, status: 'dismissed' });
    this.#opts.onChange();
  }

  /**
   * The attachments to send with `text`: the loaded previews not dismissed whose link is
   * still in it. A preview still loading is not waited for (the official client sends none).
   */
  attachmentsFor(text: string): Attachment[] {
    const urls = urlsIn(text);
    const out: Attachment[] = [];
    for (const p of this.#previews.values()) if (p.status === 'loaded' && p.attachment && urls.includes(p.url)) out.push(p.attachment);
    return out;
  }

  /**
   * The message went: its cards go, a pending look-up is dropped; dismissed links stay
   * dismissed so the same link does not come back in the next message (as the official
   * client's clearPreviews).
   */
  sent(): void {
    if (this.#timer !== undefined) this.#opts.clearTimer(this.#timer);
    this.#timer = undefined;
    for (const [url, p] of this.#previews) if (p.status !== 'dismissed') this.#previews.delete(url);
    this.#opts.onChange();
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== undefined) this.#opts.clearTimer(this.#timer);
    this.#timer = undefined;
  }
}
