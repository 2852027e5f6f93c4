// Delivery receipts, the client's side (as stream-chat's MessageDeliveryReporter does it):
// the client tells the server which message of each channel reached it, so the other
// members see it delivered before it is read. Per channel the candidate is the newest
// message the server holds in the latest window, when it is someone else's, the own read
// has not reached it and no delivery of it (or of a later one) is known. Only channels
// whose config has `delivery_events` report (the service's switch; stream-chat checks the
// same). Candidates are collected for 1 s on the client's scheduler and sent together,
// at most 100 per MarkDelivered request; a retryable failure puts them back and doubles
// the wait (up to three times), any other failure is reported on errors$ and dropped.
// Thread replies are not reported: stream-chat does not report them either.
import type { Subscription } from 'rxjs';
import type { ChannelEntry, MessageWindow } from '../store/state.ts';
import { idsNewestFirst } from '../store/sortedIds.ts';
import { tableGet } from '../store/table.ts';
import { toChatError, type ClientContext } from './clientContext.ts';
import { followChannels } from './channelChanges.ts';

export const DELIVERY_BUFFER_MS = 1_000;
export const DELIVERY_BATCH_MAX = 100;
const MAX_BACKOFF_STEPS = 3;

/** The message of the channel to report as delivered now, or undefined. */
export function deliveryCandidate(ch: ChannelEntry, me: string | undefined): string | undefined {
  // `config` is untyped in the seeds (ChannelConfigWithInfo is not defined there).
  const config = ch.data?.config as { delivery_events?: unknown } | undefined;
  if (!me || config?.delivery_events !== true) return undefined;
  const latest = ch.windows.find((w: MessageWindow) => w.isLatest);
  if (!latest) return undefined;
  for (const p of idsNewestFirst(latest.ids)) {
    const m = tableGet(ch.messages, p.id);
    // Own sends still out sit at the newest end: the newest the server holds is below them.
    if (!m || m.status !== 'received') continue;
    if (m.user?.id === me) return undefined;
    const own = ch.reads[me];
    // A read covers delivery; a known delivery at or after the message too.
    if (own && own.last_read >= m.created_at) return undefined;
    if (own?.last_delivered_message_id === m.id || (own?.last_delivered_at ?? -Infinity) >= m.created_at) return undefined;
    return m.id;
  }
  return undefined;
}

/** Start reporting deliveries for the client; returns the function that stops it. */
export function startDeliveryReporter(ctx: ClientContext): () => void {
  /** cid -> message id to report. */
  const candidates = new Map<string, string>();
  /** cid -> the message id last reported (sent or on its way): not reported twice. */
  const reported = new Map<string, string>();
  let timer: Subscription | undefined;
  let inFlight = false;
  let wait = DELIVERY_BUFFER_MS;
  let steps = 0;

  function onChannel(cid: string, ch: ChannelEntry | undefined): void {
    const id = ch ? deliveryCandidate(ch, ctx.meId()) : undefined;
    if (!ch) reported.delete(cid);
    if (id !== undefined && reported.get(cid) !== id) candidates.set(cid, id);
    else candidates.delete(cid);
  }

  function schedule(): void {
    if (timer || inFlight || candidates.size === 0) return;
    timer = ctx.scheduler.schedule(() => {
      timer = undefined;
      void send();
    }, wait);
  }

  async function send(): Promise<void> {
    if (candidates.size === 0) return;
    // Nothing can be reported while the connection is down; the next change or tick tries again.
    if (!ctx.isConnected()) {
      schedule();
      return;
    }
    const batch = [...candidates].slice(0, DELIVERY_BATCH_MAX);
    for (const [cid, id] of batch) {
      candidates.delete(cid);
      reported.set(cid, id);
    }
    inFlight = true;
    try {
      await ctx.api('MarkDelivered').markDelivered({ latest_delivered_messages: batch.map(([cid, id]) => ({ cid, id })) });
      wait = DELIVERY_BUFFER_MS;
      steps = 0;
    } catch (e) {
      const error = toChatError(e, 'MarkDelivered');
      // Not reported after all: back in, unless a later candidate came meanwhile.
      for (const [cid, id] of batch) {
        if (reported.get(cid) === id) reported.delete(cid);
        if (error.retryable && !candidates.has(cid)) candidates.set(cid, id);
      }
      if (error.retryable) {
        if (steps < MAX_BACKOFF_STEPS) {
          steps += 1;
          wait *= 2;
        }
      } else ctx.report(error, 'MarkDelivered');
    } finally {
      inFlight = false;
      schedule();
    }
  }

  const unfollow = followChannels(ctx.store, onChannel, schedule);
  return () => {
    unfollow();
    timer?.unsubscribe();
    timer = undefined;
  };
}
