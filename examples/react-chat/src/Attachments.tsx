// A message's files: its attachments (images shown, files linked), the files still
// uploading with their preview, progress and a Cancel button, and the giphy preview's
// Send / Shuffle / Cancel (an ephemeral message only its sender sees), and the cards of its
// link previews.
import type { LocalMessage } from 'chatstore';
import { giphyActions, shownAttachments, uploadLabel } from '../../shared/attachments.ts';
import { messageLinkCards } from '../../shared/linkPreviews.ts';
import { LinkPreviewCard } from './LinkPreview.tsx';

/** The calls the files of a message need: a channel handle has them. */
export interface AttachmentWrites {
  runMessageAction?(id: string, formData: Record<string, string>): Promise<unknown>;
  cancelUploads?(messageId: string): void;
}

export function Attachments({ message, writes }: { message: LocalMessage; writes: AttachmentWrites }) {
  const shown = shownAttachments(message);
  const uploads = message.uploads ?? [];
  const actions = giphyActions(message);
  const cards = messageLinkCards(message);
  if (shown.length === 0 && uploads.length === 0 && actions.length === 0 && cards.length === 0) return null;
  return (
    <>
      {cards.length > 0 ? (
        <div className="link-previews">
          {cards.map((c, i) => (
            <LinkPreviewCard key={i} card={c} />
          ))}
        </div>
      ) : null}
      {shown.length > 0 ? (
        <div className="attachments">
          {shown.map((a, i) =>
            a.kind === 'image' ? (
              <a key={i} href={a.url} target="_blank" rel="noreferrer">
                <img src={a.url} alt={a.title} />
              </a>
            ) : (
              <a key={i} className="file" href={a.url} target="_blank" rel="noreferrer" download={a.title}>
                📄 {a.title} <span className="muted">{a.detail}</span>
              </a>
            ),
          )}
        </div>
      ) : null}
      {uploads.length > 0 ? (
        <div className="attachments uploads">
          {uploads.map((u) => (
            <div key={u.id} className={`upload ${u.state}`} data-upload={u.name}>
              {u.previewUrl ? <img src={u.previewUrl} alt={`Preview of ${u.name}`} /> : <span>📄 {u.name}</span>}
              {u.state === 'uploading' ? <progress max={1} value={u.progress} aria-label={`Upload of ${u.name}`} /> : null}
              <span className="upload-state">{uploadLabel(u)}</span>
            </div>
          ))}
          {uploads.some((u) => u.state === 'uploading') && writes.cancelUploads ? (
            <button type="button" className="link" onClick={() => writes.cancelUploads?.(message.id)}>
              Cancel upload
            </button>
          ) : null}
        </div>
      ) : null}
      {actions.length > 0 && writes.runMessageAction ? (
        <div className="giphy-actions" role="group" aria-label="Giphy preview">
          <span className="note">Only visible to you</span>
          {actions.map((a) => (
            <button key={a.value} type="button" className={a.primary ? 'primary' : 'link'} onClick={() => void writes.runMessageAction?.(message.id, { image_action: a.value }).catch(() => undefined)}>
              {a.text}
            </button>
          ))}
        </div>
      ) : null}
    </>
  );
}
