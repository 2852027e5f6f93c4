// The URL holds who is signed in, the open channel and the open thread
// (`?user=alice&channel=messaging:general&thread=<message id>`), so a reload, a bookmark or
// the back button return to the same place.

export interface Route {
  channel?: string | undefined;
  thread?: string | undefined;
}

export function readRoute(): Route {
  const q = new URLSearchParams(location.search);
  return { channel: q.get('channel') ?? undefined, thread: (q.get('channel') && q.get('thread')) || undefined };
}

/** Record a place: a new history entry when the channel changes, else replace the current one. */
export function writeRoute(next: Route): void {
  const q = new URLSearchParams(location.search);
  const before = q.get('channel') ?? undefined;
  for (const [key, value] of [['channel', next.channel], ['thread', next.thread]] as const) {
    if (value) q.set(key, value);
    else q.delete(key);
  }
  const url = `${location.pathname}?${q.toString()}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (before !== next.channel) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Call `listener` with the place when the user goes back or forward. */
export function onRouteChange(listener: (route: Route) => void): () => void {
  const handler = () => listener(readRoute());
  window.addEventListener('popstate', handler);
  return () => window.removeEventListener('popstate', handler);
}
