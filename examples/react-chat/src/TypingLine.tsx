import type { TypingEntry } from 'chatstore';

/** Who else is typing; keeps its height when nobody is, so the layout does not jump. */
export function TypingLine({ typing }: { typing: readonly TypingEntry[] }) {
  const names = typing.map((t) => t.user.name ?? t.user.id);
  return (
    <p className="typing" aria-live="polite">
      {names.length === 0 ? '\u00a0' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`}
    </p>
  );
}
