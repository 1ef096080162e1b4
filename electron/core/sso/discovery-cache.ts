import type { KeyValueStore } from '../secret-cipher';
import type { DiscoveredAccount } from './account-discovery';

// The last full discovery of each IAM Identity Center instance, by start URL, in the app's store:
// shown at once on the next start while a new one runs. Nothing secret: account ids, names, email
// addresses and role names. What the store holds is checked on the way out (a hand-edited or
// older store gives nothing rather than a broken list).

export const DISCOVERY_STORE_KEY = 'ssoDiscovery';

export interface Discovery {
  startUrl: string;
  /** When the listing finished (ms since the epoch). */
  discoveredAt: number;
  accounts: DiscoveredAccount[];
}

const isText = (value: unknown): value is string => typeof value === 'string';

function accountOf(value: unknown): DiscoveredAccount | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { accountId, accountName, emailAddress, roles } = value as Record<string, unknown>;
  if (!isText(accountId) || !isText(accountName) || !Array.isArray(roles) || !roles.every(isText))
    return undefined;
  return { accountId, accountName, ...(isText(emailAddress) ? { emailAddress } : {}), roles };
}

function discoveryOf(startUrl: string, value: unknown): Discovery | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { discoveredAt, accounts } = value as Record<string, unknown>;
  if (typeof discoveredAt !== 'number' || !Array.isArray(accounts)) return undefined;
  const checked = accounts.map(accountOf);
  if (checked.some((account) => account === undefined)) return undefined;
  return { startUrl, discoveredAt, accounts: checked as DiscoveredAccount[] };
}

export class DiscoveryCache {
  constructor(private readonly store: KeyValueStore) {}

  private records(): Record<string, unknown> {
    const raw = this.store.get(DISCOVERY_STORE_KEY);
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  }

  get(startUrl: string): Discovery | undefined {
    const records = this.records();
    return Object.hasOwn(records, startUrl) ? discoveryOf(startUrl, records[startUrl]) : undefined;
  }

  /** Every instance's last discovery. */
  all(): Discovery[] {
    return Object.entries(this.records()).flatMap(([startUrl, value]) => discoveryOf(startUrl, value) ?? []);
  }

  put(discovery: Discovery): void {
    const { startUrl, discoveredAt, accounts } = discovery;
    this.store.set(DISCOVERY_STORE_KEY, { ...this.records(), [startUrl]: { discoveredAt, accounts } });
  }
}
