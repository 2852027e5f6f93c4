// The official JavaScript client's paths (PROTOCOL.md section 9). `stream-chat` calls the
// service in its older layout, the seeds' paths without their prefix: `{base}/channels`,
// `{base}/channels/{type}/{id}/message`, `{base}/messages/{id}/reaction`, `{base}/users`,
// `{base}/polls`, ... (Chat API operations lose `/api/v2/chat`, Common API ones `/api/v2`).
// Each such path is mapped onto the seeds' path of the same operation, so both layouts reach
// the same handler, and a route added to the table is served in both layouts at once.
import type { Router } from './router.ts';

const PREFIXES = ['/api/v2/chat', '/api/v2'] as const;

/**
 * Paths of stream-chat that differ from the seeds' by more than the prefix, as
 * [method, pattern, seed path template] (`$1`... are the pattern's groups).
 */
const RENAMED: ReadonlyArray<readonly [string, RegExp, string]> = [];

/**
 * The seeds' path that serves `method pathname` in the official client's layout, or
 * undefined when the path is not an API path of that client (static files, uploads).
 */
export function officialClientPath(router: Router, method: string, pathname: string): string | undefined {
  if (pathname.startsWith('/api/')) return undefined;
  for (const [m, pattern, template] of RENAMED) {
    if (m !== method) continue;
    const found = pattern.exec(pathname);
    if (found) return template.replace(/\$(\d)/g, (_, i: string) => found[Number(i)] ?? '');
  }
  // A path the table knows under another method still goes to the API, which answers 405.
  let known: string | undefined;
  for (const prefix of PREFIXES) {
    const candidate = `${prefix}${pathname}`;
    const match = router.match(method, candidate);
    if (match && 'route' in match) return candidate;
    if (match) known ??= candidate;
  }
  return known;
}
