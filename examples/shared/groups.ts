// "New group", framework-free: what the form checks before asking the server, and the id a
// new group channel gets. A group is a channel with an id of its own (not a distinct
// channel: two groups of the same people are two channels), created by watching it with its
// name and members: client.channel('messaging', id, { name, members }).watch().

export interface GroupDraft {
  name: string;
  /** The people picked, without the creator. */
  members: string[];
}

/** Why the form cannot be sent yet, or undefined when it can. */
export function groupProblem(draft: GroupDraft): string | undefined {
  if (!draft.name.trim()) return 'Give the group a name.';
  if (draft.members.length === 0) return 'Pick at least one person.';
  return undefined;
}

/**
 * A readable id that will not collide: the name's letters and digits, then a few random
 * characters ("Weekend trip" -> "weekend-trip-k3x9q"). Channel ids allow letters, digits,
 * "-" and "_"; the rest of the name is dropped.
 */
export function groupChannelId(name: string, random: () => number = Math.random): string {
  const slug = name
    .normalize('NFKD')
    // Accents come apart from their letters under NFKD: drop them ("Crème" -> "creme").
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let tail = '';
  for (let i = 0; i < 5; i++) tail += alphabet[Math.floor(random() * alphabet.length)];
  return `${slug || 'group'}-${tail}`;
}
