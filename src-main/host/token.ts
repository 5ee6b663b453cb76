/**
 * The host's bearer token: generated (≥ 128 bits) when none is given, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 random bytes → 32 base64url characters (192 bits), inside TOKEN_PATTERN. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares in time independent of where the strings differ and of their lengths: both sides are
 * hashed to 32 bytes first, then compared with timingSafeEqual.
 */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/**
 * The token of an `Authorization: Bearer <token>` header, or null. The scheme is case-insensitive
 * and may be followed by one or more spaces (RFC 9110 §11.4: `auth-scheme 1*SP token68`).
 */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer +([^\s]+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
