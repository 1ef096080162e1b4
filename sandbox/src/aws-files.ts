import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioIdentityCenter, ScenarioProfile } from './scenario';
import type { RunningSandbox } from './server';
import { providerArn } from './sts-web-identity';
import { TOTP_STEP_SECONDS } from './totp';

// What the sandbox hands to its users: an AWS config and credentials file in the CLI's own format for
// the scenario's profiles, sandbox.json with everything tests and demos need (keys, TOTP secrets), and
// web-identity-token, an ID token from the sandbox's OIDC issuer for web identity profiles.

export const WEB_IDENTITY_TOKEN_FILE = 'web-identity-token';

export interface AwsFilesOptions {
  /**
   * Also write the scenario's web identity profiles (ci-web-identity). Off unless asked, so the
   * preview's config stays the one its specs know; the sandbox CLI and the test helper ask for them.
   */
  webIdentityProfiles?: boolean;
  /**
   * Also write the IAM Identity Center profiles (the sso-session, sso-dev, sso-prod-read-only, the
   * legacy sso-legacy-dev-read-only, and sso-prod-via-dev chained from sso-dev). Off unless asked,
   * for the same reason.
   */
  identityCenterProfiles?: boolean;
}

/** A profile that signs in through IAM Identity Center: an SSO profile, or a role chained from one. */
function needsIdentityCenter(profile: ScenarioProfile, profiles: ScenarioProfile[]): boolean {
  if (profile.sso) return true;
  const source = profiles.find((candidate) => candidate.name === profile.source_profile);
  return source !== undefined && source !== profile && needsIdentityCenter(source, profiles);
}

const writtenProfiles = (sandbox: RunningSandbox, options: AwsFilesOptions) =>
  sandbox.scenario.profiles.filter(
    (profile, _, all) =>
      (options.webIdentityProfiles || !profile.web_identity) &&
      (options.identityCenterProfiles || !needsIdentityCenter(profile, all)),
  );

export interface SandboxDescription {
  endpoint: string;
  region: string;
  configFile: string;
  credentialsFile: string;
  accounts: { id: string; alias: string }[];
  users: {
    name: string;
    account: string;
    arn: string;
    groups: string[];
    accessKeyId: string;
    secretAccessKey: string;
    mfa?: { serial: string; secret: string; otpauthUri: string; stepSeconds: number };
  }[];
  roles: { arn: string; account: string; name: string; maxSessionDuration: number }[];
  buckets: { name: string; account: string; region: string }[];
  profiles: string[];
  /** Where each service is served: one port for all but the console federation's path. */
  endpoints: { sts: string; s3: string; iam: string; ssoOidc: string; sso: string; federation: string };
  /** The IAM Identity Center instance, when the scenario has one. */
  identityCenter?: {
    startUrl: string;
    region: string;
    /** The `[sso-session NAME]` the config's SSO profiles use (when written). */
    ssoSession: string;
    users: { userName: string; password: string }[];
    accountCount: number;
  };
  webIdentity: {
    issuer: string;
    /** The IAM OIDC providers registered for the issuer, one per trusting account. */
    providerArns: string[];
    tokenFile: string;
  };
}

export function describeSandbox(
  sandbox: RunningSandbox,
  awsDir: string,
  options: AwsFilesOptions = {},
): SandboxDescription {
  const { scenario, identities } = sandbox;
  return {
    endpoint: sandbox.endpoint,
    region: scenario.defaultRegion,
    configFile: join(awsDir, 'config'),
    credentialsFile: join(awsDir, 'credentials'),
    accounts: scenario.accounts,
    users: scenario.users.map((user) => {
      const keys = identities.longTermKeysOf(user.name);
      const device = identities.mfaDeviceOf(user.name);
      return {
        name: user.name,
        account: user.account,
        arn: keys.principal.arn,
        groups: user.groups ?? [],
        accessKeyId: keys.accessKeyId,
        secretAccessKey: keys.secretAccessKey,
        ...(device
          ? {
              mfa: {
                serial: device.serial,
                secret: device.secret,
                otpauthUri: `otpauth://totp/RoleTraySandbox:${encodeURIComponent(user.name)}?secret=${device.secret}&issuer=RoleTraySandbox&period=${TOTP_STEP_SECONDS}`,
                stepSeconds: TOTP_STEP_SECONDS,
              },
            }
          : {}),
      };
    }),
    roles: scenario.roles.map((role) => ({
      arn: `arn:aws:iam::${role.account}:role/${role.name}`,
      account: role.account,
      name: role.name,
      maxSessionDuration: role.maxSessionDuration,
    })),
    buckets: scenario.buckets.map(({ name, account, region }) => ({ name, account, region })),
    profiles: writtenProfiles(sandbox, options).map((profile) => profile.name),
    endpoints: {
      sts: sandbox.endpoint,
      s3: sandbox.endpoint,
      iam: sandbox.endpoint,
      ssoOidc: sandbox.endpoint,
      sso: sandbox.endpoint,
      federation: `${sandbox.endpoint}/federation`,
    },
    ...(scenario.identityCenter && sandbox.identityCenter
      ? {
          identityCenter: {
            startUrl: scenario.identityCenter.startUrl,
            region: scenario.identityCenter.region,
            ssoSession: scenario.identityCenter.ssoSession,
            users: scenario.identityCenter.users.map(({ userName, password }) => ({ userName, password })),
            accountCount: sandbox.identityCenter.center.accounts.length,
          },
        }
      : {}),
    webIdentity: {
      issuer: sandbox.webIdentity.issuer,
      providerArns: (scenario.oidcProviders ?? [])
        .filter((provider) => provider.url === sandbox.webIdentity.issuer)
        .map(providerArn),
      tokenFile: join(awsDir, WEB_IDENTITY_TOKEN_FILE),
    },
  };
}

