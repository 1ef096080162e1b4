import { roleKey, type CredentialCache } from '../sessions/credential-cache';
import type { AwsCredentials, Clock } from '../credentials';
import { RoleTrayError } from '../errors';
import { profileNamed, unusableProfile } from '../profiles/profile-lookup';
import type { Profile } from '../profiles/profiles';
import type { SessionManager } from '../sessions/session-manager';

// Where the S3 browser gets a profile's credentials and endpoint. The renderer names a profile; the
// credentials stay here. A browser call needs an active session: with none it says so (the UI
// offers renewal in place) rather than quietly assuming a role the user ended. Work already under
// way (a long listing, a folder download) renews instead, prompting for MFA when it must.

export interface S3Target {
  region: string;
  /** The profile's S3 endpoint_url; undefined for AWS's own. */
  endpoint?: string;
  /** For ARNs: aws, aws-cn, aws-us-gov. */
  partition: string;
}

export interface S3Sessions {
  target(profile: string): S3Target;
  /** The active session's credentials (or a keys profile's keys). */
  credentials(profile: string): Promise<AwsCredentials>;
  /** New credentials after `expired` stopped working; may prompt for an MFA code. */
  renew(profile: string, expired?: AwsCredentials): Promise<AwsCredentials>;
}

export interface S3SessionsDeps {
  manager: Pick<SessionManager, 'credentials' | 'assume'>;
  cache: Pick<CredentialCache, 'get'>;
  profiles: () => Profile[];
  clock: Clock;
}

const DEFAULT_REGION = 'us-east-1';
/** Below this much life left the manager is asked (it renews); above it the cached session is used as is. */
const FRESH_ENOUGH_MS = 60_000;

export function createS3Sessions({ manager, cache, profiles, clock }: S3SessionsDeps): S3Sessions {
  const lookup = (name: string): Profile => profileNamed(profiles(), name);

  const current = (profile: string) => cache.get(roleKey(profile))?.credentials;

  return {
    target(name) {
      const profile = lookup(name);
      if (profile.kind === 'unusable') throw unusableProfile(name, profile.reason);
      return {
        region: profile.region ?? DEFAULT_REGION,
        ...(profile.s3Endpoint ? { endpoint: profile.s3Endpoint } : {}),
        partition: profile.kind === 'role' ? profile.partition : 'aws',
      };
    },

    async credentials(name) {
      if (lookup(name).kind !== 'role') return manager.credentials(name);
      const session = current(name);
      const now = clock();
      if (!session) {
        throw new RoleTrayError('Expired', `There is no active session for ${name}; assume the role first.`, {
          profile: name,
        });
      }
      if (session.expiration <= now) {
        throw new RoleTrayError(
          'Expired',
          `The session for ${name} has expired; renew it to keep browsing.`,
          {
            profile: name,
          },
        );
      }
      // The common case costs a map lookup: the manager's path would also record "last used" on disk.
      if (session.expiration - now > FRESH_ENOUGH_MS) return session;
      return manager.credentials(name);
    },

    async renew(name, expired) {
      if (lookup(name).kind !== 'role') {
        throw new RoleTrayError(
          'Expired',
          `The keys of ${name} have expired; update them in your credentials file.`,
          {
            profile: name,
          },
        );
      }
      // Another call may have renewed it already (concurrent renewals share one assume anyway).
      const session = current(name);
      if (
        session &&
        session.accessKeyId !== expired?.accessKeyId &&
        session.expiration - clock() > FRESH_ENOUGH_MS
      ) {
        return session;
      }
      await manager.assume(name, { renew: true });
      return current(name)!;
    },
  };
}
