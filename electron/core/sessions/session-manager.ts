import type { Identity, MfaSessionInfo, SessionEvent, SessionInfo } from '../../../shared/sessions';
import type { AwsCredentials, Clock } from '../credentials';
import { isRoleTrayError, RoleTrayError } from '../errors';
import type { ProfileDirectory } from '../profiles/profile-directory';
import { SingleFlight } from '../single-flight';
import { roleKey, type CachedSession, type CredentialCache } from './credential-cache';
import type { ProviderDeps } from './credential-provider';
import type { MfaCoordinator } from './mfa-coordinator';
import { roleChain } from './role-chain';
import { runCredentialProcess } from './credential-process';
import type { HeldKeysReader } from '../held-keys-store';
import { heldKeys, keysOf, ProcessSource, type RootResolver, type RunProcess } from './root-sources';
import { DEFAULT_POLICY, DEFAULT_ROLE_SECONDS, type SessionPolicy } from './session-policy';
import { ssoRoleCredentials, SsoRoleProvider, type SsoAccess } from './sso-role-provider';
import { ssoTargetOf } from '../sso/sso-target';
import type { SsoProfile } from '../profiles/profiles';
import { stillGood } from './session-validity';
import { stsTargetOf, type StsGateway } from './sts-gateway';

// The sessions core: assumes roles through their composed providers (role-chain.ts, with MFA per
// session-policy.ts), keeps what it gets in the credential cache, renews before expiry when no
// code is needed, and says so otherwise. The cache stays in here: the rest of main asks through
// the Sessions interface.

/** What the rest of main may ask of the sessions core. */
export interface Sessions {
  on(listener: (event: SessionEvent) => void): () => void;
  /** Active role sessions, without secrets. */
  sessions(): SessionInfo[];
  session(profile: string): SessionInfo | undefined;
  /** The role's session with more than `minimumMs` left (no STS call), with its credentials. */
  activeSession(profile: string, minimumMs?: number): ActiveSession | undefined;
  /** Whether the role's last session ran out (rather than being ended) and none replaced it yet. */
  hasLapsed(profile: string): boolean;
  assume(profile: string, options?: AssumeOptions): Promise<SessionInfo>;
  /** Credentials for main-process work: the profile's keys, or its role session (assumed if needed). */
  credentials(profile: string, options?: AssumeOptions): Promise<AwsCredentials>;
  /** Ends these profiles' sessions: one write, one `changed`. */
  end(...profiles: string[]): Promise<void>;
  /** Signs out of everything, MFA sessions included. */
  endAll(): Promise<void>;
  /** The MFA (GetSessionToken) sessions still good, one per device, without secrets. */
  mfaSessions(): MfaSessionInfo[];
  /**
   * Drops the device's MFA sessions from memory and the encrypted store: the next assume that
   * needs one asks for a code. Roles already assumed from them keep their sessions.
   */
  forgetMfaSession(device: string): Promise<void>;
  /** GetCallerIdentity for a keys profile, or for a role's current session. */
  identity(profile: string): Promise<Identity>;
  /** Drops expired sessions, renews those close to expiry, warns about the rest. */
  maintain(): Promise<void>;
}

/** A role session for main-process use: what the UI sees, and the credentials it must not. */
export interface ActiveSession {
  info: SessionInfo;
  credentials: AwsCredentials & { expiration: number; sessionToken: string };
  /** The assumed-role user STS named (the AWS CLI's cache records it). */
  assumedRole?: { arn: string; assumedRoleId: string };
  /** Whether AWS counts the session as role chaining (see CachedSession.chained); true when unknown. */
  chained: boolean;
}

export interface SessionManagerOptions {
  clock: Clock;
  profiles: ProfileDirectory;
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
  /** Runs a profile's credential_process; by default as the AWS CLI would, with a time limit. */
  runProcess?: RunProcess;
  /** The keys RoleTray holds (profiles whose credential_process asks RoleTray for themselves). */
  held: HeldKeysReader;
  /** IAM Identity Center: the sign-ins' tokens and the portal. */
  sso: SsoAccess;
  /** A role's duration when its profile has no duration_seconds; read at each assume. */
  defaultRoleSeconds?: () => number;
}

/** How long a credential_process may take: one that prompts on a terminal would never answer here. */
const PROCESS_TIMEOUT_MS = 60_000;

export interface AssumeOptions {
  /** false for background work: fail with MfaRequired instead of prompting. Default true. */
  interactive?: boolean;
  /** Get a new session even if the cached one is still good. */
  renew?: boolean;
}

