// @vitest-environment happy-dom
// The Vue example app (examples/vue-chat) mounted as a user would see it, against a real
// emulator with the demo data that `npm start` serves: open a channel, send from the
// composer, and see another user's message, reaction and thread reply arrive live.
import { describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { firstValueFrom } from 'rxjs';
import type { ChatClient } from 'chatstore';
import { provideChatClient } from 'chatstore/vue';
import { App } from '../../examples/vue-chat/src/App.ts';
import type { DemoUser } from '../../examples/vue-chat/src/config.ts';
import { emulatorSuite, until } from '../integration/helpers.ts';

const suite = emulatorSuite({ port: 0, seed: 'demo' });

/** Poll the DOM (real network events arrive on their own time) until `check` passes. */
async function eventually(check: () => void, ms = 4_000): Promise<void> {
  await vi.waitFor(check, { timeout: ms, interval: 10 });
}

async function mountAs(client: ChatClient, users: DemoUser[]): Promise<VueWrapper> {
  const wrapper = mount(App, {
    props: { users },
    global: { plugins: [{ install: (app) => provideChatClient(client, app) }] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

async function openChannel(wrapper: VueWrapper, name: string): Promise<void> {
  await eventually(() => expect(wrapper.findAll('.channel-name').map((n) => n.text())).toContain(name));
  const row = wrapper.findAll('button.channel').find((b) => b.find('.channel-name').text() === name);
  await row!.trigger('click');
  await eventually(() => expect(wrapper.find('.channel-view h1').text()).toBe(name));
}

/**
 * A fetch that counts the requests in flight, each until the client has read its body (its
 * state update follows in the same run of microtasks, before the next poll). The test waits
 * for it once the held watch answer is let go, and before the emulator closes, which would
 * cut off requests the app fires and forgets (markRead).
 */
function trackedFetch(): { fetch: typeof fetch; settled(): Promise<void> } {
  let inFlight = 0;
  const tracked: typeof fetch = async (input, init) => {
    inFlight += 1;
    let response: Response;
    try {
      response = await globalThis.fetch(input, init);
    } catch (e) {
      inFlight -= 1;
      throw e;
    }
    const read = response.text.bind(response);
    response.text = () =>
      read().finally(() => {
        inFlight -= 1;
      });
    return response;
  };
  return { fetch: tracked, settled: () => vi.waitFor(() => expect(inFlight).toBe(0), { timeout: 4_000, interval: 10 }) };
}

const messageTexts = (wrapper: VueWrapper, scope = '.messages') => wrapper.findAll(`${scope} .message .text`).map((p) => p.text());

describe('examples/vue-chat', () => {
  it('sends from the composer and shows what another user sends, reacts and replies, live', async () => {
    const requests = trackedFetch();
    const alice = await suite.client('alice', { fetch: requests.fetch });
    const bob = await suite.client('bob');
    const users: DemoUser[] = [
      { id: 'alice', name: 'Alice Archer', token: '' },
      { id: 'bob', name: 'Bob Baker', token: '' },
    ];
    const wrapper = await mountAs(alice, users);
    try {
      await eventually(() => expect(wrapper.find('.status').text()).toBe('connected'));
      // The channel view's watch answer is held (built, not yet sent) until Alice has sent
      // from the composer: the race the example hit, where the late answer dropped the
      // message sent meanwhile, is run every time rather than dodged.
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const watchHeld = suite.emu.controls.delayNext('GetOrCreateChannel', 0, { until: gate });
      await openChannel(wrapper, 'Alice and Bob');
      await watchHeld;

      // Alice writes in the composer and presses Enter: the message renders and Bob's
      // client receives it from the server.
      const box = wrapper.find('.channel-view .composer textarea');
      await box.setValue('hello from the vue example');
      await box.trigger('keydown', { key: 'Enter' });
      expect((box.element as HTMLTextAreaElement).value).toBe('');
      await eventually(() => expect(messageTexts(wrapper)).toContain('hello from the vue example'));
      await until(alice.channel('messaging', 'alice-bob').messages$, (ms) => ms.some((m) => m.text === 'hello from the vue example' && m.status === 'received'));
      open();
      await requests.settled();
      await flushPromises();
      expect(messageTexts(wrapper)).toContain('hello from the vue example');
      const bobChannel = bob.channel('messaging', 'alice-bob');
      await bobChannel.watch();
      const seen = await until(bobChannel.messages$, (ms) => ms.some((m) => m.text === 'hello from the vue example'));
      const sent = seen.find((m) => m.text === 'hello from the vue example')!;
      expect(sent.user.id).toBe('alice');

      // Bob answers, reacts and replies in a thread; each arrives over Alice's socket.
      await bobChannel.sendMessage({ text: 'hi alice, bob here' });
      await eventually(() => expect(messageTexts(wrapper)).toContain('hi alice, bob here'));
      await bobChannel.sendReaction(sent.id, 'love');
      const row = () => wrapper.findAll('.messages .message').find((m) => m.find('.text').text() === 'hello from the vue example')!;
      await eventually(() => expect(row().findAll('.reaction:not(.ghost)').map((r) => r.text())).toEqual(['❤️ 1']));
      await bobChannel.sendMessage({ text: 'a reply in the thread', parent_id: sent.id });
      await eventually(() => expect(row().find('button.link').text()).toBe('1 reply'));

      // The thread panel opens on the parent and lists the reply.
      await row().find('button.link').trigger('click');
      await eventually(() => expect(messageTexts(wrapper, '.thread ol:not(.parent)')).toEqual(['a reply in the thread']));
      expect(wrapper.find('.thread .parent .text').text()).toBe('hello from the vue example');
      const state = await firstValueFrom(alice.channel('messaging', 'alice-bob').messages$);
      expect(state.filter((m) => m.text === 'hello from the vue example')).toHaveLength(1);
    } finally {
      wrapper.unmount();
      await requests.settled();
    }
  });
});
