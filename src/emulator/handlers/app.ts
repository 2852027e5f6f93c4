// GetApp, CreateGuest and GetOG (Common API seed): the app's settings as a client reads
// them, guest users, and link previews. The emulator never goes to the outside network:
// previews come from a small local table, or from the page itself when the URL is on
// loopback (a dev server next to the emulator).
import type { Backend } from '../backend.ts';
import { formatTime } from '../clock.ts';
import { ApiError, ErrorCode, inputError } from '../errors.ts';
import { isObject, reqObject } from '../input.ts';
import { channelTypeRules, knownChannelTypes } from '../permissions.ts';
import type { Handler } from '../router.ts';
import { createUserToken } from '../token.ts';
import { userResponse, type Json } from '../views.ts';
import { MAX_MESSAGE_LENGTH } from '../backend.ts';

function channelConfig(b: Backend, type: string): Json {
  const rules = channelTypeRules(type);
  return {
    name: type, typing_events: rules.typingEvents, read_events: rules.readEvents, connect_events: true, custom_events: true,
    delivery_events: true, reactions: true, replies: true, quotes: true, search: true, mutes: true, uploads: true, url_enrichment: true,
    polls: true, reminders: true, user_message_reminders: true, shared_locations: true, push_notifications: true, count_messages: true,
    mark_messages_pending: false, skip_last_msg_update_for_system_msgs: false, max_message_length: MAX_MESSAGE_LENGTH,
    automod: 'disabled', automod_behavior: 'flag', message_retention: 'infinite', commands: ['giphy'],
    created_at: formatTime(0), updated_at: formatTime(b.now()),
  };
}

function uploads(b: Backend): Json {
  return { size_limit: b.uploadSizeLimit, allowed_file_extensions: [], blocked_file_extensions: [], allowed_mime_types: [], blocked_mime_types: [] };
}

export const getApp: Handler = (b) => ({
  app: {
    id: 1, name: 'chatstore-emulator', organization: 'chatstore', placement: 'local', permission_version: 'v2',
    channel_configs: Object.fromEntries(knownChannelTypes().map((t) => [t, channelConfig(b, t)])),
    file_upload_config: uploads(b), image_upload_config: uploads(b),
    allow_multi_user_devices: false, async_url_enrich_enabled: false, auto_translation_enabled: false, campaign_enabled: false,
    cdn_expiration_seconds: 0, custom_action_handler_url: '', disable_auth_checks: false, disable_permissions_checks: false,
    enforce_unique_usernames: 'no', event_hooks: [], grants: {}, policies: {}, call_types: {}, push_notifications: {},
    guest_user_creation_disabled: false, image_moderation_enabled: false, max_aggregated_activities_length: 0,
    moderation_audio_call_moderation_enabled: false, moderation_enabled: false, moderation_llm_configurability_enabled: false,
    moderation_multitenant_blocklist_enabled: false, moderation_video_call_moderation_enabled: false, moderation_webhook_url: '',
    multi_tenant_enabled: false, reminders_interval: 60, sns_key: '', sns_secret: '', sns_topic_arn: '', sqs_key: '', sqs_secret: '',
    sqs_url: '', suspended: false, suspended_explanation: '', use_hook_v2: false, user_response_time_enabled: false,
    user_search_disallowed_roles: [], webhook_events: [], webhook_url: '',
  },
});

/**
 * CreateGuest: a user with role `guest` and a token for it. Like the service it may be called
 * without a token (`stream-auth-type: anonymous`). An id that belongs to a regular user is
 * refused (code 4); a guest id gets a fresh token.
 */
export const createGuest: Handler = async (b, ctx) => {
  const user = reqObject(ctx.body, 'user');
  const id = user['id'];
  if (typeof id !== 'string' || id === '') throw inputError('"user.id" is required');
  const existing = b.state.users.get(id);
  if (existing && existing.role !== 'guest') throw inputError(`user "${id}" already exists and is not a guest`);
  const details = Object.fromEntries(Object.entries(user).filter(([k]) => k !== 'role' && k !== 'id'));
  const record = b.upsertUser(id, details);
  record.role = 'guest';
  b.changed();
  return { user: userResponse(b, record), access_token: await createUserToken(b.secret, id, {}) };
};

/** Previews the emulator knows without a network (tests and demos link to these). */
const OG_TABLE: Readonly<Record<string, Json>> = {
  'https://getstream.io': { title: 'Stream', text: 'Chat and activity feed APIs', image_url: 'https://getstream.io/og.png', author_name: 'Stream' },
  'https://example.com': { title: 'Example Domain', text: 'This domain is for use in illustrative examples.', author_name: 'example.com' },
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ': { title: 'A video', type: 'video', image_url: 'https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg', asset_url: 'https://www.youtube.com/embed/dQw4w9WgXcQ', author_name: 'YouTube' },
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function decodeEntities(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function metaOf(html: string, name: string): string | undefined {
  for (const tag of html.match(/<meta\s[^>]*>/gi) ?? []) {
    const key = /(?:property|name)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (key?.toLowerCase() !== name) continue;
    const content = /content\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    if (content !== undefined) return decodeEntities(content);
  }
  return undefined;
}

async function scrapeLoopback(url: URL): Promise<Json> {
  let html: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000), redirect: 'manual' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    html = (await res.text()).slice(0, 512 * 1024);
  } catch (e) {
    throw inputError(`could not read a preview of ${url.href}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const title = metaOf(html, 'og:title') ?? (/<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim());
  const out: Json = {};
  if (title) out['title'] = decodeEntities(title);
  const text = metaOf(html, 'og:description') ?? metaOf(html, 'description');
  if (text) out['text'] = text;
  const image = metaOf(html, 'og:image');
  if (image) out['image_url'] = new URL(image, url).href;
  const site = metaOf(html, 'og:site_name');
  if (site) out['author_name'] = site;
  const type = metaOf(html, 'og:type');
  if (type === 'video' || type === 'image') out['type'] = type;
  return out;
}

export const getOG: Handler = async (_b, ctx) => {
  const raw = ctx.query.get('url') ?? '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw inputError(`"url" is not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw inputError('"url" must be http or https');
  const key = url.href.replace(/\/$/, '');
  const known = OG_TABLE[key];
  let fields: Json;
  if (known) fields = { ...known };
  else if (LOOPBACK.has(url.hostname)) fields = await scrapeLoopback(url);
  else throw new ApiError(ErrorCode.inputError, `no preview for ${url.href}: the emulator reads previews from its local table and from loopback pages only`);
  if (Object.keys(fields).length === 0) throw inputError(`${url.href} has nothing to preview`);
  const custom = isObject(fields['custom']) ? fields['custom'] : {};
  return { ...fields, custom, og_scrape_url: raw, title_link: raw };
};
