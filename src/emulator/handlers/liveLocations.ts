// GetUserLiveLocations and UpdateLiveLocation (Common API seed). A live location belongs to a
// message its author sent; the author moves it (latitude, longitude) or ends it (`end_at`).
// Each update goes to the channel's watchers as message.updated carrying the location, as
// the service does; the author's active locations read back through GetUserLiveLocations.
import type { Backend } from '../backend.ts';
import { forbidden, inputError } from '../errors.ts';
import { isObject, optString, optTime } from '../input.ts';
import { announceMessageChange } from '../messageOps.ts';
import type { Handler } from '../router.ts';
import type { LiveLocationRecord } from '../state.ts';
import { channelResponse, compact, messageResponse, type Json } from '../views.ts';
import { locationFields } from '../personalViews.ts';
import { actingUser } from './devices.ts';

function locationResponse(b: Backend, l: LiveLocationRecord, viewer: string, full: boolean): Json {
  const m = b.state.messages.get(l.message_id);
  const channel = b.state.channels.get(l.cid);
  return compact({
    ...locationFields(l),
    message: full && m ? messageResponse(b, m, viewer) : undefined,
    channel: full && channel ? channelResponse(b, channel, viewer) : undefined,
  });
}

function coordinate(value: unknown, key: string, limit: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) throw inputError(`"${key}" must be a number between -${limit} and ${limit}`);
  return value;
}

export const getUserLiveLocations: Handler = (b, ctx) => {
  const userId = actingUser(ctx, ctx.query);
  const now = b.now();
  // Active: live (with an end) and not ended, on a message not deleted; a static location is never active.
  const active = [...b.state.liveLocations.values()].filter((l) => l.user_id === userId && l.end_at !== undefined && l.end_at > now && b.state.messages.get(l.message_id)?.deleted_at === undefined);
  return { active_live_locations: active.map((l) => locationResponse(b, l, userId, true)) };
};

export const updateLiveLocation: Handler = (b, ctx) => {
  const userId = actingUser(ctx, ctx.query);
  const m = b.requireMessage(optString(ctx.body, 'message_id') ?? '');
  if (m.user_id !== userId) throw forbidden(`only the author of message "${m.id}" may update its live location`);
  const latitude = coordinate(ctx.body['latitude'], 'latitude', 90);
  const longitude = coordinate(ctx.body['longitude'], 'longitude', 180);
  const endAt = optTime(ctx.body, 'end_at');
  const now = b.now();
  let l = b.state.liveLocations.get(m.id);
  if (l?.end_at !== undefined && l.end_at <= now) throw inputError('the live location has ended');
  if (!l) {
    // The first update starts the location from the message's shared_location, if it has one.
    const shared = isObject(m.custom['shared_location']) ? m.custom['shared_location'] : {};
    const lat = latitude ?? (typeof shared['latitude'] === 'number' ? shared['latitude'] : undefined);
    const lon = longitude ?? (typeof shared['longitude'] === 'number' ? shared['longitude'] : undefined);
    if (lat === undefined || lon === undefined) throw inputError('"latitude" and "longitude" are required for a new live location');
    const device = typeof shared['created_by_device_id'] === 'string' ? shared['created_by_device_id'] : '';
    l = { message_id: m.id, cid: m.cid, user_id: userId, latitude: lat, longitude: lon, created_by_device_id: device, created_at: now, updated_at: now };
    b.state.liveLocations.set(m.id, l);
  }
  if (latitude !== undefined) l.latitude = latitude;
  if (longitude !== undefined) l.longitude = longitude;
  if (endAt !== undefined) l.end_at = endAt;
  l.updated_at = now;
  b.changed();
  const location = l;
  announceMessageChange(b, m, 'message.updated', { shared_location: locationResponse(b, location, userId, false) });
  return locationResponse(b, location, userId, true);
};
