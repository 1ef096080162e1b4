import type { AwsCredentials, Clock } from '../credentials';
import { RoleTrayError } from '../errors';
import type { HeldKeysReader } from '../held-keys-store';
import { ssoEndpointsFor, type ProfileDirectory } from '../profiles/profile-directory';
import type { KeysProfile, RoleProfile, SsoEndpoints, SsoLogin } from '../profiles/profiles';
import type { ProcessCredentials } from './credential-process';
import { MINIMUM_VALIDITY_MS, stillGood } from './session-validity';

// Where a role chain's first credentials come from, behind one small interface: long-term keys
// from the AWS files, keys from the environment, and what a credential_process prints. Each new
// kind of source (IAM Identity Center, keys RoleTray holds) is one more implementation; the
// MFA session and every AssumeRole hop are composed on top of whichever it is (credential-provider.ts).

export interface RootSource {
  /** Names the source in cache keys and messages: the profile holding the keys, or `environment`. */
  readonly name: string;
  /** What a session assumed straight from these credentials is obtained by. */
  readonly origin: 'keys' | 'environment' | 'sso';
  /**
   * Whether its credentials are temporary (carry a session token): GetSessionToken refuses those.
   * Undefined when only getting them tells (a credential_process).
   */
  readonly temporary: boolean | undefined;
  credentials(): Promise<AwsCredentials>;
  /** Drops what it keeps after STS refused it, so the next call gets anew; absent if it keeps nothing. */
  forget?(): void;
}

type Keys = Pick<AwsCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

/** A keys profile's keys, as credentials (without anything else the profile holds). */
export function keysOf(profile: Keys): AwsCredentials {
  return {
    accessKeyId: profile.accessKeyId,
    secretAccessKey: profile.secretAccessKey,
    ...(profile.sessionToken ? { sessionToken: profile.sessionToken } : {}),
  };
}

/** Keys written in the credentials or config file under profile `name`. */
export function profileKeys(name: string, keys: Keys): RootSource {
  const credentials = keysOf(keys);
  return {
    name,
    origin: 'keys',
    temporary: !!credentials.sessionToken,
    credentials: async () => credentials,
  };
}

/** Keys RoleTray holds for profile `name`, read from its store at each call (a rotation replaces them). */
export function heldKeys(name: string, store: HeldKeysReader): RootSource {
  return {
    name,
    origin: 'keys',
    temporary: false,
    credentials: async () => {
      const record = store.get(name);
      if (record) return keysOf(record.keys);
      const { availability } = store;
      throw new RoleTrayError(
        'SourceCredentialsMissing',
        availability.available
          ? `Profile ${name} asks RoleTray for its keys (its credential_process runs roletray-credentials ${name}), but RoleTray holds none for it: add them with "Add access keys", or remove that line from your AWS config.`
          : `Profile ${name} asks RoleTray for its keys, which it cannot read here: ${availability.reason}`,
        { profile: name },
      );
    },
  };
}

/** `credential_source = Environment`: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN). */
export function environmentKeys(env: Record<string, string | undefined>, role: string): RootSource {
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = env;
  if (!accessKeyId || !secretAccessKey) {
    throw new RoleTrayError(
      'SourceCredentialsMissing',
      `${role} takes its keys from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.`,
      { profile: role },
    );
  }
  const keys = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  return { ...profileKeys('environment', keys), origin: 'environment' };
}

/** A credential_process's output, kept until it expires (or, without Expiration, until refused). */
export class ProcessSource implements RootSource {
  readonly origin = 'keys' as const;
  readonly temporary = undefined;
  private kept: Promise<ProcessCredentials> | undefined;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly run: RunProcess,
    private readonly clock: Clock,
  ) {}

  credentials(): Promise<ProcessCredentials> {
    const kept = this.kept;
    if (kept) {
      return kept.then((credentials) =>
        credentials.expiration === undefined || stillGood({ credentials }, this.clock(), MINIMUM_VALIDITY_MS)
          ? credentials
          : this.start(),
      );
    }
    return this.start();
  }

  forget(): void {
    this.kept = undefined;
  }

  private start(): Promise<ProcessCredentials> {
    // Callers meanwhile share one run; a failed run is not kept.
    const running = this.run(this.command, this.name);
    this.kept = running;
    running.catch(() => {
      if (this.kept === running) this.kept = undefined;
    });
    return running;
  }
}

export type RunProcess = (command: string, profile: string) => Promise<ProcessCredentials>;

/** What roots a role chain: where its sources end. */
export interface RootResolver {
  profiles: ProfileDirectory;
  env: Record<string, string | undefined>;
  /** The credential_process source of a profile, one per profile so what it printed is kept. */
  process: (profile: string, command: string) => ProcessSource;
  /** Keys RoleTray holds, by profile. */
  held: HeldKeysReader;
  /**
   * The IAM Identity Center role credentials of profile `profile` (a listed SSO profile's session,
   * or a source's SSO settings), with the requested profile's portal and OIDC endpoints.
   */
  sso: (profile: string, login: SsoLogin, endpoints: SsoEndpoints) => RootSource;
}

/** The root source of a role whose source is not itself a role. */
export function rootSourceOf(
  role: RoleProfile,
  { profiles, env, process, held, sso }: RootResolver,
): RootSource {
  const { source: from } = role;
  if (from.kind === 'environment') return environmentKeys(env, role.name);
  // A web identity role has no root: its token is its source (role-chain.ts).
  if (from.kind === 'web-identity') throw new Error(`${role.name} is assumed with a web identity token`);
  // A source holding keys is used for its keys, even when it also has a role_arn (as the CLI does).
  if (role.sourceKeys) return profileKeys(from.profile, role.sourceKeys);
  if (role.sourceProcess) return process(role.sourceProcess.profile, role.sourceProcess.command);
  // botocore takes a source's SSO settings before its keys or role_arn.
  if (role.sourceSso) return sso(role.sourceSso.profile, role.sourceSso.login, ssoEndpointsFor(role, role));
  const source = profiles.get(from.profile);
  if (source.kind === 'sso') return sso(source.name, source.sso, ssoEndpointsFor(role, source));
  if (source.kind === 'keys') return profileKeys(source.name, source satisfies KeysProfile);
  if (source.kind === 'process') return process(source.name, source.command);
  if (source.kind === 'held') return heldKeys(source.name, held);
  throw new RoleTrayError(
    'SourceCredentialsMissing',
    `The source profile ${from.profile} of ${role.name} has no keys.`,
    { profile: role.name },
  );
}
