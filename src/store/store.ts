// The store: immutable state behind one dispatch funnel, applied with immer, with change
// notifications batched per burst on an injectable scheduler (the TanStack notifyManager
// idea, kept per store rather than global). No I/O and no timers of its own: the only
// scheduled work is the notification flush, on the scheduler it is given.
import { Immer } from 'immer';
import { asapScheduler, distinctUntilChanged, map, Observable, type SchedulerLike } from 'rxjs';
import type { Action } from './reducer.ts';
import { reduce } from './reducer.ts';
import type { ChannelEntry, ChatState } from './state.ts';
import { initialState } from './state.ts';
import { tableGet } from './table.ts';
import type { ReducerContext } from './context.ts';
import { deepFreeze, freezeNew } from './freeze.ts';
import { collectOwned, sealOwned, type OwnedList } from './owned.ts';
import { useFastCopyWith } from './peek.ts';

export interface StoreOptions {
  /** Schedules the notification flush after a burst of dispatches (default asapScheduler). */
  scheduler?: SchedulerLike;
  /**
   * How long the flush waits on `scheduler` after a burst's first dispatch (default 0): the
   * client holds bursts of socket frames open for a short tick in Node this way.
   */
  flushDelay?: number;
  /** The clock reducers read (typing expiry): the client's timer scheduler (default: the flush scheduler's). */
  now?: () => number;
  /** Most messages held per window (default 1,000; 0 = no cap). */
  windowCap?: number;
  /** Told when an action could not be applied (state is left unchanged). */
  onError?: (error: unknown, action: Action) => void;
}

export interface ChatStore {
  getState(): ChatState;
  /** Apply one action synchronously; subscribers hear of it at the end of the burst. */
  dispatch(action: Action): void;
  /** Apply several actions as one change (one produce, one notification). */
  dispatchMany(actions: readonly Action[]): void;
  /** Notify subscribers now instead of waiting for the scheduled flush. */
  flush(): void;
  /** The state: the current value on subscribe, then once per burst that changed it. */
  readonly state$: Observable<ChatState>;
  subscribe(listener: (state: ChatState) => void): () => void;
  select<T>(selector: (state: ChatState) => T, equals?: (a: T, b: T) => boolean): Observable<T>;
  /** One channel's entry, woken only by bursts that changed that channel. */
  channel$(cid: string): Observable<ChannelEntry | undefined>;
}

type Listener = (state: ChatState) => void;

/** Creates a store; see ChatStore. */
export function createStore(options: StoreOptions = {}): ChatStore {
  const scheduler = options.scheduler ?? asapScheduler;
  const windowCap = options.windowCap ?? 1_000;
  const flushDelay = options.flushDelay ?? 0;
  const now = options.now ?? (() => scheduler.now());
  // Frozen by the store, not by immer: freezeNew (freeze.ts) says why.
  const immer = new Immer({ autoFreeze: false });
  useFastCopyWith(Immer);
  let state: ChatState = freezeNew(initialState());
  let notified = state;
  let flushScheduled = false;
  let everything = false;
  const touched = new Set<string>();
  const listeners = new Set<Listener>();
  const keyed = new Map<string, Set<Listener>>();

  // A burst of dispatches (everything dispatched before anyone reads the state) is applied
  // to one open immer draft, finished on the next read: getState(), a subscription or the
  // flush. Finishing a draft (finalize, deep freeze) and drafting the path to a channel cost
  // about as much as the reducers themselves, so doing it once per burst instead of once per
  // event is the difference between O(burst) and O(events x path) work.
  let draft: ChatState | undefined;
  let burstBase = state;
  // What the open draft holds, to rebuild it without a failed action's partial changes.
  let applied: Array<{ action: Action; now: number }> = [];
  // The plain copies this store's open burst made (owned.ts), sealed when it is finished.
  const owned: OwnedList = [];
  // The channel drafts the open burst handed out (ReducerContext.drafts): valid for that
  // draft only, so emptied with it.
  const drafts = new Map<string, ChannelEntry>();

  function reduceAll(target: ChatState, actions: readonly Action[], ctx: ReducerContext): void {
    const outer = collectOwned(owned);
    try {
      for (const action of actions) reduce(target, action, ctx);
    } finally {
      collectOwned(outer);
    }
  }

  function apply(actions: readonly Action[]): void {
    if (!draft) {
      burstBase = state;
      draft = immer.createDraft(state) as ChatState;
    }
    // The store's own set of touched cids: a failed action may leave a cid in it, which
    // only costs a comparison at the flush (a channel that did not change wakes no one).
    const ctx = { now: now(), windowCap, touched, drafts };
    try {
      // Payloads end up in the state, which is frozen anyway (see freeze.ts for why here).
      for (const action of actions) deepFreeze(action);
      reduceAll(draft, actions, ctx);
    } catch (error) {
      // The draft may hold part of the failed action: rebuild it from the burst's start
      // with the actions that succeeded (reducers are pure, so they replay the same).
      owned.length = 0;
      drafts.clear();
      draft = immer.createDraft(burstBase) as ChatState;
      for (const a of applied) reduceAll(draft, [a.action], { now: a.now, windowCap, touched: new Set<string>() });
      for (const action of actions) options.onError?.(error, action);
      return;
    }
    for (const action of actions) {
      applied.push({ action, now: ctx.now });
      if (action.type === 'state/reset') everything = true;
    }
    if (!flushScheduled) {
      flushScheduled = true;
      scheduler.schedule(flush, flushDelay);
    }
  }

  /** The current state: finishes the open burst, if any. */
  function current(): ChatState {
    if (draft) {
      const d = draft;
      draft = undefined;
      applied = [];
      drafts.clear();
      sealOwned(owned);
      state = freezeNew(immer.finishDraft(d) as ChatState, burstBase);
    }
    return state;
  }

  function flush(): void {
    flushScheduled = false;
    current();
    if (notified === state) return;
    const prev = notified;
    notified = state;
    const cids = everything ? [...keyed.keys()] : [...touched];
    touched.clear();
    everything = false;
    for (const l of [...listeners]) l(state);
    for (const cid of cids) {
      const subs = keyed.get(cid);
      if (!subs) continue;
      if (tableGet(prev.channels, cid) === tableGet(state.channels, cid)) continue;
      for (const l of [...subs]) l(state);
    }
  }

  function subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  const state$ = new Observable<ChatState>((subscriber) => {
    let last = current();
    subscriber.next(last);
    return subscribe((s) => {
      if (s === last) return;
      last = s;
      subscriber.next(s);
    });
  });

  function channel$(cid: string): Observable<ChannelEntry | undefined> {
    return new Observable<ChannelEntry | undefined>((subscriber) => {
      let last = tableGet(current().channels, cid);
      subscriber.next(last);
      const listener: Listener = (s) => {
        const entry = tableGet(s.channels, cid);
        if (entry === last) return;
        last = entry;
        subscriber.next(entry);
      };
      let subs = keyed.get(cid);
      if (!subs) keyed.set(cid, (subs = new Set()));
      subs.add(listener);
      return () => {
        subs.delete(listener);
        if (subs.size === 0) keyed.delete(cid);
      };
    });
  }

  return {
    getState: current,
    dispatch: (action) => apply([action]),
    dispatchMany: (actions) => {
      if (actions.length > 0) apply(actions);
    },
    flush,
    state$,
    subscribe,
    select: (selector, equals = Object.is) => state$.pipe(map(selector), distinctUntilChanged(equals)),
    channel$,
  };
}
