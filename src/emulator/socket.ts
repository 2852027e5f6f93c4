// The WebSocket endpoint (PROTOCOL.md section 5): authenticate from the query string, create
// or update the user, register the connection, and answer with the first frame, a
// health.check carrying connection_id and `me`. An authentication failure is a first frame
// with `error` (the REST error shape) followed by a close, code 1000 because retrying the
// same credentials cannot succeed.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Backend } from './backend.ts';
import { emitChannelEvent, emitUserEvent } from './broadcast.ts';
import { formatTime } from './clock.ts';
import { ApiError, ErrorCode, formatDuration, inputError } from './errors.ts';
import type { Connection } from './hub.ts';
import { isObject } from './input.ts';
import { verifyUserToken } from './token.ts';
import { channelEventBase, ownUserResponse, userById } from './views.ts';

function sendError(ws: WebSocket, error: ApiError): void {
  ws.send(JSON.stringify({ type: 'connection.error', created_at: formatTime(Date.now() * 1000), error: error.toBody(formatDuration(0)) }));
  ws.close(1000, error.message.slice(0, 100));
}

async function authenticate(b: Backend, req: IncomingMessage): Promise<{ userId: string; details: Record<string, unknown> | undefined }> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.searchParams.get('api_key') !== b.apiKey) {
    throw new ApiError(ErrorCode.apiKeyNotFound, 'API key not found', 401);
  }
  const token = (url.searchParams.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  const userId = await verifyUserToken(b.secret, token);
  let payload: unknown;
  try {
    payload = JSON.parse(url.searchParams.get('json') ?? '');
  } catch {
    throw inputError('the "json" query parameter must be JSON');
  }
  if (!isObject(payload)) throw inputError('the "json" query parameter must be a JSON object');
  const claimed = payload['user_id'];
  const details = isObject(payload['user_details']) ? payload['user_details'] : undefined;
  // The token decides who connects; a payload naming someone else is refused, never followed.
  if (claimed !== userId || (details && details['id'] !== undefined && details['id'] !== userId)) {
    throw new ApiError(ErrorCode.tokenSignatureInvalid, `token is for user "${userId}", not for the user in the connect payload`, 401);
  }
  return { userId, details };
}

/** Serve one upgraded socket until it closes. */
export function handleSocket(b: Backend, ws: WebSocket, req: IncomingMessage): void {
  let conn: Connection | undefined;
  let closed = false;
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    closed = true;
    if (conn) disconnect(b, conn);
  });
  ws.on('message', (data) => {
    if (!conn) return;
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return;
    }
    // The official client sends its health check wrapped in an array; accept both forms.
    const frames = Array.isArray(frame) ? frame : [frame];
    for (const f of frames) {
      if (isObject(f) && f['type'] === 'health.check') {
        b.hub.send(conn, { type: 'health.check', connection_id: conn.id, cid: '*', created_at: formatTime(b.now()) });
      }
    }
  });
  authenticate(b, req).then(
    ({ userId, details }) => {
      if (closed) return;
      const wasOnline = b.hub.isOnline(userId);
      const user = b.upsertUser(userId, details);
      user.last_active = b.now();
      conn = { id: `${userId}--${randomUUID()}`, userId, socket: ws, watching: new Set() };
      b.hub.add(conn);
      b.hub.send(conn, { type: 'health.check', connection_id: conn.id, cid: '*', me: ownUserResponse(b, userId), created_at: formatTime(b.now()) });
      if (!wasOnline) presenceChanged(b, userId);
    },
    (e: unknown) => {
      if (closed) return;
      sendError(ws, e instanceof ApiError ? e : new ApiError(ErrorCode.internal, String(e)));
    },
  );
}

function presenceChanged(b: Backend, userId: string): void {
  emitUserEvent(b, userId, () => ({ type: 'user.presence.changed', user: userById(b, userId), created_at: formatTime(b.now()) }));
}

function disconnect(b: Backend, conn: Connection): void {
  const watched = b.hub.remove(conn);
  for (const cid of watched) {
    const channel = b.state.channels.get(cid);
    if (!channel || b.hub.isUserWatching(conn.userId, cid)) continue;
    const now = b.now();
    emitChannelEvent(b, channel, () => ({
      ...channelEventBase(channel, 'user.watching.stop', now),
      user: userById(b, conn.userId),
      watcher_count: b.hub.watcherUserIds(cid).length,
    }));
  }
  if (!b.hub.isOnline(conn.userId)) {
    const user = b.state.users.get(conn.userId);
    if (user) user.last_active = b.now();
    presenceChanged(b, conn.userId);
  }
}
