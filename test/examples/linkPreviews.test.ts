// Link previews shared by both example apps (examples/shared/linkPreviews.ts): the composer
// looks links up after a pause in typing, shows a card per link, drops it when the link goes
// or is dismissed, sends the cards kept as og_scrape_url attachments; a failed look-up shows
// nothing. Timers are fake (virtual time).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GetOGResponse, LocalMessage } from 'chatstore';
import { ComposerLinkPreviews, linkCard, messageLinkCards, PREVIEW_DELAY_MS, urlsIn } from '../../examples/shared/linkPreviews.ts';

const og = (url: string, title: string): GetOGResponse => ({ custom: {}, duration: '1ms', og_scrape_url: url, title_link: url, title, text: `About ${title}`, author_name: 'Site' });

function setup(answers: Record<string, GetOGResponse | Error>) {
  const asked: string[] = [];
  let changes = 0;
  const previews = new ComposerLinkPreviews({
    enrich: (url) => {
      asked.push(url);
      const answer = answers[url] ?? new Error(`no preview for ${url}`);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    onChange: () => (changes += 1),
  });
  return { previews, asked, changes: () => changes };
}

describe('ComposerLinkPreviews', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('looks a link up once typing pauses, and shows its card', async () => {
    const { previews, asked } = setup({ 'https://example.com': og('https://example.com', 'Example') });
    previews.textChanged('see https://exa');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 1);
    previews.textChanged('see https://example.com');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 1);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual(['https://example.com']);
    expect(previews.cards()).toEqual([{ url: 'https://example.com', href: 'https://example.com/', title: 'Example', text: 'About Example', image: undefined, site: 'Site' }]);
    // Typing more without changing the link does not ask again.
    previews.textChanged('see https://example.com now');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(asked).toEqual(['https://example.com']);
  });

  it('sends the cards kept as attachments (without duration), not a dismissed one nor one whose link went', async () => {
    const { previews } = setup({ 'https://a.test': og('https://a.test', 'A'), 'https://b.test': og('https://b.test', 'B') });
    previews.textChanged('https://a.test and https://b.test');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews.cards().map((c) => c.title)).toEqual(['A', 'B']);
    expect(previews.attachmentsFor('https://a.test and https://b.test')).toEqual([
      { custom: {}, og_scrape_url: 'https://a.test', title_link: 'https://a.test', title: 'A', text: 'About A', author_name: 'Site' },
      { custom: {}, og_scrape_url: 'https://b.test', title_link: 'https://b.test', title: 'B', text: 'About B', author_name: 'Site' },
    ]);
    previews.dismiss('https://a.test');
    expect(previews.cards().map((c) => c.title)).toEqual(['B']);
    expect(previews.attachmentsFor('https://a.test and https://b.test').map((a) => a.title)).toEqual(['B']);
    // The text lost the link before the pause ended: it is not sent.
    expect(previews.attachmentsFor('https://a.test only')).toEqual([]);
    previews.textChanged('https://a.test only');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews.cards()).toEqual([]);
  });

  it('shows nothing when the look-up fails, and keeps nothing after a send but what was dismissed', async () => {
    const { previews, asked } = setup({ 'https://ok.test': og('https://ok.test', 'OK') });
    previews.textChanged('https://nothing.test https://ok.test');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews.cards().map((c) => c.title)).toEqual(['OK']);
    expect(previews.attachmentsFor('https://nothing.test https://ok.test').map((a) => a.title)).toEqual(['OK']);
    previews.dismiss('https://ok.test');
    previews.sent();
    expect(previews.cards()).toEqual([]);
    // The next message: the dismissed link stays dismissed, the failed one is asked again.
    previews.textChanged('https://nothing.test https://ok.test');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(asked).toEqual(['https://nothing.test', 'https://ok.test', 'https://nothing.test']);
    expect(previews.cards()).toEqual([]);
  });

  it('drops an answer that comes after the link left the text, and a pending look-up on send', async () => {
    let resolve: (r: GetOGResponse) => void = () => undefined;
    const asked: string[] = [];
    const previews = new ComposerLinkPreviews({
      enrich: (url) => {
        asked.push(url);
        return new Promise<GetOGResponse>((r) => (resolve = r));
      },
      onChange: () => undefined,
    });
    previews.textChanged('https://slow.test');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    expect(previews.loading()).toBe(true);
    previews.textChanged('no link');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS);
    resolve(og('https://slow.test', 'Slow'));
    await vi.advanceTimersByTimeAsync(0);
    expect(previews.cards()).toEqual([]);
    previews.textChanged('https://other.test');
    previews.sent();
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS * 2);
    expect(asked).toEqual(['https://slow.test']);
    previews.dispose();
  });
});

describe('cards of a message', () => {
  it('draws the og_scrape_url attachments only, with http(s) addresses only', () => {
    const message = {
      attachments: [
        { custom: {}, type: 'image', image_url: 'https://img.test/a.png' },
        { custom: {}, og_scrape_url: 'https://example.com', title: 'Example', image_url: 'javascript:alert(1)' },
        { custom: {}, og_scrape_url: 'javascript:alert(1)', title: 'Bad' },
      ],
    } as unknown as LocalMessage;
    expect(messageLinkCards(message)).toEqual([{ url: 'https://example.com', href: 'https://example.com/', title: 'Example', text: '', image: undefined, site: 'example.com' }]);
    expect(linkCard({ custom: {}, og_scrape_url: 'https://x.test', title_link: 'javascript:void(0)', image_url: 'https://x.test/i.png' })).toMatchObject({ href: 'https://x.test/', image: 'https://x.test/i.png', title: 'https://x.test/' });
  });

  it('finds the distinct links of a text', () => {
    expect(urlsIn('a https://x.test, b https://y.test/p?q=1. again https://x.test')).toEqual(['https://x.test', 'https://y.test/p?q=1']);
  });
});
