// @vitest-environment happy-dom
// The Vue composables in real components (@vue/test-utils) against a real client and
// emulator: data renders and follows events, rows re-render only when their own data
// changed, and unmounting ends every subscription.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createApp, defineComponent, effectScope, h, type PropType } from 'vue';
import { createChatClient, type ChannelSummary, type ChatClient, type LocalMessage } from 'chatstore';
import {
  provideChatClient,
  useChannel,
  useChannelList,
  useChatSelector,
  useConnectionState,
  useMessages,
  useTyping,
  useUnreadCounts,
} from 'chatstore/vue';
import { connectedClient, emulator, registerUsers, seedChannel, until, type Emulator } from '../react/helpers.tsx';
import { probeClient } from '../react/probe.ts';

let emu: Emulator;
const clients: ChatClient[] = [];
async function client(id: string): Promise<ChatClient> {
  const c = await connectedClient(emu, id);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.disconnectUser();
  await emu.close();
});

/** Poll the DOM (real network events arrive on their own time) until `check` passes. */
async function eventually(check: () => void, ms = 5_000): Promise<void> {
  await vi.waitFor(check, { timeout: ms, interval: 10 });
}

function withClient(c: ChatClient, child: ReturnType<typeof defineComponent>) {
  return defineComponent({
    setup() {
      provideChatClient(c);
      return () => h(child);
    },
  });
}

const renders = new Map<string, number>();
const bump = (key: string) => renders.set(key, (renders.get(key) ?? 0) + 1);

const MessageRow = defineComponent({
  props: { message: { type: Object as PropType<LocalMessage>, required: true } },
  setup(props) {
    return () => {
      bump(props.message.id);
      const reactions = Object.keys(props.message.reaction_groups ?? {}).join(',');
      return h('li', { 'data-id': props.message.id }, `${props.message.text ?? ''}[${reactions}]`);
    };
  },
});

const ChannelRow = defineComponent({
  props: { summary: { type: Object as PropType<ChannelSummary>, required: true } },
  setup(props) {
    return () => {
      bump(props.summary.cid);
      return h('li', { 'data-cid': props.summary.cid }, `${props.summary.lastMessage?.text ?? ''} (${props.summary.unread.messages})`);
    };
  },
});

describe('composables in components', () => {
  it('render the list, a channel, unread and typing, and follow events; rows re-render only when theirs changed', async () => {
    const bob = await client('bob');
    await registerUsers(emu, 'alice');
    const aIds = await seedChannel(bob, 'a', ['alice', 'bob'], ['a0', 'a1']);
    const bIds = await seedChannel(bob, 'b', ['alice', 'bob'], ['b0']);
    const alice = await client('alice');

    const View = defineComponent({
      setup() {
        const { channels, status } = useChannelList({ members: { $in: ['alice'] } }, { last_message_at: -1 });
        const a = useChannel('messaging', 'a', undefined, { autoWatch: false });
        const bMessages = useMessages(() => alice.channel('messaging', 'b'));
        const typing = useTyping(a.channel);
        const unread = useUnreadCounts();
        const connection = useConnectionState();
        return () =>
          h('div', [
            h('p', { id: 'head' }, `${connection.value.status} ${status.value.loading ? 'loading' : 'ready'} unread=${unread.value.totalMessages} typing=${typing.value.map((t) => t.user.id).join(',')}`),
            h('ul', { id: 'channels' }, channels.value.map((c) => h(ChannelRow, { key: c.cid, summary: c }))),
            h('ol', { id: 'a' }, a.messages.value.map((m) => h(MessageRow, { key: m.id, message: m }))),
            h('ol', { id: 'b' }, bMessages.value.map((m) => h(MessageRow, { key: m.id, message: m }))),
          ]);
      },
    });
    const wrapper = mount(withClient(alice, View));
    const text = (sel: string) => wrapper.find(sel).text();
    await eventually(() => expect(text('#head')).toBe('connected ready unread=3 typing='));
    await eventually(() => expect(wrapper.findAll('#channels li').map((li) => li.text())).toEqual(['b0 (1)', 'a1 (2)']));
    expect(wrapper.findAll('#a li').map((li) => li.text())).toEqual(['a0[]', 'a1[]']);
    expect(wrapper.findAll('#b li').map((li) => li.text())).toEqual(['b0[]']);

    const before = new Map(renders);
    await bob.channel('messaging', 'a').sendMessage({ text: 'a2', id: 'a-new' });
    await eventually(() => expect(wrapper.findAll('#channels li').map((li) => li.text())).toEqual(['a2 (3)', 'b0 (1)']));
    expect(text('#head')).toBe('connected ready unread=4 typing=');
    expect(renders.get('messaging:b')).toBe(before.get('messaging:b'));
    for (const id of [...aIds, ...bIds]) expect(renders.get(id), id).toBe(before.get(id));
    expect(renders.get('a-new')).toBe(1);

    const afterMessage = new Map(renders);
    await bob.channel('messaging', 'a').sendReaction(aIds[0]!, 'like');
    await eventually(() => expect(wrapper.find(`[data-id="${aIds[0]}"]`).text()).toBe('a0[like]'));
    for (const [key, count] of afterMessage) {
      if (key === aIds[0]) expect(renders.get(key)).toBeGreaterThan(count);
      else expect(renders.get(key), key).toBe(count);
    }

    bob.channel('messaging', 'a').keystroke();
    await eventually(() => expect(text('#head')).toBe('connected ready unread=4 typing=bob'));
    bob.channel('messaging', 'a').stopTyping();
    await eventually(() => expect(text('#head')).toBe('connected ready unread=4 typing='));
    wrapper.unmount();
  });

  it('useChannel watches on mount once connected and follows a reactive id', async () => {
    const bob = await client('bob');
    await registerUsers(emu, 'alice');
    await seedChannel(bob, 'one', ['alice', 'bob'], ['first of one']);
    await seedChannel(bob, 'two', ['alice', 'bob'], ['first of two']);
    const alice = createChatClient({ apiKey: emu.apiKey, baseUrl: emu.url });
    clients.push(alice);

    const View = defineComponent({
      props: { id: { type: String, required: true } },
      setup(props) {
        const { data, messages } = useChannel('messaging', () => props.id);
        return () => h('p', `${data.value?.cid ?? 'none'}: ${messages.value.map((m) => m.text).join('|')}`);
      },
    });
    const Root = defineComponent({
      props: { id: { type: String, required: true } },
      setup(props) {
        provideChatClient(alice);
        return () => h(View, { id: props.id });
      },
    });
    const wrapper = mount(Root, { props: { id: 'one' } });
    expect(wrapper.text()).toBe('none:');
    // Nothing is asked of the server before the user is connected.
    await alice.connectUser({ id: 'alice' }, await emu.createToken('alice'));
    await eventually(() => expect(wrapper.text()).toBe('messaging:one: first of one'));
    await bob.channel('messaging', 'one').sendMessage({ text: 'second' });
    await eventually(() => expect(wrapper.text()).toBe('messaging:one: first of one|second'));
    await wrapper.setProps({ id: 'two' });
    await eventually(() => expect(wrapper.text()).toBe('messaging:two: first of two'));
    wrapper.unmount();
  });
});

