// @vitest-environment happy-dom
// useSearch in a Vue component: blank text searches nothing; typing a query loads results,
// which follow an edit of a found message; the search ends with the component.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import type { ChatClient } from 'chatstore';
import { provideChatClient, useSearch } from 'chatstore/vue';
import { connectedClient, emulator, registerUsers, seedChannel, type Emulator } from '../react/helpers.tsx';

let emu: Emulator;
const clients: ChatClient[] = [];

beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.disconnectUser();
  await emu.close();
});

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 });

it('searches as the query ref changes and keeps results live', async () => {
  const bob = await connectedClient(emu, 'bob');
  clients.push(bob);
  await registerUsers(emu, 'alice');
  const ids = await seedChannel(bob, 'vs', ['alice', 'bob'], ['pizza friday', 'pizza or sushi', 'nothing']);
  const alice = await connectedClient(emu, 'alice');
  clients.push(alice);
  await alice.channel('messaging', 'vs').watch();
  const text = ref('');

  const View = defineComponent({
    setup() {
      const { results, status } = useSearch({ cid: 'messaging:vs' }, text, { sort: { created_at: 1 } });
      return () =>
        h('div', [
          h('p', { id: 'status' }, status.value.loading ? 'loading' : `${results.value.length} found`),
          h('ol', results.value.map((m) => h('li', { key: m.id }, m.text))),
        ]);
    },
  });
  const Root = defineComponent({
    setup() {
      provideChatClient(alice);
      return () => h(View);
    },
  });
  const wrapper = mount(Root);
  expect(wrapper.find('#status').text()).toBe('0 found');
  expect(Object.keys(alice.getState().searches)).toEqual([]);
  text.value = 'pizza';
  await eventually(() => expect(wrapper.find('#status').text()).toBe('2 found'));
  expect(wrapper.findAll('li').map((li) => li.text())).toEqual(['pizza friday', 'pizza or sushi']);
  await bob.channel('messaging', 'vs').updateMessage(ids[0]!, { text: 'pizza saturday' });
  await eventually(() => expect(wrapper.findAll('li').map((li) => li.text())).toEqual(['pizza saturday', 'pizza or sushi']));
  wrapper.unmount();
  expect(alice.getState().searches).toEqual({});
});
