// Size limits of requests, answered with an HTTP status and the error body of PROTOCOL.md
// section 3, never with a connection reset: a client (and its developer) must learn why a
// request failed. Node's own limit on the request head (16 KiB by default) is kept as the
// emulator's limit for the URL and for the headers, checked in the request listener so each
// gets its own status (414, 431); Node's parser is given more room so that it reaches the
// listener. Heads beyond even that room reach the 'clientError' event, where the parser cannot
// say which part overflowed; they get 431, the status for a head that is too large.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, ErrorCode, formatDuration } from './errors.ts';

/** Largest request body accepted (uploads included). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** Largest request line (method, URL and version), Node's default head limit. */
export const MAX_URL_BYTES = 16 * 1024;
/** Largest block of header fields, Node's default head limit. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** What Node's parser accepts before it gives up (the `maxHeaderSize` server option). */
export const PARSER_HEAD_BYTES = 1024 * 1024;

/** The error for a request whose URL or headers are over the limits, if any. */
export function headLimitError(req: IncomingMessage): ApiError | undefined {
  const url = req.url ?? '';
  if (Buffer.byteLength(url) > MAX_URL_BYTES) {
    return new ApiError(ErrorCode.inputError, `the request URL is longer than ${MAX_URL_BYTES} bytes`, 414);
  }
  let size = 0;
  for (const part of req.rawHeaders) size += Buffer.byteLength(part) + 2;
  if (size > MAX_HEADER_BYTES) {
    return new ApiError(ErrorCode.inputError, `the request headers are larger than ${MAX_HEADER_BYTES} bytes`, 431);
  }
  return undefined;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * The 'clientError' listener: a request Node's parser refused still gets a status and the
 * error body; only a connection that is already gone is dropped.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? `the request head is larger than ${PARSER_HEAD_BYTES} bytes`
      : status === 408
        ? 'the request took too long to arrive'
        : `malformed HTTP request (${err.code ?? 'parse error'})`;
  const body = JSON.stringify(new ApiError(ErrorCode.inputError, message, status).toBody(formatDuration(0)));
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Access-Control-Allow-Origin: *\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}
