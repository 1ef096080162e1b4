import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInSandbox, type SignedInSandbox } from '../../../test-support/sso-signed-in';
import { discoverAccounts, type DiscoveredAccount } from './account-discovery';
import { PortalListing, SsoSignInAgain, type PortalAccess } from './portal-listing';
import { PortalPacer } from './portal-pacer';

// Discovery against the sandbox's Identity Center over real HTTP with a real access token: every
// account and role the sandbox assigns, none twice; a throttle far tighter than the pacer's rate
// answered 429 and retried, never surfaced; accounts streamed as their roles arrive; 401 after
// sign-out.

const accessOf = (s: SignedInSandbox, token = s.accessToken): PortalAccess => ({
  startUrl: s.startUrl,
  endpoint: s.t.sandbox.endpoint,
  accessToken: async () => token,
});

async function collect(listing: PortalListing, listed?: (count: number) => void) {
  const found: DiscoveredAccount[] = [];
  for await (const account of discoverAccounts(listing, (accounts) => listed?.(accounts.length)))
    found.push(account);
  return found;
}

const byId = <T extends { accountId: string }>(accounts: T[]): T[] =>
  [...accounts].sort((a, b) => a.accountId.localeCompare(b.accountId));

describe('every account and role', () => {
  let s: SignedInSandbox;
  beforeAll(async () => {
    s = await startSignedInSandbox({ identityCenter: { portalThrottle: { ratePerSecond: 2000 } } });
  });
  afterAll(() => s.t.stop());

  it('finds the sandbox’s ~302 accounts, each with exactly its roles, paging both lists', async () => {
    const listing = new PortalListing(accessOf(s), new PortalPacer({ ratePerSecond: 1000, concurrency: 16 }));
    let listed = 0;
    const found = await collect(listing, (count) => (listed = count));
    const expected = s.expectedAccounts();
    expect(expected.length).toBeGreaterThan(300);
    expect(listed).toBe(expected.length);
    expect(
      byId(found).map(({ accountId, accountName, roles }) => ({ accountId, accountName, roles })),
    ).toEqual(byId(expected));
    // Four pages of accounts (100 a page), then one roles page per account.
    expect(listing.stats).toEqual({
      requests: Math.ceil(expected.length / 100) + expected.length,
      throttled: 0,
      retried: 0,
    });
  });

  it('yields accounts as their roles arrive, before the last ListAccountRoles answers', async () => {
    const listing = new PortalListing(accessOf(s), new PortalPacer({ ratePerSecond: 1000, concurrency: 4 }));
    const requestsWhenYielded: number[] = [];
    for await (const _account of discoverAccounts(listing)) requestsWhenYielded.push(listing.stats.requests);
    const total = listing.stats.requests;
    expect(requestsWhenYielded[0]).toBeLessThan(total / 2);
    expect(requestsWhenYielded.at(-1)).toBe(total);
  });

  it('says "sign in again" (SsoSignInAgain) for a token the portal no longer takes', async () => {
    const listing = new PortalListing(accessOf(s, 'not-a-token'));
    const error = await collect(listing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SsoSignInAgain);
    expect((error as SsoSignInAgain).info).toEqual({
      kind: 'Expired',
      message: `Your IAM Identity Center sign-in to ${s.startUrl} has ended: sign in again.`,
    });
  });
});

describe('under a tight throttle', () => {
  let s: SignedInSandbox;
  beforeAll(async () => {
    s = await startSignedInSandbox({ generatedAccounts: 30 });
  });
  afterAll(() => s.t.stop());

  it('retries every 429 and still lists every account and role', async () => {
    s.t.sandbox.setPortalThrottle({ ratePerSecond: 10, burst: 2 });
    // Aiming at four times what the portal takes, so it must be told to slow down.
    const listing = new PortalListing(accessOf(s), new PortalPacer({ ratePerSecond: 40, concurrency: 8 }));
    const found = await collect(listing);
    const expected = s.expectedAccounts();
    expect(byId(found).map(({ accountId, roles }) => ({ accountId, roles }))).toEqual(
      byId(expected).map(({ accountId, roles }) => ({ accountId, roles })),
    );
    expect(listing.stats.throttled).toBeGreaterThan(0);
    expect(listing.stats.retried).toBe(listing.stats.throttled);
    expect(listing.stats.requests).toBe(1 + expected.length + listing.stats.retried);
  });
});