/** An SSO profile's keys: through the sso-session, or botocore's legacy keys of their own. */
function ssoLines(sso: NonNullable<ScenarioProfile['sso']>, center: ScenarioIdentityCenter): string[] {
  const signIn = sso.legacy
    ? [`sso_start_url = ${center.startUrl}`, `sso_region = ${center.region}`]
    : [`sso_session = ${center.ssoSession}`];
  return [...signIn, `sso_account_id = ${sso.account}`, `sso_role_name = ${sso.permissionSet}`];
}

/** The AWS config (`[profile x]` sections) and credentials (`[x]` sections) for the scenario's profiles. */
export function renderAwsFiles(
  sandbox: RunningSandbox,
  awsDir: string,
  options: AwsFilesOptions = {},
): { config: string; credentials: string } {
  const { scenario, identities } = sandbox;
  const config: string[] = [
    `# Written by the RoleTray sandbox at ${sandbox.endpoint}; rewritten on every start.`,
  ];
  const credentials: string[] = [
    `# Long-term keys of the sandbox's IAM users; valid only against ${sandbox.endpoint}.`,
  ];
  const profiles = writtenProfiles(sandbox, options);
  const center = scenario.identityCenter;
  if (center && profiles.some((profile) => profile.sso && !profile.sso.legacy)) {
    config.push(
      '',
      `[sso-session ${center.ssoSession}]`,
      `sso_start_url = ${center.startUrl}`,
      `sso_region = ${center.region}`,
      'sso_registration_scopes = sso:account:access',
    );
  }
  for (const profile of profiles) {
    const lines = [`[profile ${profile.name}]`];
    if (profile.sso && center) lines.push(...ssoLines(profile.sso, center));
    if (profile.role_arn) lines.push(`role_arn = ${profile.role_arn}`);
    if (profile.web_identity)
      lines.push(`web_identity_token_file = ${join(awsDir, WEB_IDENTITY_TOKEN_FILE)}`);
    if (profile.role_session_name) lines.push(`role_session_name = ${profile.role_session_name}`);
    if (profile.source_profile) lines.push(`source_profile = ${profile.source_profile}`);
    if (profile.mfa_serial_of)
      lines.push(`mfa_serial = ${identities.mfaDeviceOf(profile.mfa_serial_of)!.serial}`);
    if (profile.external_id) lines.push(`external_id = ${profile.external_id}`);
    if (profile.duration_seconds) lines.push(`duration_seconds = ${profile.duration_seconds}`);
    lines.push(`region = ${profile.region ?? scenario.defaultRegion}`, `endpoint_url = ${sandbox.endpoint}`);
    config.push('', ...lines);
    if (profile.user) {
      const keys = identities.longTermKeysOf(profile.user);
      credentials.push(
        '',
        `[${profile.name}]`,
        `aws_access_key_id = ${keys.accessKeyId}`,
        `aws_secret_access_key = ${keys.secretAccessKey}`,
      );
    }
  }
  return { config: `${config.join('\n')}\n`, credentials: `${credentials.join('\n')}\n` };
}

/** Writes config, credentials, sandbox.json and web-identity-token into `awsDir` (mode 0600). */
export async function writeAwsFiles(
  sandbox: RunningSandbox,
  awsDir: string,
  options: AwsFilesOptions = {},
): Promise<SandboxDescription> {
  await mkdir(awsDir, { recursive: true, mode: 0o700 });
  const { config, credentials } = renderAwsFiles(sandbox, awsDir, options);
  const tokenFile = sandbox.scenario.webIdentity?.tokenFile;
  await writeFile(join(awsDir, WEB_IDENTITY_TOKEN_FILE), sandbox.mintWebIdentityToken(tokenFile ?? {}), {
    mode: 0o600,
  });
  const description = describeSandbox(sandbox, awsDir, options);
  await writeFile(join(awsDir, 'config'), config, { mode: 0o600 });
  await writeFile(join(awsDir, 'credentials'), credentials, { mode: 0o600 });
  await writeFile(join(awsDir, 'sandbox.json'), `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
  return description;
}
