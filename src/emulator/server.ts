// The HTTP side: CORS for browser apps on other ports, the REST routes with authentication
// (PROTOCOL.md sections 1-3), the test faults, uploaded files and an optional static folder.
// Every failure becomes the seed's error shape; nothing a client sends can crash the server.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import type { Backend } from './backend.ts';
import { hold, type Faults } from './controls.ts';
import { ApiError, ErrorCode, formatDuration, inputError } from './errors.ts';
import { isObject, type Body } from './input.ts';
import { headLimitError, MAX_BODY_BYTES } from './limits.ts';
import { giphyImage, giphyPathId } from './giphyImages.ts';
import { isGiphyId } from './handlers/messageActions.ts';
import { officialClientPath } from './officialPaths.ts';
import { checkParams } from './paramCheck.ts';
import type { RequestContext, Router } from './router.ts';
import type { UserRecord } from './state.ts';
import { verifyUserToken } from './token.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServerDeps {
  backend: Backend;
  router: Router;
  faults: Faults;
  staticDir: string | undefined;
  baseUrl: () => string;
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  const requested = req.headers['access-control-request-headers'];
  res.setHeader(
    'Access-Control-Allow-Headers',
    typeof requested === 'string' && requested !== ''
      ? requested
      : 'Authorization, Content-Type, stream-auth-type, x-stream-client, x-client-request-id',
  );
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining');
  res.setHeader('Access-Control-Max-Age', '600');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError, started: number): void {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
  // The rest of an oversized body is read and dropped, then the connection ends.
  if (error.status === 413) headers['Connection'] = 'close';
  sendJson(res, error.status, error.toBody(formatDuration(performance.now() - started)), headers);
}

/**
 * The request body, or a 413 error past MAX_BODY_BYTES (declared or counted). An oversized
 * body is not cut off by destroying the socket, which a client sees as a connection reset
 * before it can read the answer: it keeps flowing and is dropped while the 413 goes out.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const refuse = (): void => {
      over = true;
      chunks.length = 0;
      reject(new ApiError(ErrorCode.inputError, `request body is larger than ${MAX_BODY_BYTES} bytes`, 413));
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) refuse();
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) refuse();
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJsonBody(text: string, what: string): Body {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw inputError(`${what} is not valid JSON`);
  }
  if (!isObject(parsed)) throw inputError(`${what} must be a JSON object`);
  return parsed;
}

/** The caller of an anonymous route: no user, nothing stored. */
function anonymousUser(): UserRecord {
  return { id: '', role: 'anonymous', custom: {}, language: '', teams: [], invisible: false, banned: false, created_at: 0, updated_at: 0 };
}

async function handleApi(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL, pathname: string, started: number): Promise<void> {
  const { backend: b, router, faults } = deps;
  const method = req.method ?? 'GET';
  const found = router.match(method, pathname);
  if (!found) throw new ApiError(ErrorCode.inputError, `no endpoint ${method} ${url.pathname}`, 404);
  if ('allowed' in found) throw new ApiError(ErrorCode.inputError, `method ${method} not allowed on ${url.pathname}`, 405);
  const { route, params } = found;

  if (url.searchParams.get('api_key') !== b.apiKey) throw new ApiError(ErrorCode.apiKeyNotFound, 'API key not found', 401);
  const header = req.headers.authorization ?? '';
  const anonymous = route.anonymous === true && header.trim() === '';
  const userId = anonymous ? '' : await verifyUserToken(b.secret, header.replace(/^Bearer\s+/i, '').trim());

  const rawBody = await readBody(req);
  const contentType = String(req.headers['content-type'] ?? '');
  let body: Body = {};
  if (!route.raw) {
    const payload = url.searchParams.get('payload');
    body = payload !== null ? parseJsonBody(payload, 'the "payload" query parameter') : parseJsonBody(rawBody.toString('utf8'), 'the request body');
  }
  checkParams(route.operation, url.searchParams, body, route.raw === true);

  // Faults come after authentication, so a test that fails an operation still sees auth errors first.
  const failure = faults.takeFailure(route.operation);
  if (failure) {
    throw new ApiError(failure.code, failure.message ?? `injected failure of ${route.operation}`, failure.status, failure.retryAfterSeconds);
  }
  const delay = faults.takeDelay(route.operation, rawBody);
  if (delay?.phase === 'request') await hold(delay);

  const user = anonymous ? anonymousUser() : (b.state.users.get(userId) ?? b.upsertUser(userId));
  const connectionId = url.searchParams.get('connection_id');
  const conn = connectionId ? b.hub.get(connectionId) : undefined;
  const ctx: RequestContext = {
    userId,
    user,
    params,
    query: url.searchParams,
    body,
    rawBody,
    contentType,
    connection: conn?.userId === userId ? conn : undefined,
    baseUrl: deps.baseUrl(),
  };
  const result = await route.handler(b, ctx);
  if (delay?.phase === 'response') await hold(delay);
  sendJson(res, 200, { ...result, duration: formatDuration(performance.now() - started) });
}

