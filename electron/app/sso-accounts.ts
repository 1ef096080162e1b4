import { readFile } from 'node:fs/promises';
import type { RoleTrayErrorInfo } from '../../shared/errors';
import type {
  SsoAccountView,
  SsoDiscoveryEvent,
  SsoInstanceView,
  SsoProfilesSetting,
} from '../../shared/sso-accounts-view';
import { RoleTrayError } from '../core/errors';
import { configPaths } from '../core/profiles/aws-file-paths';
import { managedProfileNames } from '../core/profiles/managed-profiles-block';
import type { Profile, ProfileSources, SsoProfile } from '../core/profiles/profiles';
import type { KeyValueStore } from '../core/secret-cipher';
import type { DiscoveredAccount } from '../core/sso/account-discovery';
import {
  DEFAULT_NAME_TEMPLATE,
  discoveredProfiles,
  instanceProfile,
  managedProfilesFor,
} from '../core/sso/discovered-profiles';
import { DiscoveryCache, type Discovery } from '../core/sso/discovery-cache';
import { DiscoveryService } from '../core/sso/discovery-service';
import { portalEndpointOf } from '../core/sso/portal-listing';
import type { PortalPacer } from '../core/sso/portal-pacer';
import { removeManagedProfiles, writeManagedProfiles } from '../handoff/sso-profiles-file';

// The IAM Identity Center accounts and roles for the app: which instances the config names (its
// SSO profiles' start URLs), their discovered accounts (cached, refreshed on request, told as
// they arrive), the discovered roles as profiles after the config's, and RoleTray's managed block
// of them in the config when the user turns it on (rewritten after each discovery, so roles no
// longer assigned drop out). The access token comes from `accessToken`: the sign-in's (the core's
// SsoTokens, which refreshes it as the AWS CLI would). When the sign-in discovery uses starts to
// hold (at start with a valid token, after any sign-in), the list is refreshed in the background
// while the cached one stays on screen.

const SETTINGS_KEY = 'ssoProfiles';

export interface SsoAccountsDeps {
  store: KeyValueStore;
  sources: ProfileSources;
  clock: () => number;
  /** The config's profiles of the last good load. */
  configProfiles: () => readonly Profile[];
  reloadProfiles: () => Promise<void>;
  publish: (event: SsoDiscoveryEvent) => void;
  /** The access token of the sign-in the instance's SSO profile uses; a typed error when there is none. */
  accessToken: (profile: SsoProfile) => Promise<string>;
  pacer?: () => PortalPacer;
}

export class SsoAccounts {
  private readonly cache: DiscoveryCache;
  private readonly discovery: DiscoveryService;
  private readonly refreshing = new Set<string>();
  private readonly errors = new Map<string, RoleTrayErrorInfo>();
  /** Whether the sign-in each instance's discovery uses held at the last look, by start URL. */
  private readonly signedIn = new Map<string, boolean>();
  /** The last profiles(): every directory lookup asks, so they are rebuilt only when the config or a discovery changes. */
  private listed?: { config: readonly Profile[]; generation: number; profiles: SsoProfile[] };
  private generation = 0;
  private named?: { generation: number; names: Record<string, string> };

  constructor(private readonly deps: SsoAccountsDeps) {
    this.cache = new DiscoveryCache(deps.store);
    this.discovery = new DiscoveryService({
      cache: this.cache,
      now: deps.clock,
      ...(deps.pacer ? { pacer: deps.pacer } : {}),
    });
    this.discovery.subscribe((event) => {
      if (event.kind === 'done') this.generation++;
      if (event.kind === 'account') {
        deps.publish({
          kind: 'account',
          startUrl: event.startUrl,
          account: this.accountView(event.account, this.profileNames(event.startUrl)),
          found: event.found,
          total: event.total,
        });
      }
    });
  }

  /** The discovered roles as profiles, after the config's own (the sessions core's directory appends them). */
  profiles(config: readonly Profile[]): SsoProfile[] {
    const last = this.listed;
    if (last?.config === config && last.generation === this.generation) return last.profiles;
    const profiles = discoveredProfiles(config, this.cache.all(), DEFAULT_NAME_TEMPLATE);
    this.listed = { config, generation: this.generation, profiles };
    return profiles;
  }

  /** The discovered accounts' names by id: the roles list's account headings (a config alias wins). */
  accountNames(): Record<string, string> {
    if (this.named?.generation === this.generation) return this.named.names;
    const names = Object.fromEntries(
      this.cache
        .all()
        .flatMap(({ accounts }) => accounts.map((account) => [account.accountId, account.accountName])),
    );
    this.named = { generation: this.generation, names };
    return names;
  }

  /** Every instance the config's SSO profiles name, with what was last discovered. */
  instances(): SsoInstanceView[] {
    const startUrls = new Set(
      this.deps.configProfiles().flatMap((profile) => (profile.kind === 'sso' ? [profile.sso.startUrl] : [])),
    );
    return [...startUrls].map((startUrl) => this.view(startUrl));
  }

  /** Lists the instance again; the accounts are published as they arrive. */
  async discover(startUrl: string): Promise<SsoInstanceView> {
    const base = this.base(startUrl);
    this.refreshing.add(startUrl);
    this.deps.publish({ kind: 'instance', instance: this.view(startUrl) });
    try {
      await this.discovery.refresh({
        startUrl,
        endpoint: base.ssoEndpoint ?? portalEndpointOf(base.sso.region),
        accessToken: () => this.deps.accessToken(base),
      });
      this.errors.delete(startUrl);
      // The listing went through, so the sign-in holds: a watch noticing it later starts no other.
      this.signedIn.set(startUrl, true);
      if (this.setting(startUrl).enabled) await this.writeBlock(startUrl);
    } catch (error) {
      if (!(error instanceof RoleTrayError)) throw error;
      this.errors.set(startUrl, error.info);
      if (error.info.kind === 'SignInRequired') this.signedIn.set(startUrl, false);
      throw error;
    } finally {
      this.refreshing.delete(startUrl);
      this.deps.publish({ kind: 'instance', instance: this.view(startUrl) });
    }
    return this.view(startUrl);
  }

