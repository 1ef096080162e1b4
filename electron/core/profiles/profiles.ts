import type { ConfigWarning } from '../../../shared/profiles-view';

// What RoleTray knows about the user's AWS profiles, as read from their config and credentials files.
// Produced by loadProfiles (profile-loader.ts); consumed by the sessions core and, through IPC, the UI.

/** Where a role's source credentials come from. */
export type CredentialSource =
  | { kind: 'profile'; profile: string }
  /** `credential_source = Environment`: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN). */
  | { kind: 'environment' }
  /** `web_identity_token_file`: AssumeRoleWithWebIdentity with the token the file holds when asked. */
  | { kind: 'web-identity'; tokenFile: string };

/** An `[sso-session NAME]` section, as the AWS CLI's `aws sso login` and token refresh read it. */
export interface SsoSession {
  name: string;
  startUrl: string;
  /** `sso_region`: where the OIDC and portal calls go, whatever the profile's own region. */
  region: string;
  /** `sso_registration_scopes`, comma separated; empty when not set (the CLI then registers without scopes, and its tokens cannot be refreshed). */
  registrationScopes: string[];
}

/** What an SSO profile signs in with and which role it asks the portal for (botocore's SSOProvider config). */
export interface SsoLogin {
  /** The sso-session the profile names; absent for a legacy profile (sso_start_url in the profile). */
  session?: SsoSession;
  startUrl: string;
  /** `sso_region`. */
  region: string;
  accountId: string;
  roleName: string;
  /**
   * What names the AWS CLI's token cache file (`~/.aws/sso/cache/<sha1 of this>.json`): the
   * sso-session's name, or for a legacy profile its sso_start_url as written (botocore's
   * SSOTokenLoader._generate_cache_key). See electron/core/sso/token-cache-file.ts.
   */
  tokenCacheKey: string;
}

/** Endpoints for the IAM Identity Center calls, found like the STS one (endpoints.ts). */
export interface SsoEndpoints {
  /** The portal (`sso`: GetRoleCredentials, ListAccounts, ListAccountRoles, Logout). */
  ssoEndpoint?: string;
  /** The OIDC service (`sso-oidc`: RegisterClient, StartDeviceAuthorization, CreateToken). */
  ssoOidcEndpoint?: string;
}

export interface RoleProfile {
  kind: 'role';
  name: string;
  roleArn: string;
  /** From the ARN: 12-digit account id, role name (without path), partition. */
  accountId: string;
  roleName: string;
  partition: string;
  source: CredentialSource;
  mfaSerial?: string;
  /** `duration_seconds` as written (not yet clamped). */
  durationSeconds?: number;
  externalId?: string;
  roleSessionName?: string;
  region?: string;
  /** STS endpoint for this profile: `services` section, profile `endpoint_url`, or AWS_ENDPOINT_URL(_STS). */
  stsEndpoint?: string;
  /** S3 endpoint, by the same rules. */
  s3Endpoint?: string;
  /** A `color` key (aws-extend-switch-roles' convention), e.g. "ffaa00". */
  color?: string;
  /** This profile, then each source_profile up to the profile holding keys (or `environment`). */
  chain: string[];
  /**
   * The static keys to call AssumeRole with when the source profile holds them but is listed as a role,
   * so no KeysProfile carries them: `source_profile` naming this profile itself (chain `[name]`), or a
   * source with both keys and a role_arn (the AWS CLI uses a source's keys before its role_arn).
   */
  sourceKeys?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Likewise, the credential_process such a source runs (the chain's root is that process). */
  sourceProcess?: { profile: string; command: string };
  /**
   * Likewise, the IAM Identity Center role such a source signs in to (a source with SSO settings and
   * a role_arn, or SSO settings and keys: botocore takes SSO first). Absent when the chain's root is
   * listed as an SsoProfile; then that profile says it.
   */
  sourceSso?: { profile: string; login: SsoLogin };
  /** For a chain rooted in IAM Identity Center: the portal and OIDC endpoints of this (the requested) profile. */
  ssoEndpoint?: string;
  ssoOidcEndpoint?: string;
}

/** A profile with long-term (or static session) keys: the root of role chains. */
export interface KeysProfile {
  kind: 'keys';
  name: string;
  /** Which file holds them: only the credentials file's can be moved into RoleTray. */
  file: 'credentials' | 'config';
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  stsEndpoint?: string;
  s3Endpoint?: string;
}

/**
 * A profile whose keys RoleTray holds (electron/core/held-keys-store.ts): its credential_process runs
 * roletray-credentials with the profile's own name, so the AWS CLI asks the app for them too.
 */
export interface HeldProfile {
  kind: 'held';
  name: string;
  /** The credential_process line as written. */
  command: string;
  region?: string;
  stsEndpoint?: string;
  s3Endpoint?: string;
  /** Where rotating the keys sends its IAM calls. */
  iamEndpoint?: string;
}

/** A profile whose credentials come from running its `credential_process`. */
export interface ProcessProfile {
  kind: 'process';
  name: string;
  /** The line as written; split like a shell when run, never given to a shell. */
  command: string;
  region?: string;
  stsEndpoint?: string;
  s3Endpoint?: string;
}

/**
 * A profile whose credentials are an IAM Identity Center role (sso_account_id + sso_role_name, with
 * an sso_session or a legacy sso_start_url + sso_region): GetRoleCredentials with the access token
 * the sign-in keeps in the AWS CLI's token cache.
 */
export interface SsoProfile extends SsoEndpoints {
  kind: 'sso';
  name: string;
  sso: SsoLogin;
  /** The profile's `region`, for STS and S3 with the role's credentials (not the sso_region). */
  region?: string;
  stsEndpoint?: string;
  s3Endpoint?: string;
}

/** A profile RoleTray cannot use, listed with the reason instead of hidden. */
export interface UnusableProfile {
  kind: 'unusable';
  name: string;
  reason: string;
  roleArn?: string;
}

export type Profile = RoleProfile | KeysProfile | ProcessProfile | HeldProfile | SsoProfile | UnusableProfile;

export interface LoadedProfiles {
  configFile: string;
  credentialsFile: string;
  /** Every profile from both files, by name, in file order (config first). */
  profiles: Profile[];
  /** Things that did not stop loading (duplicate sections, ignored sections, unknown keys). */
  warnings: ConfigWarning[];
}

/** Paths and environment the loader reads; the Electron adapter passes process.env and os.homedir(). */
export interface ProfileSources {
  env: Record<string, string | undefined>;
  homeDir: string;
}
