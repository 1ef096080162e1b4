import { readFile } from 'node:fs/promises';
import type { AwsCredentials } from '../credentials';
import { isRoleTrayError, RoleTrayError } from '../errors';
import type { RoleProfile } from '../profiles/profiles';
import { roleKey, type CachedSession } from './credential-cache';
import {
  withMfaCode,
  type CredentialProvider,
  type ProvidedCredentials,
  type ProviderContext,
  type ProviderDeps,
} from './credential-provider';
import type { MfaRequest } from './mfa-coordinator';
import { DEFAULT_ROLE_SECONDS, defaultSessionName, hopDuration, maxDurationNote } from './session-policy';
import { stillGood } from './session-validity';
import type { AssumedRole, StsTarget } from './sts-gateway';

// One AssumeRole hop: the role's session, cached while it is still good, else assumed with what
// the provider below it gives (root keys, an MFA session, or the previous role's session).

export interface AssumeRoleHop {
  role: RoleProfile;
  /**
   * Where its AssumeRole goes: the requested profile's region and STS endpoint, for every hop of
   * the chain, as the AWS CLI does (a hop's own region and endpoint_url are not read).
   */
  sts: Pick<StsTarget, 'region' | 'endpoint'>;
  /** What this hop signs with; read only when a new session is needed. */
  source: () => HopSource | Promise<HopSource>;
  /** A cached session is reused only if an MFA code stands behind it (a role above needs one). */
  requireMfa: boolean;
}

export type HopSource =
  | {
      provider: CredentialProvider;
      /** The MFA device whose code goes with this AssumeRole itself ('direct' strategy). */
      directMfa?: MfaRequest;
    }
  /** AssumeRoleWithWebIdentity with the token this file holds when the call is made. */
  | { tokenFile: string };

export class AssumeRoleProvider implements CredentialProvider {
  constructor(
    private readonly deps: ProviderDeps,
    private readonly hop: AssumeRoleHop,
  ) {}

  private get key(): string {
    return roleKey(this.hop.role.name);
  }

  /** The cached session if still good (and MFA-backed when required), else a new one. */
  session(context: ProviderContext): Promise<CachedSession> {
    const cached = this.deps.cache.get(this.key);
    const minimum = this.deps.policy.minimumValiditySeconds * 1000;
    if (stillGood(cached, this.deps.clock(), minimum) && (!this.hop.requireMfa || cached!.mfa)) {
      return Promise.resolve(cached!);
    }
    return this.renew(context);
  }

  /** A new session even if the cached one is still good; concurrent callers share one assume. */
  renew(context: ProviderContext): Promise<CachedSession> {
    return this.deps.flights.run(`assume:${this.hop.role.name}`, () => this.obtain(context));
  }

  async provide(context: ProviderContext): Promise<ProvidedCredentials> {
    const session = await this.session(context);
    return {
      credentials: session.credentials,
      mfa: session.mfa,
      origin: 'chain',
      ...(session.fromMfaSession ? { fromMfaSession: session.fromMfaSession } : {}),
    };
  }

  forget(): Promise<void> {
    return this.deps.cache.remove(this.key);
  }

  private async obtain(context: ProviderContext): Promise<CachedSession> {
    const from = await this.hop.source();
    if ('tokenFile' in from) return this.assumeWithToken(from.tokenFile);
    const { provider: source, directMfa } = from;
    const provided = await source.provide(context);
    try {
      if (!directMfa) return await this.assumeWith(provided);
      return await withMfaCode(this.deps, context, directMfa, (code) =>
        this.assumeWith(provided, { serial: directMfa.serial, code }),
      );
    } catch (error) {
      // A cached source STS no longer accepts is dropped and the assume tried once more.
      const stale = isRoleTrayError(error, 'Expired') || isRoleTrayError(error, 'InvalidCredentials');
      if (!stale || !source.forget || context.retriedStaleSource) throw error;
      await source.forget();
      return this.obtain({ ...context, retriedStaleSource: true });
    }
  }

