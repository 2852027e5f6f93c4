// The poll a message carries, live: every message with this poll_id shows the same poll
// (client.poll(id) through usePoll), counts move as anyone votes, and a click on an option
// votes for it (or takes the own vote back). A vote shows at once; one the rules refuse
// (closed poll, vote limit) says why under the poll and changes nothing.
import { useState } from 'react';
import { isChatError, type LocalMessage } from 'chatstore';
import { useChatSelector, usePoll } from 'chatstore/react';
import { pollOptionRows } from '../../shared/format.ts';

export function Poll({ message }: { message: LocalMessage }) {
  const pollId = message.poll_id ?? message.poll?.id;
  if (!pollId) return null;
  return <LivePoll pollId={pollId} message={message} />;
}

function LivePoll({ pollId, message }: { pollId: string; message: LocalMessage }) {
  const { poll, data } = usePoll(pollId);
  const meId = useChatSelector((s) => s.me?.id);
  const [error, setError] = useState<string | undefined>(undefined);
  // Until the live poll is loaded, the copy the message came with.
  const shown = data ?? message.poll;
  if (!shown) return null;
  const closed = shown.is_closed === true;
  const act = (run: () => Promise<unknown>) => {
    setError(undefined);
    run().catch((e: unknown) => setError(isChatError(e) ? e.message : String(e)));
  };
  const limit = shown.enforce_unique_vote ? 'one vote' : shown.max_votes_allowed ? `up to ${shown.max_votes_allowed} votes` : 'any number of votes';
  return (
    <figure className="poll" aria-label={`Poll: ${shown.name}`}>
      <figcaption>
        📊 {shown.name}{' '}
        <span className="muted">
          · {shown.vote_count} vote{shown.vote_count === 1 ? '' : 's'}
          {closed ? ' · closed' : ` · ${limit}`}
        </span>
      </figcaption>
      <ul>
        {pollOptionRows(shown).map((o) => (
          <li key={o.id} className={o.mine ? 'mine' : undefined}>
            <button
              type="button"
              className="poll-option"
              aria-pressed={o.mine}
              aria-label={`${o.text}: ${o.votes} vote${o.votes === 1 ? '' : 's'}`}
              disabled={closed || data === null}
              onClick={() => act(() => (o.ownVoteId ? poll.removeVote(message.id, o.ownVoteId) : poll.vote(message.id, o.id)))}
            >
              <span className="bar" style={{ width: `${Math.round(o.share * 100)}%` }} />
              <span className="option">{o.text}</span>
              <span className="votes">{o.votes}</span>
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="poll-error" role="alert">
          {error}
        </p>
      ) : null}
      {data && !closed && data.created_by_id === meId ? (
        <button type="button" className="link" onClick={() => act(() => poll.close())}>
          Close poll
        </button>
      ) : null}
    </figure>
  );
}
