import type { IdentityCenterStatus } from '../../../shared/identity-center-view';

/**
 * The folded IAM Identity Center panel's one line, from each sign-in's status (undefined while
 * not yet known): "signing in…", "not signed in", "signed in" (all of them), or "1 of 2 signed in".
 */
export function signInSummary(statuses: readonly (IdentityCenterStatus | undefined)[]): string {
  if (statuses.some((status) => status?.signingIn)) return 'signing in…';
  const signedIn = statuses.filter((status) => status?.signedIn).length;
  if (signedIn === 0) return 'not signed in';
  return signedIn === statuses.length ? 'signed in' : `${signedIn} of ${statuses.length} signed in`;
}