  /** The token is read at each call: whatever writes the file (a CI runner, kubelet) renews it. */
  private async assumeWithToken(tokenFile: string): Promise<CachedSession> {
    const { role } = this.hop;
    let token: string;
    try {
      token = (await readFile(tokenFile, 'utf8')).trim();
    } catch (error) {
      throw new RoleTrayError(
        'SourceCredentialsMissing',
        `RoleTray cannot read the web identity token of ${role.name} from ${tokenFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        { profile: role.name },
      );
    }
    const issuedAt = this.deps.clock();
    const assumed = await this.deps.sts.assumeRoleWithWebIdentity({
      ...this.hop.sts,
      profile: role.name,
      roleArn: role.roleArn,
      sessionName: role.roleSessionName ?? defaultSessionName(this.deps.userName),
      webIdentityToken: token,
      tokenFile,
      durationSeconds: DEFAULT_ROLE_SECONDS,
    });
    return this.store(assumed, issuedAt, { obtainedBy: 'web-identity', mfa: false, chained: false });
  }

  private async assumeWith(
    provided: ProvidedCredentials,
    code?: { serial: string; code: string },
  ): Promise<CachedSession> {
    const { role } = this.hop;
    const { credentials } = provided;
    // AWS caps sessions assumed with temporary credentials (chains, MFA sessions) at 1 h.
    const duration = hopDuration(
      role.durationSeconds ?? this.deps.defaultRoleSeconds(),
      !!credentials.sessionToken,
      role.durationSeconds === undefined ? 'setting' : 'profile',
    );
    const input = {
      ...this.hop.sts,
      profile: role.name,
      credentials,
      roleArn: role.roleArn,
      sessionName: role.roleSessionName ?? defaultSessionName(this.deps.userName),
      durationSeconds: duration.seconds,
      ...(role.externalId ? { externalId: role.externalId } : {}),
      ...(code ? { mfa: code } : {}),
    };
    const issuedAt = this.deps.clock();
    let assumed: AssumedRole;
    let note = duration.note;
    try {
      assumed = await this.deps.sts.assumeRole(input);
    } catch (error) {
      // The role's MaxSessionDuration is lower than asked: take AWS's default hour and say so.
      // (An MFA code cannot be reused, so this retry is only for calls without one.)
      const tooLong =
        isRoleTrayError(error, 'Validation') &&
        /exceeds the MaxSessionDuration/.test(error.info.awsMessage ?? '');
      if (!tooLong || duration.seconds <= 3600 || code) throw error;
      assumed = await this.deps.sts.assumeRole({ ...input, durationSeconds: 3600 });
      note = maxDurationNote(duration.seconds, role.durationSeconds === undefined ? 'setting' : 'profile');
    }
    return this.store(assumed, issuedAt, {
      obtainedBy: code ? 'mfa-direct' : provided.origin,
      mfa: !!code || provided.mfa,
      chained: !!credentials.sessionToken,
      ...(code ? { mfaSerial: code.serial } : {}),
      ...(!code && provided.fromMfaSession ? { fromMfaSession: provided.fromMfaSession } : {}),
      ...(note ? { durationNote: note } : {}),
    });
  }

  private async store(
    assumed: AssumedRole,
    issuedAt: number,
    how: Pick<
      CachedSession,
      'obtainedBy' | 'mfa' | 'mfaSerial' | 'fromMfaSession' | 'durationNote' | 'chained'
    >,
  ): Promise<CachedSession> {
    const session: CachedSession = {
      key: this.key,
      kind: 'role',
      profile: this.hop.role.name,
      credentials: temporary(assumed.credentials),
      issuedAt,
      ...how,
      roleArn: this.hop.role.roleArn,
      assumedRoleArn: assumed.assumedRoleArn,
      assumedRoleId: assumed.assumedRoleId,
    };
    await this.deps.cache.put(session);
    this.deps.stored(session);
    return session;
  }
}

function temporary(credentials: AwsCredentials & { expiration: number }) {
  return { ...credentials, sessionToken: credentials.sessionToken! };
}
