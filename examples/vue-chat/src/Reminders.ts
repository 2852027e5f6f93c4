// "Remind me" on a message and the reminders panel in the sidebar (the React app's
// RemindMe.tsx and RemindersPanel.tsx): reminders show at once (optimistic), live from
// other devices, and a reminder whose time came is marked due.
import { defineComponent, h, ref, type PropType } from 'vue';
import type { LocalMessage } from 'chatstore';
import { useChatClient, useChatSelector, useReminders } from 'chatstore/vue';
import { REMIND_CHOICES, reminderLabel } from '../../shared/reminders.ts';

export const RemindMe = defineComponent({
  name: 'RemindMe',
  props: { message: { type: Object as PropType<LocalMessage>, required: true } },
  setup(props) {
    const client = useChatClient();
    const reminders = useChatSelector((s) => s.reminders.byKey);
    const open = ref(false);
    return () => {
      const id = props.message.id;
      const reminder = reminders.value[id];
      if (reminder) {
        return h(
          'button',
          { type: 'button', 'aria-label': `Remove reminder (${reminderLabel(reminder)})`, title: reminderLabel(reminder), onClick: () => void client.deleteReminder(id).catch(() => undefined) },
          '⏰',
        );
      }
      return h('span', { class: 'remind-me' }, [
        h('button', { type: 'button', 'aria-label': 'Remind me', 'aria-expanded': open.value ? 'true' : 'false', onClick: () => (open.value = !open.value) }, '🔔'),
        open.value
          ? h(
              'span',
              { class: 'picker', role: 'group', 'aria-label': 'Remind me when' },
              REMIND_CHOICES.map((c) =>
                h(
                  'button',
                  {
                    key: c.label,
                    type: 'button',
                    onClick: () => {
                      open.value = false;
                      void client.createReminder(id, c.ms === null ? {} : { remindAt: Date.now() + c.ms }).catch(() => undefined);
                    },
                  },
                  c.label,
                ),
              ),
            )
          : null,
      ]);
    };
  },
});

export const RemindersPanel = defineComponent({
  name: 'RemindersPanel',
  props: { onOpen: { type: Function as PropType<(cid: string) => void>, required: true } },
  setup(props) {
    const { reminders } = useReminders();
    return () =>
      reminders.value.length === 0
        ? null
        : h('section', { class: 'reminders', 'aria-label': 'Reminders' }, [
            h('h2', 'Reminders'),
            h(
              'ul',
              reminders.value.map((r) =>
                h('li', { key: r.message_id, class: r.due ? 'due' : undefined }, [
                  h('button', { type: 'button', class: 'link', onClick: () => props.onOpen(r.channel_cid) }, [
                    h('span', { class: 'reminder-text' }, r.message?.text || '(message)'),
                    h('span', { class: 'reminder-when' }, reminderLabel(r)),
                  ]),
                ]),
              ),
            ),
          ]);
  },
});
