// @vitest-environment happy-dom
// useSearch in a Vue component: blank text searches nothing; typing a query loads results,
// which follow an edit of a found message; the search ends with the component.
import { expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import { provideChatClient, useSearch } from 'chatstore/vue';
import { renderSuite, registerUsers, seedChannel } from '../react/helpers.tsx';

const suite = renderSuite();

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 });

it('searches as the query ref changes and keeps results live', async () => {
  const bob = await suite.client('bob');
  await registerUsers(suite.emu, 'alice');
  const ids = await seedChannel(bob, 'vs', ['alice', 'bob'], ['pizza friday', 'pizza or sushi', 'nothing']);
  const alice = await suite.client('alice');
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
