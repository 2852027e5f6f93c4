// dispatchEvent and hydrateChannels take their input over as the socket takes a frame it
// parsed: decoded in place and frozen (issue 9: copying every object cost about half of
// decoding). What an app may rely on: the state is right either way, a frozen input is never
// written, an input dispatched twice or sharing objects with an earlier one still decodes,
// and bad input changes no state. Through the public client, without a server.
import { describe, expect, it } from 'vitest';
import { createChatClient, selectChannel, selectMessages, type ChatClient, type ChatError, type ChatEvent } from 'chatstore';
import { T0, wireMessage, wireUser } from '../helpers/fixtures.ts';

const CID = 'messaging:general';
// T0 has microseconds: they stay, as the fraction of the millisecond (Date.parse drops them).
const T0_MS = Date.parse(T0) + 0.456;

function client(): { c: ChatClient; errors: ChatError[]; events: ChatEvent[] } {
  const c = createChatClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
  const errors: ChatError[] = [];
  const events: ChatEvent[] = [];
  c.errors$.subscribe((e) => errors.push(e));
  c.events$.subscribe((e) => events.push(e));
  c.hydrateChannels([channelState()]);
  return { c, errors, events };
}

function channelState(): Record<string, unknown> {
  return {
    channel: { cid: CID, type: 'messaging', id: 'general', created_at: T0, updated_at: T0 },
    members: [],
    messages: [],
    pinned_messages: [],
    read: [],
  };
}

function messageNew(message: Record<string, unknown>): Record<string, unknown> {
  return { type: 'message.new', cid: CID, channel_id: 'general', channel_type: 'messaging', created_at: T0, user: message['user'], message };
}

function shown(c: ChatClient): Array<{ id: string; text: string | undefined; created_at: number }> {
  const ch = selectChannel(c.getState(), CID);
  return ch ? selectMessages(ch).map((m) => ({ id: m.id, text: m.text, created_at: m.created_at })) : [];
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

describe('dispatchEvent takes the event over', () => {
  it('decodes it in place: the object handed on to events$ is the one dispatched, frozen, times in epoch ms', () => {
    const { c, errors, events } = client();
    const ev = messageNew(wireMessage({ id: 'm1' }));
    c.dispatchEvent(ev);
    expect(errors).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toBe(ev);
    expect(Object.isFrozen(ev)).toBe(true);
    expect(Object.isFrozen(ev['message'])).toBe(true);
    expect(ev['created_at']).toBe(T0_MS);
    expect(shown(c)).toEqual([{ id: 'm1', text: 'hello', created_at: T0_MS }]);
  });

  it('reads a frozen event without writing to it, and applies it the same', () => {
    const { c, errors, events } = client();
    const ev = deepFreeze(messageNew(wireMessage({ id: 'm1' })));
    const before = structuredClone(ev);
    c.dispatchEvent(ev);
    expect(errors).toEqual([]);
    expect(ev).toEqual(before);
    expect(events[0]).not.toBe(ev);
    expect(events[0]?.created_at).toBe(T0_MS);
    expect(shown(c)).toEqual([{ id: 'm1', text: 'hello', created_at: T0_MS }]);
  });

  it('takes the same event twice: the second changes nothing', () => {
    const { c, errors } = client();
    const ev = messageNew(wireMessage({ id: 'm1' }));
    c.dispatchEvent(ev);
    const state = c.getState();
    c.dispatchEvent(ev);
    expect(errors).toEqual([]);
    expect(shown(c)).toEqual([{ id: 'm1', text: 'hello', created_at: T0_MS }]);
    expect(selectChannel(c.getState(), CID)).toBe(selectChannel(state, CID));
  });

  it('decodes an event holding objects an earlier one froze (a user and a message reused by the app)', () => {
    const { c, errors } = client();
    const alice = wireUser('alice', { name: 'Alice' });
    const first = messageNew(wireMessage({ id: 'm1', user: alice }));
    c.dispatchEvent(first);
    expect(Object.isFrozen(alice)).toBe(true);
    // A new message by the same (now frozen, already decoded) user object, and an update
    // whose message is the earlier, frozen one with a new text over it.
    c.dispatchEvent(messageNew(wireMessage({ id: 'm2', user: alice, text: 'second' })));
    const updated = { ...(first['message'] as Record<string, unknown>), text: 'edited' };
    c.dispatchEvent({ type: 'message.updated', cid: CID, created_at: T0, message: updated });
    expect(errors).toEqual([]);
    expect(shown(c)).toEqual([
      { id: 'm1', text: 'edited', created_at: T0_MS },
      { id: 'm2', text: 'second', created_at: T0_MS },
    ]);
    expect(selectMessages(selectChannel(c.getState(), CID)!)[1]?.user?.name).toBe('Alice');
  });

  it('reports an event that fails decoding and changes no state', () => {
    const { c, errors, events } = client();
    c.dispatchEvent(messageNew(wireMessage({ id: 'm1' })));
    const state = c.getState();
    c.dispatchEvent(messageNew(wireMessage({ id: 'm2', created_at: 'yesterday' })));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/created_at/);
    expect(events).toHaveLength(1);
    expect(c.getState()).toBe(state);
  });
});

describe('hydrateChannels takes the channel states over', () => {
  it('decodes them in place, and the same (now frozen) states hydrate again to the same state', () => {
    const c = createChatClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    const errors: ChatError[] = [];
    c.errors$.subscribe((e) => errors.push(e));
    const states = [{ ...channelState(), messages: [wireMessage({ id: 'm1' }), wireMessage({ id: 'm2', text: 'two' })] }];
    c.hydrateChannels(states);
    expect(Object.isFrozen(states[0])).toBe(true);
    expect((states[0]?.messages[0] as Record<string, unknown>)['created_at']).toBe(T0_MS);
    const first = shown(c);
    c.hydrateChannels(states);
    expect(errors).toEqual([]);
    expect(first.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(shown(c)).toEqual(first);
  });
});

describe('a channel the user is added to, or shows again (issue 20)', () => {
  function me(c: ChatClient): void {
    c.dispatchEvent({
      type: 'health.check', created_at: T0, connection_id: 'c1',
      me: { ...wireUser('carol'), total_unread_count: 0, unread_channels: 0, unread_threads: 0, channel_mutes: [], mutes: [] },
    });
  }

  it('notification.added_to_channel makes the channel known, with the own membership and the totals', () => {
    const c = createChatClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    me(c);
    c.dispatchEvent({
      type: 'notification.added_to_channel', created_at: T0, cid: 'messaging:new',
      channel: { cid: 'messaging:new', type: 'messaging', id: 'new', created_at: T0, updated_at: T0, member_count: 2 },
      member: { user_id: 'carol', user: wireUser('carol'), channel_role: 'channel_member', created_at: T0, updated_at: T0 },
      total_unread_count: 0, unread_channels: 0,
    });
    const ch = selectChannel(c.getState(), 'messaging:new');
    expect(ch?.data?.member_count).toBe(2);
    expect(ch?.membership?.user_id).toBe('carol');
  });

  it('channel.visible with the channel brings back a hidden channel the store does not hold', () => {
    const c = createChatClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    me(c);
    c.dispatchEvent({
      type: 'channel.visible', created_at: T0, cid: 'messaging:back', user: wireUser('carol'),
      channel: { cid: 'messaging:back', type: 'messaging', id: 'back', created_at: T0, updated_at: T0, hidden: true },
    });
    const ch = selectChannel(c.getState(), 'messaging:back');
    expect(ch?.data?.hidden).toBe(false);
    expect(ch?.membership?.user_id).toBe('carol');
  });
});
