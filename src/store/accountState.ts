// The account's state types (account.ts, pagedLists.ts reduce them), apart from state.ts to keep it short.
import type { ChannelPushPreferencesResponse } from '../models/generated/types.ts';

/** A field as it was: `null` when the copy did not have it. */
type Before = { v: unknown } | null;

// The own account (account.ts reduces it).

/** A pending own-profile update: its values and the fields they replaced. */
export interface ProfileOp {
  id: string;
  /** Field -> new value; `undefined` for a field the operation unsets. */
  values: Readonly<Record<string, unknown>>;
  /** Top-level fields of `me` before, and custom fields before (keys of `values`). */
  beforeTop: Readonly<Record<string, Before>>;
  beforeCustom: Readonly<Record<string, Before>>;
}

export interface BlockOp {
  id: string;
  userId: string;
  blocked: boolean;
  seq: number;
}

export interface AccountState {
  profileOps: Readonly<Record<string, ProfileOp>>;
  blockOps: Readonly<Record<string, BlockOp>>;
  nextSeq: number;
  /** The own push preferences per channel cid (channel queries, setPushPreferences). */
  channelPush: Readonly<Record<string, ChannelPushPreferencesResponse>>;
}

/** One offset-paged query of the account (users, bans, flags). */
export interface PagedListState {
  /** User ids in the server's order (user lists). */
  ids: readonly string[];
  /** Items as answered (ban and flag lists). */
  items: readonly unknown[];
  loading: boolean;
  hasMore: boolean;
  /** The stored error (StoredError's shape). */
  error: { code: number; status: number; message: string; endpoint: string; retryable: boolean } | null;
  /** Offset of the next page. */
  offset: number;
}
