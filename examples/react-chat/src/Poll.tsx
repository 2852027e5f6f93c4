// A poll a message carries, with its results. Voting arrives with the library's poll
// handles (client.poll(id)); until then the results are shown as the message holds them.
import type { LocalMessage } from 'chatstore';
import { pollRows } from '../../shared/format.ts';

export function Poll({ message }: { message: LocalMessage }) {
  const poll = message.poll;
  if (!poll) return null;
  return (
    <figure className="poll" aria-label={`Poll: ${poll.name}`}>
      <figcaption>
        📊 {poll.name} <span className="muted">· {poll.vote_count} vote{poll.vote_count === 1 ? '' : 's'}{poll.is_closed ? ' · closed' : ''}</span>
      </figcaption>
      <ul>
        {pollRows(message).map((o) => (
          <li key={o.id} className={o.mine ? 'mine' : undefined}>
            <span className="bar" style={{ width: `${Math.round(o.share * 100)}%` }} />
            <span className="option">{o.text}</span>
            <span className="votes">{o.votes}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
