// State of the own account and of paged lists of users, bans and flags (account.ts and
// pagedLists.ts reduce them); part of ChatState (state.ts).
import type { ChannelPushPreferencesResponse } from '../models/generated/types.ts';
import type { FieldBefore, StoredError } from './baseState.ts';

/** One offset-paged query of the account (users, bans, flags). */
export interface PagedListState {
  /** User ids in the server's order (user lists). */
  ids: readonly string[];
  /** Items as answered (ban and flag lists). */
  items: readonly unknown[];
  loading: boolean;
  hasMore: boolean;
  error: StoredError | null;
  /** Offset of the next page. */
  offset: number;
}

// The own account (account.ts reduces it).

/** A pending own-profile update: its values and the fields they replaced. */
export interface ProfileOp {
  id: string;
  /** Field -> new value; `undefined` for a field the operation unsets. */
  values: Readonly<Record<string, unknown>>;
  /** Top-level fields of `me` before, and custom fields before (keys of `values`). */
  beforeTop: Readonly<Record<string, FieldBefore>>;
  beforeCustom: Readonly<Record<string, FieldBefore>>;
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