  /**
   * A sign-in's status changed (`instance` is its token cache key). When it is the one the
   * instance's discovery uses, the instance's view says so, and a sign-in that holds starts a
   * refresh in the background (its failure is in the view, as a Refresh button's would be).
   */
  signInChanged(startUrl: string, instance: string, signedIn: boolean): void {
    const base = instanceProfile(this.deps.configProfiles(), startUrl);
    if (!base || base.sso.tokenCacheKey !== instance) return;
    const before = this.signedIn.get(startUrl);
    this.signedIn.set(startUrl, signedIn);
    if (signedIn && before !== true) {
      void this.discover(startUrl).catch(() => undefined);
    } else if (before !== signedIn) {
      this.deps.publish({ kind: 'instance', instance: this.view(startUrl) });
    }
  }

  /** Turns RoleTray's managed block of the instance's profiles on (written now) or off (removed). */
  async writeProfiles(startUrl: string, template: string, enabled: boolean): Promise<SsoInstanceView> {
    this.base(startUrl);
    this.saveSetting(startUrl, { enabled, template });
    if (enabled) await this.writeBlock(startUrl);
    else await removeManagedProfiles(this.configFile(), startUrl);
    await this.deps.reloadProfiles();
    const view = this.view(startUrl);
    this.deps.publish({ kind: 'instance', instance: view });
    return view;
  }

  private async writeBlock(startUrl: string): Promise<void> {
    const discovery = this.cache.get(startUrl);
    if (!discovery) return;
    const file = this.configFile();
    const { template } = this.setting(startUrl);
    const inBlock = new Set(managedProfileNames(await readText(file), startUrl, file));
    const outside = this.deps.configProfiles().filter((profile) => !inBlock.has(profile.name));
    const base = this.base(startUrl);
    await writeManagedProfiles(file, startUrl, (taken) =>
      managedProfilesFor(discovery, base, template, taken, outside),
    );
    await this.deps.reloadProfiles();
  }

  private view(startUrl: string): SsoInstanceView {
    const discovery: Discovery | undefined = this.cache.get(startUrl);
    const names = this.profileNames(startUrl);
    const error = this.errors.get(startUrl);
    return {
      startUrl,
      region: this.base(startUrl).sso.region,
      accounts: (discovery?.accounts ?? []).map((account) => this.accountView(account, names)),
      ...(discovery ? { discoveredAt: discovery.discoveredAt } : {}),
      refreshing: this.refreshing.has(startUrl),
      ...(error ? { error } : {}),
      writeProfiles: this.setting(startUrl),
      ...(this.signedIn.has(startUrl) ? { signedIn: this.signedIn.get(startUrl)! } : {}),
    };
  }

  /** Which profile uses each role of the instance: `accountId/roleName` → name and whether the config has it. */
  private profileNames(startUrl: string): Map<string, { profile: string; inConfig: boolean }> {
    const config = this.deps.configProfiles();
    const names = new Map<string, { profile: string; inConfig: boolean }>();
    const add = (profile: SsoProfile, inConfig: boolean) => {
      const key = `${profile.sso.accountId}/${profile.sso.roleName}`;
      if (profile.sso.startUrl === startUrl && !names.has(key))
        names.set(key, { profile: profile.name, inConfig });
    };
    for (const profile of config) if (profile.kind === 'sso') add(profile, true);
    for (const profile of this.profiles(config)) add(profile, false);
    return names;
  }

  private accountView(
    account: DiscoveredAccount,
    names: Map<string, { profile: string; inConfig: boolean }>,
  ): SsoAccountView {
    return {
      accountId: account.accountId,
      accountName: account.accountName,
      ...(account.emailAddress ? { emailAddress: account.emailAddress } : {}),
      roles: account.roles.map((roleName) => ({
        roleName,
        ...(names.get(`${account.accountId}/${roleName}`) ?? { profile: '', inConfig: false }),
      })),
    };
  }

  /** The config's SSO profile of the instance; a ConfigError when the config names none. */
  private base(startUrl: string): SsoProfile {
    const base = instanceProfile(this.deps.configProfiles(), startUrl);
    if (base) return base;
    throw new RoleTrayError('ConfigError', `No SSO profile in your AWS config signs in to ${startUrl}.`);
  }

  private setting(startUrl: string): SsoProfilesSetting {
    const saved = this.settings()[startUrl];
    return {
      enabled: saved?.enabled === true,
      template: typeof saved?.template === 'string' ? saved.template : DEFAULT_NAME_TEMPLATE,
    };
  }

  private settings(): Record<string, Partial<SsoProfilesSetting> | undefined> {
    const raw = this.deps.store.get(SETTINGS_KEY);
    return raw && typeof raw === 'object' ? (raw as Record<string, Partial<SsoProfilesSetting>>) : {};
  }

  private saveSetting(startUrl: string, setting: SsoProfilesSetting): void {
    this.deps.store.set(SETTINGS_KEY, { ...this.settings(), [startUrl]: setting });
  }

  private configFile(): string {
    return configPaths(this.deps.sources).configFile;
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}
