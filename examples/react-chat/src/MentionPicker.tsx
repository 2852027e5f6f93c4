// The mention picker of a composer: typing `@` lists the channel's members (narrowed as the
// query grows; asked of the server when the channel has more members than it loaded);
// arrows move, Enter or Tab picks, Escape closes, a click picks. The rules are
// examples/shared/mentions.ts; this keeps the state and draws the listbox.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { ChannelHandle } from 'chatstore';
import { insertMention, MemberSearch, stillClosed, mentionCandidates, mentionKey, mentionLabel, mentionQueryAt, type Mentionable } from '../../shared/mentions.ts';
import { Avatar } from './Avatar.tsx';

export interface MentionSource {
  /** The channel's members as held. */
  users: readonly Mentionable[];
  /** The channel to ask when it has more members than held. */
  channel?: Pick<ChannelHandle, 'queryMembers'> | undefined;
  incomplete?: boolean | undefined;
}

export interface MentionPicker {
  open: boolean;
  listId: string;
  activeId: string | undefined;
  /** Handle a key of the text box; true when the picker used it. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
  /** The users picked so far (the send keeps those still named in the text). */
  picked(): Mentionable[];
  /** Forget the picks (after a send). */
  reset(): void;
  list: ReactElement | null;
}

/** `apply` sets the text and the caret after a pick. */
export function useMentionPicker(text: string, caret: number, source: MentionSource | undefined, meId: string | undefined, apply: (text: string, caret: number) => void): MentionPicker {
  const listId = useId();
  const [selection, setSelection] = useState({ key: '', index: 0 });
  const [closedAt, setClosedAt] = useState<number | undefined>(undefined);
  const [remote, setRemote] = useState<Mentionable[]>([]);
  const picked = useRef<Mentionable[]>([]);
  const query = mentionQueryAt(text, caret);
  // Closed by Escape until the caret leaves that mention (stored from the render before).
  if (closedAt !== stillClosed(closedAt, query)) setClosedAt(undefined);
  const search = useMemo(() => (source?.channel ? new MemberSearch(source.channel, setRemote) : undefined), [source?.channel]);
  useEffect(() => () => search?.dispose(), [search]);
  const incomplete = source?.incomplete ?? false;
  useEffect(() => {
    if (search && incomplete) search.search(query?.query ?? '');
  }, [search, incomplete, query?.query]);

  const options = query && closedAt !== query.start && source ? mentionCandidates([...source.users, ...(incomplete ? remote : [])], query.query, meId) : [];
  const key = query ? `${query.start}:${query.query}` : '';
  const active = selection.key === key ? Math.min(selection.index, Math.max(0, options.length - 1)) : 0;
  const open = options.length > 0;
  const optionId = (i: number) => `${listId}-${i}`;

  const pick = (user: Mentionable) => {
    if (!query) return;
    picked.current = [...picked.current, user];
    const next = insertMention(text, query, user);
    apply(next.text, next.caret);
  };

  const list = open ? (
    <ul className="mention-list" id={listId} role="listbox" aria-label="Mention someone">
      {options.map((u, i) => (
        <li
          key={u.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          // Keep the focus in the text box: pick on mousedown, before the box would lose it.
          onMouseDown={(e) => {
            e.preventDefault();
            pick(u);
          }}
          onMouseEnter={() => setSelection({ key, index: i })}
        >
          <Avatar user={u} size="small" />
          <span className="mention-name">{mentionLabel(u)}</span>
          <span className="muted">@{u.id}</span>
        </li>
      ))}
    </ul>
  ) : null;

  return {
    open,
    listId,
    activeId: open ? optionId(active) : undefined,
    onKeyDown(e) {
      if (!open || !query) return false;
      const action = mentionKey({ key: e.key, shiftKey: e.shiftKey, isComposing: e.nativeEvent.isComposing }, options.length, active);
      if (!action) return false;
      e.preventDefault();
      if (action.kind === 'move') setSelection({ key, index: action.active });
      else if (action.kind === 'close') setClosedAt(query.start);
      else pick(options[active]!);
      return true;
    },
    picked: () => picked.current,
    reset() {
      picked.current = [];
      setClosedAt(undefined);
    },
    list,
  };
}
