// Messages arrive with their poll embedded (`message.poll`): whatever action brings
// messages in also brings their polls into the polls table (polls.ts says how the message
// copy and the table relate). REST answers carry the caller's own votes; events do not
// (the service serializes an event once for all recipients), so an event's copy leaves the
// held own votes alone.
import type { ChatEvent } from '../models/events.ts';
import type { ChannelStateResponseFields, MessageResponse, ThreadStateResponse } from '../models/generated/types.ts';
import type { ChatState } from './state.ts';
import { applyPollSnapshot } from './polls.ts';

function absorb(state: ChatState, m: MessageResponse | undefined, own: boolean): void {
  if (!m) return;
  if (m.poll) applyPollSnapshot(state, m.poll, own);
  if (m.quoted_message?.poll) applyPollSnapshot(state, m.quoted_message.poll, own);
}

function absorbAll(state: ChatState, list: readonly MessageResponse[] | undefined, own: boolean): void {
  if (!list) return;
  // Most messages hold no poll: the check is one field read each.
  for (const m of list) if (m.poll || m.quoted_message?.poll) absorb(state, m, own);
}

function absorbThreads(state: ChatState, threads: readonly ThreadStateResponse[]): void {
  for (const t of threads) {
    absorb(state, t.parent_message, true);
    absorbAll(state, t.latest_replies, true);
  }
}

function absorbEvent(state: ChatState, ev: ChatEvent): void {
  absorb(state, ev.message, false);
}

/**
 * The fields of the store's actions that carry messages (reducer.ts's Action is assignable
 * to this; it is not imported, so that reducer.ts can import this file without a cycle).
 */
export interface MessageCarrier {
  type: string;
  event?: ChatEvent;
  channels?: readonly ChannelStateResponseFields[];
  messages?: readonly MessageResponse[];
  older?: readonly MessageResponse[];
  newer?: readonly MessageResponse[];
  message?: MessageResponse;
  threads?: readonly ThreadStateResponse[];
  parent?: MessageResponse;
  page?: { messages: readonly MessageResponse[] };
}

/** The polls embedded in the messages an action carries, into the polls table. */
export function absorbMessagePolls(state: ChatState, carried: { type: string }): void {
  // Only the action types named below are read, and each has the fields of MessageCarrier
  // in the Action union (reducer.ts); other actions may use these names for other data.
  const action = carried as MessageCarrier;
  switch (action.type) {
    case 'event':
      if (action.event) absorbEvent(state, action.event);
      return;
    case 'channels/hydrated':
    case 'channelList/loaded':
      for (const c of action.channels ?? []) {
        absorbAll(state, c.messages, true);
        absorbAll(state, c.pinned_messages, true);
      }
      return;
    case 'messages/paged':
    case 'messages/reread':
      absorbAll(state, action.messages, true);
      return;
    case 'messages/around':
      absorbAll(state, action.older, true);
      absorbAll(state, action.newer, true);
      return;
    case 'message/stored':
    case 'message/refreshed':
      absorb(state, action.message, true);
      return;
    case 'threads/hydrated':
    case 'threadList/loaded':
      absorbThreads(state, action.threads ?? []);
      return;
    case 'thread/started':
      absorb(state, action.parent, true);
      return;
    case 'thread/replies':
      absorbAll(state, action.page?.messages, true);
      return;
    default:
      return;
  }
}
