// Live locations: client.updateLiveLocation moves (or ends) a location shared by an own
// message; client.liveLocations$ lists the own active ones (GetUserLiveLocations on first
// subscribe, then events and answers). Each ends at its `end_at` on the client's injected
// scheduler: this handle keeps one timer per location and dispatches `location/ended`; the
// store holds no timers.
import { defer, distinctUntilChanged, map, type Observable, type Subscription } from 'rxjs';
import type { SharedLocationResponse } from '../models/generated/types.ts';
import type { LiveLocation } from '../store/personalState.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import type { ClientContext } from './clientContext.ts';

export interface LiveLocationInput {
  message_id: string;
  latitude: number;
  longitude: number;
  /** When sharing ends (epoch ms or a Date); a time not after now ends it at once. */
  end_at?: number | Date;
}

export interface LiveLocationsApi {
  /**
   * Move the live location of an own message, or end it (`end_at`). Resolves with the
   * location as held, or null when it is no longer active.
   */
  updateLiveLocation(input: LiveLocationInput): Promise<LiveLocation | null>;
  /** The own active live locations, oldest first; loads on first subscribe. */
  readonly liveLocations$: Observable<readonly LiveLocation[]>;
}

function bad(message: string): ChatError {
  return new ChatError({ message: `UpdateLiveLocation: ${message}`, code: ChatErrorCode.InputError, status: 0, endpoint: 'UpdateLiveLocation', retryable: false });
}

function checkInput(input: unknown): { message_id: string; latitude: number; longitude: number; end_at?: number } {
  if (typeof input !== 'object' || input === null) throw bad('the update must be an object');
  const i = input as Record<string, unknown>;
  if (typeof i['message_id'] !== 'string' || i['message_id'] === '') throw bad('"message_id" must be a non-empty string');
  const coord = (key: string, limit: number): number => {
    const v = i[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > limit) throw bad(`"${key}" must be a number between -${limit} and ${limit}`);
    return v;
  };
  const out: { message_id: string; latitude: number; longitude: number; end_at?: number } = {
    message_id: i['message_id'],
    latitude: coord('latitude', 90),
    longitude: coord('longitude', 180),
  };
  if (i['end_at'] !== undefined) {
    const end = i['end_at'] instanceof Date ? i['end_at'].getTime() : i['end_at'];
    if (typeof end !== 'number' || !Number.isFinite(end)) throw bad('"end_at" must be epoch milliseconds or a Date');
    out.end_at = end;
  }
  return out;
}

const NONE: readonly LiveLocation[] = Object.freeze([]);

export function createLiveLocationsApi(ctx: ClientContext): LiveLocationsApi {
  let loading: Promise<void> | undefined;
  const timers = new Map<string, { endAt: number; sub: Subscription }>();

  // One timer per active location, at its end_at; kept in step with the store.
  ctx.store.select((s) => s.liveLocations.byMessage).subscribe((byMessage) => {
    for (const [id, t] of timers) {
      if (byMessage[id]?.end_at !== t.endAt) {
        t.sub.unsubscribe();
        timers.delete(id);
      }
    }
    for (const [id, l] of Object.entries(byMessage)) {
      if (l.end_at === undefined || timers.has(id)) continue;
      const endAt = l.end_at;
      const now = ctx.scheduler.now();
      // Heard of only after its end (notifications come a frame after the change, and a
      // clock may move meanwhile): it ends now, not on a zero-delay timer that a paused or
      // virtual clock would never run.
      if (endAt <= now) {
        ctx.store.dispatch({ type: 'location/ended', messageId: id, at: now });
        continue;
      }
      const sub = ctx.scheduler.schedule(() => {
        timers.delete(id);
        ctx.store.dispatch({ type: 'location/ended', messageId: id, at: Math.max(ctx.scheduler.now(), endAt) });
      }, endAt - now);
      timers.set(id, { endAt, sub });
    }
  });

  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const res = await ctx.api('GetUserLiveLocations').getUserLiveLocations({});
        ctx.store.dispatch({ type: 'locations/loaded', locations: res.active_live_locations });
      } catch (e) {
        throw ctx.report(e, 'GetUserLiveLocations');
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  }

  function connected(): boolean {
    try {
      ctx.api('GetUserLiveLocations');
      return true;
    } catch {
      return false;
    }
  }

  const list$ = ctx.store.select((s) => s.liveLocations.byMessage).pipe(
    map((byMessage) => {
      const out = Object.values(byMessage);
      if (out.length === 0) return NONE;
      return Object.freeze(out.sort((a, b) => a.created_at - b.created_at || (a.message_id < b.message_id ? -1 : 1)));
    }),
    distinctUntilChanged(),
  );

  return {
    liveLocations$: defer(() => {
      if (!ctx.store.getState().liveLocations.loaded && !loading && connected()) load().catch(() => undefined);
      return list$;
    }),

    async updateLiveLocation(input) {
      let body: ReturnType<typeof checkInput>;
      let api;
      try {
        body = checkInput(input);
        api = ctx.api('UpdateLiveLocation');
      } catch (e) {
        throw ctx.report(e, 'UpdateLiveLocation');
      }
      let res: SharedLocationResponse;
      try {
        res = await api.updateLiveLocation(body);
      } catch (e) {
        throw ctx.report(e, 'UpdateLiveLocation');
      }
      const actions: Parameters<typeof ctx.store.dispatchMany>[0][number][] = [{ type: 'location/updated', location: res }];
      if (res.message?.cid) actions.push({ type: 'message/refreshed', cid: res.message.cid, message: res.message });
      ctx.store.dispatchMany(actions);
      return ctx.store.getState().liveLocations.byMessage[body.message_id] ?? null;
    },
  };
}
