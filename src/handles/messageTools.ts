// Client-level calls and background work of issue 24's pins, search and receipts part:
// `client.markAllRead()`, `client.search(...)`, the pin expiry timer and the delivery
// reporter. One factory, spread into the client (src/client.ts).
import type { ClientContext } from './clientContext.ts';
import { watchPinExpiry } from './pinExpiry.ts';
import { startDeliveryReporter } from './deliveryReporter.ts';
import { markAllRead } from './markAllRead.ts';
import { createSearchApi, type SearchApi } from './searchHandle.ts';

export interface MessageToolsApi extends SearchApi {
  /**
   * Mark every channel read (MarkChannelsRead). Unread counts and totals go to 0 at once;
   * a failure puts back exactly what this changed, then rejects with the ChatError.
   */
  markAllRead(): Promise<void>;
}

export function createMessageToolsApi(ctx: ClientContext): MessageToolsApi {
  // Pins end at their pin_expires on the client's scheduler, for the client's lifetime (the
  // state reset of a disconnect empties what it follows).
  watchPinExpiry(ctx.store, ctx.scheduler);
  // Received messages are reported delivered (MarkDelivered), batched on the scheduler.
  startDeliveryReporter(ctx);
  return {
    markAllRead: () => markAllRead(ctx),
    ...createSearchApi(ctx),
  };
}
