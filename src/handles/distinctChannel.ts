// The distinct channel of a set of members: `client.channel(type, { members })`. The service
// identifies such a channel by its members (GetOrCreateDistinctChannel, no id in the
// request; it answers with the channel and its generated id). Until the first call that
// reaches the server the handle has no cid: its observables show nothing yet, and every
// call first gets or creates the channel. From then on it is the handle of that cid:
// `client.channel(type, id)` returns this same object, and what it shows and does is the
// channel handle's. (A handle for that cid that the app had opened by id before is used as
// it is: the two objects then show the same state.)
import { BehaviorSubject, isObservable, switchMap, type Observable } from 'rxjs';
import type { ChannelStateResponse } from '../models/generated/types.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import type { ChatApi } from '../transport/api.ts';
import type { ClientContext } from './clientContext.ts';
import type { ChannelHandle, ChannelInputData, WatchOptions } from './channelHandle.ts';

export interface DistinctChannelInput extends Omit<ChannelInputData, 'members'> {
  members: readonly string[];
}

/** Calls that answer at once (no promise) and so cannot wait for the channel. */
const SYNC = new Set(['keystroke', 'stopTyping', 'stopWatching', 'queryMembers', 'cancelUploads']);

/** The key of a distinct channel: its type and its sorted, de-duplicated member ids. */
export function distinctKey(type: string, members: readonly string[]): string {
  return `${type}|${[...new Set(members)].sort().join(',')}`;
}

/** Check the members of a distinct channel: a clear ChatError for anything but user ids. */
export function checkDistinctMembers(input: unknown): string[] {
  const members = (input as { members?: unknown } | null)?.members;
  if (!Array.isArray(members) || members.length === 0 || members.some((m) => typeof m !== 'string' || m === '')) {
    throw new ChatError({
      message: 'client.channel(type, { members }): members must be a non-empty array of user ids',
      code: ChatErrorCode.InputError,
      status: 0,
      endpoint: 'GetOrCreateDistinctChannel',
      retryable: false,
    });
  }
  return members as string[];
}

/**
 * @param adopt registers the channel's cid for this handle and returns the channel handle
 * that does the work (a new one, or the one already open for that cid).
 */
export function createDistinctChannel(
  ctx: ClientContext,
  type: string,
  input: DistinctChannelInput,
  createHandle: (ctx: ClientContext, type: string, id: string) => ChannelHandle,
  adopt: (self: ChannelHandle, id: string) => ChannelHandle,
): ChannelHandle {
  const inner$ = new BehaviorSubject<ChannelHandle | undefined>(undefined);
  let resolving: Promise<ChannelHandle> | undefined;

  async function getOrCreate(options: WatchOptions, watch: boolean): Promise<ChannelHandle> {
    const messageLimit = options.messageLimit ?? 25;
    const { members, ...rest } = input;
    const body: Parameters<ChatApi['getOrCreateDistinctChannel']>[1] = {
      state: true,
      watch,
      messages: { limit: messageLimit },
      data: { ...rest, members: members.map((user_id) => ({ user_id })) },
    };
    if (options.memberLimit !== undefined) body.members = { limit: options.memberLimit };
    if (options.watcherLimit !== undefined) body.watchers = { limit: options.watcherLimit };
    if (options.presence !== undefined) body.presence = options.presence;
    let res: ChannelStateResponse;
    try {
      res = await ctx.api('GetOrCreateDistinctChannel').getOrCreateDistinctChannel(type, body);
    } catch (e) {
      throw ctx.report(e, 'GetOrCreateDistinctChannel');
    }
    const channel = res.channel;
    if (!channel) throw ctx.report(new Error('the server answered without a channel'), 'GetOrCreateDistinctChannel');
    if (watch) ctx.watched.add(channel.cid);
    ctx.store.dispatchMany([
      { type: 'channels/hydrated', channels: [res], messageLimit },
      { type: 'messages/viewLatest', cid: channel.cid },
    ]);
    const inner = inner$.value ?? adopt(self, channel.id);
    if (!inner$.value) inner$.next(inner);
    return inner;
  }

  /** The channel handle, getting or creating the channel first (without watching) if needed. */
  function resolved(): Promise<ChannelHandle> {
    if (inner$.value) return Promise.resolve(inner$.value);
    resolving ??= getOrCreate({}, false).finally(() => {
      resolving = undefined;
    });
    return resolving;
  }

  // Every observable and call of a channel handle, by name, so that what other modules add
  // to channel handles works here too. Until the channel is known the observables are those
  // of a handle for no channel (a cid the store never holds): the same empty values a
  // channel handle shows before its channel loads.
  const placeholder = createHandle(ctx, type, `\u0000distinct:${distinctKey(type, input.members)}`) as unknown as Record<string | symbol, unknown>;
  const cache = new Map<string | symbol, unknown>();

  function member(prop: string | symbol): unknown {
    if (prop === 'type') return type;
    if (prop === 'cid') return inner$.value?.cid ?? '';
    if (prop === 'id') return inner$.value?.id ?? '';
    if (prop === 'then') return undefined; // not a thenable
    const hit = cache.get(prop);
    if (hit !== undefined) return hit;
    const template = placeholder[prop];
    let out: unknown;
    if (prop === 'watch') {
      // Watching always asks the server (as a channel handle's watch does): it is also how
      // an app reloads the channel.
      out = async (options: WatchOptions = {}) => {
        await getOrCreate(options, options.watch ?? true);
      };
    } else if (isObservable(template)) {
      out = inner$.pipe(switchMap((h) => (h ? (h as unknown as Record<string | symbol, Observable<unknown>>)[prop] : template) as Observable<unknown>));
    } else if (typeof template === 'function') {
      out = (...args: unknown[]) => {
        const inner = inner$.value as unknown as Record<string | symbol, (...a: unknown[]) => unknown> | undefined;
        if (inner) return inner[prop]?.(...args);
        if (SYNC.has(String(prop))) {
          if (prop === 'queryMembers') {
            throw ctx.report(
              new ChatError({ message: 'queryMembers on a distinct channel needs the channel first: call watch()', code: ChatErrorCode.Client, status: 0, endpoint: 'QueryMembers', retryable: false }),
              'QueryMembers',
            );
          }
          // Typing, stopWatching: nothing to do for a channel not opened yet.
          return prop === 'stopWatching' ? Promise.resolve() : undefined;
        }
        return resolved().then((h) => (h as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[prop]?.(...args));
      };
    } else {
      return template;
    }
    cache.set(prop, out);
    return out;
  }

  const self = new Proxy({} as ChannelHandle, {
    get: (_target, prop) => member(prop),
    has: (_target, prop) => prop in placeholder,
    ownKeys: () => Reflect.ownKeys(placeholder),
    getOwnPropertyDescriptor: (_target, prop) => (prop in placeholder ? { configurable: true, enumerable: true, value: member(prop) } : undefined),
  });
  return self;
}
