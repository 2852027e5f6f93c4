// ListDevices, CreateDevice, DeleteDevice and UpdatePushNotificationPreferences (Common API
// seed). A user token manages only its own devices and preferences: a `user_id` naming
// someone else is code 17. A device id is unique in the app: registering it again under
// another user moves it (the service's default without multi-user devices).
import type { Backend } from '../backend.ts';
import { formatOptional, formatTime } from '../clock.ts';
import { forbidden, inputError, notFound } from '../errors.ts';
import { isObject, optArray, optBool, optString, reqString, type Body } from '../input.ts';
import type { Handler, RequestContext } from '../router.ts';
import { userKey, type DeviceRecord, type PushPreferenceRecord } from '../state.ts';
import { compact, type Json } from '../views.ts';
import { parseTime } from '../clock.ts';

const PROVIDERS = new Set(['firebase', 'apn', 'huawei', 'xiaomi']);

/** The user a request acts for: the caller, or a `user_id` that must be the caller. */
export function actingUser(ctx: RequestContext, source: Body | URLSearchParams = ctx.body): string {
  const named = source instanceof URLSearchParams ? source.get('user_id') : optString(source, 'user_id');
  if (named && named !== ctx.userId) throw forbidden(`user "${ctx.userId}" may not act for user "${named}"`);
  return ctx.userId;
}

function deviceResponse(d: DeviceRecord): Json {
  return compact({
    id: d.id,
    user_id: d.user_id,
    push_provider: d.push_provider,
    push_provider_name: d.push_provider_name,
    voip: d.voip_token,
    disabled: false,
    created_at: formatTime(d.created_at),
  });
}

export const listDevices: Handler = (b, ctx) => {
  const userId = actingUser(ctx, ctx.query);
  const devices = [...b.state.devices.values()].filter((d) => d.user_id === userId).sort((x, y) => x.created_at - y.created_at);
  return { devices: devices.map(deviceResponse) };
};

export const createDevice: Handler = (b, ctx) => {
  const userId = actingUser(ctx);
  const id = reqString(ctx.body, 'id');
  const provider = reqString(ctx.body, 'push_provider');
  if (!PROVIDERS.has(provider)) throw inputError(`"push_provider" must be one of ${[...PROVIDERS].join(', ')}`);
  const d: DeviceRecord = { id, user_id: userId, push_provider: provider, created_at: b.state.devices.get(id)?.created_at ?? b.now() };
  const name = optString(ctx.body, 'push_provider_name');
  if (name !== undefined) d.push_provider_name = name;
  const voip = optBool(ctx.body, 'voip_token');
  if (voip !== undefined) d.voip_token = voip;
  b.state.devices.set(id, d);
  b.changed();
  return {};
};

export const deleteDevice: Handler = (b, ctx) => {
  const userId = actingUser(ctx, ctx.query);
  const id = ctx.query.get('id') ?? '';
  const d = b.state.devices.get(id);
  if (!d || d.user_id !== userId) throw notFound(`device "${id}" does not exist for user "${userId}"`);
  b.state.devices.delete(id);
  b.changed();
  return {};
};

const LEVELS: Record<string, readonly string[]> = {
  chat_level: ['all', 'mentions', 'direct_mentions', 'none'],
  call_level: ['all', 'none', 'default'],
  feeds_level: ['all', 'none', 'default'],
};

function preferenceJson(p: PushPreferenceRecord): Json {
  return compact({
    chat_level: p.chat_level,
    call_level: p.call_level,
    feeds_level: p.feeds_level,
    disabled_until: formatOptional(p.disabled_until),
    chat_preferences: p.chat_preferences,
  });
}

/** The user's stored preferences, as the response shapes them (user level and per channel). */
function preferencesOf(b: Backend, userId: string): Json {
  const channels: Json = {};
  let own: Json = {};
  for (const p of b.state.pushPreferences.values()) {
    if (p.user_id !== userId) continue;
    if (p.cid === '') own = preferenceJson(p);
    else channels[p.cid] = preferenceJson(p);
  }
  return { user_preferences: { [userId]: own }, user_channel_preferences: { [userId]: channels } };
}

export const updatePushNotificationPreferences: Handler = (b, ctx) => {
  const list = optArray(ctx.body, 'preferences') ?? [];
  // Validate every entry before storing any (a failed request changes nothing).
  const changes = list.map((item, i) => {
    if (!isObject(item)) throw inputError(`"preferences[${i}]" must be an object`);
    const userId = optString(item, 'user_id') ?? ctx.userId;
    if (userId !== ctx.userId) throw forbidden(`user "${ctx.userId}" may not change the preferences of "${userId}"`);
    const cid = optString(item, 'channel_cid') ?? '';
    if (cid !== '') b.requireChannelByCid(cid);
    for (const [key, allowed] of Object.entries(LEVELS)) {
      const v = item[key];
      if (v !== undefined && v !== null && !allowed.includes(String(v))) throw inputError(`"preferences[${i}].${key}" must be one of ${allowed.join(', ')}`);
    }
    return { item, userId, cid };
  });
  const now = b.now();
  for (const { item, userId, cid } of changes) {
    const key = userKey(userId, cid);
    const p: PushPreferenceRecord = b.state.pushPreferences.get(key) ?? { user_id: userId, cid, updated_at: now };
    for (const level of Object.keys(LEVELS) as Array<'chat_level' | 'call_level' | 'feeds_level'>) {
      if (typeof item[level] === 'string') p[level] = item[level];
    }
    const until = parseTime(item['disabled_until']);
    if (until !== undefined) p.disabled_until = until;
    if (item['remove_disable'] === true) delete p.disabled_until;
    if (isObject(item['chat_preferences'])) p.chat_preferences = { ...p.chat_preferences, ...item['chat_preferences'] };
    p.updated_at = now;
    b.state.pushPreferences.set(key, p);
  }
  if (changes.length > 0) b.changed();
  return preferencesOf(b, ctx.userId);
};
