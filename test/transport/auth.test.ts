import { describe, expect, it, vi } from 'vitest';
import { createTokenManager, readTokenClaims } from '../../src/transport/auth.ts';
import { ChatError } from '../../src/transport/chatError.ts';
import { settle, VirtualClock } from './helpers/virtualClock.ts';
import { signToken } from './helpers/tokens.ts';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const sec = (ms: number) => Math.floor(ms / 1000);

describe('readTokenClaims', () => {
  it('decodes user_id, exp and iat without verifying', async () => {
    const token = await signToken('alice', { iat: sec(T0), exp: sec(T0) + 3600 });
    expect(readTokenClaims(token)).toEqual({ userId: 'alice', expiresAtMs: T0 + 3_600_000, issuedAtMs: T0 });
    expect(readTokenClaims('not-a-jwt')).toBeUndefined();
  });
});

describe('createTokenManager with a static token', () => {
  it('returns the token and cannot refresh it (code 40)', async () => {
    const token = await signToken('alice');
    const tokens = createTokenManager({ userId: 'alice', token });
    expect(tokens.canRefresh).toBe(false);
    await expect(tokens.getToken()).resolves.toBe(token);
    const error = await tokens.refresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 40, retryable: false });
  });

  it('rejects a token for another user instead of switching user', async () => {
    const tokens = createTokenManager({ userId: 'alice', token: await signToken('mallory') });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 43, retryable: false });
    expect((error as Error).message).toContain('mallory');
  });

  it('rejects a token without user_id and text that is not a JWT', async () => {
    const noUser = createTokenManager({ userId: 'alice', token: await signToken(undefined) });
    await expect(noUser.getToken()).rejects.toMatchObject({ code: 43 });
    const garbage = createTokenManager({ userId: 'alice', token: 'garbage' });
    await expect(garbage.getToken()).rejects.toMatchObject({ code: 43 });
  });
});

describe('createTokenManager with a provider', () => {
  it('loads lazily and shares one provider call between concurrent callers', async () => {
    const token = await signToken('alice');
    let resolveProvider!: (t: string) => void;
    const provider = vi.fn(() => new Promise<string>((r) => (resolveProvider = r)));
    const tokens = createTokenManager({ userId: 'alice', token: provider });
    expect(provider).not.toHaveBeenCalled();
    const calls = [tokens.getToken(), tokens.getToken(), tokens.refresh()];
    resolveProvider(token);
    await expect(Promise.all(calls)).resolves.toEqual([token, token, token]);
    expect(provider).toHaveBeenCalledTimes(1);
    await expect(tokens.getToken()).resolves.toBe(token);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('refreshes once the token is within the margin of exp, on the injected clock', async () => {
    const clock = new VirtualClock(T0);
    const first = await signToken('alice', { iat: sec(T0), exp: sec(T0) + 3600 });
    const second = await signToken('alice', { iat: sec(T0) + 3540, exp: sec(T0) + 7200 });
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    const tokens = createTokenManager({ userId: 'alice', token: provider, scheduler: clock.scheduler, refreshMarginMs: 60_000 });

    await expect(tokens.getToken()).resolves.toBe(first);
    await clock.advance(3_540_000 - 1); // one millisecond before exp - 60 s
    await expect(tokens.getToken()).resolves.toBe(first);
    expect(provider).toHaveBeenCalledTimes(1);
    await clock.advance(1); // exactly exp - 60 s
    await expect(tokens.getToken()).resolves.toBe(second);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('caps the margin at half the lifetime, so a short-lived token is not refreshed at once', async () => {
    const clock = new VirtualClock(T0);
    const short = await signToken('alice', { iat: sec(T0), exp: sec(T0) + 10 });
    const next = await signToken('alice', { iat: sec(T0) + 5, exp: sec(T0) + 15 });
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce(short).mockResolvedValueOnce(next);
    const tokens = createTokenManager({ userId: 'alice', token: provider, scheduler: clock.scheduler });
    await tokens.getToken();
    await clock.advance(4_999);
    await expect(tokens.getToken()).resolves.toBe(short);
    await clock.advance(1);
    await expect(tokens.getToken()).resolves.toBe(next);
  });

  it('refresh(stale) reuses a token that already replaced the stale one', async () => {
    const a = await signToken('alice', { extra: { n: 1 } });
    const b = await signToken('alice', { extra: { n: 2 } });
    const provider = vi.fn<() => Promise<string>>().mockResolvedValueOnce(a).mockResolvedValueOnce(b);
    const tokens = createTokenManager({ userId: 'alice', token: provider });
    const stale = await tokens.getToken();
    await expect(tokens.refresh(stale)).resolves.toBe(b);
    // A second request that failed with the same stale token gets b without a provider call.
    await expect(tokens.refresh(stale)).resolves.toBe(b);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('turns a provider failure into a retryable ChatError and tries again next time', async () => {
    const token = await signToken('alice');
    const provider = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValueOnce(token);
    const tokens = createTokenManager({ userId: 'alice', token: provider });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: -1, retryable: true });
    expect((error as ChatError).cause).toBeInstanceOf(Error);
    await expect(tokens.getToken()).resolves.toBe(token);
  });

  it('rejects a provided token for another user', async () => {
    const tokens = createTokenManager({ userId: 'alice', token: () => signToken('bob') });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 43 });
  });

  it('rejects everything after dispose, including a load that was in flight', async () => {
    let resolveProvider!: (t: string) => void;
    const tokens = createTokenManager({
      userId: 'alice',
      token: () => new Promise<string>((r) => (resolveProvider = r)),
    });
    const inFlight = tokens.getToken();
    tokens.dispose();
    resolveProvider(await signToken('alice'));
    await settle();
    await expect(inFlight).rejects.toBeInstanceOf(ChatError);
    await expect(tokens.getToken()).rejects.toBeInstanceOf(ChatError);
  });
});
