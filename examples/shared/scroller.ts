// The scrolling of a message list, as a chat app behaves: it opens at the newest message
// and stays there while new ones arrive (unless the reader has scrolled up to read); when
// older messages are added above, the message the reader was looking at stays where it was;
// scrolling near the top asks for older messages. Framework-free: the apps call `update()`
// after each render that changed the list, and read `atBottom` for the "jump to latest"
// button.

/** How close to an edge (px) counts as being at it. */
const EDGE = 48;
/** How close to the top (px) starts loading older messages. */
const LOAD_AT = 200;

function find(el: HTMLElement, id: string): HTMLElement | undefined {
  for (const node of el.querySelectorAll<HTMLElement>('[data-id]')) if (node.dataset['id'] === id) return node;
  return undefined;
}

export interface ScrollerOptions {
  /** Called when the reader nears the top; the app loads older messages if there are any. */
  onNearTop(): void;
  /** Called when `atBottom` changes. */
  onAtBottom(atBottom: boolean): void;
}

export class MessageScroller {
  #el: HTMLElement | undefined;
  #stick = true;
  #atBottom = true;
  // The message the reader looks at (the first one whose bottom is in view) and its offset
  // from the top of the list's viewport, kept on every scroll.
  #anchor: { id: string; top: number } | undefined;
  readonly #options: ScrollerOptions;
  readonly #onScroll = () => this.#measure(true);

  constructor(options: ScrollerOptions) {
    this.#options = options;
  }

  get atBottom(): boolean {
    return this.#atBottom;
  }

  attach(el: HTMLElement): void {
    if (this.#el === el) return;
    this.detach();
    this.#el = el;
    el.addEventListener('scroll', this.#onScroll, { passive: true });
    this.update();
  }

  detach(): void {
    this.#el?.removeEventListener('scroll', this.#onScroll);
    this.#el = undefined;
  }

  /** After a render: stick to the bottom, or keep the anchored message in place. */
  update(): void {
    const el = this.#el;
    if (!el) return;
    if (this.#stick) {
      el.scrollTop = el.scrollHeight;
    } else if (this.#anchor) {
      const node = find(el, this.#anchor.id);
      if (node) {
        const top = node.getBoundingClientRect().top - el.getBoundingClientRect().top;
        el.scrollTop += top - this.#anchor.top;
      }
    }
    this.#measure(false);
    // A list that does not fill its area cannot be scrolled up: ask for more at once.
    if (el.scrollHeight <= el.clientHeight + LOAD_AT) this.#options.onNearTop();
  }

  /** Go to the newest message and stay there. */
  toBottom(): void {
    this.#stick = true;
    this.update();
  }

  /** Bring a message into view (the unread divider's first message, a jump target). */
  reveal(id: string): void {
    const el = this.#el;
    const node = el && find(el, id);
    if (!el || !node) return;
    this.#stick = false;
    el.scrollTop += node.getBoundingClientRect().top - el.getBoundingClientRect().top - EDGE;
    this.#measure(false);
  }

  #measure(byReader: boolean): void {
    const el = this.#el;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < EDGE;
    // Only the reader's own scrolling unsticks the list: content growing under a stuck list
    // (an image, a new message before the next update) must not.
    if (byReader) this.#stick = bottom;
    const viewTop = el.getBoundingClientRect().top;
    this.#anchor = undefined;
    for (const node of el.querySelectorAll<HTMLElement>('[data-id]')) {
      const rect = node.getBoundingClientRect();
      if (rect.bottom > viewTop) {
        this.#anchor = { id: node.dataset['id']!, top: rect.top - viewTop };
        break;
      }
    }
    if (bottom !== this.#atBottom) {
      this.#atBottom = bottom;
      this.#options.onAtBottom(bottom);
    }
    if (byReader && el.scrollTop < LOAD_AT) this.#options.onNearTop();
  }
}
