// TranslateMessage, RunMessageAction and EphemeralMessageUpdate (Chat API seed), and the
// `/giphy` command they act on.
//
// There is no translation engine here: a translation is the marker `[<lang>] <text>`, the
// same for the same message and language every time, under `i18n.<lang>_text` as the
// service sends it, with `i18n.language` the author's language.
//
// `/giphy <query>` does not post a message: the author alone gets an ephemeral message
// (`type: 'ephemeral'`, `command: 'giphy'`) with one image of a fixed local set and the
// actions send / shuffle / cancel. RunMessageAction with `form_data.image_action`:
// `shuffle` shows the next image of the set, `send` posts it as a regular message (the usual
// message.new), `cancel` drops it. Ephemeral messages are not channel history: only their
// author can see or act on them, and nobody else hears of them.
import type { Backend } from '../backend.ts';
import { formatTime } from '../clock.ts';
import { inputError, notFound } from '../errors.ts';
import { isObject, optObject, optStringArray, reqObject, reqString, type Body } from '../input.ts';
import { announceMessageChange, announceNewMessage, insertMessage, validateNewMessage } from '../messageOps.ts';
import { requireAccess } from '../permissions.ts';
import type { Handler, RequestContext } from '../router.ts';
import type { ChannelRecord, EphemeralRecord } from '../state.ts';
import { messageResponse, userById, type Json } from '../views.ts';

export const translateMessage: Handler = (b, ctx) => {
  const m = b.requireMessage(ctx.params['id'] ?? '');
  requireAccess(b.channelOf(m), ctx.userId, 'read messages');
  const language = reqString(ctx.body, 'language');
  if (!/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(language)) throw inputError(`"language" must be a language code such as "fr" or "zh-TW", not "${language.slice(0, 40)}"`);
  if (m.deleted_at !== undefined) {
    // Nothing to translate: the answer shows the empty translation, nothing is stored.
    const message = messageResponse(b, m, ctx.userId);
    message['i18n'] = { language: 'en', en_text: '', [`${language}_text`]: '' };
    return { message };
  }
  // The service keeps the translation on the message (later reads carry `i18n`) and sends
  // message.updated to the channel; a repeat of the same language changes nothing.
  const source = m.i18n?.['language'] ?? (b.state.users.get(m.user_id)?.language || 'en');
  const key = `${language}_text`;
  const translated = language === source ? m.text : `[${language}] ${m.text}`;
  if (m.i18n?.[key] !== translated || m.i18n[`${source}_text`] !== m.text) {
    m.i18n = { ...m.i18n, language: source, [`${source}_text`]: m.text, [key]: translated };
    m.updated_at = b.now();
    b.changed();
    announceMessageChange(b, m, 'message.updated');
  }
  return { message: messageResponse(b, m, ctx.userId) };
};

/** The fixed local image set a giphy query cycles through. */
const GIPHY_SET = [
  { id: 'giphy-wave', title: 'wave' },
  { id: 'giphy-thumbs-up', title: 'thumbs up' },
  { id: 'giphy-party', title: 'party' },
  { id: 'giphy-cat', title: 'cat' },
  { id: 'giphy-coffee', title: 'coffee' },
] as const;

/** Whether `id` is an image of the local giphy set (served at /giphy/<id>.gif). */
export function isGiphyId(id: string): boolean {
  return GIPHY_SET.some((g) => g.id === id);
}

function giphyAttachment(e: EphemeralRecord, baseUrl: string, withActions: boolean): Json {
  const image = GIPHY_SET[e.index % GIPHY_SET.length] ?? GIPHY_SET[0];
  const url = `${baseUrl}/giphy/${image.id}.gif`;
  const attachment: Json = {
    type: 'giphy', title: e.query, title_link: url, thumb_url: url, image_url: url,
    giphy: { original: { url, width: '480', height: '270' }, fixed_height: { url, width: '356', height: '200' } },
  };
  if (withActions) {
    attachment['actions'] = [
      { name: 'image_action', text: 'Send', style: 'primary', type: 'button', value: 'send' },
      { name: 'image_action', text: 'Shuffle', style: 'default', type: 'button', value: 'shuffle' },
      { name: 'image_action', text: 'Cancel', style: 'default', type: 'button', value: 'cancel' },
    ];
  }
  return attachment;
}

