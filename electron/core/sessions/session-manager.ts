import type { Identity, SessionEvent, SessionInfo } from '../../../shared/sessions';
import { profileNamed, unusableProfile } from '../profiles/profile-lookup';
import {
  mfaKey,
  roleKey,
  type CachedSession,
  type CredentialCache,
  type ObtainedBy,
} from './credential-cache';
import type { AwsCredentials, Clock } from '../credentials';
import { isRoleTrayError, RoleTrayError } from '../errors';
import type { MfaCoordinator, MfaRequest } from './mfa-coordinator';
import type { KeysProfile, Profile, RoleProfile } from '../profiles/profiles';
import {
  DEFAULT_POLICY,
  defaultSessionName,
  hopDuration,
  maxDurationNote,
  mfaStrategy,
  type SessionPolicy,
} from './session-policy';
import { SingleFlight } from '../single-flight';
import type { AssumedRole, StsGateway, StsTarget } from './sts-gateway';

// The sessions core: assumes roles (through chains, with MFA per session-policy.ts), keeps what it
// gets in the credential cache, renews before expiry when no code is needed, and says so otherwise.

export interface SessionManagerOptions {
  clock: Clock;
  /** The current profiles (the watcher's last good load). */
  profiles: () => Profile[];
  sts: StsGateway;
  mfa: MfaCoordinator;
  cache: CredentialCache;
  /** For `credential_source = Environment`. */
  env: Record<string, string | undefined>;
  /** Goes into the default RoleSessionName. */
  userName: string;
  policy?: Partial<SessionPolicy>;
  /** Called after each successful assume (the app records "last used"). */
  onAssumed?: (profile: string, at: number) => void;
}

export interface AssumeOptions {
  /** false for background work: fail with MfaRequired instead of prompting. Default true. */
  interactive?: boolean;
  /** Get a new session even if the cached one is still good. */
  renew?: boolean;
}

interface Context {
  /** The profile the user asked for (named in MFA prompts and errors). */
  target: string;
  interactive: boolean;
  /** The MFA device the chain needs, from the nearest profile naming one. */
  mfaSerial?: string;
  /** Set once a stale cached source has been dropped, so that happens at most once. */
  retriedStaleSource?: boolean;
}

interface Root {
  name: string;
  credentials: AwsCredentials;
  obtainedBy: 'keys' | 'environment';
}

const DEFAULT_REGION = 'us-east-1';

