// What both apps show of a message's files: its attachments as the server holds them
// (images, files, a giphy), the files still uploading (preview, progress, state), and the
// giphy preview's buttons (an ephemeral message only its sender sees).
import type { Attachment, LocalMessage, LocalUpload } from 'chatstore';

export interface ShownAttachment {
  kind: 'image' | 'file';
  url: string;
  title: string;
  /** e.g. "12 KB" for files. */
  detail: string;
}

export function sizeLabel(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The attachments to draw (link previews are drawn as cards: linkPreviews.ts). */
export function shownAttachments(m: LocalMessage): ShownAttachment[] {
  const out: ShownAttachment[] = [];
  for (const a of m.attachments as ReadonlyArray<Attachment & { file_size?: number }>) {
    if (a.og_scrape_url) continue;
    const image = a.type === 'image' || a.type === 'giphy' ? a.image_url ?? a.thumb_url : undefined;
    if (image) out.push({ kind: 'image', url: image, title: a.title ?? a.fallback ?? 'image', detail: '' });
    else if (a.asset_url) out.push({ kind: 'file', url: a.asset_url, title: a.title ?? 'file', detail: sizeLabel(a.file_size ?? 0) });
  }
  return out;
}

export function uploadLabel(u: LocalUpload): string {
  switch (u.state) {
    case 'uploading':
      return `Uploading ${Math.round(u.progress * 100)}%`;
    case 'uploaded':
      return 'Uploaded';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return `Upload failed: ${u.error?.message ?? 'unknown error'}`;
  }
}

/** The giphy preview's buttons (send, shuffle, cancel), when the message is one. */
export function giphyActions(m: LocalMessage): Array<{ text: string; value: string; primary: boolean }> {
  if (m.type !== 'ephemeral') return [];
  const actions = (m.attachments[0]?.actions ?? []) as ReadonlyArray<{ name?: string; text?: string; value?: string; style?: string }>;
  return actions
    .filter((a) => a.name === 'image_action' && typeof a.value === 'string')
    .map((a) => ({ text: a.text ?? a.value ?? '', value: a.value as string, primary: a.style === 'primary' }));
}
