// @vitest-environment happy-dom
// useDraft and useReminders in real components against a real client and emulator: the
// draft follows the other device, a save is debounced on the client's (virtual) scheduler,
// the reminders list is live, and unmounting ends the subscriptions.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import type { ChatClient } from 'chatstore';
import { provideChatClient, useDraft, useReminders } from 'chatstore/vue';
import { connectedClient, drained, emulator, registerUsers, seedChannel, type Emulator } from '../react/helpers.tsx';
import { createVirtualClock } from '../helpers/virtualClock.ts';

let emu: Emulator;
const clients: ChatClient[] = [];
async function client(id: string, extra: Record<string, unknown> = {}): Promise<ChatClient> {
  const c = await connectedClient(emu, id, extra);
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

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 });

function withClient(c: ChatClient, child: ReturnType<typeof defineComponent>) {
  return defineComponent({
    setup() {
      provideChatClient(c);
      return () => h(child);
    },
  });
}

it('useDraft shows the draft, follows another device and another channel, and saves debounced', async () => {
  await registerUsers(emu, 'bob');
  const clock = createVirtualClock();
  const alice = await client('alice', { scheduler: clock.scheduler, requestTimeoutMs: false });
  const phone = await client('alice');
  await seedChannel(alice, 'v1', ['alice', 'bob'], ['hi']);
  await seedChannel(alice, 'v2', ['alice', 'bob'], ['hi']);
  await phone.channel('messaging', 'v1').saveDraft({ text: 'v1 draft' });
  const cid = ref('messaging:v1');
  let save: ((text: string) => void) | undefined;
  let renders = 0;
  const View = defineComponent({
    setup() {
      const d = useDraft(cid, undefined, { debounceMs: 400 });
      save = (text) => d.save({ text });
      return () => {
        renders += 1;
        return h('p', { 'data-testid': 'draft' }, d.draft.value?.message.text ?? '(none)');
      };
    },
  });
  const wrapper = mount(withClient(alice, View));
  await alice.channel('messaging', 'v1').watch();
  await eventually(() => expect(wrapper.get('[data-testid="draft"]').text()).toBe('v1 draft'));

  cid.value = 'messaging:v2';
  await alice.channel('messaging', 'v2').watch();
  await eventually(() => expect(wrapper.get('[data-testid="draft"]').text()).toBe('(none)'));
  save?.('typed on v2');
  clock.advance(399);
  await drained(emu, alice, 'alice');
  expect(phone.getState().drafts.byKey['messaging:v2']).toBeUndefined();
  clock.advance(1);
  await eventually(() => expect(wrapper.get('[data-testid="draft"]').text()).toBe('typed on v2'));
  await vi.waitFor(() => expect(phone.getState().drafts.byKey['messaging:v2']?.message.text).toBe('typed on v2'), { timeout: 5_000 });

  // Back on v1: the draft of v1 is still there.
  cid.value = 'messaging:v1';
  await eventually(() => expect(wrapper.get('[data-testid="draft"]').text()).toBe('v1 draft'));
  const before = renders;
  wrapper.unmount();
  await phone.channel('messaging', 'v1').deleteDraft();
  await drained(emu, alice, 'alice');
  expect(renders).toBe(before);
});

it('useReminders lists the reminders live and marks the due one', async () => {
  await registerUsers(emu, 'bob');
  const alice = await client('alice');
  const [m1] = await seedChannel(alice, 'v3', ['alice', 'bob'], ['one']);
  const View = defineComponent({
    setup() {
      const { reminders } = useReminders();
      return () => h('ul', reminders.value.map((r) => h('li', { key: r.message_id }, `${r.message_id}:${r.due ? 'due' : 'later'}`)));
    },
  });
  const wrapper = mount(withClient(alice, View));
  await alice.createReminder(m1!, { remindAt: Date.now() + 30_000 });
  await eventually(() => expect(wrapper.text()).toBe(`${m1}:later`));
  emu.controls.advanceTime(31_000);
  await eventually(() => expect(wrapper.text()).toBe(`${m1}:due`));
  wrapper.unmount();
});