async function serveFile(res: ServerResponse, path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    const file = info.isDirectory() ? join(path, 'index.html') : path;
    const data = await readFile(file);
    res.writeHead(200, { 'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': data.length });
    res.end(data);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Serve the static folder: its files; a sub-folder named without its slash (`/vue`,
 * `/vue?user=carol`) redirects to the folder (`/vue/?user=carol`), so the app in it loads
 * and its relative asset paths resolve inside it; an unknown path gets the index.html of the
 * nearest app folder above it (single-page apps route on the client), so `/vue/any/route`
 * opens the Vue app, not the one at the root.
 */
async function serveStatic(res: ServerResponse, root: string, url: URL): Promise<boolean> {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw inputError('malformed URL path');
  }
  const target = resolve(join(root, normalize(path)));
  if (target !== root && !target.startsWith(root + sep)) return false;
  if (!url.pathname.endsWith('/') && (await isDirectory(target))) {
    res.writeHead(301, { Location: `${url.pathname}/${url.search}`, 'Content-Length': 0 });
    res.end();
    return true;
  }
  if (await serveFile(res, target)) return true;
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    if (await serveFile(res, join(dir, 'index.html'))) return true;
    if (dir === root || !dir.startsWith(root)) return false;
  }
}

async function handleOther(deps: ServerDeps, res: ServerResponse, url: URL): Promise<void> {
  const upload = /^\/uploads\/([^/]+)\//.exec(url.pathname);
  if (upload) {
    const file = deps.backend.state.files.get(upload[1] ?? '');
    if (!file) throw new ApiError(ErrorCode.doesNotExist, 'file not found', 404);
    const data = Buffer.from(file.data, 'base64');
    res.writeHead(200, { 'Content-Type': file.mimeType, 'Content-Length': data.length });
    res.end(data);
    return;
  }
  const giphy = giphyPathId(url.pathname);
  if (giphy !== undefined) {
    if (!isGiphyId(giphy)) throw new ApiError(ErrorCode.doesNotExist, 'no such giphy image', 404);
    const data = giphyImage(giphy);
    res.writeHead(200, { 'Content-Type': 'image/gif', 'Content-Length': data.length, 'Cache-Control': 'max-age=86400' });
    res.end(data);
    return;
  }
  if (deps.staticDir && (await serveStatic(res, resolve(deps.staticDir), url))) return;
  if (url.pathname === '/') {
    sendJson(res, 200, { name: 'chatstore-emulator', api_key: deps.backend.apiKey, ws: '/connect' });
    return;
  }
  throw new ApiError(ErrorCode.doesNotExist, `not found: ${url.pathname}`, 404);
}

/** The request listener for node:http. */
export function createRequestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    setCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    const tooLarge = headLimitError(req);
    if (tooLarge) {
      res.setHeader('Connection', 'close');
      sendError(res, tooLarge, started);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      sendError(res, inputError('malformed URL'), started);
      return;
    }
    const apiPath = url.pathname.startsWith('/api/') ? url.pathname : officialClientPath(deps.router, req.method ?? 'GET', url.pathname);
    const work = apiPath !== undefined ? handleApi(deps, req, res, url, apiPath, started) : handleOther(deps, res, url);
    work.catch((e: unknown) => {
      if (e instanceof ApiError) {
        sendError(res, e, started);
        return;
      }
      // A bug in a handler must not take the server down; report it in the error shape.
      console.error('[chatstore-emulator] internal error', e);
      sendError(res, new ApiError(ErrorCode.internal, `internal error: ${String(e)}`, 500), started);
    });
  };
}
