// The "remind me" action of a message: a menu of times (or "save for later"), or, when the
// message has a reminder, its time and a button to remove it. The reminder shows at once
// (the client writes optimistically) and comes back off if the server refuses.
import { useState } from 'react';
import type { LocalMessage } from 'chatstore';
import { useChatClient, useChatSelector } from 'chatstore/react';
import { REMIND_CHOICES, reminderLabel } from '../../shared/reminders.ts';

export function RemindMe({ message }: { message: LocalMessage }) {
  const client = useChatClient();
  const reminder = useChatSelector((s) => s.reminders.byKey[message.id]);
  const [open, setOpen] = useState(false);
  if (reminder) {
    return (
      <button type="button" aria-label={`Remove reminder (${reminderLabel(reminder)})`} title={reminderLabel(reminder)} onClick={() => void client.deleteReminder(message.id).catch(() => undefined)}>
        ⏰
      </button>
    );
  }
  return (
    <span className="remind-me">
      <button type="button" aria-label="Remind me" aria-expanded={open} onClick={() => setOpen(!open)}>
        🔔
      </button>
      {open ? (
        <span className="picker" role="group" aria-label="Remind me when">
          {REMIND_CHOICES.map((c) => (
            <button
              key={c.label}
              type="button"
              onClick={() => {
                setOpen(false);
                const options = c.ms === null ? {} : { remindAt: Date.now() + c.ms };
                void client.createReminder(message.id, options).catch(() => undefined);
              }}
            >
              {c.label}
            </button>
          ))}
        </span>
      ) : null}
    </span>
  );
}