function ephemeralResponse(b: Backend, e: EphemeralRecord, baseUrl: string): Json {
  return {
    id: e.id, cid: e.cid, type: 'ephemeral', text: `/giphy ${e.query}`, html: '', command: 'giphy', args: e.query,
    user: userById(b, e.user_id), attachments: [giphyAttachment(e, baseUrl, true)], custom: { ...e.custom }, ...e.custom,
    parent_id: e.parent_id, mentioned_users: [], silent: false, shadowed: false, pinned: false, restricted_visibility: [],
    reply_count: 0, deleted_reply_count: 0, latest_reactions: [], own_reactions: [], reaction_counts: {}, reaction_scores: {}, reaction_groups: {},
    created_at: formatTime(e.created_at), updated_at: formatTime(e.updated_at),
  };
}

/**
 * SendMessage's hook: a `/giphy <query>` message becomes the author's ephemeral message.
 * Returns the response to send, or undefined for any other message.
 */
export function giphyCommand(b: Backend, channel: ChannelRecord, ctx: RequestContext, message: Body): Json | undefined {
  const text = typeof message['text'] === 'string' ? message['text'] : '';
  const match = /^\/giphy(?:\s+(.*))?$/s.exec(text.trim());
  if (!match) return undefined;
  const query = (match[1] ?? '').trim();
  if (query === '') throw inputError('"/giphy" needs a search text, e.g. "/giphy cats"');
  const id = typeof message['id'] === 'string' && message['id'] !== '' ? message['id'] : `${ctx.userId}-${crypto.randomUUID()}`;
  if (b.state.messages.has(id) || b.state.ephemerals.has(id)) throw inputError(`a message with id "${id}" already exists`);
  const now = b.now();
  const e: EphemeralRecord = { id, cid: channel.cid, user_id: ctx.userId, query, index: 0, custom: {}, created_at: now, updated_at: now };
  if (typeof message['parent_id'] === 'string' && message['parent_id'] !== '') e.parent_id = message['parent_id'];
  b.state.ephemerals.set(id, e);
  b.changed();
  return { message: ephemeralResponse(b, e, ctx.baseUrl) };
}

function ownEphemeral(b: Backend, ctx: RequestContext): EphemeralRecord {
  const id = ctx.params['id'] ?? '';
  const e = b.state.ephemerals.get(id);
  // Ephemeral messages exist for their author only.
  if (!e || e.user_id !== ctx.userId) {
    if (b.state.messages.has(id)) throw inputError(`message "${id}" is not an ephemeral message`);
    throw notFound(`message with id "${id}" does not exist`);
  }
  return e;
}

export const runMessageAction: Handler = (b, ctx) => {
  const e = ownEphemeral(b, ctx);
  const form = reqObject(ctx.body, 'form_data');
  const action = form['image_action'];
  const channel = b.requireChannelByCid(e.cid);
  if (action === 'shuffle') {
    e.index = (e.index + 1) % GIPHY_SET.length;
    e.updated_at = b.now();
    b.changed();
    return { message: ephemeralResponse(b, e, ctx.baseUrl) };
  }
  if (action === 'cancel') {
    b.state.ephemerals.delete(e.id);
    b.changed();
    return {};
  }
  if (action !== 'send') throw inputError('"form_data.image_action" must be "send", "shuffle" or "cancel"');
  requireAccess(channel, ctx.userId, 'send messages');
  const input = { id: e.id, text: '', attachments: [giphyAttachment(e, ctx.baseUrl, false)], custom: { ...e.custom }, hasCustom: Object.keys(e.custom).length > 0, ...(e.parent_id ? { parent_id: e.parent_id } : {}) };
  const parent = validateNewMessage(b, channel, input);
  b.state.ephemerals.delete(e.id);
  const m = insertMessage(b, channel, ctx.userId, input, parent);
  announceNewMessage(b, channel, m);
  return { message: messageResponse(b, m, ctx.userId) };
};

const EPHEMERAL_FIXED = new Set(['id', 'cid', 'type', 'user', 'user_id', 'command', 'args', 'created_at', 'updated_at', 'parent_id']);

export const ephemeralMessageUpdate: Handler = (b, ctx) => {
  const e = ownEphemeral(b, ctx);
  const set = optObject(ctx.body, 'set') ?? {};
  const unset = optStringArray(ctx.body, 'unset') ?? [];
  for (const key of [...Object.keys(set), ...unset]) if (EPHEMERAL_FIXED.has(key)) throw inputError(`"${key}" of an ephemeral message cannot be changed`);
  const custom = isObject(set['custom']) ? { ...e.custom, ...set['custom'] } : { ...e.custom };
  for (const [k, v] of Object.entries(set)) if (k !== 'custom' && k !== '__proto__') custom[k] = v;
  for (const k of unset) delete custom[k];
  e.custom = custom;
  e.updated_at = b.now();
  b.changed();
  return { message: ephemeralResponse(b, e, ctx.baseUrl) };
};
