import type { SessionOrigin } from '../../../shared/sessions';
import type { AwsCredentials, Clock } from '../credentials';
import { RoleTrayError } from '../errors';
import type { SingleFlight } from '../single-flight';
import type { CachedSession, CredentialCache, MfaSessionRef } from './credential-cache';
import type { MfaCoordinator, MfaRequest } from './mfa-coordinator';
import type { RootSource } from './root-sources';
import type { SessionPolicy } from './session-policy';
import type { StsGateway } from './sts-gateway';

// Credential providers compose, the way aws-vault's do: a root source (root-sources.ts), then
// optionally an MFA session on it (mfa-session-provider.ts), then one AssumeRole hop per role in
// the chain (assume-role-provider.ts), each asking the one below for what it signs with.
// role-chain.ts puts them together for a profile.

/** The request being served, passed down the chain. */
export interface ProviderContext {
  /** The profile the user asked for (named in MFA prompts and errors). */
  target: string;
  /** false for background work: fail with MfaRequired instead of prompting. */
  interactive: boolean;
  /** Set once a stale cached source has been dropped, so that happens at most once. */
  retriedStaleSource?: boolean;
}

export interface ProvidedCredentials {
  credentials: AwsCredentials;
  /** Whether an MFA code stands behind them. */
  mfa: boolean;
  /** What a role assumed with them is obtained by. */
  origin: SessionOrigin;
  /** The MFA session they come from, directly or down a chain. */
  fromMfaSession?: MfaSessionRef;
}

export interface CredentialProvider {
  provide(context: ProviderContext): Promise<ProvidedCredentials>;
  /**
   * Drops what it cached after STS refused it (expired early, the sandbox restarted), so the next
   * provide() obtains anew. Absent where nothing is cached: retrying would send the same keys.
   */
  forget?(): Promise<void>;
}

/** What the providers share: the STS client, the cache, the prompt and the policy. */
export interface ProviderDeps {
  clock: Clock;
  sts: StsGateway;
  mfa: MfaCoordinator;
  cache: CredentialCache;
  policy: SessionPolicy;
  /** Goes into the default RoleSessionName. */
  userName: string;
  /** A role's duration when its profile has no duration_seconds (the app's setting; AWS's 1 h by default). */
  defaultRoleSeconds: () => number;
  /** One assume per role at a time; callers meanwhile share it. */
  flights: SingleFlight;
  /** Called after each new session, role or MFA, is cached (the manager tells its listeners). */
  stored(session: CachedSession): void;
}

/** The root source as a provider: its credentials, no MFA. */
export function rootProvider(root: RootSource): CredentialProvider {
  return {
    provide: async () => ({ credentials: await root.credentials(), mfa: false, origin: root.origin }),
    // A source that keeps what it got (a credential_process) gets anew once STS refuses it.
    ...(root.forget ? { forget: async () => root.forget!() } : {}),
  };
}

/** Runs `use` with a code from the MFA prompt; background work fails with MfaRequired instead. */
export function withMfaCode<T>(
  deps: Pick<ProviderDeps, 'mfa'>,
  context: ProviderContext,
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
  return deps.mfa.withCode(request, use, shareKey);
}
