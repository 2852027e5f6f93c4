// @vitest-environment happy-dom
// usePoll in a Vue component against a real client and emulator: the poll shows, follows
// another user's vote, shows an own vote at once, and ends its subscription with the scope.
import { expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { provideChatClient, usePoll } from 'chatstore/vue';
import { renderSuite, registerUsers } from '../react/helpers.tsx';
import { probeClient } from '../react/probe.ts';

const suite = renderSuite();

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 });

it('a poll renders, follows votes live and ends with the component', async () => {
  const alice = await suite.client('alice');
  await registerUsers(suite.emu, 'bob');
  const channel = alice.channel('messaging', 'v', { members: ['alice', 'bob'] });
  await channel.watch();
  const poll = await alice.createPoll({ name: 'Colour?', options: [{ text: 'red' }, { text: 'blue' }] });
  const message = await channel.sendMessage({ text: 'vote', poll_id: poll.id });
  const bob = await suite.client('bob');
  await bob.channel('messaging', 'v').watch();
  const probe = probeClient(bob);

  let vote: ((optionId: string) => Promise<unknown>) | undefined;
  const View = defineComponent({
    setup() {
      const { data, poll: handle } = usePoll(poll.id);
      vote = (optionId) => handle.value.vote(message.id, optionId);
      return () => h('p', data.value ? `${data.value.name} ${data.value.options.map((o) => `${o.text}:${data.value!.vote_counts_by_option[o.id] ?? 0}`).join(' ')} own=${data.value.own_votes.length}` : 'loading');
    },
  });
  const Root = defineComponent({
    setup() {
      provideChatClient(probe.client);
      return () => h(View);
    },
  });
  const wrapper = mount(Root);
  await eventually(() => expect(wrapper.find('p').text()).toBe('Colour? red:0 blue:0 own=0'));
  await alice.poll(poll.id).vote(message.id, poll.options[0]!.id);
  await eventually(() => expect(wrapper.find('p').text()).toBe('Colour? red:1 blue:0 own=0'));
  await vote!(poll.options[1]!.id);
  await eventually(() => expect(wrapper.find('p').text()).toBe('Colour? red:1 blue:1 own=1'));

  wrapper.unmount();
  expect(probe.live).toBe(0);
});
