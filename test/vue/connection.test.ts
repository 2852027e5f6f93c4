// @vitest-environment happy-dom
// provideChatClient with a user and a token holds that user's connection while the provider
// lives, as React's ChatProvider does: it follows a change of user, and a quick unmount and
// remount (or an app unmount) never leaves two sockets open or one behind. Real client,
// real emulator; sockets counted through a counting WebSocket.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createApp, defineComponent, h, ref } from 'vue';
import { createChatClient, type ChatClient, type ConnectUserInput } from 'chatstore';
import { provideChatClient, useChannel, useChatSelector, useConnectionState } from 'chatstore/vue';
import { connectedClient, drained, emulator, registerUsers, seedChannel, until, type Emulator } from '../react/helpers.tsx';
import { countingWebSocket, type SocketCounter } from '../react/probe.ts';

let emu: Emulator;
let bob: ChatClient;
let sockets: SocketCounter;
let client: ChatClient;

beforeEach(async () => {
  emu = await emulator();
  bob = await connectedClient(emu, 'bob');
  await registerUsers(emu, 'alice', 'carol');
  await seedChannel(bob, 'general', ['alice', 'bob', 'carol'], ['hello']);
  sockets = countingWebSocket();
  client = createChatClient({ apiKey: emu.apiKey, baseUrl: emu.url, WebSocket: sockets.WebSocket });
});
afterEach(async () => {
  await client.disconnectUser();
  await bob.disconnectUser();
  await emu.close();
});

async function eventually(check: () => void, ms = 5_000): Promise<void> {
  await vi.waitFor(check, { timeout: ms, interval: 10 });
}

const View = defineComponent({
  setup() {
    const me = useChatSelector((s) => s.me?.id);
    const connection = useConnectionState();
    const { messages } = useChannel('messaging', 'general');
    return () => h('p', `${me.value ?? '-'} ${connection.value.status} ${messages.value.map((m) => m.text).join(',')}`);
  },
});

describe('provideChatClient with a user', () => {
  it('connects the user, follows a new user, and disconnects on unmount', async () => {
    const user = ref<ConnectUserInput | null>({ id: 'alice' });
    const token = ref(await emu.createToken('alice'));
    const Root = defineComponent({
      setup() {
        provideChatClient(client, { user, token });
        return () => h(View);
      },
    });
    const wrapper = mount(Root);
    await eventually(() => expect(wrapper.text()).toBe('alice connected hello'));
    expect(sockets.created).toBe(1);

    // A new object for the same user keeps the connection: checked once everything it
    // could have set off has run, and the connection never left 'connected' meanwhile.
    const statuses: string[] = [];
    const watching = client.connection$.subscribe((c) => statuses.push(c.status));
    user.value = { id: 'alice', name: 'Alice' };
    await flushPromises();
    await drained(emu, client, 'alice');
    watching.unsubscribe();
    expect(statuses).toEqual(['connected']);
    expect(sockets.created).toBe(1);

    // Another user: the first is disconnected before the second connects.
    const carolToken = await emu.createToken('carol');
    user.value = { id: 'carol' };
    token.value = carolToken;
    await eventually(() => expect(wrapper.text()).toBe('carol connected hello'));
    expect(sockets.created).toBe(2);
    expect(sockets.maxOpen).toBe(1);

    // No user: disconnected, the provider still provides.
    user.value = null;
    await until(client.connection$, (c) => c.status === 'closed');
    await eventually(() => expect(sockets.open).toBe(0));

    user.value = { id: 'carol' };
    await eventually(() => expect(wrapper.text()).toBe('carol connected hello'));
    wrapper.unmount();
    await until(client.connection$, (c) => c.status === 'closed');
    await eventually(() => expect(sockets.open).toBe(0));
    expect(sockets.maxOpen).toBe(1);
  });

  it('a quick unmount and remount reuses the socket', async () => {
    const token = await emu.createToken('alice');
    const Root = defineComponent({
      setup() {
        provideChatClient(client, { user: { id: 'alice' }, token });
        return () => h(View);
      },
    });
    const first = mount(Root);
    await eventually(() => expect(first.text()).toBe('alice connected hello'));
    // Unmount and mount again in the same task: the new provider takes the connection over.
    first.unmount();
    const second = mount(Root);
    await bob.channel('messaging', 'general').sendMessage({ text: 'still live' });
    await eventually(() => expect(second.text()).toBe('alice connected hello,still live'));
    expect(sockets.created).toBe(1);
    second.unmount();
    await until(client.connection$, (c) => c.status === 'closed');
  });

  it('app-wide, connects on provide and disconnects when the app unmounts', async () => {
    const token = await emu.createToken('alice');
    const app = createApp(View);
    provideChatClient(client, { app, user: { id: 'alice' }, token });
    const el = document.createElement('div');
    app.mount(el);
    await eventually(() => expect(el.textContent).toBe('alice connected hello'));
    app.unmount();
    await until(client.connection$, (c) => c.status === 'closed');
    await eventually(() => expect(sockets.open).toBe(0));
    expect(sockets.created).toBe(1);
  });

  it('outside setup() and without the app, says so instead of providing nothing', () => {
    expect(() => provideChatClient(client, { user: { id: 'alice' }, token: 'x' })).toThrow(/needs a component setup\(\), or the app/);
    expect(() => provideChatClient(client)).toThrow(/needs a component setup/);
    expect(sockets.created).toBe(0);
  });

  it('without a user leaves connecting to the app, as before', async () => {
    const app = createApp(View);
    provideChatClient(client, app);
    const el = document.createElement('div');
    app.mount(el);
    await flushPromises();
    expect(sockets.created).toBe(0);
    expect(el.textContent).toMatch(/^- /);
    app.unmount();
  });
});