export class SessionManager implements Sessions {
  private readonly policy: SessionPolicy;
  private readonly providers: ProviderDeps;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly warned = new Set<string>();
  private readonly roots: RootResolver;
  /** One source per credential_process profile and command, so what it printed is kept. */
  private readonly processes = new Map<string, ProcessSource>();

  constructor(private readonly options: SessionManagerOptions) {
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
    this.providers = {
      clock: options.clock,
      sts: options.sts,
      mfa: options.mfa,
      cache: options.cache,
      policy: this.policy,
      userName: options.userName,
      defaultRoleSeconds: options.defaultRoleSeconds ?? (() => DEFAULT_ROLE_SECONDS),
      flights: new SingleFlight(),
      stored: (session) => {
        this.warned.delete(session.key);
        this.emit({ type: 'changed' });
      },
    };
    const run: RunProcess =
      options.runProcess ??
      ((command, profile) =>
        runCredentialProcess(command, {
          profile,
          env: options.env,
          timeoutMs: PROCESS_TIMEOUT_MS,
          clock: options.clock,
        }));
    this.roots = {
      profiles: options.profiles,
      env: options.env,
      held: options.held,
      sso: (profile, login, endpoints) => {
        const listed = options.profiles.find(profile);
        // A listed SSO profile's own session (cached, shown, renewed); a source's SSO settings
        // (a profile listed as a role) are asked for at each new session of the chain.
        const credentials =
          listed?.kind === 'sso'
            ? async () =>
                (await this.ssoProvider(listed).session({ target: profile, interactive: false })).credentials
            : () => ssoRoleCredentials(options.sso, ssoTargetOf(login, endpoints), login);
        return { name: profile, origin: 'sso', temporary: true, credentials };
      },
      process: (profile, command) => {
        const key = `${profile}\n${command}`;
        let source = this.processes.get(key);
        if (!source) {
          source = new ProcessSource(profile, command, run, options.clock);
          this.processes.set(key, source);
        }
        return source;
      },
    };
  }