export class SessionManager {
  private readonly policy: SessionPolicy;
  private readonly flights = new SingleFlight();
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: SessionManagerOptions) {
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
  }

  on(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Active role sessions, without secrets. */
  sessions(): SessionInfo[] {
    return this.options.cache
      .values()
      .filter((session) => session.kind === 'role' && session.credentials.expiration > this.options.clock())
      .map(toInfo);
  }

  session(profile: string): SessionInfo | undefined {
    return this.sessions().find((session) => session.profile === profile);
  }

  async assume(profile: string, options: AssumeOptions = {}): Promise<SessionInfo> {
    const role = this.role(profile);
    const context: Context = { target: profile, interactive: options.interactive ?? true };
    const session = options.renew
      ? await this.flights.run(`assume:${profile}`, () => this.assumeFresh(role, context))
      : await this.resolveRole(role, context);
    this.options.onAssumed?.(profile, this.options.clock());
    return toInfo(session);
  }

  /** Credentials for main-process work (the S3 browser): the profile's keys or its role session. */
  async credentials(profile: string, options: AssumeOptions = {}): Promise<AwsCredentials> {
    const found = this.lookup(profile);
    if (found.kind === 'keys') return keysOf(found);
    await this.assume(profile, options);
    return this.options.cache.get(roleKey(profile))!.credentials;
  }

  async end(profile: string): Promise<void> {
    await this.options.cache.remove(roleKey(profile));
    this.warned.delete(roleKey(profile));
    this.emit({ type: 'changed' });
  }

  /** Signs out of everything, MFA sessions included. */
  async endAll(): Promise<void> {
    await this.options.cache.clear();
    this.warned.clear();
    this.emit({ type: 'changed' });
  }

  /** GetCallerIdentity for a keys profile, or for a role's current session. */
  async identity(profile: string): Promise<Identity> {
    const found = this.lookup(profile);
    if (found.kind === 'keys') {
      return this.options.sts.getCallerIdentity({
        ...this.target(found, found.name),
        credentials: keysOf(found),
      });
    }
    if (found.kind === 'unusable') throw unusableProfile(found.name, found.reason);
    const session = this.options.cache.get(roleKey(profile));
    if (!session || session.credentials.expiration <= this.options.clock()) {
      throw new RoleTrayError(
        'Expired',
        `There is no active session for ${profile}; assume the role first.`,
        { profile },
      );
    }
    return this.options.sts.getCallerIdentity({
      ...this.target(found, profile),
      credentials: session.credentials,
    });
  }

  /**
   * Run periodically (the app: every 30 s): drops expired sessions, renews those close to expiry
   * when no code is needed, and emits `expiring` once for those that need the user.
   */
  async maintain(): Promise<void> {
    const now = this.options.clock();
    const margin = this.policy.refreshMarginSeconds * 1000;
    for (const session of this.options.cache.values()) {
      const remaining = session.credentials.expiration - now;
      if (remaining <= 0) {
        await this.options.cache.remove(session.key);
        this.warned.delete(session.key);
        if (session.kind === 'role') this.emit({ type: 'expired', profile: session.profile });
        this.emit({ type: 'changed' });
        continue;
      }
      if (session.kind !== 'role' || remaining > margin || !this.exists(session.profile)) continue;
      try {
        const renewed = await this.assume(session.profile, { interactive: false, renew: true });
        this.warned.delete(session.key);
        this.emit({ type: 'renewed', profile: session.profile, expiresAt: renewed.expiresAt });
      } catch (error) {
        if (this.warned.has(session.key)) continue;
        this.warned.add(session.key);
        const needsMfa = isRoleTrayError(error, 'MfaRequired');
        this.emit({
          type: 'expiring',
          profile: session.profile,
          expiresAt: session.credentials.expiration,
          needsMfa,
          ...(needsMfa ? {} : { error: error instanceof Error ? error.message : String(error) }),
        });
      }
    }
  }

  private exists(profile: string): boolean {
    return this.options
      .profiles()
      .some((candidate) => candidate.name === profile && candidate.kind === 'role');
  }

  private lookup(name: string): Profile {
    return profileNamed(this.options.profiles(), name);
  }

  private role(name: string): RoleProfile {
    const found = this.lookup(name);
    if (found.kind === 'role') return found;
    if (found.kind === 'unusable') throw unusableProfile(name, found.reason);
    throw new RoleTrayError(
      'ConfigError',
      `Profile ${name} holds keys, not a role: there is nothing to assume.`,
      { profile: name },
    );
  }

  private usable(session: CachedSession | undefined): session is CachedSession {
    return (
      !!session &&
      session.credentials.expiration - this.options.clock() > this.policy.minimumValiditySeconds * 1000
    );
  }

  private target(
    profile: { region?: string; stsEndpoint?: string },
    name: string,
  ): Omit<StsTarget, 'credentials'> {
    return {
      region: profile.region ?? DEFAULT_REGION,
      ...(profile.stsEndpoint ? { endpoint: profile.stsEndpoint } : {}),
      profile: name,
    };
  }

  /** A role's session: cached if still good (and MFA-backed when the chain needs MFA), else a new one. */
  private resolveRole(role: RoleProfile, context: Context): Promise<CachedSession> {
    const cached = this.options.cache.get(roleKey(role.name));
    if (this.usable(cached) && (!context.mfaSerial || cached.mfa)) return Promise.resolve(cached);
    return this.flights.run(`assume:${role.name}`, () => this.assumeFresh(role, context));
  }

  private async assumeFresh(role: RoleProfile, context: Context): Promise<CachedSession> {
    const mfaSerial = role.mfaSerial ?? context.mfaSerial;
    const source = role.source;
    // A source holding keys is used for its keys, even when it also has a role_arn (as the CLI does).
    if (source.kind === 'profile' && !role.sourceKeys) {
      const parentProfile = this.lookup(source.profile);
      if (parentProfile.kind === 'role') {
        const parent = await this.resolveRole(parentProfile, {
          ...context,
          ...(mfaSerial ? { mfaSerial } : {}),
        });
        return this.retryingStaleSource(parent.key, role, context, () =>
          this.assumeWith(role, parent.credentials, true, 'chain', parent.mfa),
        );
      }
    }
    const root = this.root(role);
    if (!mfaSerial) {
      return this.assumeWith(role, root.credentials, !!root.credentials.sessionToken, root.obtainedBy, false);
    }
    const requested = role.durationSeconds;
    const strategy = mfaStrategy(this.policy, requested ?? 3600, !!root.credentials.sessionToken);
    const request: MfaRequest = { serial: mfaSerial, profile: context.target, roleArn: role.roleArn };
    if (strategy === 'direct') {
      return this.withCode(context, request, (code) =>
        this.assumeWith(role, root.credentials, !!root.credentials.sessionToken, 'mfa-direct', true, {
          serial: mfaSerial,
          code,
        }),
      );
    }
    const mfaSession = await this.mfaSession(root, mfaSerial, context, request);
    return this.retryingStaleSource(mfaSession.key, role, context, () =>
      this.assumeWith(role, mfaSession.credentials, true, 'mfa-session', true),
    );
  }

  /** A cached source the STS no longer accepts (expired early, sandbox restarted) is dropped and the assume retried once. */
  private async retryingStaleSource(
    sourceKey: string,
    role: RoleProfile,
    context: Context,
    attempt: () => Promise<CachedSession>,
  ): Promise<CachedSession> {
    try {
      return await attempt();
    } catch (error) {
      const stale = isRoleTrayError(error, 'Expired') || isRoleTrayError(error, 'InvalidCredentials');
      if (!stale || context.retriedStaleSource) throw error;
      await this.options.cache.remove(sourceKey);
      return this.assumeFresh(role, { ...context, retriedStaleSource: true });
    }
  }

  private withCode<T>(
    context: Context,
    request: MfaRequest,
    use: (code: string) => Promise<T>,
    shareKey?: string,
  ): Promise<T> {
    if (!context.interactive) {
      throw new RoleTrayError(
        'MfaRequired',
        `${context.target} needs a code from ${request.serial} to renew.`,
        {
          profile: context.target,
        },
      );
    }
    return this.options.mfa.withCode(request, use, shareKey);
  }

  /** The MFA-backed GetSessionToken session for these keys and device, asking for a code if there is none. */
  private mfaSession(
    root: Root,
    serial: string,
    context: Context,
    request: MfaRequest,
  ): Promise<CachedSession> {
    const key = mfaKey(root.name, serial);
    const cached = this.options.cache.get(key);
    if (this.usable(cached)) return Promise.resolve(cached);
    return this.withCode(
      context,
      request,
      async (code) => {
        const now = this.options.clock();
        const credentials = await this.options.sts.getSessionToken({
          ...this.target(this.role(context.target), root.name),
          credentials: root.credentials,
          durationSeconds: this.policy.mfaSessionSeconds,
          mfa: { serial, code },
        });
        const session: CachedSession = {
          key,
          kind: 'mfa',
          profile: root.name,
          credentials: { ...credentials, sessionToken: credentials.sessionToken! },
          issuedAt: now,
          obtainedBy: 'session-token',
          mfa: true,
          mfaSerial: serial,
        };
        await this.options.cache.put(session);
        return session;
      },
      key,
    );
  }

  private root(role: RoleProfile): Root {
    if (role.source.kind === 'environment') {
      const {
        AWS_ACCESS_KEY_ID: accessKeyId,
        AWS_SECRET_ACCESS_KEY: secretAccessKey,
        AWS_SESSION_TOKEN: sessionToken,
      } = this.options.env;
      if (!accessKeyId || !secretAccessKey) {
        throw new RoleTrayError(
          'SourceCredentialsMissing',
          `${role.name} takes its keys from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.`,
          { profile: role.name },
        );
      }
      return {
        name: 'environment',
        credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
        obtainedBy: 'environment',
      };
    }
    if (role.sourceKeys)
      return { name: role.source.profile, credentials: role.sourceKeys, obtainedBy: 'keys' };
    const keys = this.lookup(role.source.profile);
    if (keys.kind === 'keys') return { name: keys.name, credentials: keysOf(keys), obtainedBy: 'keys' };
    throw new RoleTrayError(
      'SourceCredentialsMissing',
      `The source profile ${role.source.profile} of ${role.name} has no keys.`,
      {
        profile: role.name,
      },
    );
  }

  private async assumeWith(
    role: RoleProfile,
    credentials: AwsCredentials,
    chained: boolean,
    obtainedBy: ObtainedBy,
    mfa: boolean,
    code?: { serial: string; code: string },
  ): Promise<CachedSession> {
    const duration = hopDuration(role.durationSeconds, chained);
    const input = {
      ...this.target(role, role.name),
      credentials,
      roleArn: role.roleArn,
      sessionName: role.roleSessionName ?? defaultSessionName(this.options.userName),
      durationSeconds: duration.seconds,
      ...(role.externalId ? { externalId: role.externalId } : {}),
      ...(code ? { mfa: code } : {}),
    };
    const issuedAt = this.options.clock();
    let assumed: AssumedRole;
    let note = duration.note;
    try {
      assumed = await this.options.sts.assumeRole(input);
    } catch (error) {
      // The role's MaxSessionDuration is lower than asked: take AWS's default hour and say so.
      // (An MFA code cannot be reused, so this retry is only for calls without one.)
      const tooLong =
        isRoleTrayError(error, 'Validation') &&
        /exceeds the MaxSessionDuration/.test(error.info.awsMessage ?? '');
      if (!tooLong || duration.seconds <= 3600 || code) throw error;
      assumed = await this.options.sts.assumeRole({ ...input, durationSeconds: 3600 });
      note = maxDurationNote(duration.seconds);
    }
    const session: CachedSession = {
      key: roleKey(role.name),
      kind: 'role',
      profile: role.name,
      credentials: { ...assumed.credentials, sessionToken: assumed.credentials.sessionToken! },
      issuedAt,
      obtainedBy,
      mfa,
      ...(code ? { mfaSerial: code.serial } : {}),
      roleArn: role.roleArn,
      assumedRoleArn: assumed.assumedRoleArn,
      assumedRoleId: assumed.assumedRoleId,
      ...(note ? { durationNote: note } : {}),
    };
    await this.options.cache.put(session);
    this.warned.delete(session.key);
    this.emit({ type: 'changed' });
    return session;
  }
}

function keysOf(profile: KeysProfile): AwsCredentials {
  return {
    accessKeyId: profile.accessKeyId,
    secretAccessKey: profile.secretAccessKey,
    ...(profile.sessionToken ? { sessionToken: profile.sessionToken } : {}),
  };
}

function toInfo(session: CachedSession): SessionInfo {
  const roleArn = session.roleArn ?? '';
  return {
    profile: session.profile,
    roleArn,
    accountId: roleArn.split(':')[4] ?? '',
    roleName: roleArn.slice(roleArn.lastIndexOf('/') + 1),
    assumedRoleArn: session.assumedRoleArn ?? '',
    issuedAt: session.issuedAt,
    expiresAt: session.credentials.expiration,
    mfa: session.mfa,
    obtainedBy: session.obtainedBy,
    ...(session.durationNote ? { durationNote: session.durationNote } : {}),
  };
}
