// IAM Identity Center accounts and roles as the UI sees them: what a sign-in discovered, with the
// profile name each role is used by. Ids, names and role names only; no token.
import type { RoleTrayErrorInfo } from './errors';

export interface SsoRoleView {
  roleName: string;
  /** The profile that uses this role: the config's own SSO profile, or the discovered one. */
  profile: string;
  /** Whether that profile is in the config (its own, or RoleTray's managed block) rather than RoleTray's list alone. */
  inConfig: boolean;
}

export interface SsoAccountView {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roles: SsoRoleView[];
}

export interface SsoProfilesSetting {
  /** Whether RoleTray keeps its managed block of these profiles in the AWS config. */
  enabled: boolean;
  /** How profiles are named: `{account}`, `{accountId}`, `{role}`. */
  template: string;
}

export interface SsoInstanceView {
  startUrl: string;
  /** `sso_region`. */
  region: string;
  /** In the portal's order; empty before the first discovery. */
  accounts: SsoAccountView[];
  /** When the list was last complete (ms since the epoch); absent before the first. */
  discoveredAt?: number;
  refreshing: boolean;
  /** The last refresh failed (e.g. the sign-in ended: sign in again); `accounts` is the last good list. */
  error?: RoleTrayErrorInfo;
  writeProfiles: SsoProfilesSetting;
  /** Whether the sign-in discovery uses holds; absent until RoleTray has looked. Signed out: the list is the last one. */
  signedIn?: boolean;
}

/** Pushed while a discovery runs: each account as its roles arrive, then the instance as it stands. */
export type SsoDiscoveryEvent =
  | { kind: 'account'; startUrl: string; account: SsoAccountView; found: number; total: number }
  | { kind: 'instance'; instance: SsoInstanceView };
