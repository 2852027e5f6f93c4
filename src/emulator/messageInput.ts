// Reading a MessageRequest: the seed's fields with their types, custom fields either under
// `custom` or at the top level. Validation happens here, before any record changes.
import { MAX_MESSAGE_LENGTH, type Backend } from './backend.ts';
import { inputError } from './errors.ts';
import { isObject, optArray, optBool, optString, optStringArray, optTime, type Body } from './input.ts';

/** Known MessageRequest fields; anything else in the payload is custom data. */
const MESSAGE_FIELDS = new Set([
  'id', 'text', 'html', 'attachments', 'custom', 'mentioned_users', 'mentioned_channel', 'mentioned_here', 'mentioned_group_ids',
  'mentioned_roles', 'parent_id', 'show_in_channel', 'quoted_message_id', 'poll_id', 'silent', 'pinned', 'pinned_at', 'pin_expires',
  'restricted_visibility', 'type', 'user', 'user_id', 'mml', 'shared_location', 'cid', 'created_at', 'updated_at', 'latest_reactions',
  'own_reactions', 'reaction_counts', 'reaction_scores', 'reaction_groups', 'reply_count', 'deleted_reply_count', 'status', 'command',
  'thread_participants', 'quoted_message', 'poll', 'pinned_by', 'deleted_at', 'shadowed', 'i18n', 'channel', 'member', 'moderation',
  'message_text_updated_at', 'error', 'draft', 'reminder',
]);

export const MESSAGE_ID_PATTERN = /^[\w.:@!-]{1,255}$/;

export interface MessageInput {
  id?: string;
  text?: string;
  html?: string;
  attachments?: unknown[];
  custom: Record<string, unknown>;
  hasCustom: boolean;
  mentioned_users?: string[];
  mentioned_channel?: boolean;
  mentioned_here?: boolean;
  parent_id?: string;
  show_in_channel?: boolean;
  quoted_message_id?: string;
  poll_id?: string;
  silent?: boolean;
  pinned?: boolean;
  pin_expires?: number;
  type?: string;
  restricted_visibility?: string[];
  /** A location the message shares: static, or live until `end_at`. */
  shared_location?: { latitude: number; longitude: number; end_at?: number; created_by_device_id?: string };
}

/** Read and check a MessageRequest object. */
export function readMessageInput(b: Backend, m: Body): MessageInput {
  const out: MessageInput = { custom: {}, hasCustom: false };
  const id = optString(m, 'id');
  if (id !== undefined && id !== '') {
    if (!MESSAGE_ID_PATTERN.test(id)) throw inputError(`message id "${id.slice(0, 80)}" is not valid`);
    out.id = id;
  }
  const text = optString(m, 'text');
  if (text !== undefined) {
    if (text.length > MAX_MESSAGE_LENGTH) throw inputError(`message text is longer than the maximum of ${MAX_MESSAGE_LENGTH} characters`);
    out.text = text;
  }
  const html = optString(m, 'html');
  if (html !== undefined) out.html = html;
  const attachments = optArray(m, 'attachments');
  if (attachments !== undefined) {
    if (!attachments.every(isObject)) throw inputError('"attachments" must be an array of objects');
    out.attachments = structuredClone(attachments);
  }
  const mentioned = optStringArray(m, 'mentioned_users');
  if (mentioned !== undefined) {
    b.requireUsersExist(mentioned);
    out.mentioned_users = [...new Set(mentioned)];
  }
  for (const key of ['mentioned_channel', 'mentioned_here', 'show_in_channel', 'silent', 'pinned'] as const) {
    const v = optBool(m, key);
    if (v !== undefined) out[key] = v;
  }
  for (const key of ['parent_id', 'quoted_message_id', 'poll_id'] as const) {
    const v = optString(m, key);
    if (v !== undefined && v !== '') out[key] = v;
  }
  const pinExpires = optTime(m, 'pin_expires');
  if (pinExpires !== undefined) out.pin_expires = pinExpires;
  const type = optString(m, 'type');
  if (type !== undefined && type !== '') {
    if (type !== 'regular' && type !== 'system') throw inputError(`message type "${type}" cannot be sent`);
    out.type = type;
  }
  const location = m['shared_location'];
  if (location !== undefined && location !== null) {
    if (!isObject(location)) throw inputError('"shared_location" must be an object');
    const coordinate = (key: string, limit: number): number => {
      const v = location[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > limit) throw inputError(`"shared_location.${key}" must be a number between -${limit} and ${limit}`);
      return v;
    };
    const shared: NonNullable<MessageInput['shared_location']> = { latitude: coordinate('latitude', 90), longitude: coordinate('longitude', 180) };
    const endAt = optTime(location, 'end_at');
    if (endAt !== undefined) shared.end_at = endAt;
    const device = optString(location, 'created_by_device_id');
    if (device !== undefined) shared.created_by_device_id = device;
    out.shared_location = shared;
  }
  const restricted = optStringArray(m, 'restricted_visibility');
  if (restricted !== undefined) out.restricted_visibility = restricted;
  if (m['custom'] !== undefined && m['custom'] !== null) {
    if (!isObject(m['custom'])) throw inputError('"custom" must be an object');
    Object.assign(out.custom, m['custom']);
    out.hasCustom = true;
  }
  for (const [k, v] of Object.entries(m)) {
    if (!MESSAGE_FIELDS.has(k) && k !== '__proto__') {
      out.custom[k] = v;
      out.hasCustom = true;
    }
  }
  return out;
}
