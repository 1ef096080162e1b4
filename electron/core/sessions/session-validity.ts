// The one rule for "is this session still good?", so the sessions core, the S3 browser and the
// hand-offs agree. A session is good for work that needs it for `minimumMs` more when it has more
// than that left; listings and hand-offs ask for any time left at all, reuse asks for a margin.

/**
 * A cached session is reused only with at least this long left: a request signed now must reach
 * AWS before the session lapses, so shorter ones are renewed first.
 */
export const MINIMUM_VALIDITY_MS = 60_000;

export function stillGood(
  session: { credentials: { expiration?: number } } | undefined,
  now: number,
  minimumMs = 0,
): boolean {
  const expiration = session?.credentials.expiration;
  return expiration !== undefined && expiration - now > minimumMs;
}