describe('scopes', () => {
  it('unmounting ends every subscription and disposes the list', async () => {
    await registerUsers(emu, 'alice');
    const inner = await client('alice');
    const probe = probeClient(inner);
    const View = defineComponent({
      setup() {
        const { channels } = useChannelList({ members: { $in: ['alice'] } });
        const { messages, channel } = useChannel('messaging', 'mine', { members: ['alice'] });
        const typing = useTyping(channel);
        const unread = useUnreadCounts();
        const me = useChatSelector((s) => s.me?.id);
        const connection = useConnectionState();
        return () => h('p', `${me.value} ${connection.value.status} ${channels.value.length} ${messages.value.length} ${typing.value.length} ${unread.value.totalMessages}`);
      },
    });
    const wrapper = mount(withClient(probe.client, View));
    await eventually(() => expect(wrapper.text()).toBe('alice connected 1 0 0 0'));
    expect(probe.live).toBeGreaterThan(0);
    expect(probe.listsLive).toBe(1);
    wrapper.unmount();
    expect(probe.live).toBe(0);
    expect(probe.listsLive).toBe(0);
  });

  it('works in an effect scope and ends with it; warns when called outside any scope', async () => {
    await registerUsers(emu, 'alice');
    const inner = await client('alice');
    const probe = probeClient(inner);
    const app = createApp({ render: () => null });
    provideChatClient(probe.client, app);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const scope = effectScope();
      const unread = app.runWithContext(() => scope.run(() => useUnreadCounts()))!;
      expect(unread.value.totalMessages).toBe(0);
      expect(warn).not.toHaveBeenCalled();
      expect(probe.live).toBe(1);
      scope.stop();
      expect(probe.live).toBe(0);

      const leaked = app.runWithContext(() => useConnectionState());
      expect(leaked.value.status).toBe('connected');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('useConnectionState() was called outside setup()');
    } finally {
      warn.mockRestore();
    }
    await until(inner.connection$, (c) => c.status === 'connected');
  });

  it('the refs are read-only', async () => {
    await registerUsers(emu, 'alice');
    const inner = await client('alice');
    const app = createApp({ render: () => null });
    provideChatClient(inner, app);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const scope = effectScope();
      const state = app.runWithContext(() => scope.run(() => useConnectionState()))!;
      (state as { value: unknown }).value = { status: 'idle' };
      expect(state.value.status).toBe('connected');
      scope.stop();
    } finally {
      warn.mockRestore();
    }
  });
});
