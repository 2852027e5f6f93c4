// client.api against the emulator for the areas it serves beyond channels and messages:
// reminders, devices, blocks, app settings and link previews, translation, poll options
// and votes, reaction and moderation queries, push preferences, live locations, guests.
// Each call goes through the generated method with typed parameters and a decoded answer.
import { describe, expect, it } from 'vitest';
import type { ChatClient } from 'chatstore';
import { emulatorSuite } from './helpers.ts';

const suite = emulatorSuite();

async function setup(): Promise<{ alice: ChatClient; bob: ChatClient }> {
  const alice = await suite.client('alice');
  const bob = await suite.client('bob');
  await alice.api.getOrCreateChannel('messaging', 'c1', { data: { members: [{ user_id: 'alice', channel_role: 'owner' }, { user_id: 'bob' }] } });
  await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-m1', text: 'hello' } });
  return { alice, bob };
}

describe('client.api: more areas', () => {
  it('reminders', async () => {
    const { alice } = await setup();
    const at = Date.parse('2030-01-01T00:00:00Z');
    const created = await alice.api.createReminder('alice-m1', { remind_at: at });
    expect(created.message_id).toBe('alice-m1');
    expect(created.remind_at).toBe(at);
    await alice.api.updateReminder('alice-m1', { remind_at: at + 60_000 });
    const listed = await alice.api.queryReminders({ limit: 10 });
    expect(listed.reminders.map((r) => r.message_id)).toEqual(['alice-m1']);
    await alice.api.deleteReminder('alice-m1');
    expect((await alice.api.queryReminders()).reminders).toEqual([]);
  });

  it('devices, blocks and push preferences', async () => {
    const { alice } = await setup();
    await alice.api.createDevice({ id: 'device-1', push_provider: 'firebase' });
    expect((await alice.api.listDevices()).devices.map((d) => d.id)).toContain('device-1');
    await alice.api.deleteDevice({ id: 'device-1' });
    expect((await alice.api.listDevices()).devices.map((d) => d.id)).not.toContain('device-1');

    const blocked = await alice.api.blockUsers({ blocked_user_id: 'bob' });
    expect(blocked.blocked_user_id).toBe('bob');
    expect((await alice.api.getBlockedUsers()).blocks.map((b) => b.blocked_user_id)).toEqual(['bob']);
    await alice.api.unblockUsers({ blocked_user_id: 'bob' });
    expect((await alice.api.getBlockedUsers()).blocks).toEqual([]);

    const prefs = await alice.api.updatePushNotificationPreferences({ preferences: [{ chat_level: 'mentions' }] });
    expect(prefs.duration).toBeTypeOf('string');
  });

  it('app settings, link previews, translation and message queries', async () => {
    const { alice } = await setup();
    expect((await alice.api.getApp()).app).toBeDefined();
    // A preview from the emulator's local table or its documented error, named by the operation.
    const og = await alice.api.getOG({ url: 'https://example.com/' }).then(
      (res) => ({ endpoint: 'GetOG', duration: res.duration }),
      (e: unknown) => e,
    );
    expect(og).toMatchObject({ endpoint: 'GetOG' });
    const translated = await alice.api.translateMessage('alice-m1', { language: 'fr' });
    expect(translated.message?.i18n).toBeDefined();
    await alice.api.sendReaction('alice-m1', { reaction: { type: 'like' } });
    const reactions = await alice.api.queryReactions('alice-m1', { limit: 5 });
    expect(reactions.reactions.map((r) => r.type)).toEqual(['like']);
    expect((await alice.api.queryMessageFlags({ payload: {} })).flags).toEqual([]);
    expect((await alice.api.queryBannedUsers({ payload: { filter_conditions: {} } })).bans).toEqual([]);
  });

  it('poll options and votes', async () => {
    const { alice, bob } = await setup();
    const poll = await alice.api.createPoll({ id: 'poll-1', name: 'Lunch?', options: [{ text: 'pizza' }] });
    const option = await alice.api.createPollOption('poll-1', { text: 'soup' });
    expect(option.poll_option.text).toBe('soup');
    expect((await alice.api.getPollOption('poll-1', option.poll_option.id)).poll_option.text).toBe('soup');
    await alice.api.updatePollPartial('poll-1', { set: { description: 'today' } });
    await alice.api.sendMessage('messaging', 'c1', { message: { id: 'alice-poll', text: 'vote', poll_id: 'poll-1' } });
    await bob.api.castPollVote('alice-poll', 'poll-1', { vote: { option_id: poll.poll.options[0]!.id } });
    const votes = await alice.api.queryPollVotes('poll-1');
    expect(votes.votes).toHaveLength(1);
    await alice.api.deletePollOption('poll-1', option.poll_option.id);
    await alice.api.deletePoll('poll-1');
  });

  it('live locations', async () => {
    const { alice } = await setup();
    const locations = await alice.api.getUserLiveLocations();
    expect(Array.isArray(locations.active_live_locations)).toBe(true);
  });
});
