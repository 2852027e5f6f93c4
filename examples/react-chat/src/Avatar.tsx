// A user's picture, or their initials on a colour of their own; a dot when online.
import { avatarOf, userName } from '../../shared/format.ts';

interface Props {
  user: { id: string; name?: string | undefined; image?: string | undefined; online?: boolean | undefined };
  size?: 'small' | 'normal';
  /** Show the presence dot (only where the user's presence is known). */
  presence?: boolean;
}

export function Avatar({ user, size = 'normal', presence = false }: Props) {
  const { initials, hue } = avatarOf(user);
  return (
    <span className={`avatar ${size}`} aria-hidden="true" style={{ background: `hsl(${hue} 55% 42%)` }}>
      {user.image ? <img src={user.image} alt="" /> : initials}
      {presence ? <span className={user.online ? 'presence online' : 'presence'} title={user.online ? `${userName(user)} is online` : `${userName(user)} is offline`} /> : null}
    </span>
  );
}
