// Channel management and the own membership, on a channel handle: update, updatePartial,
// delete, truncate, hide/show, mute/unmute, pin/unpin, archive/unarchive, addMembers,
// removeMembers and queryMembers.
//
// What is optimistic (PROTOCOL.md section 8) and why:
// - update, updatePartial, hide/show, mute/unmute, pin/unpin, archive/unarchive change what
//   the user sees of a channel at once (a ChannelOp, optimisticChannels.ts) and are taken back
//   exactly if the server refuses (an over-long name, a missing permission);
// - delete, truncate, addMembers and removeMembers wait for the server: their effect depends
//   on what the server decides (who exists, who may, what is cut), and the official UI SDKs
//   show them when the answer or the event arrives too. Their answer goes through the same
//   reducers as the events they cause (channel.deleted, channel.truncated, member.*), so
//   answer and event in either order leave one state.
import type { ChannelMemberRequest, ChannelMemberResponse, ChannelResponse, MessageRequest, MessageResponse } from '../models/generated/types.ts';
import type { Action } from '../store/reducer.ts';
import type { ChannelOpStart } from '../store/optimisticChannels.ts';
import type { FieldBefore } from '../store/state.ts';
import { selectChannelView, selectMembers, type ChannelView } from '../store/selectors.ts';
import { tableGet } from '../store/table.ts';
import type { ChatApi } from '../transport/api.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import { toChatError, type ClientContext } from './clientContext.ts';
import { newMessageId } from './channelWrites.ts';
import { createMemberList, type MemberList, type MemberListOptions, type MemberSortInput } from './memberList.ts';

/** A system message that goes with a channel change (a rename, an add, a removal). */
export type ChannelChangeMessage = Omit<MessageRequest, 'id'> & { id?: string; [custom: string]: unknown };

export interface ChannelManagement {
  /**
   * Replace the channel's data (fields not given are removed, as the service does); shown at
   * once, taken back if refused. Resolves with the channel as held after the answer.
   */
  update(data: Record<string, unknown>, options?: { message?: ChannelChangeMessage }): Promise<ChannelView | null>;
  /** Set and unset fields of the channel's data; shown at once, taken back if refused. */
  updatePartial(patch: { set?: Record<string, unknown>; unset?: readonly string[] }): Promise<ChannelView | null>;
  /** Delete the channel (for everyone); it leaves every list. */
  delete(options?: { hard?: boolean }): Promise<ChannelView | null>;
  /** Remove the messages up to now (or `truncatedAt`), optionally with a system message. */
  truncate(options?: { hard?: boolean; message?: ChannelChangeMessage; truncatedAt?: number | Date }): Promise<ChannelView | null>;
  /** Hide the channel for the own user until a new message arrives (or show()). */
  hide(options?: { clearHistory?: boolean }): Promise<ChannelView | null>;
  show(): Promise<ChannelView | null>;
  /** Mute the channel for the own user (for `expiration` ms): it leaves the unread totals. */
  mute(options?: { expiration?: number }): Promise<ChannelView | null>;
  unmute(): Promise<ChannelView | null>;
  /** Pin the channel for the own user (`membership.pinned_at`); resolves with the membership. */
  pin(): Promise<ChannelMemberResponse | null>;
  unpin(): Promise<ChannelMemberResponse | null>;
  /** Archive the channel for the own user (`membership.archived_at`). */
  archive(): Promise<ChannelMemberResponse | null>;
  unarchive(): Promise<ChannelMemberResponse | null>;
  /** Add members (ids or member requests); resolves with the members as held. */
  addMembers(members: ReadonlyArray<string | ChannelMemberRequest>, options?: { message?: ChannelChangeMessage }): Promise<readonly ChannelMemberResponse[]>;
  removeMembers(userIds: readonly string[], options?: { message?: ChannelChangeMessage }): Promise<readonly ChannelMemberResponse[]>;
  /**
   * A live, paged member query of this channel; loads on first subscribe.
   * @example
   * const mods = channel.queryMembers({ channel_role: 'channel_moderator' }, { created_at: 1 }, { limit: 20 });
   * mods.members$.subscribe(render);
   */
  queryMembers(filter?: Record<string, unknown>, sort?: MemberSortInput, options?: MemberListOptions): MemberList;
}

