// unread/adjusted: markAllRead's share of the totals for channels the store does not hold.
import { describe, expect, it } from 'vitest';
import { storeHarness } from '../helpers/storeFixtures.ts';

describe('unread/adjusted', () => {
  it('moves the totals, never below 0; a zero move keeps the state', () => {
    const h = storeHarness({ meExtra: { total_unread_count: 5, unread_channels: 2 } });
    h.dispatch({ type: 'unread/adjusted', messages: -5, channels: -2 });
    expect(h.store.getState().unread).toMatchObject({ totalMessages: 0, channels: 0 });
    h.dispatch({ type: 'unread/adjusted', messages: -1, channels: -1 });
    expect(h.store.getState().unread).toMatchObject({ totalMessages: 0, channels: 0 });
    const state = h.store.getState();
    h.dispatch({ type: 'unread/adjusted', messages: 0, channels: 0 });
    expect(h.store.getState()).toBe(state);
    h.dispatch({ type: 'unread/adjusted', messages: 3, channels: 1 });
    expect(h.store.getState().unread).toMatchObject({ totalMessages: 3, channels: 1 });
  });
});
