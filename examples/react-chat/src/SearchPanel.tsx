// Message search in the sidebar: what you type searches the messages of your channels
// (client.search through useSearch; a blank box searches nothing). Results stay live (an
// edited or deleted message changes in the list) and a click opens the channel at the
// message. "More" loads the next page.
import { useEffect, useState } from 'react';
import { useSearch } from 'chatstore/react';
import { timeLabel, userName } from '../../shared/format.ts';

interface Props {
  me: string;
  onOpen(cid: string, messageId: string): void;
}

export function SearchPanel({ me, onOpen }: Props) {
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  // Search once the typing pauses, not per key press.
  useEffect(() => {
    const t = setTimeout(() => setText(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const { results, status, loadMore } = useSearch({ members: { $in: [me] } }, text, { limit: 10 });
  return (
    <section className="search" aria-label="Search">
      <input type="search" placeholder="Search messages" aria-label="Search messages" value={typed} onChange={(e) => setTyped(e.target.value)} />
      {text ? (
        <div className="search-results">
          <p className="muted" role="status">
            {status.loading ? 'Searching…' : status.error ? `Search failed: ${status.error.message}` : `${results.length}${status.hasMore ? '+' : ''} found`}
          </p>
          <ul aria-label="Search results">
            {results.map((m) => (
              <li key={m.id}>
                <button type="button" className="search-result" onClick={() => onOpen(m.cid, m.id)}>
                  <strong>{userName(m.user)}</strong> <time>{timeLabel(m.created_at)}</time>
                  <span className="muted"> in {m.cid.split(':')[1]}</span>
                  <span className="text">{m.text}</span>
                </button>
              </li>
            ))}
          </ul>
          {status.hasMore && !status.loading ? (
            <button type="button" className="link" onClick={() => void loadMore().catch(() => undefined)}>
              More results
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
