// A message's author as the users table has them now (a rename or going offline shows at
// once, without touching the message: chatstore's useUser reads the live user by id), with
// a menu to block or unblock them.
import { useState } from 'react';
import type { UserResponse } from 'chatstore';
import { useChatClient, useObservable, useUser } from 'chatstore/react';
import { userName } from '../../shared/format.ts';

/** The ids of the users the own user blocked (pending blocks included). */
export function useBlockedUsers(): readonly string[] {
  const client = useChatClient();
  return useObservable(client.blockedUsers$);
}

export function Author({ user, meId }: { user: UserResponse; meId: string | undefined }) {
  const client = useChatClient();
  const live = useUser(user.id) ?? user;
  const blocked = useBlockedUsers().includes(user.id);
  const [open, setOpen] = useState(false);
  const mine = user.id === meId;
  return (
    <span className="author-line">
      <span className={live.online ? 'presence-dot online' : 'presence-dot'} title={live.online ? 'online' : 'offline'} aria-label={live.online ? 'online' : 'offline'} />
      <strong className="author">{userName(live)}</strong>
      {mine ? null : (
        <>
          <button type="button" className="link author-menu" aria-label={`Actions for ${userName(live)}`} aria-expanded={open} onClick={() => setOpen(!open)}>
            ⋯
          </button>
          {open ? (
            <span className="author-actions" role="menu">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setOpen(false);
                  (blocked ? client.unblockUser(user.id) : client.blockUser(user.id)).catch(() => undefined);
                }}
              >
                {blocked ? `Unblock ${userName(live)}` : `Block ${userName(live)}`}
              </button>
            </span>
          ) : null}
        </>
      )}
    </span>
  );
}
