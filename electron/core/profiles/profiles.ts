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
}

/** A profile with long-term (or static session) keys: the root of role chains. */
export interface KeysProfile {
  kind: 'keys';
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  stsEndpoint?: string;
  s3Endpoint?: string;
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

/** A profile RoleTray cannot use, listed with the reason instead of hidden. */
export interface UnusableProfile {
  kind: 'unusable';
  name: string;
  reason: string;
  roleArn?: string;
}

export type Profile = RoleProfile | KeysProfile | ProcessProfile | UnusableProfile;

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