  on(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  sessions(): SessionInfo[] {
    const now = this.options.clock();
    return this.options.cache
      .values()
      .filter((session) => session.kind === 'role' && stillGood(session, now))
      .map((session) => this.info(session));
  }

  /** A role's view, naming the device of the MFA session it came from while that session lasts. */
  private info(session: CachedSession): SessionInfo {
    const from = this.mfaSessionOf(session);
    const device = stillGood(from, this.options.clock()) ? from!.mfaSerial : undefined;
    return { ...toInfo(session), ...(device ? { mfaSession: device } : {}) };
  }

  /** The MFA session a role was assumed from, if it is still the one cached (not a newer one). */
  private mfaSessionOf(role: CachedSession): CachedSession | undefined {
    const ref = role.fromMfaSession;
    const cached = ref ? this.options.cache.get(ref.key) : undefined;
    return cached && cached.issuedAt === ref!.issuedAt ? cached : undefined;
  }

  private liveMfaSessions(device?: string): CachedSession[] {
    const now = this.options.clock();
    return this.options.cache
      .values()
      .filter(
        (session) =>
          session.kind === 'mfa' &&
          stillGood(session, now) &&
          (device === undefined || session.mfaSerial === device),
      );
  }

  mfaSessions(): MfaSessionInfo[] {
    const now = this.options.clock();
    const roles = this.options.cache
      .values()
      .filter((session) => session.kind === 'role' && stillGood(session, now));
    const byDevice = new Map<string, MfaSessionInfo>();
    for (const session of this.liveMfaSessions()) {
      const device = session.mfaSerial ?? '';
      const entry = byDevice.get(device) ?? {
        device,
        sourceProfiles: [],
        issuedAt: session.issuedAt,
        expiresAt: session.credentials.expiration,
        roles: [],
      };
      entry.sourceProfiles.push(session.profile);
      entry.issuedAt = Math.min(entry.issuedAt, session.issuedAt);
      // Until the last of them lapses, an assume on this device may go without a code.
      entry.expiresAt = Math.max(entry.expiresAt, session.credentials.expiration);
      for (const role of roles) if (this.mfaSessionOf(role) === session) entry.roles.push(role.profile);
      byDevice.set(device, entry);
    }
    return [...byDevice.values()]
      .map((entry) => ({ ...entry, sourceProfiles: entry.sourceProfiles.sort(), roles: entry.roles.sort() }))
      .sort((a, b) => a.device.localeCompare(b.device));
  }

  async forgetMfaSession(device: string): Promise<void> {
    const sessions = this.liveMfaSessions(device);
    if (sessions.length === 0) {
      throw new RoleTrayError(
        'Validation',
        `There is no MFA session for ${device}: it has expired or was forgotten already.`,
      );
    }
    await this.options.cache.remove(...sessions.map((session) => session.key));
    this.emit({ type: 'changed' });
  }

  session(profile: string): SessionInfo | undefined {
    return this.activeSession(profile)?.info;
  }

  activeSession(profile: string, minimumMs = 0): ActiveSession | undefined {
    const session = this.options.cache.get(roleKey(profile));
    if (!stillGood(session, this.options.clock(), minimumMs)) return undefined;
    const { assumedRoleArn: arn, assumedRoleId } = session!;
    return {
      info: this.info(session!),
      credentials: session!.credentials,
      chained: session!.chained !== false,
      ...(arn && assumedRoleId ? { assumedRole: { arn, assumedRoleId } } : {}),
    };
  }

  hasLapsed(profile: string): boolean {
    const session = this.options.cache.get(roleKey(profile));
    return session !== undefined && !stillGood(session, this.options.clock());
  }

  private ssoProvider(profile: SsoProfile): SsoRoleProvider {
    return new SsoRoleProvider(this.providers, this.options.sso, {
      name: profile.name,
      login: profile.sso,
      endpoints: profile,
      sts: stsTargetOf(profile, profile.name),
    });
  }

  async assume(profile: string, options: AssumeOptions = {}): Promise<SessionInfo> {
    const found = this.options.profiles.get(profile);
    const chain =
      found.kind === 'sso'
        ? this.ssoProvider(found)
        : roleChain({ deps: this.providers, roots: this.roots }, this.options.profiles.role(profile));
    const context = { target: profile, interactive: options.interactive ?? true };
    const session = await (options.renew ? chain.renew(context) : chain.session(context));
    this.options.onAssumed?.(profile, this.options.clock());
    return this.info(session);
  }

  async credentials(profile: string, options: AssumeOptions = {}): Promise<AwsCredentials> {
    const found = this.options.profiles.get(profile);
    if (found.kind === 'keys') return keysOf(found);
    if (found.kind === 'process') return this.roots.process(found.name, found.command).credentials();
    if (found.kind === 'held') return heldKeys(found.name, this.options.held).credentials();
    await this.assume(profile, options);
    return this.options.cache.get(roleKey(profile))!.credentials;
  }

  /** Ends these profiles' sessions with one write and one `changed` (a sign-out ends hundreds). */
  async end(...profiles: string[]): Promise<void> {
    const keys = profiles.map(roleKey);
    await this.options.cache.remove(...keys);
    for (const key of keys) this.warned.delete(key);
    this.emit({ type: 'changed' });
  }

  async endAll(): Promise<void> {
    await this.options.cache.clear();
    this.warned.clear();
    this.emit({ type: 'changed' });
  }

  async identity(profile: string): Promise<Identity> {
    const found = this.options.profiles.usable(profile);
    if (found.kind !== 'role' && found.kind !== 'sso') {
      const credentials = await this.credentials(profile);
      return this.options.sts.getCallerIdentity({ ...stsTargetOf(found, found.name), credentials });
    }
    const session = this.activeSession(profile);
    if (!session) {
      throw new RoleTrayError(
        'Expired',
        `There is no active session for ${profile}; assume the role first.`,
        {
          profile,
        },
      );
    }
    return this.options.sts.getCallerIdentity({
      ...stsTargetOf(found, profile),
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
      if (!stillGood(session, now)) {
        await this.options.cache.remove(session.key);
        this.warned.delete(session.key);
        if (session.kind === 'role') this.emit({ type: 'expired', profile: session.profile });
        this.emit({ type: 'changed' });
        continue;
      }
      if (session.kind !== 'role' || stillGood(session, now, margin)) continue;
      const kind = this.options.profiles.find(session.profile)?.kind;
      if (kind !== 'role' && kind !== 'sso') continue;
      await this.renewInBackground(session);
    }
  }

  private async renewInBackground(session: CachedSession): Promise<void> {
    try {
      const renewed = await this.assume(session.profile, { interactive: false, renew: true });
      this.warned.delete(session.key);
      this.emit({ type: 'renewed', profile: session.profile, expiresAt: renewed.expiresAt });
    } catch (error) {
      if (this.warned.has(session.key)) return;
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
