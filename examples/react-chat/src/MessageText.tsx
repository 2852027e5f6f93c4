// A message's text with its links clickable and its mentions marked.
import type { LocalMessage } from 'chatstore';
import { tokenize } from '../../shared/format.ts';

export function MessageText({ message, meId }: { message: LocalMessage; meId: string | undefined }) {
  return (
    <p className="text">
      {tokenize(message.text ?? '', message.mentioned_users, meId).map((t, i) =>
        t.kind === 'link' ? (
          <a key={i} href={t.href} target="_blank" rel="noopener noreferrer">
            {t.text}
          </a>
        ) : t.kind === 'mention' ? (
          <span key={i} className={t.me ? 'mention me' : 'mention'}>
            {t.text}
          </span>
        ) : (
          t.text
        ),
      )}
    </p>
  );
}
