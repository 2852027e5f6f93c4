import { describe, expect, it } from 'vitest';
import {
  ChatError,
  ChatErrorCode,
  chatErrorFromBody,
  isChatError,
  parseRetryAfter,
} from '../../src/transport/chatError.ts';

const body = (code: number, StatusCode: number, message = `failure ${code}`) => ({
  code,
  message,
  StatusCode,
  duration: '0.10ms',
  more_info: 'https://example.test/errors',
});

describe('chatErrorFromBody', () => {
  it.each([
    [4, 400, false],
    [5, 403, false],
    [16, 404, false],
    [17, 403, false],
    [43, 401, false],
    [40, 401, true],
    [9, 429, true],
  ])('maps server code %i (HTTP %i) with retryable=%s', (code, status, retryable) => {
    const e = chatErrorFromBody('SendMessage', status, body(code, status));
    expect(e).toBeInstanceOf(ChatError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ChatError');
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
    expect(e.endpoint).toBe('SendMessage');
    expect(e.message).toBe(`failure ${code}`);
    expect(e.moreInfo).toBe('https://example.test/errors');
    expect(e.retryable).toBe(retryable);
  });

  it('marks 5xx retryable whatever the code', () => {
    expect(chatErrorFromBody('GetMessage', 503, body(-1, 503)).retryable).toBe(true);
    expect(chatErrorFromBody('GetMessage', 500, undefined).retryable).toBe(true);
  });

  it('keeps the HTTP status and uses code -1 when the body is not an error body', () => {
    const e = chatErrorFromBody('QueryChannels', 502, '<html>bad gateway</html>');
    expect(e.code).toBe(ChatErrorCode.Client);
    expect(e.status).toBe(502);
    expect(e.message).toContain('QueryChannels');
  });

  it('takes the status from StatusCode when there is no HTTP status (socket error frames)', () => {
    const e = chatErrorFromBody('connect', 0, body(43, 401));
    expect(e.status).toBe(401);
    expect(e.retryable).toBe(false);
  });

  it('carries Retry-After', () => {
    expect(chatErrorFromBody('QueryChannels', 429, body(9, 429), 3000).retryAfterMs).toBe(3000);
  });
});

describe('ChatError', () => {
  it('keeps its cause and copies with changes', () => {
    const cause = new Error('root');
    const e = new ChatError({ message: 'x', code: 40, status: 401, endpoint: 'A', retryable: true, cause });
    expect(e.cause).toBe(cause);
    const f = e.with({ retryable: false, endpoint: 'B' });
    expect(f).not.toBe(e);
    expect(f.retryable).toBe(false);
    expect(f.endpoint).toBe('B');
    expect(f.cause).toBe(cause);
    expect(f.code).toBe(40);
    expect(isChatError(f)).toBe(true);
    expect(isChatError(new Error('x'))).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter('0.5', 0)).toBe(500);
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:07 GMT', now)).toBe(7000);
  });

  it('ignores absent or unreadable values and never goes negative', () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter('-4', 0)).toBe(0);
  });
});
