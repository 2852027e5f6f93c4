// The emulator's core: the data, the clock, the live connections and the lookups every
// handler shares. Handlers validate through these lookups before they change anything, so
// a request that fails leaves the state as it was.
import { Clock } from './clock.ts';
import { inputError, notFound } from './errors.ts';
import { Hub } from './hub.ts';
import { channelTypeRules } from './permissions.ts';
import { State, type ChannelRecord, type MessageRecord, type UserRecord } from './state.ts';

/** Longest message text accepted (the service's default `max_message_length`). */
export const MAX_MESSAGE_LENGTH = 5000;

/** Fields of a user payload that are not custom data. */
const USER_FIELDS = new Set(['id', 'name', 'image', 'role', 'custom', 'language', 'teams', 'invisible', 'created_at', 'updated_at', 'online', 'last_active', 'banned']);

export class Backend {
  readonly state = new State();
  readonly clock = new Clock();
  readonly hub = new Hub();
  readonly apiKey: string;
  readonly secret: string;
  /**
   * Largest uploaded file in bytes (the app's `file_upload_config.size_limit`). The service
   * refuses a larger file with code 22 (PayloadTooBigError) and HTTP 413; so does the
   * emulator. Default 20 MiB, the emulator's body limit.
   */
  uploadSizeLimit = 20 * 1024 * 1024;
  readonly #onChange: () => void;

  constructor(apiKey: string, secret: string, onChange: () => void) {
    this.apiKey = apiKey;
    this.secret = secret;
    this.#onChange = onChange;
  }

  /** Record that the data changed (schedules a persistence write). */
  changed(): void {
    this.#onChange();
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Create the user if missing, or update name, image and custom fields from a user
   * payload (PROTOCOL.md section 5, step 0). Returns the record.
   */
  upsertUser(id: string, details?: Record<string, unknown>): UserRecord {
    const now = this.now();
    let user = this.state.users.get(id);
    if (!user) {
      user = { id, role: 'user', custom: {}, language: '', teams: [], invisible: false, banned: false, created_at: now, updated_at: now };
      this.state.users.set(id, user);
    }
    if (details) applyUserFields(user, details, now);
    this.changed();
    return user;
  }

  requireUser(id: string): UserRecord {
    const user = this.state.users.get(id);
    if (!user) throw notFound(`user "${id}" does not exist`);
    return user;
  }

  requireChannel(type: string, id: string): ChannelRecord {
    channelTypeRules(type);
    const channel = this.state.channels.get(`${type}:${id}`);
    if (!channel) throw notFound(`channel "${type}:${id}" does not exist`);
    return channel;
  }

  requireChannelByCid(cid: string): ChannelRecord {
    const channel = this.state.channels.get(cid);
    if (!channel) throw notFound(`channel "${cid}" does not exist`);
    return channel;
  }

  requireMessage(id: string): MessageRecord {
    const message = this.state.messages.get(id);
    if (!message) throw notFound(`message with id "${id}" does not exist`);
    return message;
  }

  channelOf(message: MessageRecord): ChannelRecord {
    return this.requireChannelByCid(message.cid);
  }

  /** Throw code 4 unless every id names an existing user. */
  requireUsersExist(ids: readonly string[]): void {
    const missing = ids.filter((id) => !this.state.users.has(id));
    if (missing.length > 0) throw inputError(`the following users do not exist: ${missing.join(', ')}`);
  }
}

/** Apply a user payload's known fields and custom fields (top-level extras or `custom`). */
export function applyUserFields(user: UserRecord, details: Record<string, unknown>, now: number): void {
  if (typeof details['name'] === 'string') user.name = details['name'];
  if (typeof details['image'] === 'string') user.image = details['image'];
  if (typeof details['language'] === 'string') user.language = details['language'];
  if (typeof details['invisible'] === 'boolean') user.invisible = details['invisible'];
  if (Array.isArray(details['teams'])) user.teams = details['teams'].filter((t): t is string => typeof t === 'string');
  const custom = details['custom'];
  if (custom && typeof custom === 'object' && !Array.isArray(custom)) Object.assign(user.custom, custom);
  for (const [key, value] of Object.entries(details)) {
    if (!USER_FIELDS.has(key) && key !== '__proto__') user.custom[key] = value;
  }
  user.updated_at = now;
}
