import type { PortalAccount, PortalListing } from './portal-listing';

// Every account of an IAM Identity Center sign-in with its roles: ListAccounts (every page), then
// ListAccountRoles for all accounts at once (the listing's pacer keeps them under the throttle),
// each account yielded as soon as its roles arrive, so a list of hundreds fills in as it goes.

export interface DiscoveredAccount extends PortalAccount {
  /** Role (permission set) names, in the portal's order. */
  roles: string[];
}

/**
 * The accounts with their roles, in the order their roles arrive; the first error ends it.
 * `listed` is told every account (in the portal's order) before any roles are asked for.
 */
export async function* discoverAccounts(
  listing: PortalListing,
  listed?: (accounts: readonly PortalAccount[]) => void,
): AsyncGenerator<DiscoveredAccount> {
  const accounts = await listing.accounts();
  listed?.(accounts);
  const settled: Promise<{ index: number; result: DiscoveredAccount }>[] = accounts.map(
    async (account, index) => ({
      index,
      result: { ...account, roles: await listing.roles(account.accountId) },
    }),
  );
  const pending = new Map(settled.map((promise, index) => [index, promise]));
  // Rejections are awaited through Promise.race below; mark them handled meanwhile.
  for (const promise of settled) promise.catch(() => undefined);
  while (pending.size > 0) {
    const { index, result } = await Promise.race(pending.values());
    pending.delete(index);
    yield result;
  }
}
