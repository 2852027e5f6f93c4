// How a user's personal records show inside other answers: the caller's reminder on each
// message (`reminder`), a message's shared location (`shared_location`), the caller's draft
// of a channel or thread (`draft`). Kept apart from views.ts so the handlers of those
// records and the message views render them the same way without importing each other.
import { formatOptional, formatTime } from './clock.ts';
import { draftKey, userKey, type DraftRecord, type LiveLocationRecord, type ReminderRecord, type State } from './state.ts';

type Json = Record<string, unknown>;

function compact(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** A reminder's own fields (without its message, channel and user). */
export function reminderFields(r: ReminderRecord): Json {
  return compact({
    channel_cid: r.cid,
    message_id: r.message_id,
    user_id: r.user_id,
    remind_at: formatOptional(r.remind_at),
    created_at: formatTime(r.created_at),
    updated_at: formatTime(r.updated_at),
  });
}

/** The viewer's reminder on a message, as a message answer carries it. */
export function messageReminder(state: State, messageId: string, viewer: string): Json | undefined {
  const r = state.reminders.get(userKey(viewer, messageId));
  return r ? reminderFields(r) : undefined;
}

/** A shared location's fields (without its message and channel). */
export function locationFields(l: LiveLocationRecord): Json {
  return compact({
    channel_cid: l.cid,
    message_id: l.message_id,
    user_id: l.user_id,
    latitude: l.latitude,
    longitude: l.longitude,
    created_by_device_id: l.created_by_device_id,
    end_at: formatOptional(l.end_at),
    created_at: formatTime(l.created_at),
    updated_at: formatTime(l.updated_at),
  });
}

/** The location a message shares, if any. */
export function messageLocation(state: State, messageId: string): Json | undefined {
  const l = state.liveLocations.get(messageId);
  return l ? locationFields(l) : undefined;
}

/** A draft's own fields (the channel, parent and quoted messages are the caller's to add). */
export function draftFields(d: DraftRecord): Json {
  return compact({ channel_cid: d.cid, message: { ...d.message }, parent_id: d.parent_id, created_at: formatTime(d.created_at) });
}

/** The viewer's draft of a channel (parentId undefined) or thread. */
export function viewerDraft(state: State, viewer: string, cid: string, parentId: string | undefined): Json | undefined {
  const d = state.drafts.get(draftKey(viewer, cid, parentId));
  return d ? draftFields(d) : undefined;
}
