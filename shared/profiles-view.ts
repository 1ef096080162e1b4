// Profiles as the UI sees them: names, accounts, roles and what the app knows about them. No keys.
import type { RoleTrayErrorInfo } from './errors';
import type { HeldKeysInfo, KeysPlace } from './held-keys-view';
import type { ProfileMetadata } from './sessions';

export interface RoleView {
  name: string;
  roleArn: string;
  accountId: string;
  /** The account's alias when RoleTray knows it (from a session's identity or the sandbox). */
  accountAlias?: string;
  roleName: string;
  /** The MFA device whose code this role needs, if any (its own or inherited along the chain). */
  mfaSerial?: string;
  /** This profile, then each source_profile to the keys (or "environment"). */
  chain: string[];
  /** The profile's own region, as `aws configure get region` prints it; absent when it has none. */
  region?: string;
  /**
   * Without a region of its own RoleTray still needs one for STS and S3: the AWS SDKs' default.
   * Absent when `region` is set; then RoleTray uses that.
   */
  defaultRegion?: { region: string; why: string };
  durationSeconds?: number;
  /** The config's `external_id`: two roles of one name told apart by it. Not a secret (AWS says so). */
  externalId?: string;
  /** The config's `color` key, before the user's own choice in `metadata`. */
  configColor?: string;
  metadata: ProfileMetadata;
  /** For an IAM Identity Center role, or a role chained from one: the sign-in it needs. */
  identityCenter?: { instance: string; startUrl: string };
}

/** One IAM Identity Center sign-in the profiles use: an sso-session, or a legacy start URL. */
export interface IdentityCenterView {
  /** What names the sign-in (the AWS CLI's token cache key): the sso-session's name, or the start URL. */
  instance: string;
  startUrl: string;
  region: string;
  /** The sso-session's name; absent for legacy profiles (sso_start_url in the profile). */
  session?: string;
  /** A profile that signs in with it: the `sso:*` requests name it. */
  profile: string;
  /** Without sso_registration_scopes AWS issues no refresh token: the sign-in lasts one token. */
  refreshable: boolean;
}

export interface BaseProfileView {
  name: string;
  region?: string;
  keys: KeysPlace;
  /** For keys RoleTray holds. */
  held?: HeldKeysInfo;
}

export interface UnusableProfileView {
  name: string;
  reason: string;
  roleArn?: string;
}

/** Something in the AWS files that did not stop loading, or (as an error) did. */
export interface ConfigWarning {
  file: string;
  /** 1-based; absent for problems about the file as a whole. */
  line?: number;
  message: string;
}

export interface ProfilesView {
  configFile: string;
  credentialsFile: string;
  roles: RoleView[];
  /** Profiles with keys: the identities roles are assumed from. */
  bases: BaseProfileView[];
  unusable: UnusableProfileView[];
  /** The IAM Identity Center sign-ins the roles above need, in file order. */
  identityCenters: IdentityCenterView[];
  /** Whether RoleTray can hold keys here (an OS keychain), and if not why. */
  heldKeys: { available: true } | { available: false; reason: string };
  warnings: ConfigWarning[];
  /** The files are malformed now; the lists above are the last good ones. */
  error?: RoleTrayErrorInfo;
}
