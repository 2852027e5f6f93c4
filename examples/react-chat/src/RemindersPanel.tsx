// The reminders panel in the sidebar: the own reminders, soonest first, live (a reminder set
// on another device shows here; one whose time came is marked due), each opening its channel.
import { useReminders } from 'chatstore/react';
import { reminderLabel } from '../../shared/reminders.ts';

export function RemindersPanel({ onOpen }: { onOpen(cid: string): void }) {
  const { reminders } = useReminders();
  if (reminders.length === 0) return null;
  return (
    <section className="reminders" aria-label="Reminders">
      <h2>Reminders</h2>
      <ul>
        {reminders.map((r) => (
          <li key={r.message_id} className={r.due ? 'due' : undefined}>
            <button type="button" className="link" onClick={() => onOpen(r.channel_cid)}>
              <span className="reminder-text">{r.message?.text || '(message)'}</span>
              <span className="reminder-when">{reminderLabel(r)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
