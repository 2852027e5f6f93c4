// Route matching: each route is a seed operation (name, method, path template). The
// operation name is what the test controls key faults on.
import type { Backend } from './backend.ts';
import type { Connection } from './hub.ts';
import type { Body } from './input.ts';
import type { UserRecord } from './state.ts';
import type { Json } from './views.ts';

export interface RequestContext {
  userId: string;
  user: UserRecord;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (or the `payload` query parameter of GET queries); {} when absent. */
  body: Body;
  rawBody: Buffer;
  contentType: string;
  /** The caller's socket, when the request names a `connection_id` of the same user. */
  connection: Connection | undefined;
  /** http://127.0.0.1:<port>, for URLs the emulator hands out (uploads). */
  baseUrl: string;
}

export type Handler = (b: Backend, ctx: RequestContext) => Json | Promise<Json>;

export interface Route {
  operation: string;
  method: string;
  path: string;
  handler: Handler;
  /** Read the body as raw bytes (multipart uploads) instead of JSON. */
  raw?: boolean;
  /** May be called without a user token (`stream-auth-type: anonymous`): CreateGuest. */
  anonymous?: boolean;
}

interface Compiled {
  route: Route;
  segments: string[];
}

/** Matches method + path against the route table, literal routes winning over parameters. */
export class Router {
  readonly #routes: Compiled[];

  constructor(routes: readonly Route[]) {
    const score = (r: Compiled): number => r.segments.filter((s) => s.startsWith(':')).length;
    this.#routes = routes.map((route) => ({ route, segments: route.path.split('/').filter(Boolean) })).sort((a, b) => score(a) - score(b));
  }

  match(method: string, pathname: string): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
    const parts = pathname.split('/').filter(Boolean);
    const allowed: string[] = [];
    for (const { route, segments } of this.#routes) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const seg = segments[i] ?? '';
        const part = parts[i] ?? '';
        if (seg.startsWith(':')) {
          try {
            params[seg.slice(1)] = decodeURIComponent(part);
          } catch {
            ok = false;
          }
        } else ok = seg === part;
      }
      if (!ok) continue;
      if (route.method === method) return { route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { allowed } : undefined;
  }
}
