// The handles a client hands out, one per key: channels by cid (and distinct channels by
// their members), threads by parent id, and the live channel and thread lists. The client
// asks here for a handle, recovery asks for the lists to refresh, and disconnecting drops
// them all.
import type { ClientContext } from '../handles/clientContext.ts';
import { createChannelHandle, type ChannelHandle, type ChannelInputData } from '../handles/channelHandle.ts';
import { checkDistinctMembers, createDistinctChannel, distinctKey, type DistinctChannelInput } from '../handles/distinctChannel.ts';
import { createChannelList, type ChannelFilter, type ChannelList, type ChannelListOptions, type ChannelSortInput } from '../handles/channelListHandle.ts';
import { createThreadHandle, type ThreadHandle } from '../handles/threadHandle.ts';
import { createThreadList, type ThreadList, type ThreadListOptions } from '../handles/threadListHandle.ts';
import { tableGet } from '../store/table.ts';

export interface HandleRegistry {
  channel(type: string, idOrInput: string | DistinctChannelInput, data?: ChannelInputData): ChannelHandle;
  channelOfCid(cid: string): ChannelHandle;
  thread(parentMessageId: string): ThreadHandle;
  queryChannels(filter: ChannelFilter, sort?: ChannelSortInput, options?: ChannelListOptions): ChannelList;
  queryThreads(options?: ThreadListOptions): ThreadList;
  /** Re-read every live list and every held thread (after a reconnect's recovery). */
  refreshLists(): Promise<void>;
  /** Dispose the lists and forget every handle (disconnecting). */
  clear(): void;
}

export function createHandleRegistry(ctx: ClientContext): HandleRegistry {
  const { store } = ctx;
  const handles = new Map<string, ChannelHandle>();
  const distinct = new Map<string, ChannelHandle>();
  const lists = new Set<ChannelList>();
  const threadHandles = new Map<string, ThreadHandle>();
  const threadLists = new Set<ThreadList>();

  function distinctChannel(type: string, input: DistinctChannelInput): ChannelHandle {
    let members: string[];
    try {
      members = checkDistinctMembers(input);
    } catch (e) {
      throw ctx.report(e, 'GetOrCreateDistinctChannel');
    }
    const me = store.getState().me?.id;
    const key = distinctKey(type, [...members, ...(me ? [me] : [])]);
    let handle = distinct.get(key);
    if (!handle) {
      handle = createDistinctChannel(ctx, type, input, createChannelHandle, (self, id) => {
        const cid = `${type}:${id}`;
        const open = handles.get(cid);
        if (open) return open;
        const inner = createChannelHandle(ctx, type, id);
        handles.set(cid, self);
        return inner;
      });
      distinct.set(key, handle);
    }
    return handle;
  }

  function channel(type: string, idOrInput: string | DistinctChannelInput, data?: ChannelInputData): ChannelHandle {
    if (typeof idOrInput !== 'string') return distinctChannel(type, idOrInput);
    const cid = `${type}:${idOrInput}`;
    let handle = handles.get(cid);
    if (!handle) {
      handle = createChannelHandle(ctx, type, idOrInput, data);
      handles.set(cid, handle);
    }
    return handle;
  }

  function channelOfCid(cid: string): ChannelHandle {
    const i = cid.indexOf(':');
    return channel(cid.slice(0, i), cid.slice(i + 1));
  }

  return {
    channel,
    channelOfCid,
    thread(parentMessageId) {
      let handle = threadHandles.get(parentMessageId);
      if (!handle) {
        handle = createThreadHandle(ctx, parentMessageId, channelOfCid);
        threadHandles.set(parentMessageId, handle);
      }
      return handle;
    },
    queryChannels(filter, sort, listOptions = {}) {
      const list = createChannelList(ctx, filter, sort, listOptions, (l) => lists.delete(l));
      lists.add(list);
      return list;
    },
    queryThreads(threadOptions = {}) {
      const list = createThreadList(ctx, threadOptions, (l) => threadLists.delete(l));
      threadLists.add(list);
      return list;
    },
    async refreshLists() {
      // Threads held by a handle are re-read too (they may be in no list); one that fails is
      // on errors$ and must not hold the whole recovery back.
      const threads = [...threadHandles.values()]
        .filter((h) => tableGet(store.getState().threads, h.parentId) !== undefined)
        .map((h) => h.load().catch(() => undefined));
      await Promise.all([...[...lists].map((l) => l.refresh()), ...[...threadLists].map((l) => l.refresh()), ...threads]);
    },
    clear() {
      for (const l of [...lists]) l.dispose();
      for (const l of [...threadLists]) l.dispose();
      threadHandles.clear();
      handles.clear();
      distinct.clear();
    },
  };
}
