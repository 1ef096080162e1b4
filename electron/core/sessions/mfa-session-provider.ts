import { stillGood } from './session-validity';
import { mfaKey, type CachedSession } from './credential-cache';
import { withMfaCode, type CredentialProvider, type ProviderDeps } from './credential-provider';
import type { MfaRequest } from './mfa-coordinator';
import type { RootSource } from './root-sources';
import type { StsTarget } from './sts-gateway';

// The MFA-backed GetSessionToken session for one root source and device: one code buys it, and
// every role on those keys and that device is assumed from it until it lapses (session-policy.ts).

export function mfaSessionProvider(
  deps: ProviderDeps,
  root: RootSource,
  request: MfaRequest,
  /** Where the call goes: the requested role's region and STS endpoint. */
  target: Omit<StsTarget, 'credentials' | 'profile'>,
): CredentialProvider {
  const key = mfaKey(root.name, request.serial);
  const provided = (session: CachedSession) =>
    ({
      credentials: session.credentials,
      mfa: true,
      origin: 'mfa-session',
      fromMfaSession: { key, issuedAt: session.issuedAt },
    }) as const;
  return {
    provide: async (context) => {
      const cached = deps.cache.get(key);
      if (stillGood(cached, deps.clock(), deps.policy.minimumValiditySeconds * 1000))
        return provided(cached!);
      const session = await withMfaCode(
        deps,
        context,
        request,
        async (code) => {
          const now = deps.clock();
          const credentials = await deps.sts.getSessionToken({
            ...target,
            profile: root.name,
            credentials: await root.credentials(),
            durationSeconds: deps.policy.mfaSessionSeconds,
            mfa: { serial: request.serial, code },
          });
          const session: CachedSession = {
            key,
            kind: 'mfa',
            profile: root.name,
            credentials: { ...credentials, sessionToken: credentials.sessionToken! },
            issuedAt: now,
            obtainedBy: 'session-token',
            mfa: true,
            mfaSerial: request.serial,
          };
          await deps.cache.put(session);
          // The MFA sessions list shows it at once, even if the AssumeRole on it then fails.
          deps.stored(session);
          return session;
        },
        key,
      );
      return provided(session);
    },
    forget: () => deps.cache.remove(key),
  };
}
