// Channel responses carry the full config of their type (ChannelConfigWithInfo), which the
// official client reads to switch features on: a missing flag turns a feature off there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from 'chatstore/emulator';
import { chan, RawClient } from './helpers.ts';

let emu: Emulator;
let alice: RawClient;

beforeAll(async () => {
  emu = await startEmulator({ seed: { users: [{ id: 'alice' }, { id: 'bob' }] } });
  alice = await RawClient.connect(emu, 'alice');
});
afterAll(async () => {
  await alice.close();
  await emu.close();
});

const BOOLEAN_FIELDS = [
  'typing_events', 'read_events', 'delivery_events', 'connect_events', 'custom_events', 'reactions', 'replies', 'quotes', 'mutes',
  'uploads', 'polls', 'search', 'push_notifications', 'user_message_reminders', 'shared_locations', 'url_enrichment', 'reminders',
  'mark_messages_pending', 'count_messages', 'skip_last_msg_update_for_system_msgs',
];

async function configOf(type: string): Promise<Record<string, any>> {
  const res = await alice.api('POST', chan(type, `cfg-${type}`, '/query'), { data: { members: ['alice', 'bob'] } });
  expect(res.status).toBe(200);
  return res.body['channel']['config'];
}

describe('channel config', () => {
  it('sends every field of the type\'s config with its type', async () => {
    const config = await configOf('messaging');
    for (const field of BOOLEAN_FIELDS) expect(typeof config[field], field).toBe('boolean');
    expect(config).toMatchObject({ name: 'messaging', max_message_length: 5000, automod: 'disabled', automod_behavior: 'flag', push_level: 'all' });
    expect(Array.isArray(config['commands'])).toBe(true);
    expect(typeof config['created_at']).toBe('string');
    expect(typeof config['updated_at']).toBe('string');
  });

  it('has the defaults of the service\'s built-in types', async () => {
    expect(await configOf('messaging')).toMatchObject({ typing_events: true, read_events: true, delivery_events: true, search: true, reactions: true, replies: true, user_message_reminders: true });
    expect(await configOf('team')).toMatchObject({ typing_events: true, read_events: true, delivery_events: true, search: true });
    expect(await configOf('livestream')).toMatchObject({ typing_events: false, read_events: false, delivery_events: false, search: false, reactions: true, replies: true, connect_events: true });
    expect(await configOf('gaming')).toMatchObject({ typing_events: false, read_events: false, search: false });
    expect(await configOf('commerce')).toMatchObject({ typing_events: true, read_events: true });
  });

  it('is the same in channel lists and in events', async () => {
    const list = await alice.api('POST', '/api/v2/chat/channels', { filter_conditions: { cid: 'messaging:cfg-messaging' }, watch: true });
    expect(list.body['channels'][0]['channel']['config']).toEqual(await configOf('messaging'));
    await alice.api('PATCH', chan('messaging', 'cfg-messaging'), { set: { topic: 'x' } });
    const updated = await alice.waitForType('channel.updated');
    expect(updated['channel']['config']).toEqual(await configOf('messaging'));
  });
});
