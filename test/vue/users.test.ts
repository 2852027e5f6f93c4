// @vitest-environment happy-dom
// useUser as a composable: the ref follows the user's profile and presence; other users'
// changes leave it alone; unmounting ends the subscription.
import { expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { provideChatClient, useUser } from 'chatstore/vue';
import { renderSuite, drained, registerUsers, seedChannel } from '../react/helpers.tsx';

const suite = renderSuite();

it('useUser follows one user; another user\'s change does not re-render it', async () => {
  await registerUsers(suite.emu, 'bob', 'carol');
  const alice = await suite.client('alice');
  await seedChannel(alice, 'abc', ['alice', 'bob', 'carol'], ['hi']);
  let renders = 0;
  const Row = defineComponent({
    setup() {
      const bob = useUser('bob');
      return () => {
        renders += 1;
        return h('span', { 'data-testid': 'bob' }, `${bob.value?.name ?? '?'} ${bob.value?.online ? 'online' : 'offline'}`);
      };
    },
  });
  const wrapper = mount(defineComponent({ setup: () => (provideChatClient(alice), () => h(Row)) }));
  await vi.waitFor(() => expect(wrapper.text()).toBe('bob offline'), { timeout: 5_000 });
  const carol = await suite.client('carol');
  await carol.updateUser({ set: { name: 'Caroline' } });
  await drained(suite.emu, alice, 'alice');
  const settled = renders;
  await carol.updateUser({ set: { name: 'Carol again' } });
  await drained(suite.emu, alice, 'alice');
  expect(renders).toBe(settled);

  const bob = await suite.client('bob');
  await bob.updateUser({ set: { name: 'Robert' } });
  await vi.waitFor(() => expect(wrapper.text()).toBe('Robert online'), { timeout: 5_000 });
  wrapper.unmount();
});
