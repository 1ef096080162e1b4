import { SingleFlight } from '../single-flight';
import { discoverAccounts, type DiscoveredAccount } from './account-discovery';
import type { DiscoveryCache } from './discovery-cache';
import { type Discovery } from './discovery-cache';
import { PortalListing, type PortalAccess, type PortalAccount, type PortalStats } from './portal-listing';
import type { PortalPacer } from './portal-pacer';

// Discovery of an IAM Identity Center instance's accounts and roles, for the app: the cached list
// at once, then a refresh in the background whose accounts are told as they arrive, stored once
// complete (so roles no longer assigned drop out). A refresh that fails (a 401 is SsoSignInAgain)
// leaves the cached list as it was. One refresh per instance at a time; callers share it.

export type DiscoveryEvent =
  | { startUrl: string; kind: 'cached'; discovery: Discovery }
  | { startUrl: string; kind: 'account'; account: DiscoveredAccount; found: number; total: number }
  | { startUrl: string; kind: 'done'; discovery: Discovery; stats: PortalStats }
  | { startUrl: string; kind: 'failed'; error: unknown };

export interface DiscoveryServiceDeps {
  cache: DiscoveryCache;
  now?: () => number;
  /** A pacer per refresh (tests pick the rate); the default aims just under the portal's throttle. */
  pacer?: () => PortalPacer;
}

export class DiscoveryService {
  private readonly flights = new SingleFlight();
  private readonly listeners = new Set<(event: DiscoveryEvent) => void>();

  constructor(private readonly deps: DiscoveryServiceDeps) {}

  /** Every instance's last complete discovery. */
  cached(): Discovery[] {
    return this.deps.cache.all();
  }

  /** Calls `listener` with every event of every refresh; returns the unsubscribe. */
  subscribe(listener: (event: DiscoveryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells the cached list (if any), then lists the instance again; resolves with the new list, or
   * rejects (after a `failed` event) with the cache untouched.
   */
  refresh(access: PortalAccess): Promise<Discovery> {
    const cached = this.deps.cache.get(access.startUrl);
    if (cached) this.emit({ startUrl: access.startUrl, kind: 'cached', discovery: cached });
    return this.flights.run(access.startUrl, () => this.list(access));
  }

  private async list(access: PortalAccess): Promise<Discovery> {
    const { startUrl } = access;
    const listing = new PortalListing(access, this.deps.pacer?.());
    try {
      const found = new Map<string, DiscoveredAccount>();
      let order: readonly PortalAccount[] = [];
      for await (const account of discoverAccounts(listing, (listed) => (order = listed))) {
        found.set(account.accountId, account);
        this.emit({ startUrl, kind: 'account', account, found: found.size, total: order.length });
      }
      const discovery: Discovery = {
        startUrl,
        discoveredAt: (this.deps.now ?? Date.now)(),
        // Stored in the portal's order, so the list does not reshuffle from one start to the next.
        accounts: order.map((account) => found.get(account.accountId)!),
      };
      this.deps.cache.put(discovery);
      this.emit({ startUrl, kind: 'done', discovery, stats: { ...listing.stats } });
      return discovery;
    } catch (error) {
      this.emit({ startUrl, kind: 'failed', error });
      throw error;
    }
  }

  private emit(event: DiscoveryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