/** Channel fields the service keeps as fields of its own; anything else is custom data. */
const CHANNEL_FIELDS = new Set(['frozen', 'disabled', 'team', 'cooldown', 'auto_translation_enabled', 'auto_translation_language', 'filter_tags']);
/** Keys of update data that are no channel data (members go through addMembers). */
const NOT_DATA = new Set(['members', 'invites', 'config_overrides', 'created_by', 'custom']);

function inputError(message: string, endpoint: string): ChatError {
  return new ChatError({ message, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The paths a field of channel data lives at: custom fields are held flat and in `custom`. */
function pathsOf(key: string): string[] {
  return CHANNEL_FIELDS.has(key) ? [`data.${key}`] : [`data.${key}`, `data.custom.${key}`];
}

export function createChannelManagement(ctx: ClientContext, type: string, id: string): ChannelManagement {
  const cid = `${type}:${id}`;
  let opSeq = 0;
  const held = () => tableGet(ctx.store.getState().channels, cid);
  const view = () => selectChannelView(held());
  const membership = () => held()?.membership ?? null;

  function fail(error: ChatError): never {
    throw ctx.report(error, error.endpoint);
  }

  function withId(message: ChannelChangeMessage): MessageRequest {
    const me = ctx.meId();
    return { ...message, id: message.id ?? (me ? newMessageId(me) : globalThis.crypto.randomUUID()) } as MessageRequest;
  }

  /** Run a request; on success its answer's actions are applied, on failure the error is reported. */
  async function call<T>(endpoint: string, run: (api: ChatApi) => Promise<T>, answer: (res: T) => Action[]): Promise<T> {
    try {
      const res = await run(ctx.api(endpoint));
      const actions = answer(res);
      if (actions.length) ctx.store.dispatchMany(actions);
      return res;
    } catch (e) {
      throw ctx.report(toChatError(e, endpoint), endpoint);
    }
  }

  /** An optimistic write: shown at once, confirmed (then the answer applied) or taken back. */
  async function optimistic<T>(endpoint: string, echo: string, set: Record<string, FieldBefore>, run: (api: ChatApi) => Promise<T>, answer: (res: T) => Action[], mute?: boolean): Promise<T> {
    opSeq += 1;
    const op: ChannelOpStart = { id: `channel:${cid}:${opSeq}:${globalThis.crypto.randomUUID()}`, cid, set, echo };
    if (mute !== undefined) op.mute = mute;
    ctx.store.dispatch({ type: 'channelOp/started', op });
    try {
      const res = await run(ctx.api(endpoint));
      ctx.store.dispatchMany([{ type: 'channelOp/succeeded', opId: op.id }, ...answer(res)]);
      return res;
    } catch (e) {
      ctx.store.dispatch({ type: 'channelOp/failed', opId: op.id });
      throw ctx.report(toChatError(e, endpoint), endpoint);
    }
  }

  const channelAnswer = (res: { channel?: ChannelResponse }): Action[] => (res.channel ? [{ type: 'channel/updated', channel: res.channel }] : []);
  const messageAnswer = (res: { message?: MessageResponse }): Action[] =>
    res.message ? [{ type: 'message/stored', cid: res.message.cid || cid, message: res.message }] : [];

  async function member(endpoint: string, field: 'pinned' | 'archived', on: boolean): Promise<ChannelMemberResponse | null> {
    const path = field === 'pinned' ? 'membership.pinned_at' : 'membership.archived_at';
    await optimistic(
      endpoint,
      'member.updated',
      { [path]: on ? { v: ctx.scheduler.now() } : null },
      (api) => api.updateMemberPartial(type, id, on ? { set: { [field]: true } } : { set: { [field]: false } }),
      (res) => (res.channel_member ? [{ type: 'members/fetched', cid, members: [res.channel_member] }] : []),
    );
    return membership();
  }

  function memberIdsOf(members: ReadonlyArray<string | ChannelMemberRequest>, endpoint: string): ChannelMemberRequest[] {
    if (!Array.isArray(members) || members.length === 0) fail(inputError('members must be a non-empty array of user ids', endpoint));
    return members.map((m) => {
      const req = typeof m === 'string' ? { user_id: m } : m;
      if (!isRecord(req) || typeof req['user_id'] !== 'string' || req['user_id'] === '') fail(inputError(`not a user id: ${JSON.stringify(m)}`, endpoint));
      return req as unknown as ChannelMemberRequest;
    });
  }

  return {
    async update(data, options = {}) {
      const endpoint = 'UpdateChannel';
      if (!isRecord(data)) fail(inputError('update(data): data must be an object', endpoint));
      const set: Record<string, FieldBefore> = {};
      const given: Record<string, unknown> = { ...(isRecord(data['custom']) ? data['custom'] : {}) };
      for (const [k, v] of Object.entries(data)) if (!NOT_DATA.has(k)) given[k] = v;
      for (const [k, v] of Object.entries(given)) for (const p of pathsOf(k)) set[p] = v === undefined ? null : { v };
      // UpdateChannel replaces the custom data: custom fields not given are removed.
      for (const k of Object.keys(held()?.data?.custom ?? {})) if (!(k in given)) for (const p of pathsOf(k)) set[p] = null;
      const body: Parameters<ChatApi['updateChannel']>[2] = { data: data as never };
      if (options.message) body.message = withId(options.message);
      await optimistic(endpoint, 'channel.updated', set, (api) => api.updateChannel(type, id, body), (res) => [
        { type: 'members/changed', cid, members: res.members, removed: [] },
        ...channelAnswer(res),
        ...messageAnswer(res),
      ]);
      return view();
    },

    async updatePartial(patch) {
      const endpoint = 'UpdateChannelPartial';
      const setIn = patch?.set ?? {};
      const unset = patch?.unset ?? [];
      if (!isRecord(setIn) || !Array.isArray(unset) || unset.some((k) => typeof k !== 'string')) fail(inputError('updatePartial({ set?, unset? }): set must be an object, unset an array of field names', endpoint));
      if (Object.keys(setIn).length === 0 && unset.length === 0) fail(inputError('updatePartial needs fields to set or unset', endpoint));
      const set: Record<string, FieldBefore> = {};
      for (const [k, v] of Object.entries(setIn)) {
        if (k === 'custom' && isRecord(v)) for (const [ck, cv] of Object.entries(v)) for (const p of pathsOf(ck)) set[p] = { v: cv };
        else for (const p of pathsOf(k)) set[p] = { v };
      }
      for (const k of unset) for (const p of pathsOf(k)) set[p] = null;
      await optimistic(endpoint, 'channel.updated', set, (api) => api.updateChannelPartial(type, id, { set: setIn, unset: [...unset] }), channelAnswer);
      return view();
    },

    async delete(options = {}) {
      await call('DeleteChannel', (api) => api.deleteChannel(type, id, options.hard ? { hard_delete: true } : {}), (res) =>
        res.channel ? [{ type: 'channel/deleted', channel: res.channel, at: res.channel.deleted_at ?? res.channel.updated_at }] : [],
      );
      return view();
    },

    async truncate(options = {}) {
      const endpoint = 'TruncateChannel';
      const body: Parameters<ChatApi['truncateChannel']>[2] = {};
      if (options.hard) body.hard_delete = true;
      if (options.message) body.message = withId(options.message);
      if (options.truncatedAt !== undefined) {
        const at = options.truncatedAt instanceof Date ? options.truncatedAt.getTime() : options.truncatedAt;
        if (typeof at !== 'number' || !Number.isFinite(at)) fail(inputError('truncatedAt must be a Date or epoch milliseconds', endpoint));
        body.truncated_at = at;
      }
      await call(endpoint, (api) => api.truncateChannel(type, id, body), (res) => [
        ...(res.channel ? [{ type: 'channel/truncated' as const, channel: res.channel, at: res.channel.updated_at }] : []),
        ...messageAnswer(res),
      ]);
      return view();
    },

    async hide(options = {}) {
      const clear = options.clearHistory === true;
      // Clearing the history is not shown early: the channel.hidden event (clear_history)
      // drops the messages once the server has done it, and a refusal loses nothing.
      await optimistic('HideChannel', 'channel.hidden', { 'data.hidden': { v: true } }, (api) => api.hideChannel(type, id, clear ? { clear_history: true } : {}), () => []);
      return view();
    },

    async show() {
      await optimistic('ShowChannel', 'channel.visible', { 'data.hidden': { v: false } }, (api) => api.showChannel(type, id, {}), () => []);
      return view();
    },

    async mute(options = {}) {
      const endpoint = 'MuteChannel';
      const exp = options.expiration;
      if (exp !== undefined && (!Number.isInteger(exp) || exp <= 0)) fail(inputError('mute({ expiration }): expiration must be a positive number of milliseconds', endpoint));
      const set: Record<string, FieldBefore> = { 'data.muted': { v: true }, 'data.mute_expires_at': exp !== undefined ? { v: ctx.scheduler.now() + exp } : null };
      await optimistic(endpoint, 'notification.channel_mutes_updated', set, (api) => api.muteChannel({ channel_cids: [cid], ...(exp !== undefined ? { expiration: exp } : {}) }), () => [], true);
      return view();
    },

    async unmute() {
      await optimistic('UnmuteChannel', 'notification.channel_mutes_updated', { 'data.muted': { v: false }, 'data.mute_expires_at': null }, (api) => api.unmuteChannel({ channel_cids: [cid] }), () => [], false);
      return view();
    },

    pin: () => member('UpdateMemberPartial', 'pinned', true),
    unpin: () => member('UpdateMemberPartial', 'pinned', false),
    archive: () => member('UpdateMemberPartial', 'archived', true),
    unarchive: () => member('UpdateMemberPartial', 'archived', false),

    async addMembers(members, options = {}) {
      const endpoint = 'UpdateChannel';
      const add = memberIdsOf(members, endpoint);
      const body: Parameters<ChatApi['updateChannel']>[2] = { add_members: add };
      if (options.message) body.message = withId(options.message);
      await call(endpoint, (api) => api.updateChannel(type, id, body), (res) => {
        const ids = new Set(add.map((m) => m.user_id));
        return [
          { type: 'members/changed', cid, members: res.members.filter((m) => ids.has(m.user_id ?? m.user?.id ?? '')), removed: [] },
          ...channelAnswer(res),
          ...messageAnswer(res),
        ];
      });
      const ch = held();
      return ch ? selectMembers(ch) : [];
    },

    async removeMembers(userIds, options = {}) {
      const endpoint = 'UpdateChannel';
      const ids = memberIdsOf(userIds, endpoint).map((m) => m.user_id);
      const body: Parameters<ChatApi['updateChannel']>[2] = { remove_members: ids };
      if (options.message) body.message = withId(options.message);
      await call(endpoint, (api) => api.updateChannel(type, id, body), (res) => [
        { type: 'members/changed', cid, members: [], removed: ids },
        ...channelAnswer(res),
        ...messageAnswer(res),
      ]);
      const ch = held();
      return ch ? selectMembers(ch) : [];
    },

    queryMembers(filter = {}, sort, options = {}) {
      return createMemberList(ctx, type, id, filter, sort, options);
    },
  };
}
