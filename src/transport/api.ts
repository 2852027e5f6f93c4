// The typed API: one method per operation of both seeds (issue 23), built from the table
// that scripts/genApi.mjs generates (src/models/generated/operations.ts) by one generic
// caller, which is far smaller than a function per operation. The method types are in
// src/models/generated/api.ts.
//
// A call: path parameters, then the request (query and body parameters together), then
// options. Every parameter is checked against its seed type first (requestParams.ts); a
// wrong one rejects with ChatError code 4 and nothing is sent. The request then goes
// through the HTTP client (auth, connection_id, retries of idempotent calls, code-40
// refresh, ChatError with the operation as `endpoint`), and the answer is decoded as the
// operation's response model (timestamps to epoch ms).
import { decodeModel } from '../models/decode.ts';
import type { CallOptions, UploadOptions } from '../models/callOptions.ts';
import type { ChatApi, OperationName } from '../models/generated/api.ts';
import { operations, type OperationSpec } from '../models/generated/operations.ts';
import type { ModelName } from '../models/generated/types.ts';
import type { HttpClient, HttpMethod, HttpRequest } from './http.ts';
import { checkParams, encodeValue, inputError, isRecord, queryValue } from './requestParams.ts';

export type { ChatApi, OperationName } from '../models/generated/api.ts';
export type { CallOptions, UploadOptions } from '../models/callOptions.ts';

/** What a call was, for a hook that acts on its answer (the store mapping of src/client). */
export interface ApiCall {
  operation: OperationName;
  /** Path parameters by name. */
  path: Readonly<Record<string, string>>;
  /** The request as the caller passed it (epoch-ms timestamps), or `{}`. */
  request: Readonly<Record<string, unknown>>;
}

export interface ChatApiOptions {
  /** Called with each decoded answer before the call resolves. */
  onResponse?: (call: ApiCall, response: unknown) => void;
}

function lowerCamel(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

const HOLE = /\{([a-z_]+)\}/g;

function holes(path: string): string[] {
  return [...path.matchAll(HOLE)].map((m) => m[1]!);
}

/** The value at a dotted path of the request (`message.id`). */
function at(request: Readonly<Record<string, unknown>>, path: string): unknown {
  let v: unknown = request;
  for (const key of path.split('.')) v = isRecord(v) ? v[key] : undefined;
  return v;
}

function fileName(file: Blob, options: UploadOptions): string {
  if (options.name !== undefined) return options.name;
  const own = (file as Partial<File>).name;
  return typeof own === 'string' && own !== '' ? own : 'file';
}

/** Build the HTTP request of one call (throws ChatError code 4 on a bad parameter). */
export function buildRequest(operation: string, spec: OperationSpec, args: readonly unknown[]): { req: HttpRequest<unknown>; call: ApiCall } {
  const names = holes(spec.p);
  const path: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) {
    const v = args[i];
    if (typeof v !== 'string' || v === '') throw inputError(operation, `${names[i]} must be a non-empty string, got ${v === '' ? 'an empty string' : typeof v}`);
    path[names[i]!] = v;
  }
  const hasRequest = spec.q !== undefined || spec.b !== undefined;
  const rawRequest = hasRequest ? args[names.length] : undefined;
  const options = (args[names.length + (hasRequest ? 1 : 0)] ?? {}) as CallOptions & UploadOptions;
  if (rawRequest !== undefined && rawRequest !== null && !isRecord(rawRequest)) throw inputError(operation, `the request must be an object, got ${Array.isArray(rawRequest) ? 'an array' : typeof rawRequest}`);
  const request: Readonly<Record<string, unknown>> = (rawRequest as Record<string, unknown> | undefined) ?? {};
  checkParams(operation, spec.q, request);
  checkParams(operation, spec.b, request);

  const query: Record<string, string | number | boolean> = {};
  const body: Record<string, unknown> = {};
  for (const key in request) {
    const value = request[key];
    if (value === undefined) continue;
    const q = spec.q?.[key];
    if (q !== undefined) {
      if (value !== null) query[key] = queryValue(q, value);
      continue;
    }
    const b = spec.b?.[key];
    // A field the seeds do not list goes in the body as given (custom fields, fields the
    // service added later); an operation without a body has nowhere to put it.
    if (b === undefined && (spec.m === 'GET' || spec.m === 'DELETE')) throw inputError(operation, `${key} is not a parameter of ${operation}`);
    body[key] = b === undefined ? value : encodeValue(b, value);
  }

  const req: HttpRequest<unknown> = {
    endpoint: operation,
    method: spec.m as HttpMethod,
    path: spec.p.replace(HOLE, (_, name: string) => encodeURIComponent(path[name]!)),
    query,
    decode: (json) => decodeModel(spec.r as ModelName, json, { freeze: true, inPlace: true }),
  };
  if (options.signal) req.signal = options.signal;
  const flags = spec.f ?? '';
  if (flags === 'u') {
    // Multipart: the file with its name, the other fields as text (objects as JSON).
    // Uploads are writes without a client id (never retried silently) and have no default
    // timeout: a large file on a slow link is not a failure; the caller's signal cancels.
    const form = new FormData();
    for (const [key, value] of Object.entries(body)) {
      if (value instanceof Blob) form.append(key, value, fileName(value, options));
      else form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    req.form = form;
    req.timeoutMs = false;
    if (options.onProgress) req.onUploadProgress = options.onProgress;
  } else if (spec.m !== 'GET' && spec.m !== 'DELETE') {
    req.body = body;
  }
  if (flags === 'i') req.idempotent = true;
  else if (flags.startsWith('k:')) {
    const key = at(request, flags.slice(2));
    req.idempotent = typeof key === 'string' && key !== '';
  }
  return { req, call: { operation: operation as OperationName, path, request } };
}

/**
 * Build the typed API over an HttpClient.
 * @example
 * const api = createChatApi(http);
 * const { channels } = await api.queryChannels({ filter_conditions: { members: { $in: ['alice'] } }, watch: true });
 * const { users } = await api.queryUsers({ payload: { filter_conditions: { id: { $in: ['bob'] } } } });
 */
export function createChatApi(http: HttpClient, apiOptions: ChatApiOptions = {}): ChatApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [operation, spec] of Object.entries(operations)) {
    api[lowerCamel(operation)] = async (...args) => {
      const { req, call } = buildRequest(operation, spec, args);
      const response = await http.request(req);
      apiOptions.onResponse?.(call, response);
      return response;
    };
  }
  return api as unknown as ChatApi;
}
