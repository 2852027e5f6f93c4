// @vitest-environment happy-dom
// useThread and useThreadList in Vue components against a real client and emulator.
import { expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import type { ChatClient } from 'chatstore';
import { provideChatClient, useChannel, useThread, useThreadList } from 'chatstore/vue';
import { renderSuite, registerUsers, seedChannel } from '../react/helpers.tsx';
import { probeClient } from '../react/probe.ts';

const suite = renderSuite();

const client = (id: string): Promise<ChatClient> => suite.client(id);

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 });

it('a thread and the thread list render, follow new replies, and end with the component', async () => {
  const bob = await client('bob');
  await registerUsers(suite.emu, 'alice');
  const [p1, p2] = await seedChannel(bob, 'general', ['alice', 'bob'], ['topic one', 'topic two']);
  const alice = await client('alice');
  const general = alice.channel('messaging', 'general');
  await general.watch();
  await general.sendMessage({ text: 'alice on one', parent_id: p1! });
  await general.sendMessage({ text: 'alice on two', parent_id: p2! });
  const probe = probeClient(alice);

  const View = defineComponent({
    setup() {
      useChannel('messaging', 'general');
      const { data, replies, typing } = useThread(p1!);
      const { threads, status } = useThreadList({ limit: 5 });
      return () =>
        h('div', [
          h('h2', `${data.value?.parent?.text ?? 'loading'} (${data.value?.reply_count ?? 0}) ${typing.value.map((t) => t.user.id).join(',')}`),
          h('ul', { id: 'replies' }, replies.value.map((r) => h('li', { key: r.id }, r.text))),
          h('p', { id: 'status' }, status.value.loading ? 'loading' : 'ready'),
          h('ol', { id: 'threads' }, threads.value.map((t) => h('li', { key: t.parentId }, `${t.parent?.text}: ${t.reply_count}`))),
        ]);
    },
  });
  // provide() reaches the children of the component that calls it.
  const Root = defineComponent({
    setup() {
      provideChatClient(probe.client);
      return () => h(View);
    },
  });
  const wrapper = mount(Root);
  await eventually(() => expect(wrapper.find('h2').text()).toBe('topic one (1)'));
  await eventually(() => expect(wrapper.findAll('#threads li').map((li) => li.text())).toEqual(['topic two: 1', 'topic one: 1']));
  expect(wrapper.findAll('#replies li').map((li) => li.text())).toEqual(['alice on one']);

  const bobThread = bob.thread(p1!);
  await bobThread.sendReply({ text: 'bob on one' });
  await eventually(() => expect(wrapper.findAll('#replies li').map((li) => li.text())).toEqual(['alice on one', 'bob on one']));
  await eventually(() => expect(wrapper.findAll('#threads li').map((li) => li.text())).toEqual(['topic one: 2', 'topic two: 1']));
  bobThread.keystroke();
  await eventually(() => expect(wrapper.find('h2').text()).toBe('topic one (2) bob'));

  wrapper.unmount();
  expect(probe.live).toBe(0);
  expect(probe.listsLive).toBe(0);
});
