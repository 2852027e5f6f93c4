// Decoded fixtures for store tests: wire-shaped JSON run through the real decoders, so the
// store sees exactly what the transport hands it.
import { decodeEvent, decodeModel, type ChannelStateResponse, type ChatEvent, type MessageResponse, type OwnUserResponse } from 'chatstore';
import { uid } from './fixtures.ts';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export const BASE_MS = Date.UTC(2024, 4, 1, 10, 0, 0);

export function user(id: string): Record<string, unknown> {
  return { id, name: id, role: 'user', created_at: iso(BASE_MS), updated_at: iso(BASE_MS) };
}

export function message(cid: string, at: number, extra: Record<string, unknown> = {}): MessageResponse {
  const r = decodeModel('MessageResponse', {
    id: uid('m'),
    cid,
    type: 'regular',
    text: `text ${at}`,
    user: user('bob'),
    created_at: iso(at),
    updated_at: iso(at),
    ...extra,
  });
  if (!r.ok) throw r.error;
  return r.value;
}

export function ownUser(id = 'me', extra: Record<string, unknown> = {}): OwnUserResponse {
  const r = decodeModel('OwnUserResponse', {
    ...user(id),
    total_unread_count: 0,
    unread_channels: 0,
    unread_threads: 0,
    unread_count: 0,
    channel_mutes: [],
    mutes: [],
    ...extra,
  });
  if (!r.ok) throw r.error;
  return r.value;
}

export function channelState(
  cid: string,
  options: { messages?: MessageResponse[]; members?: string[]; lastReadMs?: number; unread?: number; extra?: Record<string, unknown> } = {},
): ChannelStateResponse {
  const [type, id] = cid.split(':') as [string, string];
  const members = options.members ?? ['me', 'bob'];
  const msgs = options.messages ?? [];
  const r = decodeModel('ChannelStateResponse', {
    channel: {
      cid,
      type,
      id,
      created_at: iso(BASE_MS),
      updated_at: iso(BASE_MS),
      last_message_at: msgs.length ? iso(Math.max(...msgs.map((m) => m.created_at))) : undefined,
      member_count: members.length,
      ...options.extra,
    },
    members: members.map((m) => ({ user_id: m, user: user(m), created_at: iso(BASE_MS), updated_at: iso(BASE_MS), channel_role: 'channel_member' })),
    messages: [],
    pinned_messages: [],
    threads: [],
    read: members.map((m) => ({
      user: user(m),
      last_read: iso(options.lastReadMs ?? BASE_MS),
      unread_messages: m === 'me' ? (options.unread ?? 0) : 0,
    })),
  });
  if (!r.ok) throw r.error;
  return { ...r.value, messages: msgs };
}

export function event(type: string, fields: Record<string, unknown> = {}): ChatEvent {
  const r = decodeEvent({ type, created_at: iso(BASE_MS + 1_000_000), ...fields });
  if (!r.ok) throw r.error;
  return r.value;
}
