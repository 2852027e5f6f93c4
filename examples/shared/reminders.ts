// Reminder labels and choices shared by both example apps.
import type { Reminder } from 'chatstore';

/** The "remind me" choices offered on a message. */
export const REMIND_CHOICES: ReadonlyArray<{ label: string; ms: number | null }> = [
  { label: 'in 20 seconds', ms: 20_000 },
  { label: 'in 1 hour', ms: 3_600_000 },
  { label: 'tomorrow', ms: 86_400_000 },
  { label: 'save for later', ms: null },
];

/** When a reminder is due, in words. */
export function reminderLabel(r: Reminder, now = Date.now()): string {
  if (r.due) return 'Due now';
  if (r.remind_at === undefined) return 'Saved for later';
  const left = r.remind_at - now;
  if (left <= 0) return 'Due now';
  if (left < 60_000) return 'In under a minute';
  const mins = Math.round(left / 60_000);
  if (mins < 60) return `In ${mins} min`;
  return `At ${new Date(r.remind_at).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}`;
}
