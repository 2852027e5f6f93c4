import type { TypingEntry } from 'chatstore';

export function TypingLine({ typing }: { typing: readonly TypingEntry[] }) {
  const names = typing.map((t) => t.user.name ?? t.user.id);
  return <p className="typing">{names.length === 0 ? '\u00a0' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`}</p>;
}
