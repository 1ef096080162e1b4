import { createHash, timingSafeEqual } from 'node:crypto';

// Comparing a token a caller sent with the one it must match: constant-time whatever the lengths,
// as both sides are hashed to 32 bytes first. Used by every local server RoleTray runs.

const digest = (value: string) => createHash('sha256').update(value).digest();

export function sameSecret(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}
