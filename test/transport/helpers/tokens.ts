// Real HS256 user tokens for unit tests (the emulator has its own signer for integration).
import { SignJWT } from 'jose';

const SECRET = new TextEncoder().encode('unit-test-secret');

export interface TestTokenClaims {
  /** Seconds since the epoch. */
  exp?: number;
  iat?: number;
  extra?: Record<string, unknown>;
}

export async function signToken(userId: string | undefined, claims: TestTokenClaims = {}): Promise<string> {
  const payload: Record<string, unknown> = { ...claims.extra };
  if (userId !== undefined) payload['user_id'] = userId;
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(SECRET);
}
