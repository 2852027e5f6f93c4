// The own reactions of a message, kept by the client (PROTOCOL.md section 6, reactions row).
// The service serializes an event's message once for all recipients, so the `own_reactions`
// of a WebSocket event's message is always `[]` and means nothing; REST answers carry the
// caller's list and are trusted. From events, the held list only moves by the event's own
// reaction, as the official client moves it (stream-chat `ChannelState.addReaction` /
// `removeReaction`, and `Channel._extendEventWithOwnReactions` for message events).
import type { ChatEvent } from '../models/events.ts';
import type { MessageResponse, ReactionResponse } from '../models/generated/types.ts';

type Own = MessageResponse['own_reactions'];

function userOf(r: { user_id?: string; user?: { id: string } }): string | undefined {
  return r.user_id ?? r.user?.id;
}

/**
 * The own reactions `held` becomes by the reaction event `ev` (whose message is `incoming`):
 * unchanged unless the reaction is the own user's (from another device, or the echo of our
 * own: an optimistic one is never counted twice, the list holds one reaction per type).
 */
export function ownReactionsAfter(held: Own, ev: ChatEvent, incoming: MessageResponse, meId: string | undefined): Own {
  const r: ReactionResponse | undefined = ev.reaction;
  if (!r || meId === undefined || (userOf(r) ?? ev.user?.id) !== meId) return held;
  switch (ev.type) {
    case 'reaction.deleted':
      return held.some((x) => x.type === r.type) ? held.filter((x) => x.type !== r.type) : held;
    case 'reaction.updated':
      // The service sends reaction.updated for a send with enforce_unique, and the official
      // client reads it that way (its handler passes enforce_unique = true): the user's other
      // reactions are gone. One the event's message still lists among its latest reactions
      // certainly exists, so it stays (a re-scored reaction that replaced nothing).
      return [
        r,
        ...held.filter((x) => x.type !== r.type && incoming.latest_reactions.some((l) => userOf(l) === meId && l.type === x.type)),
      ];
    default:
      // reaction.new: the user's reaction of that type is this one now.
      return [r, ...held.filter((x) => x.type !== r.type)];
  }
}
